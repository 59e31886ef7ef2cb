import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import type { Handler } from '../service.js';
import { upperBound } from '../sorted-names.js';
import { decodeToken, encodeToken } from '../tokens.js';
import { sortedLogGroupNames } from './group-index.js';
import { listAggregateLogGroupSummaries } from './list-aggregate.js';
import { logGroupArn, ownEntry } from './lookup.js';
import { logGroupMatcher, type LogGroupFilters } from './group-filters.js';
import type { LogGroupRecord } from './state.js';

interface ListLogGroupsInput extends LogGroupFilters {
  nextToken?: string;
  limit?: number;
}

const DEFAULT_LIMIT = 50;
const BAD_TOKEN = ['InvalidParameterException', 'The specified nextToken is invalid.'] as const;

function readToken(token: string): string {
  const data = decodeToken<{ op?: string; after?: unknown }>(token, ...BAD_TOKEN);
  if (data.op !== 'ListLogGroups' || typeof data.after !== 'string') throw new AwsError(...BAD_TOKEN);
  return data.after;
}

/** Log groups in name order, `limit` (default 50) per page, the token continuing after the last name. */
function listLogGroups(call: Call, input: ListLogGroupsInput) {
  const names = sortedLogGroupNames(call.state.logs);
  let i = input.nextToken === undefined ? 0 : upperBound(names, readToken(input.nextToken));
  const limit = input.limit ?? DEFAULT_LIMIT;
  const matches = logGroupMatcher(call, input);
  const page: LogGroupRecord[] = [];
  let more = false;
  for (; i < names.length; i++) {
    const group = ownEntry(call.state.logs.logGroups, names[i]!);
    if (!group || !matches(group)) continue;
    if (page.length === limit) {
      more = true;
      break;
    }
    page.push(group);
  }
  return {
    logGroups: page.map((g) => ({ logGroupName: g.logGroupName, logGroupArn: logGroupArn(call, g.logGroupName), logGroupClass: g.logGroupClass })),
    ...(more ? { nextToken: encodeToken({ op: 'ListLogGroups', after: page[page.length - 1]!.logGroupName }) } : {}),
  };
}

/** ListLogGroups and ListAggregateLogGroupSummaries: the newer, filterable listings. */
export const listLogGroupOperations: Record<string, Handler> = {
  ListLogGroups: listLogGroups,
  ListAggregateLogGroupSummaries: listAggregateLogGroupSummaries,
};
