import { randomUUID } from 'node:crypto';
import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import type { Handler } from '../service.js';
import { decodeToken, encodeToken } from '../tokens.js';
import { QueryError, malformedQuery } from './insights/errors.js';
import { compileInsightsQuery, type CompiledInsightsQuery } from './insights/run.js';
import type { InsightsQueryRecord, InsightsQueryStatus, QueryLanguage } from './insights-types.js';
import { logGroupArn } from './lookup.js';
import { paginate } from './policy-page.js';
import { queryLogGroups, queryRows, type QueryGroupMembers } from './query-sources.js';
import {
  MAX_CONCURRENT_QUERIES,
  insightsQueries,
  queryActive,
  queryDuration,
  queryStatusAt,
  requireQuery,
} from './query-lifecycle.js';
import { retentionCutoff } from './event-store.js';
import type { LogGroupRecord } from './state.js';

interface StartQueryInput extends QueryGroupMembers {
  queryLanguage?: QueryLanguage;
  startTime: number;
  endTime: number;
  queryString: string;
  limit?: number;
}

const invalid = (message: string): AwsError => new AwsError('InvalidParameterException', message);

/** Compiles a Logs Insights QL query; a compile error is AWS's MalformedQueryException. */
function compileOrMalformed(queryString: string): CompiledInsightsQuery {
  try {
    return compileInsightsQuery(queryString);
  } catch (error) {
    if (error instanceof QueryError) throw malformedQuery(error);
    throw error;
  }
}

/**
 * The end of the range (inclusive to its last millisecond) must reach a time the group can hold
 * events for: not before the group was created, not past its retention (AWS's wording).
 */
function checkRangeReachesGroups(call: Call, groups: LogGroupRecord[], endMs: number): void {
  if (groups.every((g) => endMs < g.creationTime || endMs < retentionCutoff(g, call.now))) {
    throw new AwsError(
      'MalformedQueryException',
      "Query's end date and time is either before the log groups creation time or exceeds the log groups log retention settings",
    );
  }
}

/**
 * Runs the query at once over the events as they are now (a snapshot); its status then follows
 * engine time. Only Logs Insights QL runs here: SQL and PPL have no engine behind them.
 */
function startQuery(call: Call, input: StartQueryInput) {
  const queryLanguage = input.queryLanguage ?? 'CWLI';
  if (queryLanguage !== 'CWLI') throw invalid(`The engine runs Logs Insights QL (CWLI) queries only, not ${queryLanguage}.`);
  const groups = queryLogGroups(call, input);
  if (input.endTime < input.startTime) throw invalid('End time must be greater than or equal to start time.');
  const compiled = compileOrMalformed(input.queryString);
  const fromMs = input.startTime * 1000;
  const toMs = input.endTime * 1000 + 999;
  checkRangeReachesGroups(call, groups, toMs);
  const queries = insightsQueries(call);
  if (Object.values(queries).filter((q) => queryActive(q, call.now)).length >= MAX_CONCURRENT_QUERIES) {
    throw new AwsError('LimitExceededException', `Account maximum query concurrency limit of [${MAX_CONCURRENT_QUERIES}] reached.`);
  }
  const outcome = compiled.run(queryRows(call, groups, fromMs, toMs), input.limit);
  const query: InsightsQueryRecord = {
    queryId: randomUUID(),
    queryString: input.queryString,
    queryLanguage,
    logGroupNames: groups.map((g) => g.logGroupName),
    startTime: input.startTime,
    endTime: input.endTime,
    createTime: call.now,
    ...outcome,
  };
  queries[query.queryId] = query;
  return { queryId: query.queryId };
}

interface GetQueryResultsInput {
  queryId: string;
  nextToken?: string;
  maxItems?: number;
}

