import { scopeJson } from './plan-json.js';
import type { RuleResult, Violation } from '../guardrails/types.js';
import { guardrailSummary } from '../guardrails/diagnostics.js';
import { formatAddress, type Address } from '../model/address.js';
import { hasErrors, type Diagnostic } from '../model/diagnostics.js';
import { failed, renderDiagnostics } from './plan-text.js';
import type { Style } from './values.js';

/** What the audit renderers need: the rules' results over the target, and who manages what. */
export interface AuditView {
  target: string;
  results: RuleResult[];
  /** Resources read (nested ones included), and how many of the top-level ones are unmanaged. */
  resources: number;
  unmanaged: number;
  /** Whether a violating resource is declared or owned (managed) — account-level violations have none. */
  isManaged(address: Address, scope?: string): boolean;
  readCalls: Record<string, number>;
  diagnostics: Diagnostic[];
}

/** Version of the `audit --json` document (README documents every member). */
export const AUDIT_FORMAT_VERSION = '1.0';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A violation as the report shows it: the rule first, where it points, and whether it is managed. */
function violationDiagnostic(v: Violation, view: AuditView): Diagnostic {
  const detail = v.address && !view.isManaged(v.address, v.scope) ? 'unmanaged: neither declared in the manifests nor owned by logwarden' : undefined;
  const where = v.scope ? ` (in ${v.scope.replace('/', ' ')})` : '';
  return { severity: v.severity, summary: `guardrail ${v.rule}${where}: ${v.message}`, ...(detail ? { detail } : {}), ...(v.source ? { source: v.source } : {}), ...(v.address ? { address: v.address } : {}) };
}

/** The audit as text: target first, every violation, and a verdict line. */
export function renderAuditText(view: AuditView, s: Style): string {
  const lines = [`Target: ${view.target}`, ''];
  const errors = view.diagnostics.filter((d) => d.severity === 'error').length;
  if (errors) return `${[...lines, ...renderDiagnostics(view.diagnostics, s), failed(errors, 'audited')].join('\n')}\n`;
  const violations = view.results.flatMap((r) => r.violations);
  lines.push(...renderDiagnostics([...view.diagnostics, ...violations.map((v) => violationDiagnostic(v, view))], s));
  const n = guardrailSummary(view.results);
  const scope = `${plural(n.rules, 'rule')} over ${plural(view.resources, 'resource')} (${view.unmanaged} unmanaged)`;
  const found = [n.errors ? plural(n.errors, 'error') : '', n.warnings ? plural(n.warnings, 'warning') : ''].filter(Boolean).join(' and ') || 'no violations';
  lines.push(n.errors ? s.remove(`Not compliant: ${scope}: ${found}.`) : s.add(`Compliant: ${scope}, ${found}.`));
  return `${lines.join('\n')}\n`;
}

/** The machine-readable audit. */
export function renderAuditJson(view: AuditView): string {
  const errored = hasErrors(view.diagnostics);
  const n = guardrailSummary(view.results);
  const doc = {
    format_version: AUDIT_FORMAT_VERSION,
    target: view.target,
    errored,
    compliant: errored ? null : n.errors === 0,
    summary: errored ? null : { rules: n.rules, resources: view.resources, unmanaged: view.unmanaged, errors: n.errors, warnings: n.warnings },
    rules: view.results.map((r) => ({ rule: r.rule, severity: r.severity, checked: r.checked, violations: r.violations.length })),
    violations: view.results.flatMap((r) =>
      r.violations.map((v) => ({
        ...scopeJson(v.scope),
        rule: v.rule,
        severity: v.severity,
        address: v.address ? formatAddress(v.address) : null,
        kind: v.address?.kind ?? null,
        name: v.address?.name ?? null,
        managed: v.address ? view.isManaged(v.address, v.scope) : null,
        message: v.message,
        source: v.source ?? null,
      })),
    ),
    read_calls: view.readCalls,
    diagnostics: view.diagnostics,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
