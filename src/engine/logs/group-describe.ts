import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import { decodeToken, encodeToken } from '../tokens.js';
import { rawState } from '../persist/tracker.js';
import { lowerBound, upperBound } from '../sorted-names.js';
import { sortedLogGroupNames } from './group-index.js';
import { logGroupPatternView, sharedLogGroupView, type LogGroupView } from './group-view.js';
import { logGroupNameFromIdentifier } from './lookup.js';
import type { LogGroupClass, LogGroupRecord } from './state.js';

/** Input of DescribeLogGroups (types and constraints already validated from the model). */
interface DescribeLogGroupsInput {
  logGroupNamePrefix?: string;
  logGroupNamePattern?: string;
  logGroupClass?: LogGroupClass;
  logGroupIdentifiers?: string[];
  limit?: number;
  nextToken?: string;
}

const DEFAULT_LIMIT = 50;

/** What a DescribeLogGroups token carries: the last name of the page it continues after. */
interface PageToken {
  after: string;
}

function invalidToken(): AwsError {
  return new AwsError('InvalidParameterException', 'The specified nextToken is invalid.');
}

function readToken(token: string): string {
  const data = decodeToken<Partial<PageToken> | null>(token, 'InvalidParameterException', 'The specified nextToken is invalid.');
  if (!data || typeof data.after !== 'string') throw invalidToken();
  return data.after;
}

function checkFilters(input: DescribeLogGroupsInput): void {
  if (input.logGroupNamePrefix !== undefined && input.logGroupNamePattern !== undefined) {
    throw new AwsError(
      'InvalidParameterException',
      'LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.',
    );
  }
  const others = input.logGroupNamePrefix ?? input.logGroupNamePattern ?? input.logGroupClass;
  if (input.logGroupIdentifiers !== undefined && others !== undefined) {
    // "If you specify this parameter, the only other filter that you can choose to specify is
    // includeLinkedAccounts."
    throw new AwsError(
      'InvalidParameterException',
      'logGroupIdentifiers cannot be combined with logGroupNamePrefix, logGroupNamePattern or logGroupClass.',
    );
  }
}

/** The groups named by `logGroupIdentifiers` (names or ARNs, with or without `:*`), in name order. */
function identifiedNames(call: Call, identifiers: string[]): string[] {
  const groups = call.state.logs.logGroups;
  const names = new Set<string>();
  for (const id of identifiers) {
    const name = logGroupNameFromIdentifier(call, id);
    if (name !== undefined && Object.hasOwn(groups, name)) names.add(name);
  }
  return [...names].sort();
}

/** A predicate for the filters that are not a contiguous range of the sorted names. */
function matcher(input: DescribeLogGroupsInput): (group: LogGroupRecord) => boolean {
  const { logGroupNamePattern: pattern, logGroupClass: cls } = input;
  // The documented match is a case-sensitive substring search ("DataLogs" does not match "datalogs").
  return (group) =>
    (pattern === undefined || group.logGroupName.includes(pattern)) && (cls === undefined || group.logGroupClass === cls);
}

/**
 * DescribeLogGroups: ASCII order by name, `limit` (default 50) per page, and an opaque token that
 * continues after the last name returned. A name prefix is a contiguous range of the sorted
 * index, so a page costs a binary search plus the page itself, however many groups there are.
 */
export function describeLogGroups(call: Call, input: DescribeLogGroupsInput): { logGroups: LogGroupView[]; nextToken?: string } {
  checkFilters(input);
  const after = input.nextToken === undefined ? undefined : readToken(input.nextToken);
  const prefix = input.logGroupNamePrefix;
  const names = input.logGroupIdentifiers ? identifiedNames(call, input.logGroupIdentifiers) : sortedLogGroupNames(call.state.logs);
  let i = Math.max(prefix === undefined ? 0 : lowerBound(names, prefix), after === undefined ? 0 : upperBound(names, after));
  const limit = input.limit ?? DEFAULT_LIMIT;
  const matches = matcher(input);
  const view = input.logGroupNamePattern === undefined ? sharedLogGroupView : logGroupPatternView;
  const groups = rawState(call.state.logs.logGroups); // read only: no need to track, and views are shared per raw record
  const page: LogGroupView[] = [];
  let more = false;
  for (; i < names.length; i++) {
    const name = names[i]!;
    if (prefix !== undefined && !name.startsWith(prefix)) break;
    const group = groups[name];
    if (!group || !matches(group)) continue;
    if (page.length === limit) {
      more = true;
      break;
    }
    page.push(view(call, group));
  }
  const out: { logGroups: LogGroupView[]; nextToken?: string } = { logGroups: page };
  if (more) out.nextToken = encodeToken({ after: page[page.length - 1]!.logGroupName } satisfies PageToken);
  return out;
}
