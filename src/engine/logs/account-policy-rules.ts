import { AwsError } from '../errors.js';
import { criteriaOverlap, parseSelectionCriteria, type SelectionCriteria } from './selection-criteria.js';
import type { AccountPolicyRecord, AccountPolicyType } from './state.js';

/**
 * The documented limits of account policies per type and Region: one data protection and one
 * subscription filter policy; one transformer policy for every group or up to 20 scoped by
 * prefix; one field index policy for every group or up to 20 scoped by prefix, plus up to 20
 * scoped by data source; one metric extraction policy for every group or up to 5 scoped. Scoped
 * policies of a type never overlap (only one NOT IN list, since two always overlap).
 */
const SCOPED_LIMIT: Record<AccountPolicyType, number> = {
  DATA_PROTECTION_POLICY: 0,
  SUBSCRIPTION_FILTER_POLICY: 1,
  FIELD_INDEX_POLICY: 20,
  TRANSFORMER_POLICY: 20,
  METRIC_EXTRACTION_POLICY: 5,
};

/** The criteria forms each type accepts (from PutAccountPolicy's selectionCriteria documentation). */
const ACCEPTS: Record<AccountPolicyType, (c: SelectionCriteria) => boolean> = {
  DATA_PROTECTION_POLICY: () => false,
  SUBSCRIPTION_FILTER_POLICY: (c) => c.kind === 'list' && c.key === 'LogGroupName' && c.negated,
  TRANSFORMER_POLICY: (c) => c.kind === 'list' && c.key === 'LogGroupNamePrefix' && !c.negated,
  FIELD_INDEX_POLICY: (c) => c.kind === 'dataSource' || (c.key === 'LogGroupNamePrefix' && !c.negated),
  METRIC_EXTRACTION_POLICY: (c) => c.kind === 'list',
};

const SUPPORTED: Record<AccountPolicyType, string> = {
  DATA_PROTECTION_POLICY: 'no selection criteria',
  SUBSCRIPTION_FILTER_POLICY: 'LogGroupName NOT IN [...]',
  TRANSFORMER_POLICY: 'LogGroupNamePrefix IN [...]',
  FIELD_INDEX_POLICY: 'LogGroupNamePrefix IN [...], or DataSourceName = "..." AND DataSourceType = "..."',
  METRIC_EXTRACTION_POLICY: 'LogGroupName or LogGroupNamePrefix, IN [...] or NOT IN [...]',
};

// The wordings of these InvalidParameterExceptions were not found in AWS's output; unverified.
const invalid = (message: string) => new AwsError('InvalidParameterException', message);
const limitExceeded = () => new AwsError('LimitExceededException', 'Resource limit exceeded.');

/** The parsed criteria of a new policy of `type`, or undefined when it applies to every log group. */
export function checkSelectionCriteria(type: AccountPolicyType, criteria: string | undefined): SelectionCriteria | undefined {
  if (criteria === undefined) return undefined;
  if (Buffer.byteLength(criteria, 'utf8') > 25 * 1024) throw invalid('The selectionCriteria string can be up to 25KB in length.');
  const parsed = parseSelectionCriteria(criteria);
  if (!ACCEPTS[type](parsed)) throw invalid(`Selection criteria for ${type} supports only ${SUPPORTED[type]}.`);
  return parsed;
}

/**
 * Refuses a new policy that the type's limits leave no room for; replacing a policy of the same
 * name never counts against them. Data-source field index policies are a quota of their own.
 */
export function checkAccountPolicyQuota(
  type: AccountPolicyType,
  name: string,
  criteria: SelectionCriteria | undefined,
  existing: AccountPolicyRecord[],
): void {
  const bySource = (c: SelectionCriteria | undefined) => c?.kind === 'dataSource';
  const others = existing
    .filter((p) => p.policyName !== name)
    .map((p) => ({ policy: p, criteria: p.selectionCriteria === undefined ? undefined : parseSelectionCriteria(p.selectionCriteria) }))
    .filter((o) => bySource(o.criteria) === bySource(criteria));
  if (criteria === undefined || type === 'DATA_PROTECTION_POLICY' || type === 'SUBSCRIPTION_FILTER_POLICY') {
    if (others.length > 0) throw limitExceeded();
    return;
  }
  if (others.some((o) => o.criteria === undefined) || others.length >= SCOPED_LIMIT[type]) throw limitExceeded();
  const clash = others.find((o) => criteriaOverlap(criteria, o.criteria!));
  if (clash) {
    throw invalid(`The selection criteria overlap with those of the ${type} named ${clash.policy.policyName}.`);
  }
}
