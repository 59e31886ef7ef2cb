import type { CloudTrailEvent } from './event-types.js';
import type { EventDataStoreRecord } from './lake-types.js';

const DAY_MS = 24 * 3600 * 1000;

/** Event history (LookupEvents) covers the last 90 days. */
export const HISTORY_WINDOW_MS = 90 * DAY_MS;

/** The engine keeps at most this many events per region's history and per store (memory bound). */
export const HISTORY_CAP = 50_000;
export const STORE_CAP = 50_000;

/** Trimming runs when a list overshoots by this much, so that appends stay amortized O(1). */
const SLACK = 1_000;

/**
 * Drops events older than `oldest` and, beyond `cap`, the oldest ones. Lists are oldest first;
 * only the front is inspected, so a call that trims nothing costs a comparison or two.
 */
export function trimEvents(events: CloudTrailEvent[], oldest: number, cap: number): void {
  if (events.length > cap + SLACK) events.splice(0, events.length - cap);
  if (events.length === 0 || events[0]!.eventTime >= oldest) return;
  let drop = 1;
  while (drop < events.length && events[drop]!.eventTime < oldest) drop++;
  events.splice(0, drop);
}

/** A store keeps events for its retention period; imported events can be older, so filter fully. */
export function trimStoreEvents(eds: EventDataStoreRecord, now: number): void {
  const oldest = now - eds.retentionPeriod * DAY_MS;
  if (eds.events.some((e) => e.eventTime < oldest)) eds.events = eds.events.filter((e) => e.eventTime >= oldest);
  if (eds.events.length > STORE_CAP) eds.events.splice(0, eds.events.length - STORE_CAP);
}
