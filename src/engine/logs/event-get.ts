import type { Call } from '../call.js';
import { encodeToken } from '../tokens.js';
import {
  MAX_PAGE_BYTES,
  MAX_PAGE_EVENTS,
  eventBytes,
  firstAtOrAfter,
  positionAfter,
  retentionCutoff,
} from './event-store.js';
import type { StoredLogEvent } from './state.js';
import {
  invalidNextToken,
  readNextToken,
  requireLogStream,
  requireReferencedLogGroup,
  type LogGroupReference,
} from './stream-records.js';

interface GetLogEventsInput extends LogGroupReference {
  logStreamName: string;
  startTime?: number;
  endTime?: number;
  nextToken?: string;
  limit?: number;
  startFromHead?: boolean;
}

/**
 * A place between two events of a stream: every event sorting at or before (t, s) lies before it.
 * A forward token reads what follows the gap, a backward token what precedes it.
 */
interface Gap {
  t: number;
  s: number;
}

type Direction = 'f' | 'b';

/**
 * GetLogEvents: one page of a stream's events in [startTime, endTime), oldest first within the
 * page; from the head or (by default) the tail, then wherever the forward/backward token points.
 * Past the end, the token passed in comes back unchanged.
 */
export function getLogEvents(call: Call, input: GetLogEventsInput): unknown {
  const group = requireReferencedLogGroup(call, input);
  const stream = requireLogStream(group, input.logStreamName);
  const token = input.nextToken === undefined ? undefined : readToken(input.nextToken);
  const events = stream.events;
  let lo = firstAtOrAfter(events, Math.max(input.startTime ?? 0, retentionCutoff(group, call.now)));
  let hi = input.endTime === undefined ? events.length : firstAtOrAfter(events, input.endTime);
  const direction: Direction = token?.d ?? (input.startFromHead ? 'f' : 'b');
  if (token?.d === 'f') lo = Math.max(lo, positionAfter(events, token.t, token.s));
  if (token?.d === 'b') hi = Math.min(hi, positionAfter(events, token.t, token.s));
  const [from, to] = pageBounds(events, lo, hi, direction, input.limit ?? MAX_PAGE_EVENTS);
  const page = events.slice(from, to);
  if (page.length === 0) {
    const gap = token ?? gapBefore(events, direction === 'f' ? lo : hi);
    return {
      events: [],
      nextForwardToken: token?.d === 'f' ? input.nextToken : writeToken('f', gap),
      nextBackwardToken: token?.d === 'b' ? input.nextToken : writeToken('b', gap),
    };
  }
  return {
    events: page.map((e) => ({ timestamp: e.timestamp, message: e.message, ingestionTime: e.ingestionTime })),
    nextForwardToken: writeToken('f', { t: page[page.length - 1]!.timestamp, s: page[page.length - 1]!.seq }),
    nextBackwardToken: writeToken('b', gapBefore(events, from)),
  };
}

/** The slice [from, to) of [lo, hi) that one page holds, taken from the front or the back. */
function pageBounds(events: readonly StoredLogEvent[], lo: number, hi: number, direction: Direction, limit: number): [number, number] {
  let bytes = 0;
  if (direction === 'f') {
    let to = lo;
    while (to < hi && to - lo < limit && bytes + eventBytes(events[to]!.message) <= MAX_PAGE_BYTES) {
      bytes += eventBytes(events[to]!.message);
      to++;
    }
    return [lo, to];
  }
  let from = hi;
  while (from > lo && hi - from < limit && bytes + eventBytes(events[from - 1]!.message) <= MAX_PAGE_BYTES) {
    bytes += eventBytes(events[from - 1]!.message);
    from--;
  }
  return [from, hi];
}

/** The gap just before position `i` (the start of the stream before the first event). */
function gapBefore(events: readonly StoredLogEvent[], i: number): Gap {
  const e = events[i - 1];
  return e ? { t: e.timestamp, s: e.seq } : { t: -1, s: -1 };
}

/** Tokens look like AWS's (`f/…`, `b/…`); the part after the slash is signed. */
function writeToken(direction: Direction, gap: Gap): string {
  return `${direction}/${encodeToken({ d: direction, t: gap.t, s: gap.s })}`;
}

function readToken(token: string): Gap & { d: Direction } {
  const direction = token.slice(0, 2);
  if (direction !== 'f/' && direction !== 'b/') throw invalidNextToken();
  const data = readNextToken<Gap & { d: Direction }>(token.slice(2));
  if (data.d !== direction[0] || typeof data.t !== 'number' || typeof data.s !== 'number') throw invalidNextToken();
  return data;
}