/** Results are there once the query is Complete, up to 10,000 rows a page. */
function getQueryResults(call: Call, input: GetQueryResultsInput) {
  const query = requireQuery(call, input.queryId);
  const status = queryStatusAt(query, call.now);
  const done = status === 'Complete';
  const rows = done ? query.rows : [];
  let offset = 0;
  if (input.nextToken !== undefined) {
    const cursor = decodeToken<{ q?: string; o?: number }>(input.nextToken, 'InvalidParameterException', 'The specified nextToken is invalid.');
    if (cursor.q !== query.queryId || !Number.isInteger(cursor.o)) throw invalid('The specified nextToken is invalid.');
    offset = cursor.o!;
  }
  const page = rows.slice(offset, offset + (input.maxItems ?? 10_000));
  const next = offset + page.length;
  const kmsKey = call.state.logs.queryResultKmsKeyId;
  return {
    queryLanguage: query.queryLanguage,
    results: page,
    statistics: {
      recordsMatched: done ? query.recordsMatched : 0,
      recordsScanned: done ? query.recordsScanned : 0,
      bytesScanned: done ? query.bytesScanned : 0,
      logGroupsScanned: done ? query.logGroupNames.length : 0,
    },
    status,
    ...(kmsKey === undefined ? {} : { encryptionKey: kmsKey }),
    ...(page.length > 0 && next < rows.length ? { nextToken: encodeToken({ q: query.queryId, o: next }) } : {}),
  };
}

interface DescribeQueriesInput {
  logGroupName?: string;
  status?: InsightsQueryStatus;
  maxResults?: number;
  nextToken?: string;
  queryLanguage?: QueryLanguage;
}

/** The `QueryInfo` structure, members in the model's order. */
function queryInfo(call: Call, q: InsightsQueryRecord) {
  return {
    queryLanguage: q.queryLanguage,
    queryId: q.queryId,
    queryString: q.queryString,
    status: queryStatusAt(q, call.now),
    createTime: q.createTime,
    logGroupName: q.logGroupNames[0],
    queryDuration: queryDuration(q, call.now),
    bytesScanned: queryStatusAt(q, call.now) === 'Complete' ? q.bytesScanned : 0,
  };
}

/** Newest first, filtered by status, log group and language. */
function describeQueries(call: Call, input: DescribeQueriesInput) {
  const views = Object.values(insightsQueries(call))
    .filter((q) => input.logGroupName === undefined || q.logGroupNames.includes(input.logGroupName))
    .filter((q) => input.queryLanguage === undefined || q.queryLanguage === input.queryLanguage)
    .sort((a, b) => b.createTime - a.createTime || (a.queryId < b.queryId ? -1 : 1))
    .map((q) => queryInfo(call, q))
    .filter((v) => input.status === undefined || v.status === input.status);
  const page = paginate('DescribeQueries', views, { limit: input.maxResults ?? 1000, nextToken: input.nextToken });
  return { queries: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}

/** Only a Scheduled or Running query can be stopped; it becomes Cancelled with no results. */
function stopQuery(call: Call, input: { queryId: string }) {
  const query = requireQuery(call, input.queryId);
  if (!queryActive(query, call.now)) throw invalid('The specified query is not running.');
  query.cancelledAt = call.now;
  query.rows = [];
  return { success: true };
}

/** The groups a query read, as ARNs (a query names its groups directly, so these are they). */
function listLogGroupsForQuery(call: Call, input: { queryId: string; nextToken?: string; maxResults?: number }) {
  const query = requireQuery(call, input.queryId);
  const arns = query.logGroupNames.map((name) => logGroupArn(call, name));
  const page = paginate(`ListLogGroupsForQuery:${query.queryId}`, arns, { limit: input.maxResults ?? 50, nextToken: input.nextToken });
  return { logGroupIdentifiers: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}

/** StartQuery, GetQueryResults, DescribeQueries, StopQuery, ListLogGroupsForQuery. */
export const queryOperations: Record<string, Handler> = {
  StartQuery: startQuery,
  GetQueryResults: getQueryResults,
  DescribeQueries: describeQueries,
  StopQuery: stopQuery,
  ListLogGroupsForQuery: listLogGroupsForQuery,
};
