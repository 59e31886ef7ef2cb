import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import { encodeToken } from '../tokens.js';
import { compareKeys, mergeStreams, type EventKey } from './event-merge.js';
import {
  MAX_PAGE_BYTES,
  MAX_PAGE_EVENTS,
  eventBytes,
  eventId,
  firstAtOrAfter,
  retentionCutoff,
  streamDigest,
} from './event-store.js';
import { compileFilterPattern } from './pattern/index.js';
import { lowerBound } from '../sorted-names.js';
import type { LogGroupRecord, LogStreamRecord, StoredLogEvent } from './state.js';
import {
  invalidNextToken,
  readNextToken,
  requireLogStream,
  requireReferencedLogGroup,
  sortedLogStreamNames,
  type LogGroupReference,
} from './stream-records.js';

interface FilterLogEventsInput extends LogGroupReference {
  logStreamNames?: string[];
  logStreamNamePrefix?: string;
  startTime?: number;
  endTime?: number;
  filterPattern?: string;
  nextToken?: string;
  limit?: number;
  startFromHead?: boolean;
}

/** A matched event as FilterLogEvents reports it. */
interface FilteredLogEvent {
  logStreamName: string;
  timestamp: number;
  message: string;
  ingestionTime: number;
  eventId: string;
}

/** Where a page stopped: the direction of the first request and the key of the last event shown. */
interface FilterToken {
  asc: boolean;
  k: EventKey;
}

/** Newest-first reads are offered only for searches starting on or after 2024-01-01 UTC. */
const DESCENDING_EARLIEST_START = Date.UTC(2024, 0, 1);

/**
 * FilterLogEvents: the matching events of the chosen streams within [startTime, endTime],
 * interleaved across streams by timestamp (oldest first unless startFromHead is false), paged by
 * nextToken, whose direction wins over startFromHead on later calls.
 */
export function filterLogEvents(call: Call, input: FilterLogEventsInput): unknown {
  checkParameters(input);
  const group = requireReferencedLogGroup(call, input);
  const streams = selectStreams(group, input);
  const pattern = compileFilterPattern(input.filterPattern ?? '');
  const token = input.nextToken === undefined ? undefined : readToken(input.nextToken);
  const ascending = token?.asc ?? input.startFromHead ?? true;
  const from = Math.max(input.startTime ?? 0, retentionCutoff(group, call.now));
  const ranges = streams.map((stream) => rangeOf(stream, from, input.endTime, token, ascending));
  const limit = input.limit ?? MAX_PAGE_EVENTS;
  const digests = new Map<string, string>();
  const events: FilteredLogEvent[] = [];
  let bytes = 0;
  let lastKey: EventKey | undefined;
  for (const { stream, event, key } of mergeStreams(ranges, ascending ? 1 : -1)) {
    if (!pattern.match(event.message)) continue;
    const size = eventBytes(event.message);
    if (events.length === limit || bytes + size > MAX_PAGE_BYTES) {
      return { events, searchedLogStreams: [], nextToken: writeToken({ asc: ascending, k: lastKey! }) };
    }
    bytes += size;
    lastKey = key;
    events.push(filtered(stream, event, digests));
  }
  return { events, searchedLogStreams: [] };
}

function checkParameters(input: FilterLogEventsInput): void {
  if (input.logStreamNames !== undefined && input.logStreamNamePrefix !== undefined) {
    throw new AwsError('InvalidParameterException', 'Cannot specify both logStreamNames and logStreamNamePrefix.');
  }
  if (input.startFromHead === false && input.nextToken === undefined && input.startTime !== undefined && input.startTime < DESCENDING_EARLIEST_START) {
    throw new AwsError(
      'InvalidParameterException',
      'Setting startFromHead to false is supported only when startTime is on or after Jan 1, 2024 00:00:00 UTC.',
    );
  }
}

/** The streams searched: those named (each must exist), those under a prefix, or all. */
function selectStreams(group: LogGroupRecord, input: FilterLogEventsInput): LogStreamRecord[] {
  if (input.logStreamNames) return [...new Set(input.logStreamNames)].map((name) => requireLogStream(group, name));
  const names = sortedLogStreamNames(group);
  const prefix = input.logStreamNamePrefix ?? '';
  const selected: LogStreamRecord[] = [];
  for (let i = lowerBound(names, prefix); i < names.length && names[i]!.startsWith(prefix); i++) {
    selected.push(group.streams[names[i]!]!);
  }
  return selected;
}

/**
 * The part of a stream a search reads: [from, endTime] (endTime inclusive here, unlike
 * GetLogEvents), and only what lies beyond the token's key in the reading direction.
 */
function rangeOf(stream: LogStreamRecord, from: number, endTime: number | undefined, token: FilterToken | undefined, ascending: boolean) {
  const events = stream.events;
  let lo = firstAtOrAfter(events, from);
  let hi = endTime === undefined ? events.length : firstAtOrAfter(events, endTime + 1);
  if (token && ascending) lo = Math.max(lo, firstBeyond(stream, token.k, (c) => c <= 0));
  if (token && !ascending) hi = Math.min(hi, firstBeyond(stream, token.k, (c) => c < 0));
  return { stream, lo, hi };
}

/** The first index whose event's key does not satisfy `before(compare(eventKey, key))`. */
function firstBeyond(stream: LogStreamRecord, key: EventKey, before: (c: number) => boolean): number {
  const events = stream.events;
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const e = events[mid]!;
    if (before(compareKeys([e.timestamp, e.ingestionTime, stream.logStreamName, e.seq], key))) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function filtered(stream: LogStreamRecord, event: StoredLogEvent, digests: Map<string, string>): FilteredLogEvent {
  let digest = digests.get(stream.logStreamName);
  if (digest === undefined) digests.set(stream.logStreamName, (digest = streamDigest(stream.logStreamName)));
  return {
    logStreamName: stream.logStreamName,
    timestamp: event.timestamp,
    message: event.message,
    ingestionTime: event.ingestionTime,
    eventId: eventId(digest, event),
  };
}

function writeToken(token: FilterToken): string {
  return encodeToken(token);
}

function readToken(token: string): FilterToken {
  const data = readNextToken<FilterToken>(token);
  if (typeof data.asc !== 'boolean' || !Array.isArray(data.k) || data.k.length !== 4) throw invalidNextToken();
  return data;
}
