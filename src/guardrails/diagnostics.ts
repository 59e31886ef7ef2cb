import type { Address } from '../model/address.js';
import type { Diagnostic, SourceRange } from '../model/diagnostics.js';
import type { RuleInstance, RuleResult } from './types.js';

/** Where a resource (or one of its members) is declared; undefined for what no manifest declares. */
export type SourceOf = (address: Address, member?: string) => SourceRange | undefined;

/**
 * Each violation located: at the resource's declaration (the member it is about, where declared),
 * or at the rule's own configuration for an account-level rule.
 */
export function locateViolations(results: readonly RuleResult[], sourceOf: SourceOf): RuleResult[] {
  return results.map((r) => ({
    ...r,
    violations: r.violations.map((v) => {
      const source = v.address ? sourceOf(v.address, v.member) : r.source;
      return source ? { ...v, source } : v;
    }),
  }));
}

/** Located violations as diagnostics, the rule named first (a custom rule's description as the detail). */
export function violationDiagnostics(results: readonly RuleResult[], rules: readonly RuleInstance[]): Diagnostic[] {
  const description = new Map(rules.map((r) => [r.name, r.description]));
  return results.flatMap((result) =>
    result.violations.map((v) => {
      const source = v.source;
      const detail = description.get(v.rule);
      return {
        severity: v.severity,
        summary: `guardrail ${v.rule}: ${v.message}`,
        ...(detail ? { detail } : {}),
        ...(source ? { source } : {}),
        ...(v.address ? { address: v.address } : {}),
      };
    }),
  );
}

/** Counts over rule results: how many rules ran, and how many errors and warnings they found. */
export function guardrailSummary(results: readonly RuleResult[]) {
  const violations = results.flatMap((r) => r.violations);
  return { rules: results.length, errors: violations.filter((v) => v.severity === 'error').length, warnings: violations.filter((v) => v.severity === 'warning').length };
}
