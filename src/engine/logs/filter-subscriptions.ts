import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import type { Handler } from '../service.js';
import { checkSystemFields } from './filter-metric-transformations.js';
import { paginate } from './filter-paging.js';
import { checkSubscriptionDestination } from './filter-subscription-destination.js';
import { ownEntry, putEntry, requireLogGroup } from './lookup.js';
import { compileFieldSelection } from './field-selection.js';
import { compileFilterPattern } from './pattern/index.js';
import type { LogGroupRecord, SubscriptionFilterRecord } from './state.js';

/** "Each log group can have up to two subscription filters associated with it." */
const MAX_SUBSCRIPTION_FILTERS = 2;

interface PutSubscriptionFilterInput {
  logGroupName: string;
  filterName: string;
  filterPattern: string;
  destinationArn: string;
  roleArn?: string;
  distribution?: 'Random' | 'ByLogStream';
  applyOnTransformedLogs?: boolean;
  fieldSelectionCriteria?: string;
  emitSystemFields?: string[];
}

interface DescribeSubscriptionFiltersInput {
  logGroupName: string;
  filterNamePrefix?: string;
  limit?: number;
  nextToken?: string;
}

/**
 * Creates or replaces a subscription filter. The destination is proven first (AWS delivers a test
 * message); the quota applies to new names only, so a filter can be updated at the limit.
 */
function putSubscriptionFilter(call: Call, input: PutSubscriptionFilterInput): void {
  const group = requireLogGroup(call, input.logGroupName);
  compileFilterPattern(input.filterPattern, 'PutSubscriptionFilter');
  checkSystemFields(input.emitSystemFields ?? []);
  if (input.fieldSelectionCriteria !== undefined) compileFieldSelection(input.fieldSelectionCriteria);
  checkSubscriptionDestination(call, input.destinationArn, input.roleArn);
  const existing = ownEntry(group.subscriptionFilters, input.filterName);
  if (!existing && Object.keys(group.subscriptionFilters).length >= MAX_SUBSCRIPTION_FILTERS) {
    throw new AwsError('LimitExceededException', 'Resource limit exceeded.');
  }
  putEntry(group.subscriptionFilters, input.filterName, {
    filterName: input.filterName,
    filterPattern: input.filterPattern,
    destinationArn: input.destinationArn,
    ...(input.roleArn !== undefined && { roleArn: input.roleArn }),
    distribution: input.distribution ?? 'ByLogStream',
    creationTime: existing?.creationTime ?? call.now,
    applyOnTransformedLogs: input.applyOnTransformedLogs ?? false,
    ...(input.fieldSelectionCriteria !== undefined && { fieldSelectionCriteria: input.fieldSelectionCriteria }),
    ...(input.emitSystemFields?.length && { emitSystemFields: [...input.emitSystemFields] }),
  });
}

function deleteSubscriptionFilter(call: Call, input: { logGroupName: string; filterName: string }): void {
  const group = requireLogGroup(call, input.logGroupName);
  if (!ownEntry(group.subscriptionFilters, input.filterName)) {
    throw new AwsError('ResourceNotFoundException', 'The specified subscription filter does not exist.');
  }
  delete group.subscriptionFilters[input.filterName];
}

function describeSubscriptionFilters(call: Call, input: DescribeSubscriptionFiltersInput): unknown {
  const group = requireLogGroup(call, input.logGroupName);
  const prefix = input.filterNamePrefix ?? '';
  const found = Object.values(group.subscriptionFilters).filter((f) => f.filterName.startsWith(prefix));
  const query = { group: group.logGroupName, prefix };
  const page = paginate(found, (f) => [f.filterName], query, input.limit, input.nextToken);
  return {
    subscriptionFilters: page.items.map((f) => describeSubscriptionFilter(group, f)),
    ...(page.nextToken && { nextToken: page.nextToken }),
  };
}

function describeSubscriptionFilter(group: LogGroupRecord, f: SubscriptionFilterRecord): unknown {
  return {
    filterName: f.filterName,
    logGroupName: group.logGroupName,
    filterPattern: f.filterPattern,
    destinationArn: f.destinationArn,
    ...(f.roleArn !== undefined && { roleArn: f.roleArn }),
    distribution: f.distribution,
    applyOnTransformedLogs: f.applyOnTransformedLogs ?? false,
    creationTime: f.creationTime,
    ...(f.fieldSelectionCriteria !== undefined && { fieldSelectionCriteria: f.fieldSelectionCriteria }),
    ...(f.emitSystemFields && { emitSystemFields: [...f.emitSystemFields] }),
  };
}

/** Subscription filters of log groups (part of the filter operations). */
export const subscriptionFilterOperations: Record<string, Handler> = {
  PutSubscriptionFilter: putSubscriptionFilter,
  DeleteSubscriptionFilter: deleteSubscriptionFilter,
  DescribeSubscriptionFilters: describeSubscriptionFilters,
};
