import { formatAddress } from '../model/address.js';
import { hasErrors, type Diagnostic } from '../model/diagnostics.js';
import { driftSummary, type DriftEntry, type DriftStatus } from '../plan/drift.js';
import { attributeJson, scopeJson } from './plan-json.js';
import { changeBlock, failed, renderDiagnostics, type ScopeView } from './plan-text.js';
import type { Style } from './values.js';

/** What the drift renderers need. */
export interface DriftView {
  target: string;
  entries: DriftEntry[];
  readCalls: Record<string, number>;
  diagnostics: Diagnostic[];
  /** A report across several scopes: each one's heading, or why it could not be read. */
  scopes?: ScopeView[];
  /** Unmanaged resources `--ignore` and `.driftignore` left out. */
  ignored?: number;
}

/** Version of the `drift --json` document (README documents every member). */
export const DRIFT_FORMAT_VERSION = '1.2';

const HEADLINE: Record<Exclude<DriftStatus, 'in-sync'>, string> = {
  changed: 'has changed outside logwarden (shown as the next apply would change it back)',
  missing: 'is missing: declared, but not in the target',
  orphaned: 'is owned by logwarden but no longer declared: the next apply destroys it',
  unmanaged: 'is unmanaged: neither declared nor owned; logwarden leaves it alone',
};

/** The drift report as text: target first, one block per drifted resource, a summary line. */
export function renderDriftText(view: DriftView, s: Style): string {
  const lines = [`Target: ${view.target}`, ''];
  const errors = view.diagnostics.filter((d) => d.severity === 'error').length;
  if (errors) return `${[...lines, ...renderDiagnostics(view.diagnostics, s), failed(errors, 'compared')].join('\n')}\n`;
  const n = driftSummary(view.entries);
  const failures = (view.scopes ?? []).filter((v) => v.error);
  if (!n.drifted && failures.length === 0) {
    lines.push(s.add(`No drift: ${n['in-sync']} resource${n['in-sync'] === 1 ? '' : 's'} in sync with the manifests.`));
    lines.push(...compliantLines(view.entries.filter((x) => x.compliant), s));
  } else {
    for (const scope of view.scopes ?? [undefined]) {
      if (scope) lines.push(s.bold(`── ${scope.label}`));
      if (scope?.error) lines.push(`   ${s.remove('could not be read')}: ${scope.error}`);
      const mine = view.entries.filter((x) => x.status !== 'in-sync' && x.scope === scope?.key);
      if (scope && !scope.error && mine.length === 0) lines.push(`   ${s.dim('no drift')}`);
      if (scope) lines.push('');
      // groups that comply with their rules last, one line each: what drifted leads
      for (const e of mine.filter((x) => !x.compliant)) lines.push(...entryLines(e, s), '');
      const compliant = mine.filter((x) => x.compliant);
      if (compliant.length) lines.push(...compliantLines(compliant, s), '');
    }
    lines.push(
      s.bold(`Drift: ${n.changed} changed, ${n.missing} missing, ${n.orphaned} orphaned, ${n.unmanaged} unmanaged; ${n['in-sync']} in sync.`),
    );
  }
  const notes = [
    n.compliant ? `${n.compliant} unmanaged log group${n.compliant === 1 ? ' complies' : 's comply'} with logGroupRules (not drift).` : '',
    view.ignored ? `${view.ignored} unmanaged resource${view.ignored === 1 ? '' : 's'} ignored (--ignore, .driftignore).` : '',
  ].filter(Boolean);
  if (notes.length) lines.push(notes.join(' '));
  if (view.diagnostics.length) lines.push('', ...renderDiagnostics(view.diagnostics, s));
  return `${lines.join('\n')}\n`;
}

/** Unmanaged groups that comply with their rules lead to no action: a line each, the first few, then how many more. */
const COMPLIANT_SHOWN = 20;
function compliantLines(entries: DriftEntry[], s: Style): string[] {
  const shown = entries.slice(0, COMPLIANT_SHOWN).flatMap((e) => entryLines(e, s));
  const more = entries.length - COMPLIANT_SHOWN;
  return more > 0 ? [...shown, s.dim(`  … and ${more} more unmanaged log group${more === 1 ? '' : 's'} complying with their rules (drift --json lists them all)`)] : shown;
}

function entryLines(e: DriftEntry, s: Style): string[] {
  const head = `  ${s.bold(`# ${formatAddress(e.address)}`)} ${e.rules ? ruleHeadline(e) : HEADLINE[e.status as Exclude<DriftStatus, 'in-sync'>]}`;
  const shown = e.change && (e.status === 'changed' || (e.rules && !e.compliant));
  return [head, ...(shown ? changeBlock(e.change!, s).slice(1) : [])];
}

/** An unmanaged group matched by rules, or a part of one a rule wants otherwise. */
function ruleHeadline(e: DriftEntry): string {
  const rules = `${e.rules!.length === 1 ? 'rule' : 'rules'} ${e.rules!.join(', ')}`;
  if (e.address.kind !== 'logGroup') return `breaks ${rules}, in an unmanaged log group (shown as the next apply would change it)`;
  if (e.compliant) return `is unmanaged, matches ${rules}: compliant`;
  return `is unmanaged, matches ${rules}: breaks ${e.rules!.length === 1 ? 'it' : 'them'}${e.change ? ' (shown as the next apply would change it)' : ''}`;
}

/** The machine-readable drift report. */
export function renderDriftJson(view: DriftView): string {
  const n = driftSummary(view.entries);
  const doc = {
    format_version: DRIFT_FORMAT_VERSION,
    target: view.target,
    errored: hasErrors(view.diagnostics),
    drifted: hasErrors(view.diagnostics) ? null : n.drifted,
    summary: hasErrors(view.diagnostics) ? null : { in_sync: n['in-sync'], changed: n.changed, missing: n.missing, orphaned: n.orphaned, unmanaged: n.unmanaged },
    ...(view.scopes && { scopes: view.scopes.map((v) => ({ ...scopeJson(v.key), error: v.error ?? null })) }),
    ignored: view.ignored ?? 0,
    resources: view.entries.map((e) => ({
      ...scopeJson(e.scope),
      address: formatAddress(e.address),
      kind: e.address.kind,
      name: e.address.name,
      status: e.status,
      rules: e.rules ?? [],
      compliant: e.compliant ?? null,
      target: e.change?.before ?? null,
      declared: e.change?.after ?? null,
      attributes: (e.change?.attributes ?? []).map(attributeJson),
    })),
    read_calls: view.readCalls,
    diagnostics: view.diagnostics,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
