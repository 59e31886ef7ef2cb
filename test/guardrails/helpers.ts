import { evaluateGuardrails } from '../../src/guardrails/evaluate.js';
import type { RuleInstance, RuleResult } from '../../src/guardrails/types.js';
import type { ResourceSet } from '../../src/model/resources.js';

/** A built-in rule as the manifests would configure it: severity error, every name in scope. */
export const builtin = (name: string, parameters: Record<string, unknown> = {}, extra: Partial<RuleInstance> = {}): RuleInstance => ({
  name,
  severity: 'error',
  names: [],
  excludeNames: [],
  parameters,
  ...extra,
});

/** One rule's result over a resource set. */
export const resultOf = (rule: RuleInstance, resources: ResourceSet): RuleResult => evaluateGuardrails([rule], resources)[0]!;

/** What one rule finds, as `address: message` lines (account-level findings have no address). */
export function findings(rule: RuleInstance, resources: ResourceSet): string[] {
  return resultOf(rule, resources).violations.map((v) => `${v.address ? `${v.address.kind} ${v.address.name}` : '(account)'}: ${v.message}${v.member ? ` [${v.member}]` : ''}`);
}
