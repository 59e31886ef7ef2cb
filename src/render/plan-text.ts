import type { PlanCost } from '../cost/estimate.js';
import { guardrailSummary } from '../guardrails/diagnostics.js';
import type { RuleResult } from '../guardrails/types.js';
import { kindSpec, parentOf } from '../kinds/index.js';
import { formatAddress } from '../model/address.js';
import type { Diagnostic } from '../model/diagnostics.js';
import type { Externals } from '../model/resources.js';
import { formatSource } from '../model/diagnostics.js';
import { ACTION_SYMBOL, acts, type Change } from '../model/change.js';
import type { PartialPlan } from '../state/saved-plan.js';
import { costItemLine, costSummary, priceBasis } from './cost-text.js';
import { diffLines, valueLines, type Style } from './values.js';

/** One scope of a plan across several: its key (changes name it), how to name it, and a read failure. */
export interface ScopeView {
  key: string;
  label: string;
  error?: string;
}

/** The manifests' externals of a scope, which a simulation against an endpoint or AWS takes on trust. */
export interface AssumedExternals {
  scope?: string;
  externals: Externals;
}

/** What the text renderer needs of a plan; `scopes` when it spans several (changes name theirs). */
export interface PlanView {
  /** Against an endpoint or AWS: what the simulation assumed exists. */
  assumed?: AssumedExternals[];
  target: string;
  changes: Change[];
  diagnostics: Diagnostic[];
  scopes?: ScopeView[];
  /** What the changes do to stored data and the bill (src/cost/). */
  cost?: PlanCost;
  /** The manifests' guardrails over the desired state. */
  guardrails?: RuleResult[];
  /** A plan of some resources only (`--only`). */
  partial?: PartialPlan;
}

const HEADLINE: Record<Change['action'], string> = {
  create: 'will be created',
  update: 'will be updated in place',
  replace: 'must be replaced',
  delete: 'will be destroyed',
  'no-op': 'is unchanged',
};

/** Counts by action, as the summary line and `--detailed-exitcode` read them. */
export function summarize(changes: Change[]) {
  const count = (a: Change['action']) => changes.filter((c) => c.action === a).length;
  return { add: count('create'), change: count('update'), replace: count('replace'), destroy: count('delete'), adopt: changes.filter((c) => c.adopt).length };
}

/** The whole plan as text, Terraform's way: target first, one block per changed resource, a summary. */
export function renderPlanText(plan: PlanView, s: Style): string {
  const lines = [`Target: ${plan.target}`, ...(plan.partial ? [s.change(partialLine(plan.partial))] : []), ''];
  // with errors there is no plan, so no verdict on it: only what is wrong
  const errors = plan.diagnostics.filter((d) => d.severity === 'error').length;
  if (errors) return `${[...lines, ...renderDiagnostics(plan.diagnostics, s), failed(errors, 'planned')].join('\n')}\n`;
  const changed = plan.changes.filter(acts);
  const failures = (plan.scopes ?? []).filter((v) => v.error);
  if (changed.length === 0 && failures.length === 0) {
    lines.push('No changes. The target matches the manifests.');
  } else {
    if (plan.scopes) lines.push(...fleetBlocks(plan.scopes, changed, s));
    else {
      lines.push('logwarden will perform the following actions:', '');
      for (const c of changed) lines.push(...changeBlock(c, s), '');
    }
    lines.push(...costLines(plan), s.bold(planLine(plan.changes)), ...costSummaryLines(plan));
  }
  if (plan.guardrails?.length) lines.push(guardrailLine(plan.guardrails));
  if (plan.assumed?.length) lines.push('', ...assumedLines(plan.assumed, s));
  if (plan.diagnostics.length) lines.push('', ...renderDiagnostics(plan.diagnostics, s));
  return `${lines.join('\n')}\n`;
}

/**
 * `Plan: 1 to add, 0 to change, 0 to replace, 0 to destroy. (1 to adopt)`, and how many of the
 * changes rules make and protection records state learns.
 */
