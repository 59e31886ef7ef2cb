import { parseSelectionCriteria, selectsLogGroup, type SelectionCriteria } from './selection-criteria.js';
import type { AccountPolicyRecord, AccountPolicyType, LogsState } from './state.js';

/** The account policies of one type, by name (created on first use: older worlds lack them). */
export function accountPoliciesOf(logs: LogsState, type: AccountPolicyType): Record<string, AccountPolicyRecord> {
  const all = (logs.accountPolicies ??= {});
  return (all[type] ??= {});
}

/** Whether the account has any policy of this type (cheap: no criteria parsed). */
export function hasAccountPolicies(logs: LogsState, type: AccountPolicyType): boolean {
  const policies = logs.accountPolicies?.[type];
  return policies !== undefined && Object.keys(policies).length > 0;
}

const parsed = new Map<string, SelectionCriteria>();

/** Criteria strings are few and read on every ingestion: parse each once. */
function criteriaOf(policy: AccountPolicyRecord): SelectionCriteria | undefined {
  const text = policy.selectionCriteria;
  if (text === undefined) return undefined;
  let criteria = parsed.get(text);
  if (!criteria) {
    if (parsed.size >= 500) parsed.clear();
    criteria = parseSelectionCriteria(text);
    parsed.set(text, criteria);
  }
  return criteria;
}

/** The account policies of a type whose selection criteria select the log group, in name order. */
export function accountPoliciesCovering(logs: LogsState, type: AccountPolicyType, logGroupName: string): AccountPolicyRecord[] {
  if (!hasAccountPolicies(logs, type)) return [];
  return Object.values(logs.accountPolicies![type]!)
    .filter((p) => selectsLogGroup(criteriaOf(p), logGroupName))
    .sort((a, b) => (a.policyName < b.policyName ? -1 : a.policyName > b.policyName ? 1 : 0));
}
