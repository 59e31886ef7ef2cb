import { randomUUID } from 'node:crypto';
import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import type { Handler } from '../service.js';
import { decodeToken, encodeToken } from '../tokens.js';
import { edsNotFound, findEventDataStore } from './eds-lookup.js';
import { checkActive } from './eds-rules.js';
import { settleImports } from './import-progress.js';
import type { EventDataStoreRecord, QueryRecord, QueryStatus } from './lake-types.js';
import {
  MAX_CONCURRENT_QUERIES,
  QUERY_RETENTION_MS,
  QUERY_RUN_MS,
  describeView,
  findQuery,
  listView,
  queryActive,
  queryLake,
  queryStatusAt,
} from './query-lifecycle.js';
import { SqlError } from './sql/errors.js';
import { compileQuery, type CompiledQuery } from './sql/run.js';
import { checkS3Bucket } from './trail-refs.js';
import { aliasStatement, refreshQuery } from './query-alias.js';

interface StartQueryInput {
  QueryStatement?: string;
  DeliveryS3Uri?: string;
  QueryAlias?: string;
  QueryParameters?: string[];
  EventDataStoreOwnerAccountId?: string;
}

/** The members Describe/Get/Cancel share: the query, and the store it ran on (deprecated). */
interface QueryRef {
  QueryId?: string;
  EventDataStore?: string;
  EventDataStoreOwnerAccountId?: string;
}

const invalidParameter = (message: string): AwsError => new AwsError('InvalidParameterException', message);

const badToken = (): AwsError => new AwsError('InvalidNextTokenException', 'The NextToken is not valid.');

/**
 * Starts a query over its store's events as they are now (the result is a snapshot taken at
 * StartQuery; it becomes readable when the query finishes in engine time).
 */
function startQuery(call: Call, input: StartQueryInput): unknown {
  const { statement, prompt } = statementOf(call, input);
  const compiled = compileStatement(statement);
  const eds = storeOf(call, compiled.table, input.EventDataStoreOwnerAccountId);
  checkActive(eds);
  if (input.DeliveryS3Uri !== undefined) checkS3Bucket(call, input.DeliveryS3Uri.slice('s3://'.length).split('/')[0]);
  const lake = queryLake(call);
  if (Object.values(lake.queries).filter((q) => queryActive(q, call.now)).length >= MAX_CONCURRENT_QUERIES) {
    throw new AwsError(
      'MaxConcurrentQueriesException',
      'You are already running the maximum number of concurrent queries. The maximum number of concurrent queries is 10. ' +
        'Wait a minute for some queries to finish, and then run the query again.',
    );
  }
  const query = newQuery(call, eds, compiled, statement, {
    ...(input.DeliveryS3Uri === undefined ? {} : { deliveryS3Uri: input.DeliveryS3Uri }),
    ...(prompt === undefined ? {} : { prompt }),
  });
  return { QueryId: query.queryId, ...ownerOf(input) };
}

/** Records a query of `statement` over the store's events as they are now (its result is that snapshot). */
export function newQuery(
  call: Call,
  eds: EventDataStoreRecord,
  compiled: CompiledQuery,
  statement: string,
  extra: Partial<QueryRecord> = {},
): QueryRecord {
  const lake = queryLake(call);
  settleImports(lake, call.now);
  const query: QueryRecord = {
    queryId: randomUUID(),
    queryString: statement,
    eventDataStoreArn: eds.arn,
    status: 'QUEUED',
    creationTime: call.now,
    startAfter: call.now,
    finishAfter: call.now + QUERY_RUN_MS,
    ...compiled.run(eds.events),
    ...extra,
  };
  lake.queries[query.queryId] = query;
  return query;
}

/** QueryStatement, or the QueryAlias of a generated query or a dashboard widget (with its QueryParameters). */
function statementOf(call: Call, input: StartQueryInput): { statement: string; prompt?: string } {
  if (input.QueryStatement !== undefined && input.QueryAlias !== undefined) {
    throw invalidParameter('QueryStatement and QueryAlias cannot be specified together.');
  }
  if (input.QueryParameters !== undefined && input.QueryAlias === undefined) {
    throw invalidParameter('QueryParameters can be specified only with QueryAlias.');
  }
  if (input.QueryAlias !== undefined) return aliasStatement(call, input.QueryAlias, input.QueryParameters);
  if (input.QueryStatement === undefined) throw invalidParameter('Either QueryStatement or QueryAlias must be specified.');
  return { statement: input.QueryStatement };
}

function compileStatement(sql: string): CompiledQuery {
  try {
    return compileQuery(sql);
  } catch (error) {
    const message = error instanceof SqlError ? error.message : 'line 1:1: The query statement is not valid.';
    throw new AwsError('InvalidQueryStatementException', message);
  }
}

/**
 * The store a query reads: the FROM table (an event data store ID or ARN) in the caller's account,
 * or in the owner account named — which the engine cannot reach without resource policies.
 */
function storeOf(call: Call, table: string, owner?: string): EventDataStoreRecord {
  if (owner !== undefined && owner !== call.account) throw edsNotFound();
  return findEventDataStore(call, table);
}

const ownerOf = (input: { EventDataStoreOwnerAccountId?: string }): Record<string, string> =>
  input.EventDataStoreOwnerAccountId === undefined ? {} : { EventDataStoreOwnerAccountId: input.EventDataStoreOwnerAccountId };

