import type { Call } from '../call.js';
import { hasAccountPolicies } from './account-policy-store.js';
import { logGroupArn } from './lookup.js';
import type { LogGroupRecord } from './state.js';

/** The `LogGroup` structure of DescribeLogGroups, members in the model's order. */
export interface LogGroupView {
  logGroupName: string;
  creationTime: number;
  retentionInDays?: number;
  metricFilterCount?: number;
  arn?: string;
  storedBytes?: number;
  kmsKeyId?: string;
  dataProtectionStatus?: 'ACTIVATED';
  inheritedProperties?: 'ACCOUNT_DATA_PROTECTION'[];
  logGroupClass?: string;
  logGroupArn?: string;
  deletionProtectionEnabled?: boolean;
  bearerTokenAuthenticationEnabled?: boolean;
}

/** The full description of a log group, as DescribeLogGroups reports it. */
export function logGroupView(call: Call, group: LogGroupRecord): LogGroupView {
  const view: LogGroupView = {
    logGroupName: group.logGroupName,
    creationTime: group.creationTime,
  };
  // Absent retention means "never expire"; AWS omits the member rather than sending 0.
  if (group.retentionInDays !== undefined) view.retentionInDays = group.retentionInDays;
  view.metricFilterCount = Object.keys(group.metricFilters).length;
  view.arn = logGroupArn(call, group.logGroupName, true);
  view.storedBytes = storedBytes(group);
  if (group.kmsKeyId !== undefined) view.kmsKeyId = group.kmsKeyId;
  if (group.dataProtectionPolicy) view.dataProtectionStatus = 'ACTIVATED';
  // An account data protection policy takes no selection criteria: it covers every group.
  if (hasAccountPolicies(call.state.logs, 'DATA_PROTECTION_POLICY')) view.inheritedProperties = ['ACCOUNT_DATA_PROTECTION'];
  view.logGroupClass = group.logGroupClass;
  view.logGroupArn = logGroupArn(call, group.logGroupName);
  view.deletionProtectionEnabled = group.deletionProtectionEnabled ?? false;
  if (group.bearerTokenAuthenticationEnabled !== undefined) view.bearerTokenAuthenticationEnabled = group.bearerTokenAuthenticationEnabled;
  return view;
}

/**
 * With `logGroupNamePattern`, AWS returns only `arn`, `creationTime` and `logGroupName` (documented,
 * and confirmed by AWS in aws/aws-sdk#448 and aws/aws-cli#8264).
 */
export function logGroupPatternView(call: Call, group: LogGroupRecord): LogGroupView {
  return {
    logGroupName: group.logGroupName,
    creationTime: group.creationTime,
    arn: logGroupArn(call, group.logGroupName, true),
  };
}

function storedBytes(group: LogGroupRecord): number {
  let total = 0;
  for (const stream of Object.values(group.streams)) total += stream.storedBytes;
  return total;
}
