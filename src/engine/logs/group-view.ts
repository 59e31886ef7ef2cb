import type { Call } from '../call.js';
import { hasAccountPolicies } from './account-policy-store.js';
import { SharedViews } from '../encoded.js';
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

/** A group's two ARNs, kept per record: the same strings every time make unchanged views cheap to compare. */
interface GroupArns {
  account: string;
  region: string;
  name: string;
  arn: string;
  logGroupArn: string;
}
const arns = new WeakMap<LogGroupRecord, GroupArns>();

function arnsOf(call: Call, group: LogGroupRecord): GroupArns {
  const known = arns.get(group);
  if (known && known.name === group.logGroupName && known.region === call.region && known.account === call.account) return known;
  const made = {
    account: call.account,
    region: call.region,
    name: group.logGroupName,
    arn: logGroupArn(call, group.logGroupName, true),
    logGroupArn: logGroupArn(call, group.logGroupName),
  };
  arns.set(group, made);
  return made;
}

/** One list for every view, so that a shared view compares equal member by member. */
const ACCOUNT_DATA_PROTECTION = Object.freeze(['ACCOUNT_DATA_PROTECTION']) as 'ACCOUNT_DATA_PROTECTION'[];

/** The full description of a log group, as DescribeLogGroups reports it. */
export function logGroupView(call: Call, group: LogGroupRecord): LogGroupView {
  const { arn, logGroupArn } = arnsOf(call, group);
  const view: LogGroupView = {
    logGroupName: group.logGroupName,
    creationTime: group.creationTime,
  };
  // Absent retention means "never expire"; AWS omits the member rather than sending 0.
  if (group.retentionInDays !== undefined) view.retentionInDays = group.retentionInDays;
  view.metricFilterCount = Object.keys(group.metricFilters).length;
  view.arn = arn;
  view.storedBytes = storedBytes(group);
  if (group.kmsKeyId !== undefined) view.kmsKeyId = group.kmsKeyId;
  if (group.dataProtectionPolicy) view.dataProtectionStatus = 'ACTIVATED';
  // An account data protection policy takes no selection criteria: it covers every group.
  if (hasAccountPolicies(call.state.logs, 'DATA_PROTECTION_POLICY')) view.inheritedProperties = ACCOUNT_DATA_PROTECTION;
  view.logGroupClass = group.logGroupClass;
  view.logGroupArn = logGroupArn;
  view.deletionProtectionEnabled = group.deletionProtectionEnabled ?? false;
  if (group.bearerTokenAuthenticationEnabled !== undefined) view.bearerTokenAuthenticationEnabled = group.bearerTokenAuthenticationEnabled;
  return view;
}

const shared = new SharedViews<LogGroupRecord, LogGroupView>();

/** The full description, as the same (already encoded) object as last time when nothing in it changed. */
export function sharedLogGroupView(call: Call, group: LogGroupRecord): LogGroupView {
  return shared.share(group, logGroupView(call, group));
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
