import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import type { InsightsQueryRecord, InsightsQueryStatus } from './insights-types.js';
import { ownEntry } from './lookup.js';

/**
 * How a Logs Insights query progresses with engine time (no timers: computed whenever it is read):
 * Scheduled for its first second, Running until two seconds after StartQuery, then Complete.
 * StopQuery makes it Cancelled at once. Tests move the clock with `POST /_engine/clock`; a client
 * polling in real time sees a query finish within two seconds.
 */
export const RUNNING_AFTER_MS = 1_000;
export const COMPLETE_AFTER_MS = 2_000;

/** Queries (and their results) are kept this long, like AWS's stored results. */
export const QUERY_RETENTION_MS = 7 * 24 * 3600 * 1000;

/** "You can have up to 100 concurrent CloudWatch Logs insights queries" (per account and region). */
export const MAX_CONCURRENT_QUERIES = 100;

export function queryStatusAt(q: InsightsQueryRecord, now: number): InsightsQueryStatus {
  if (q.cancelledAt !== undefined) return 'Cancelled';
  const age = now - q.createTime;
  if (age < RUNNING_AFTER_MS) return 'Scheduled';
  return age < COMPLETE_AFTER_MS ? 'Running' : 'Complete';
}

/** Scheduled and Running queries count against the concurrency quota and can be stopped. */
export function queryActive(q: InsightsQueryRecord, now: number): boolean {
  const status = queryStatusAt(q, now);
  return status === 'Scheduled' || status === 'Running';
}

/** How long the query has run (or ran) by `now`, in milliseconds. */
export function queryDuration(q: InsightsQueryRecord, now: number): number {
  const end = Math.min(q.cancelledAt ?? now, now, q.createTime + COMPLETE_AFTER_MS);
  return Math.max(0, end - q.createTime);
}

/** This region's queries, with those past the retention window dropped. */
export function insightsQueries(call: Call): Record<string, InsightsQueryRecord> {
  const queries = (call.state.logs.insightsQueries ??= {});
  for (const [id, q] of Object.entries(queries)) {
    if (q.createTime < call.now - QUERY_RETENTION_MS) delete queries[id];
  }
  return queries;
}

/** The query a GetQueryResults/StopQuery/ListLogGroupsForQuery names, or ResourceNotFoundException. */
export function requireQuery(call: Call, queryId: string): InsightsQueryRecord {
  const query = ownEntry(insightsQueries(call), queryId);
  // Wording unverified: AWS's message for an unknown (or expired) query id.
  if (!query) throw new AwsError('ResourceNotFoundException', 'Query does not exist.');
  return query;
}
