import { locateViolations, violationDiagnostics } from '../guardrails/diagnostics.js';
import { evaluateGuardrails } from '../guardrails/evaluate.js';
import type { RuleInstance, RuleResult } from '../guardrails/types.js';
import type { Diagnostic } from '../model/diagnostics.js';
import type { Desired } from '../manifest/resolve.js';
import { withoutFaulted } from './plan.js';

/**
 * The manifests' guardrails over their own desired state — every resource no error already faults —
 * with each violation as a diagnostic at the resource's declaration (or the rule's, account-wide).
 */
export function checkDesired(rules: readonly RuleInstance[], desired: Desired, diagnostics: readonly Diagnostic[]): { results: RuleResult[]; diagnostics: Diagnostic[] } {
  const results = locateViolations(evaluateGuardrails(rules, withoutFaulted(desired.resources, [...diagnostics])), desired.sourceOf);
  return { results, diagnostics: violationDiagnostics(results, rules) };
}