export function planLine(changes: Change[]): string {
  const n = summarize(changes);
  const byRules = changes.filter((c) => c.rules?.length && c.action !== 'no-op').length;
  const protection = changes.filter((c) => c.protection).length;
  const notes = [n.adopt ? `${n.adopt} to adopt` : '', byRules ? `${byRules} with logGroupRules settings` : '', protection ? `${protection} protection change${protection === 1 ? '' : 's'} to record` : ''].filter(Boolean);
  return `Plan: ${n.add} to add, ${n.change} to change, ${n.replace} to replace, ${n.destroy} to destroy.${notes.length ? ` (${notes.join(', ')})` : ''}`;
}

/** The line under the target of a partial plan: what it covers, and what it leaves for later. */
export function partialLine(p: PartialPlan): string {
  const left = p.leftOut === 0 ? 'nothing else changes' : `${p.leftOut} other change${p.leftOut === 1 ? ' is' : 's are'} left out`;
  return `Partial plan (--only ${p.only.join(', ')}): these resources and what they need; ${left}.`;
}

/** What the changes do to stored data (a block before the summary) and to the bill (a line after it). */
const costLines = (plan: PlanView): string[] => (plan.cost?.items.length ? [`Cost impact (${priceBasis(plan.cost)}):`, ...plan.cost.items.map((i) => `  ${costItemLine(i)}`), ''] : []);
function costSummaryLines(plan: PlanView): string[] {
  const cost = plan.cost && costSummary(plan.cost);
  return cost ? [`Cost: ${cost}.`] : [];
}

/** What the simulation took on trust: the manifests' externals, which only the target can confirm. */
function assumedLines(assumed: AssumedExternals[], s: Style): string[] {
  const lines = [s.dim('Assumed to exist (the manifests\' externals: the simulation took them on trust; the target checks them when the calls run):')];
  for (const { scope, externals } of assumed) {
    const where = scope ? `${scope.replace('/', ' ')}: ` : '';
    for (const [kind, list] of Object.entries(externals) as [string, (string | { arn: string; enabled: boolean })[]][]) {
      const shown = list.map((x) => (typeof x === 'string' ? x : `${x.arn}${x.enabled ? '' : ' (disabled)'}`));
      if (shown.length) lines.push(s.dim(`  ${where}${kind}: ${shown.join(', ')}`));
    }
  }
  return lines;
}

/** `Guardrails: 4 rules checked, no violations.` or with the warnings (errors fail the plan). */
export function guardrailLine(results: RuleResult[]): string {
  const n = guardrailSummary(results);
  const found = [n.errors ? `${n.errors} error${n.errors === 1 ? '' : 's'}` : '', n.warnings ? `${n.warnings} warning${n.warnings === 1 ? '' : 's'}` : ''].filter(Boolean);
  return `Guardrails: ${n.rules} rule${n.rules === 1 ? '' : 's'} checked, ${found.length ? found.join(' and ') : 'no violations'}.`;
}

/** A plan across scopes: each scope under its own heading, in order, with its counts (or why it is missing). */
function fleetBlocks(scopes: ScopeView[], changed: Change[], s: Style): string[] {
  const lines: string[] = ['logwarden will perform the following actions:', ''];
  for (const scope of scopes) {
    const mine = changed.filter((c) => c.scope === scope.key);
    if (scope.error) {
      lines.push(s.bold(`── ${scope.label}`), `   ${s.remove('could not be read')}: ${scope.error}`, '   Nothing is planned there; the other scopes are planned as shown.', '');
      continue;
    }
    if (mine.length === 0) {
      lines.push(s.bold(`── ${scope.label}`), `   ${s.dim('no changes')}`, '');
      continue;
    }
    const n = summarize(mine);
    lines.push(s.bold(`── ${scope.label}`) + s.dim(`: ${n.add} to add, ${n.change} to change, ${n.replace} to replace, ${n.destroy} to destroy`), '');
    for (const c of mine) lines.push(...changeBlock(c, s), '');
  }
  return lines;
}

