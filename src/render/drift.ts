import { formatAddress } from '../model/address.js';
import { hasErrors, type Diagnostic } from '../model/diagnostics.js';
import { driftSummary, type DriftEntry, type DriftStatus } from '../plan/drift.js';
import { attributeJson } from './plan-json.js';
import { changeBlock, failed, renderDiagnostics } from './plan-text.js';
import type { Style } from './values.js';

/** What the drift renderers need. */
export interface DriftView {
  target: string;
  entries: DriftEntry[];
  readCalls: Record<string, number>;
  diagnostics: Diagnostic[];
}

/** Version of the `drift --json` document (README documents every member). */
export const DRIFT_FORMAT_VERSION = '1.1';

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
  if (!n.drifted) {
    lines.push(s.add(`No drift: ${n['in-sync']} resource${n['in-sync'] === 1 ? '' : 's'} in sync with the manifests.`));
  } else {
    for (const e of view.entries.filter((x) => x.status !== 'in-sync')) {
      const head = `  ${s.bold(`# ${formatAddress(e.address)}`)} ${HEADLINE[e.status as Exclude<DriftStatus, 'in-sync'>]}`;
      lines.push(head);
      if (e.status === 'changed' && e.change) lines.push(...changeBlock(e.change, s).slice(1));
      lines.push('');
    }
    lines.push(
      s.bold(`Drift: ${n.changed} changed, ${n.missing} missing, ${n.orphaned} orphaned, ${n.unmanaged} unmanaged; ${n['in-sync']} in sync.`),
    );
  }
  if (view.diagnostics.length) lines.push('', ...renderDiagnostics(view.diagnostics, s));
  return `${lines.join('\n')}\n`;
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
    resources: view.entries.map((e) => ({
      address: formatAddress(e.address),
      kind: e.address.kind,
      name: e.address.name,
      status: e.status,
      target: e.change?.before ?? null,
      declared: e.change?.after ?? null,
      attributes: (e.change?.attributes ?? []).map(attributeJson),
    })),
    read_calls: view.readCalls,
    diagnostics: view.diagnostics,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
