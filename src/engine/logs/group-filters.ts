import type { Call } from '../call.js';
import { matchesDataSources, type DataSourceFilter } from './data-sources.js';
import { effectiveIndexPolicy, indexFields } from './index-effective.js';
import type { LogGroupClass, LogGroupRecord, LogsState } from './state.js';

/** The filters ListLogGroups and ListAggregateLogGroupSummaries share. */
export interface LogGroupFilters {
  logGroupNamePattern?: string;
  logGroupClass?: LogGroupClass;
  includeLinkedAccounts?: boolean;
  accountIdentifiers?: string[];
  dataSources?: DataSourceFilter[];
  fieldIndexNames?: string[];
  logGroupTags?: { key: string; values?: string[] }[];
}

/**
 * `logGroupNamePattern` is a regular expression over the model's characters: alternatives split by
 * `|`, each a substring, or a prefix when it starts with `^`; `.` matches any character. Matching
 * is case-sensitive.
 */
const namePattern = (pattern: string): RegExp => new RegExp(pattern);

/**
 * A tag filter value: `prod` matches exactly, `*` at either end is a wildcard (case-insensitive),
 * and a leading `!` negates; a group without the key never matches the filter.
 */
function tagValueMatches(value: string, filter: string): boolean {
  const negated = filter.startsWith('!');
  const body = negated ? filter.slice(1) : filter;
  let hit: boolean;
  if (body.includes('*')) {
    const [v, b] = [value.toLowerCase(), body.toLowerCase()];
    const core = b.replace(/^\*/, '').replace(/\*$/, '');
    if (b.startsWith('*') && b.endsWith('*') && b.length > 1) hit = v.includes(core);
    else if (b.startsWith('*')) hit = v.endsWith(core);
    else hit = v.startsWith(core);
  } else hit = value === body;
  return negated ? !hit : hit;
}

function matchesTags(group: LogGroupRecord, filters: NonNullable<LogGroupFilters['logGroupTags']>): boolean {
  return filters.every(({ key, values }) => {
    if (!Object.hasOwn(group.tags, key)) return false;
    return values === undefined || values.length === 0 || values.some((v) => tagValueMatches(group.tags[key]!, v));
  });
}

/**
 * The custom field indexes of a group: the fields of the index policy it indexes by (its own, or
 * the account's that selects it). The default `@…` indexes cannot be named: the model's pattern
 * refuses `@`.
 */
function fieldIndexNames(logs: LogsState, group: LogGroupRecord): string[] {
  const policy = effectiveIndexPolicy(logs, group);
  return policy ? indexFields(policy.policyDocument).filter((f) => f.type === 'FIELD_INDEX').map((f) => f.name) : [];
}

/**
 * Whether the caller's own groups are searched. The engine has no cross-account observability
 * links, so a monitoring account has no source accounts: with `includeLinkedAccounts`, the
 * `accountIdentifiers` (when given) must name the caller's account for anything to match.
 */
function searchesOwnAccount(call: Call, filters: LogGroupFilters): boolean {
  const ids = filters.accountIdentifiers;
  return !filters.includeLinkedAccounts || ids === undefined || ids.length === 0 || ids.includes(call.account);
}

/** A predicate for every filter of the request; all of them must hold. */
export function logGroupMatcher(call: Call, filters: LogGroupFilters): (group: LogGroupRecord) => boolean {
  const pattern = filters.logGroupNamePattern === undefined ? undefined : namePattern(filters.logGroupNamePattern);
  const own = searchesOwnAccount(call, filters);
  return (group) =>
    own &&
    (pattern === undefined || pattern.test(group.logGroupName)) &&
    (filters.logGroupClass === undefined || group.logGroupClass === filters.logGroupClass) &&
    (filters.dataSources === undefined || matchesDataSources(group, filters.dataSources)) &&
    (filters.fieldIndexNames === undefined || filters.fieldIndexNames.every((n) => fieldIndexNames(call.state.logs, group).includes(n))) &&
    (filters.logGroupTags === undefined || matchesTags(group, filters.logGroupTags));
}
