import type { CloudTrailEvent } from './event-types.js';
import { trimStoreEvents } from './event-retention.js';
import type { ImportRecord, ImportStatistics, ImportStatus, LakeState } from './lake-types.js';
import { ownEntry } from '../own.js';

/** A run initializes (lists the bucket's prefixes) this long, then copies events until RUN_MS. */
const IMPORT_INITIALIZING_MS = 10_000;
const IMPORT_RUN_MS = 60_000;

const FIVE_MINUTES = 5 * 60_000;

const running = (imp: ImportRecord): boolean =>
  imp.runStartedAt !== undefined && (imp.importStatus === 'INITIALIZING' || imp.importStatus === 'IN_PROGRESS');

/** An import's status at engine time `now`: a run under way follows its timeline. */
export function importStatusAt(imp: ImportRecord, now: number): ImportStatus {
  if (!running(imp)) return imp.importStatus;
  const elapsed = now - imp.runStartedAt!;
  if (elapsed < IMPORT_INITIALIZING_MS) return 'INITIALIZING';
  return elapsed < IMPORT_RUN_MS ? 'IN_PROGRESS' : 'COMPLETED';
}

/** True while an import blocks another one (and changes to its destination store). */
export function importOngoing(imp: ImportRecord, now: number): boolean {
  const status = importStatusAt(imp, now);
  return status === 'INITIALIZING' || status === 'IN_PROGRESS';
}

/** When the status an import reports at `now` began (its UpdatedTimestamp). */
export function importUpdatedAt(imp: ImportRecord, now: number): number {
  if (!running(imp)) return imp.updatedTimestamp;
  const status = importStatusAt(imp, now);
  if (status === 'INITIALIZING') return imp.runStartedAt!;
  return imp.runStartedAt! + (status === 'IN_PROGRESS' ? IMPORT_INITIALIZING_MS : IMPORT_RUN_MS);
}

/**
 * What the engine's "S3 source" holds for an import: it has no S3 objects, so the trail logs in the
 * bucket are the region's recorded management history — the events within the import's time
 * window that were recorded before the run began.
 */
export function importSourceEvents(lake: LakeState, imp: ImportRecord): CloudTrailEvent[] {
  const from = imp.startEventTime ?? -Infinity;
  const to = Math.min(imp.endEventTime ?? Infinity, imp.runStartedAt ?? imp.createdTimestamp);
  return lake.events.filter((e) => e.eventTime >= from && e.eventTime <= to);
}

/**
 * ImportStatistics of a run that reached `status` over `events`: prefixes are the S3 day folders
 * CloudTrail writes (one per region and day), files its five-minute log files.
 */
export function importStatistics(events: CloudTrailEvent[], status: ImportStatus): ImportStatistics {
  const none = { PrefixesFound: 0, PrefixesCompleted: 0, FilesCompleted: 0, EventsCompleted: 0, FailedEntries: 0 };
  if (status === 'INITIALIZING') return none;
  const prefixes = new Set(events.map((e) => `${e.awsRegion}/${new Date(e.eventTime).toISOString().slice(0, 10)}`));
  if (status !== 'COMPLETED') return { ...none, PrefixesFound: prefixes.size };
  const files = new Set(events.map((e) => `${e.awsRegion}/${Math.floor(e.eventTime / FIVE_MINUTES)}`));
  return { ...none, PrefixesFound: prefixes.size, PrefixesCompleted: prefixes.size, FilesCompleted: files.size, EventsCompleted: events.length };
}

/** The statistics an import reports at `now`. */
export function importStatisticsAt(lake: LakeState, imp: ImportRecord, now: number): ImportStatistics {
  if (!running(imp)) return imp.statistics;
  return importStatistics(importSourceEvents(lake, imp), importStatusAt(imp, now));
}

/**
 * Finishes every run of the region that is done by `now`: copies its events into the destination
 * stores (kept in event-time order, then trimmed to the store's retention) and fixes COMPLETED.
 * Imports copy what the source holds, as AWS does: events a store already ingested come twice.
 */
export function settleImports(lake: LakeState, now: number): void {
  for (const imp of Object.values(lake.imports)) {
    if (!running(imp) || importStatusAt(imp, now) !== 'COMPLETED') continue;
    const events = importSourceEvents(lake, imp);
    for (const arn of imp.destinations) {
      const eds = ownEntry(lake.eventDataStores, arn);
      if (!eds) continue;
      eds.events = [...eds.events, ...events].sort((a, b) => a.eventTime - b.eventTime);
      trimStoreEvents(eds, now);
    }
    imp.statistics = importStatistics(events, 'COMPLETED');
    imp.updatedTimestamp = importUpdatedAt(imp, now);
    imp.importStatus = 'COMPLETED';
  }
}
