import type { LogStreamRecord, StoredLogEvent } from './state.js';

/**
 * Where an event sits in a group-wide ordering: FilterLogEvents sorts by timestamp, then
 * ingestion time, then (standing in for AWS's request id) stream name and sequence.
 */
export type EventKey = [timestamp: number, ingestionTime: number, logStreamName: string, seq: number];

const keyOf = (stream: LogStreamRecord, e: StoredLogEvent): EventKey => [e.timestamp, e.ingestionTime, stream.logStreamName, e.seq];

export function compareKeys(a: EventKey, b: EventKey): number {
  return a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0) || a[3] - b[3];
}

/** A stream being read in one direction: the next index to yield and the index it stops at. */
interface Cursor {
  stream: LogStreamRecord;
  next: number;
  end: number;
  step: 1 | -1;
}

/** One event as the merge yields it, with the stream it came from. */
export interface MergedEvent {
  stream: LogStreamRecord;
  event: StoredLogEvent;
  key: EventKey;
}

/**
 * Yields the events of several streams in one ordering (ascending, or descending when `step` is
 * -1), each stream read over [lo, hi) of its own sorted events: a k-way merge on a binary heap, so
 * a page costs its own size times log(streams), however much the streams hold.
 */
export function* mergeStreams(ranges: { stream: LogStreamRecord; lo: number; hi: number }[], step: 1 | -1): Generator<MergedEvent> {
  const heap: Cursor[] = [];
  const before = (a: Cursor, b: Cursor) => step * compareKeys(headKey(a), headKey(b)) < 0;
  for (const r of ranges) {
    if (r.lo >= r.hi) continue;
    heap.push(step === 1 ? { stream: r.stream, next: r.lo, end: r.hi, step } : { stream: r.stream, next: r.hi - 1, end: r.lo - 1, step });
  }
  for (let i = (heap.length >>> 1) - 1; i >= 0; i--) siftDown(heap, i, before);
  while (heap.length > 0) {
    const top = heap[0]!;
    const event = top.stream.events[top.next]!;
    yield { stream: top.stream, event, key: keyOf(top.stream, event) };
    top.next += top.step;
    if (top.next === top.end) {
      const last = heap.pop()!;
      if (heap.length === 0) break;
      heap[0] = last;
    }
    siftDown(heap, 0, before);
  }
}

function headKey(c: Cursor): EventKey {
  return keyOf(c.stream, c.stream.events[c.next]!);
}

function siftDown(heap: Cursor[], i: number, before: (a: Cursor, b: Cursor) => boolean): void {
  for (;;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let best = i;
    if (l < heap.length && before(heap[l]!, heap[best]!)) best = l;
    if (r < heap.length && before(heap[r]!, heap[best]!)) best = r;
    if (best === i) return;
    [heap[i], heap[best]] = [heap[best]!, heap[i]!];
    i = best;
  }
}
