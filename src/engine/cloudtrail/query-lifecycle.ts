import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import { findEventDataStore } from './eds-lookup.js';
import type { LakeState, QueryRecord, QueryStatus } from './lake-types.js';

/**
 * A query runs this long in engine time after StartQuery (the engine admits it at once: it is never
 * queued behind others). Tests move the clock with `POST /_engine/clock`; a client polling in real
 * time sees it finish within seconds.
 */
export const QUERY_RUN_MS = 2_000;

/** Queries are listed, described and kept for seven days. */
export const QUERY_RETENTION_MS = 7 * 24 * 3600 * 1000;

/** At most this many queries may be QUEUED or RUNNING in an account and region. */
export const MAX_CONCURRENT_QUERIES = 10;

const seconds = (ms: number): number => ms / 1000;

/** A query's status at engine time `now`: a fixed status (CANCELLED, FAILED), or its timeline's. */
export function queryStatusAt(q: QueryRecord, now: number): QueryStatus {
  if (q.status !== 'QUEUED') return q.status;
  if (now < q.startAfter) return 'QUEUED';
  return now < q.finishAfter ? 'RUNNING' : 'FINISHED';
}

/** True while a query counts toward the concurrency limit and can be cancelled. */
export function queryActive(q: QueryRecord, now: number): boolean {
  const status = queryStatusAt(q, now);
  return status === 'QUEUED' || status === 'RUNNING';
}

/** This region's Lake with queries older than the retention window dropped. */
export function queryLake(call: Call): LakeState {
  const lake = call.state.cloudtrail.lake;
  for (const [id, q] of Object.entries(lake.queries)) {
    if (q.creationTime < call.now - QUERY_RETENTION_MS) delete lake.queries[id];
  }
  return lake;
}

export const queryNotFound = (): AwsError =>
  new AwsError('QueryIdNotFoundException', 'The query ID does not exist or does not map to a query.');

/**
 * The query a Describe/Get/Cancel names. The (deprecated) EventDataStore member, when given, must
 * name an existing store, and the query must have run on it.
 */
export function findQuery(call: Call, queryId: string, store?: string): QueryRecord {
  const lake = queryLake(call);
  const eds = store === undefined ? undefined : findEventDataStore(call, store);
  const q = Object.hasOwn(lake.queries, queryId) ? lake.queries[queryId] : undefined;
  if (!q || (eds && eds.arn !== q.eventDataStoreArn)) throw queryNotFound();
  return q;
}

/** How long the query has run (or ran) by `now`. */
function executionTime(q: QueryRecord, now: number): number {
  const end = q.cancelledAt ?? Math.min(now, q.finishAfter);
  return Math.max(0, end - q.startAfter);
}

/** DescribeQuery's view: counts appear once the query has finished. */
export function describeView(q: QueryRecord, now: number): Record<string, unknown> {
  const status = queryStatusAt(q, now);
  const done = status === 'FINISHED';
  return {
    QueryId: q.queryId,
    QueryString: q.queryString,
    QueryStatus: status,
    QueryStatistics: {
      EventsMatched: done ? q.eventsMatched : 0,
      EventsScanned: done ? q.eventsScanned : 0,
      BytesScanned: done ? q.bytesScanned : 0,
      ExecutionTimeInMillis: executionTime(q, now),
      CreationTime: seconds(q.creationTime),
    },
    ...(q.errorMessage === undefined ? {} : { ErrorMessage: q.errorMessage }),
    ...(q.prompt === undefined ? {} : { Prompt: q.prompt }),
    ...(q.deliveryS3Uri === undefined ? {} : { DeliveryS3Uri: q.deliveryS3Uri, DeliveryStatus: deliveryStatus(status) }),
  };
}

/** Results are delivered to S3 when the query finishes. */
function deliveryStatus(status: QueryStatus): string {
  switch (status) {
    case 'FINISHED':
      return 'SUCCESS';
    case 'CANCELLED':
      return 'CANCELLED';
    case 'FAILED':
    case 'TIMED_OUT':
      return 'FAILED';
    default:
      return 'PENDING';
  }
}

/** ListQueries' view of a query. */
export function listView(q: QueryRecord, now: number): Record<string, unknown> {
  return { QueryId: q.queryId, QueryStatus: queryStatusAt(q, now), CreationTime: seconds(q.creationTime) };
}
