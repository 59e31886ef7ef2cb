import { createHash } from 'node:crypto';
import type { LogGroupRecord, LogStreamRecord, StoredLogEvent } from './state.js';

/** What AWS counts for one event against the batch and page size limits: UTF-8 bytes + 26. */
const EVENT_OVERHEAD_BYTES = 26;
export const MAX_BATCH_BYTES = 1_048_576;
/** Responses of GetLogEvents and FilterLogEvents hold up to 1 MB (and 10,000 events). */
export const MAX_PAGE_BYTES = 1_048_576;
export const MAX_PAGE_EVENTS = 10_000;
export const DAY_MS = 86_400_000;

export const eventBytes = (message: string): number => Buffer.byteLength(message, 'utf8') + EVENT_OVERHEAD_BYTES;

/** An event to store: what PutLogEvents (or a service delivering logs) hands over. */
export interface NewLogEvent {
  timestamp: number;
  message: string;
}

/**
 * Stores events (already in chronological order) in a stream, keeping the stream sorted by
 * (timestamp, seq), and updates what DescribeLogStreams reports. Other services that deliver logs
 * into a group (CloudTrail) store through here too.
 */
export function storeLogEvents(stream: LogStreamRecord, events: readonly NewLogEvent[], ingestionTime: number): void {
  if (events.length === 0) return;
  let seq = stream.nextSeq ?? highestSeq(stream.events) + 1;
  const stored = events.map((e): StoredLogEvent => ({ timestamp: e.timestamp, message: e.message, ingestionTime, seq: seq++ }));
  stream.nextSeq = seq;
  const last = stream.events[stream.events.length - 1];
  if (!last || last.timestamp <= stored[0]!.timestamp) stream.events.push(...stored);
  else stream.events = mergeByTimestamp(stream.events, stored);
  const first = stored[0]!.timestamp;
  const newest = stored[stored.length - 1]!.timestamp;
  stream.firstEventTimestamp = Math.min(stream.firstEventTimestamp ?? first, first);
  stream.lastEventTimestamp = Math.max(stream.lastEventTimestamp ?? newest, newest);
  stream.lastIngestionTime = ingestionTime;
  stream.storedBytes += stored.reduce((n, e) => n + Buffer.byteLength(e.message, 'utf8'), 0);
}

function highestSeq(events: readonly StoredLogEvent[]): number {
  let max = -1;
  for (const e of events) if (e.seq > max) max = e.seq;
  return max;
}

/** Merges two timestamp-sorted runs; on equal timestamps the older (stored) event stays first. */
function mergeByTimestamp(stored: StoredLogEvent[], added: StoredLogEvent[]): StoredLogEvent[] {
  const out: StoredLogEvent[] = new Array(stored.length + added.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < stored.length && j < added.length) {
    out[k++] = stored[i]!.timestamp <= added[j]!.timestamp ? stored[i++]! : added[j++]!;
  }
  while (i < stored.length) out[k++] = stored[i++]!;
  while (j < added.length) out[k++] = added[j++]!;
  return out;
}

/** The first position whose event is at or after `timestamp`. */
export function firstAtOrAfter(events: readonly StoredLogEvent[], timestamp: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (events[mid]!.timestamp < timestamp) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A position between events: everything sorting at or before (timestamp, seq) lies before it. */
export function positionAfter(events: readonly StoredLogEvent[], timestamp: number, seq: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const e = events[mid]!;
    if (e.timestamp < timestamp || (e.timestamp === timestamp && e.seq <= seq)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The oldest timestamp a group still holds: events older than its retention are gone (AWS deletes
 * them; here they are hidden from reads, computed from engine time when read).
 */
export function retentionCutoff(group: LogGroupRecord, now: number): number {
  return group.retentionInDays === undefined ? 0 : now - group.retentionInDays * DAY_MS;
}

/** The part of an eventId that names the stream: 19 digits of a digest of its name. */
export function streamDigest(logStreamName: string): string {
  const digest = createHash('sha256').update(logStreamName).digest();
  return (digest.readBigUInt64BE(0) % 10n ** 19n).toString().padStart(19, '0');
}

/**
 * The eventId FilterLogEvents reports: 56 digits like AWS's, unique in the group (timestamp, the
 * stream's digest, the event's sequence in its stream) and stable across calls.
 */
export function eventId(digest: string, event: StoredLogEvent): string {
  return `${String(event.timestamp).padStart(16, '0')}${digest}${String(event.seq).padStart(21, '0')}`;
}