/** DescribeQuery names a query by QueryId (QueryAlias with RefreshId names dashboard refreshes). */
function describeQuery(call: Call, input: QueryRef & { QueryAlias?: string; RefreshId?: string }): unknown {
  if (input.QueryId === undefined) {
    if (input.QueryAlias === undefined || input.RefreshId === undefined) {
      throw invalidParameter('Either QueryId, or QueryAlias and RefreshId, must be specified.');
    }
    return { ...describeView(refreshQuery(call, input.QueryAlias, input.RefreshId), call.now), ...ownerOf(input) };
  }
  const query = findQuery(call, input.QueryId, input.EventDataStore);
  return { ...describeView(query, call.now), ...ownerOf(input) };
}

interface GetQueryResultsInput extends QueryRef {
  QueryId: string;
  NextToken?: string;
  MaxQueryResults?: number;
}

/** Rows come once the query has finished, a page at a time (at most 1,000 rows a page). */
function getQueryResults(call: Call, input: GetQueryResultsInput): unknown {
  const query = findQuery(call, input.QueryId, input.EventDataStore);
  const status = queryStatusAt(query, call.now);
  let offset = 0;
  if (input.NextToken !== undefined) {
    const cursor = decodeToken<{ q: string; o: number }>(input.NextToken, 'InvalidNextTokenException', 'The NextToken is not valid.');
    if (cursor.q !== query.queryId || !Number.isInteger(cursor.o) || cursor.o < 0) throw badToken();
    offset = cursor.o;
  }
  const rows = status === 'FINISHED' ? query.rows : [];
  const page = rows.slice(offset, offset + (input.MaxQueryResults ?? 1000));
  const next = offset + page.length;
  return {
    QueryStatus: status,
    QueryStatistics: {
      ResultsCount: page.length,
      TotalResultsCount: rows.length,
      BytesScanned: status === 'FINISHED' ? query.bytesScanned : 0,
    },
    QueryResultRows: page,
    ...(next < rows.length ? { NextToken: encodeToken({ q: query.queryId, o: next }) } : {}),
    ...(query.errorMessage === undefined ? {} : { ErrorMessage: query.errorMessage }),
  };
}

/** Only a QUEUED or RUNNING query can be cancelled; it reports CANCELLED at once. */
function cancelQuery(call: Call, input: QueryRef & { QueryId: string }): unknown {
  const query = findQuery(call, input.QueryId, input.EventDataStore);
  if (!queryActive(query, call.now)) {
    throw new AwsError(
      'InactiveQueryException',
      'The specified query cannot be canceled because it is in the FINISHED, FAILED, TIMED_OUT, or CANCELLED state.',
    );
  }
  query.status = 'CANCELLED';
  query.cancelledAt = call.now;
  return { QueryId: query.queryId, QueryStatus: query.status, ...ownerOf(input) };
}

interface ListQueriesInput {
  EventDataStore: string;
  NextToken?: string;
  MaxResults?: number;
  /** Epoch seconds. */
  StartTime?: number;
  EndTime?: number;
  QueryStatus?: QueryStatus;
}

/** The store's queries of the last seven days, newest first, filtered by time and status. */
function listQueries(call: Call, input: ListQueriesInput): unknown {
  const eds = findEventDataStore(call, input.EventDataStore);
  checkActive(eds);
  const from = input.StartTime === undefined ? -Infinity : input.StartTime * 1000;
  const to = input.EndTime === undefined ? Infinity : input.EndTime * 1000;
  if (from > to) {
    throw new AwsError(
      'InvalidDateRangeException',
      'A date range for the query was specified that is not valid. Be sure that the start time is chronologically before the end time.',
    );
  }
  const filter = JSON.stringify([eds.arn, input.StartTime ?? null, input.EndTime ?? null, input.QueryStatus ?? null]);
  const all = Object.values(queryLake(call).queries)
    .filter((q) => q.eventDataStoreArn === eds.arn && q.creationTime >= Math.max(from, call.now - QUERY_RETENTION_MS))
    .filter((q) => q.creationTime <= to && (input.QueryStatus === undefined || queryStatusAt(q, call.now) === input.QueryStatus))
    .sort((a, b) => b.creationTime - a.creationTime || (a.queryId < b.queryId ? -1 : 1));
  let offset = 0;
  if (input.NextToken !== undefined) {
    const cursor = decodeToken<{ f: string; o: number }>(input.NextToken, 'InvalidNextTokenException', 'The NextToken is not valid.');
    if (cursor.f !== filter || !Number.isInteger(cursor.o) || cursor.o < 0) throw badToken();
    offset = cursor.o;
  }
  const page = all.slice(offset, offset + (input.MaxResults ?? 1000));
  const next = offset + page.length;
  return {
    Queries: page.map((q) => listView(q, call.now)),
    ...(next < all.length ? { NextToken: encodeToken({ f: filter, o: next }) } : {}),
  };
}

export const queryOperations: Record<string, Handler> = {
  StartQuery: startQuery,
  DescribeQuery: describeQuery,
  GetQueryResults: getQueryResults,
  CancelQuery: cancelQuery,
  ListQueries: listQueries,
};
