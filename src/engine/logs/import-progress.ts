import type { Call } from '../call.js';
import type { CloudTrailEvent } from '../cloudtrail/event-types.js';
import { eventRecord } from '../cloudtrail/event-json.js';
import type { Handler } from '../service.js';
import { addDataSource, CLOUDTRAIL_SOURCE } from './data-sources.js';
import { storeLogEvents } from './event-store.js';
import { ownEntry, putEntry } from './lookup.js';
import type { ImportBatchRecord, ImportStatus, ImportTaskRecord, LogGroupRecord } from './state.js';
import { indexLogStreamCreated, newLogStreamRecord } from './stream-records.js';

/** Each batch takes this long of engine time, one after another (no timers: computed when read). */
export const BATCH_MS = 60_000;

const DAY_MS = 86_400_000;

/**
 * Cuts the source events into batches by the UTC day of their eventTime (DescribeImportTaskBatches:
 * "a batch refers to a subset of stored events grouped by their eventTime"). Each event becomes a
 * log event holding its CloudTrail record, in the stream CloudTrail itself delivers to
 * (`ACCOUNT_CloudTrail_REGION`), timestamped with its eventTime.
 */
export function importBatches(events: readonly CloudTrailEvent[], creationTime: number): ImportBatchRecord[] {
  const byDay = new Map<number, CloudTrailEvent[]>();
  for (const e of [...events].sort((a, b) => a.eventTime - b.eventTime)) {
    const day = Math.floor(e.eventTime / DAY_MS);
    byDay.set(day, [...(byDay.get(day) ?? []), e]);
  }
  return [...byDay.entries()].map(([day, dayEvents], i) => {
    const pending = dayEvents.map((e) => ({
      timestamp: e.eventTime,
      message: JSON.stringify(eventRecord(e)),
      logStreamName: `${e.recipientAccountId}_CloudTrail_${e.awsRegion}`,
    }));
    return {
      batchId: new Date(day * DAY_MS).toISOString().slice(0, 10),
      completesAt: creationTime + (i + 1) * BATCH_MS,
      bytes: pending.reduce((n, p) => n + Buffer.byteLength(p.message, 'utf8'), 0),
      pending,
      dataTypes: [...new Set(dayEvents.map((e) => e.eventCategory.toLowerCase()))],
    };
  });
}

/** When an import that is never stopped completes (an empty one too takes one batch's time). */
const finishesAt = (task: ImportTaskRecord): number => task.creationTime + Math.max(1, task.batches.length) * BATCH_MS;

/** The status of a task at engine time `now`. */
export function importStatusAt(task: ImportTaskRecord, now: number): ImportStatus {
  if (task.importStatus !== 'IN_PROGRESS') return task.importStatus;
  return now >= finishesAt(task) ? 'COMPLETED' : 'IN_PROGRESS';
}

/** The status of a batch at `now`. */
export function batchStatusAt(batch: ImportBatchRecord, now: number): ImportStatus {
  return batch.status ?? (now >= batch.completesAt ? 'COMPLETED' : 'IN_PROGRESS');
}

/** When the task last changed: its end, or the last batch completed by `now`. */
export function importUpdatedAt(task: ImportTaskRecord, now: number): number {
  if (task.endedAt !== undefined) return task.endedAt;
  if (importStatusAt(task, now) === 'COMPLETED') return finishesAt(task);
  return task.batches.reduce((t, b) => (b.completesAt <= now ? Math.max(t, b.completesAt) : t), task.creationTime);
}

/** Bytes of the batches imported by `now`. */
export const bytesImported = (task: ImportTaskRecord, now: number): number =>
  task.batches.reduce((n, b) => (batchStatusAt(b, now) === 'COMPLETED' ? n + b.bytes : n), 0);

/** Ends a task early: its batches not imported yet get `status`. */
export function endImport(task: ImportTaskRecord, status: 'CANCELLED' | 'FAILED', at: number, errorMessage?: string): void {
  for (const batch of task.batches) {
    if (batch.status !== undefined || batch.completesAt <= at) continue;
    batch.status = status;
    if (errorMessage !== undefined) batch.errorMessage = errorMessage;
    batch.pending = [];
  }
  task.importStatus = status;
  task.endedAt = at;
  if (errorMessage !== undefined) task.errorMessage = errorMessage;
}

/** Copies a due batch into the destination group, creating the streams it needs. */
function copyBatch(group: LogGroupRecord, batch: ImportBatchRecord): void {
  const byStream = new Map<string, ImportBatchRecord['pending']>();
  for (const p of batch.pending) byStream.set(p.logStreamName, [...(byStream.get(p.logStreamName) ?? []), p]);
  for (const [name, events] of byStream) {
    let stream = ownEntry(group.streams, name);
    if (!stream) {
      stream = newLogStreamRecord(name, batch.completesAt);
      putEntry(group.streams, name, stream);
      indexLogStreamCreated(group, name);
    }
    storeLogEvents(stream, events, batch.completesAt);
  }
  for (const type of batch.dataTypes ?? []) addDataSource(group, { ...CLOUDTRAIL_SOURCE, type });
  batch.pending = [];
}

/**
 * Puts every batch due by the call's time into its destination group. A destination group that is
 * gone fails the batch and ends the import (message unverified).
 */
export function settleImportTasks(call: Call): void {
  const tasks = call.state.logs.importTasks;
  if (!tasks) return;
  for (const task of Object.values(tasks)) {
    if (task.importStatus !== 'IN_PROGRESS') continue;
    for (const batch of task.batches) {
      if (batch.status !== undefined || batch.completesAt > call.now || batch.pending.length === 0) continue;
      const group = ownEntry(call.state.logs.logGroups, task.logGroupName);
      if (!group) {
        batch.status = 'FAILED';
        batch.errorMessage = 'The destination log group does not exist.';
        batch.pending = [];
        endImport(task, 'FAILED', batch.completesAt, batch.errorMessage);
        break;
      }
      copyBatch(group, batch);
    }
  }
}

/**
 * Makes every operation of a service see imports as they stand at its call's time: the batches
 * due are copied before the handler runs, so any read of the destination group finds them.
 */
export function settlingImportsFirst(operations: Record<string, Handler>): void {
  for (const [name, handler] of Object.entries(operations)) {
    operations[name] = (call, input) => {
      settleImportTasks(call.forWriting());
      return handler(call, input);
    };
  }
}
