import { createHash } from 'node:crypto';
import type { Call } from '../call.js';
import { externalExists, s3BucketExists } from '../externals.js';
import { QueryError } from './insights/errors.js';
import { compileInsightsQuery } from './insights/run.js';
import { parseSchedule, triggerTimes } from './insights/schedule.js';
import type { ScheduledQueryRecord, ScheduledRunRecord } from './insights-types.js';
import { logGroupNameFromIdentifier, ownEntry } from './lookup.js';
import { COMPLETE_AFTER_MS } from './query-lifecycle.js';

/** Runs are reported for the last 30 days (the engine's window; AWS's retention is unverified). */
export const HISTORY_WINDOW_MS = 30 * 24 * 3600 * 1000;

/** The query id of the run triggered at `t`: stable, so every read reports the same run alike. */
function runQueryId(sq: ScheduledQueryRecord, t: number): string {
  const h = createHash('sha256').update(`${sq.scheduledQueryArn}@${t}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Why a run of this configuration cannot succeed now, or undefined when it can. */
function runFailure(call: Call, sq: ScheduledQueryRecord): Pick<ScheduledRunRecord, 'executionStatus' | 'errorMessage'> | undefined {
  if (sq.queryLanguage !== 'CWLI') return { executionStatus: 'Failed', errorMessage: `The engine runs CWLI queries only, not ${sq.queryLanguage}.` };
  try {
    compileInsightsQuery(sq.queryString);
  } catch (error) {
    if (error instanceof QueryError) return { executionStatus: 'InvalidQuery', errorMessage: error.message };
    throw error;
  }
  for (const identifier of sq.logGroupIdentifiers ?? []) {
    const name = logGroupNameFromIdentifier(call, identifier);
    if (name === undefined || !ownEntry(call.state.logs.logGroups, name)) {
      return { executionStatus: 'Failed', errorMessage: `Log group '${name ?? identifier}' does not exist for account ID '${call.account}'` };
    }
  }
  if (!externalExists(call, 'iamRoles', sq.executionRoleArn)) {
    return { executionStatus: 'Failed', errorMessage: `Unable to assume role ${sq.executionRoleArn}.` };
  }
  return undefined;
}

/** The run triggered at `t`, as of engine time `now` (its outcome is judged from the state now). */
function runAt(call: Call, sq: ScheduledQueryRecord, t: number, now = call.now): ScheduledRunRecord {
  const queryId = runQueryId(sq, t);
  const dest = sq.s3Destination;
  if (now < t + COMPLETE_AFTER_MS) {
    const destinations = dest ? [{ destinationType: 'S3' as const, destinationIdentifier: dest.destinationIdentifier, status: 'IN_PROGRESS' }] : [];
    return { queryId, triggeredTimestamp: t, executionStatus: 'Running', destinations };
  }
  const failure = runFailure(call, sq);
  if (failure) return { queryId, triggeredTimestamp: t, ...failure, destinations: [] };
  const run: ScheduledRunRecord = { queryId, triggeredTimestamp: t, executionStatus: 'Complete', destinations: [] };
  if (dest) {
    const bucket = dest.destinationIdentifier.slice('s3://'.length).split('/')[0]!;
    run.destinations.push(
      s3BucketExists(call, bucket)
        ? { destinationType: 'S3', destinationIdentifier: dest.destinationIdentifier, status: 'COMPLETE', processedIdentifier: `${dest.destinationIdentifier.replace(/\/$/, '')}/${queryId}.json` }
        : { destinationType: 'S3', destinationIdentifier: dest.destinationIdentifier, status: 'CLIENT_ERROR', errorMessage: `The bucket ${bucket} does not exist.` },
    );
  }
  return run;
}

/** Runs of the current configuration: triggers since it took effect, while ENABLED, up to now. */
function currentRuns(call: Call, sq: ScheduledQueryRecord): ScheduledRunRecord[] {
  const schedule = parseSchedule(sq.scheduleExpression);
  if (sq.state !== 'ENABLED' || !schedule) return [];
  const after = Math.max(sq.lastUpdatedTime, (sq.scheduleStartTime ?? 0) - 1, call.now - HISTORY_WINDOW_MS);
  const until = Math.min(call.now, sq.scheduleEndTime ?? Infinity);
  return triggerTimes(schedule, sq.lastUpdatedTime, after, until, sq.timezone).map((t) => runAt(call, sq, t));
}

/** Every run in the window, newest first. */
export function scheduledRuns(call: Call, sq: ScheduledQueryRecord): ScheduledRunRecord[] {
  const past = sq.pastRuns.filter((r) => r.triggeredTimestamp >= call.now - HISTORY_WINDOW_MS);
  return [...past, ...currentRuns(call, sq)].sort((a, b) => b.triggeredTimestamp - a.triggeredTimestamp);
}

/**
 * Keeps the runs so far before the configuration changes (an update restarts the schedule from
 * the update's time). A run still going is recorded with the outcome it will have.
 */
export function freezeRuns(call: Call, sq: ScheduledQueryRecord): void {
  const settled = call.now + COMPLETE_AFTER_MS;
  const runs = currentRuns(call, sq).map((r) => (r.executionStatus === 'Running' ? runAt(call, sq, r.triggeredTimestamp, settled) : r));
  sq.pastRuns = [...sq.pastRuns, ...runs].filter((r) => r.triggeredTimestamp >= call.now - HISTORY_WINDOW_MS).slice(-1000);
}