/** What happens to a resource; one re-created with its parent says so, and so does one a rule changes. */
function headlineOf(c: Change): string {
  const parent = c.reason === 'parent-replaced' ? parentOf(c.address) : undefined;
  const base = parent ? `will be created again: ${kindSpec(parent.kind).noun} ${JSON.stringify(parent.name)}, which it lives in, is replaced` : HEADLINE[c.action];
  const rules = c.rules?.length ? `${c.rules.length === 1 ? 'rule' : 'rules'} ${c.rules.join(', ')}` : '';
  if (c.unmanaged) return `${base} by ${rules} (unmanaged: only what the rules set)`;
  return rules && c.action === 'create' ? `${base}, with settings of ${rules}` : base;
}

/** What state learns of a group's protection, after the headline. */
const PROTECTION: Record<'on' | 'off', string> = {
  off: '; its events are unprotected from now on (protected: false, kept in state: deleting it needs no --allow-destroy)',
  on: '; its events are protected again (deleting it with data needs --allow-destroy)',
};

/** One resource's block: headline, `+ ~ - -/+` line, attributes (old -> new), folded rest. */
export function changeBlock(c: Change, s: Style): string[] {
  const color = c.action === 'create' ? s.add : c.action === 'delete' ? s.remove : s.change;
  const headline = c.action === 'no-op' && c.adopt ? 'will be adopted (already matches)' : headlineOf(c) + (c.adopt ? ', and adopted' : '');
  const out = [`  ${s.bold(`# ${formatAddress(c.address)}`)} ${headline}${c.protection ? PROTECTION[c.protection] : ''}`];
  const symbol = ACTION_SYMBOL[c.action].padStart(3);
  out.push(`${color(symbol)} ${formatAddress(c.address)} {`);
  if (c.action === 'create' || c.action === 'delete') {
    const value = (c.action === 'create' ? c.after : c.before) as Record<string, unknown>;
    const sign = c.action === 'create' ? '+' : '-';
    // sorted like the attributes of an update, whichever side (manifest or target) built the value
    const keys = Object.keys(value).sort();
    const width = Math.max(0, ...keys.map((k) => k.length));
    for (const k of keys) {
      const [first, ...rest] = valueLines(value[k], 6, sign, color);
      out.push(`      ${color(`${sign} ${k.padEnd(width)} = `)}${first}`, ...rest);
    }
  } else {
    const width = Math.max(0, ...c.attributes.map((a) => a.path.length));
    for (const a of c.attributes) {
      const [first, ...rest] = diffLines(a.diff, 6, s);
      const tail = a.forcesReplacement ? ` ${s.remove('# forces replacement')}` : a.rule ? ` ${s.dim(`# rule ${a.rule}`)}` : '';
      const sign = a.before === undefined ? s.add('+') : a.after === undefined ? s.remove('-') : s.change('~');
      out.push(`      ${sign} ${a.path.padEnd(width)} = ${first}${rest.length ? '' : tail}`, ...rest);
      if (rest.length && tail) out[out.length - 1] += tail;
    }
    const unchanged = Object.keys((c.after ?? {}) as object).length - c.attributes.filter((a) => a.after !== undefined).length;
    if (unchanged > 0) out.push(`        ${s.dim(`# (${unchanged} unchanged attribute${unchanged === 1 ? '' : 's'} hidden)`)}`);
  }
  out.push('    }');
  return out;
}

/** The closing line of a report that errors stopped: `2 errors; nothing was planned.` */
export const failed = (errors: number, what: string): string => `${errors} error${errors === 1 ? '' : 's'}; nothing was ${what}.`;

/** Diagnostics, all of them, each with where it points. */
export function renderDiagnostics(diagnostics: Diagnostic[], s: Style): string[] {
  return diagnostics.flatMap((d) => {
    const where = [d.source ? formatSource(d.source) : undefined, d.address ? formatAddress(d.address) : undefined].filter(Boolean).join(', ');
    const head = `${d.severity === 'error' ? s.remove('Error') : s.change('Warning')}: ${d.summary}`;
    return [head, ...(where ? [`  on ${where}`] : []), ...(d.detail ? [`  ${d.detail}`] : []), ''];
  });
}
