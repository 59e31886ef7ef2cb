import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import { encodeToken } from '../tokens.js';
import { compareCodeUnits, lowerBound } from '../sorted-names.js';
import type { LogGroupRecord, LogStreamRecord } from './state.js';
import {
  invalidNextToken,
  logStreamArn,
  readNextToken,
  requireReferencedLogGroup,
  sortedLogStreamNames,
  type LogGroupReference,
} from './stream-records.js';

interface DescribeLogStreamsInput extends LogGroupReference {
  logStreamNamePrefix?: string;
  orderBy?: 'LogStreamName' | 'LastEventTime';
  descending?: boolean;
  nextToken?: string;
  limit?: number;
}

/** A stream as DescribeLogStreams reports it. */
interface LogStreamOutput {
  logStreamName: string;
  creationTime: number;
  firstEventTimestamp?: number;
  lastEventTimestamp?: number;
  lastIngestionTime?: number;
  uploadSequenceToken?: string;
  arn: string;
  storedBytes: number;
}

/** Where a page ends: the ordering it was made under and the sort key of its last stream. */
interface StreamPageToken {
  o: 'LogStreamName' | 'LastEventTime';
  d: boolean;
  k: [number, string];
}

const DEFAULT_LIMIT = 50;

/** DescribeLogStreams: by name (default, optionally under a prefix) or by last event time. */
export function describeLogStreams(call: Call, input: DescribeLogStreamsInput): unknown {
  const orderBy = input.orderBy ?? 'LogStreamName';
  const descending = input.descending ?? false;
  if (orderBy === 'LastEventTime' && input.logStreamNamePrefix !== undefined) {
    throw new AwsError('InvalidParameterException', 'Cannot order by LastEventTime with a logStreamNamePrefix.');
  }
  const group = requireReferencedLogGroup(call, input);
  const after = input.nextToken === undefined ? undefined : readToken(input.nextToken, orderBy, descending);
  const limit = input.limit ?? DEFAULT_LIMIT;
  // One stream more than the page shows whether another page follows.
  const ordered = orderBy === 'LogStreamName'
    ? streamsByName(group, input.logStreamNamePrefix ?? '', descending, after, limit + 1)
    : streamsByLastEventTime(group, descending, after);
  const page = ordered.slice(0, limit);
  const output: { logStreams: LogStreamOutput[]; nextToken?: string } = {
    logStreams: page.map((s) => describeStream(call, group, s)),
  };
  if (ordered.length > limit) {
    const last = page[page.length - 1]!;
    output.nextToken = encodeToken({ o: orderBy, d: descending, k: sortKey(orderBy, last) } satisfies StreamPageToken);
  }
  return output;
}

function readToken(token: string, orderBy: string, descending: boolean): [number, string] {
  const data = readNextToken<StreamPageToken>(token);
  if (data.o !== orderBy || data.d !== descending || !Array.isArray(data.k)) throw invalidNextToken();
  return data.k;
}

function sortKey(orderBy: string, stream: LogStreamRecord): [number, string] {
  return orderBy === 'LastEventTime' ? [lastEventTime(stream), stream.logStreamName] : [0, stream.logStreamName];
}

/** A stream without events sorts as if its last event were at the epoch. */
const lastEventTime = (stream: LogStreamRecord): number => stream.lastEventTimestamp ?? 0;

/**
 * Up to `count` streams after `after` in name order (or its reverse), under `prefix`: names under
 * a prefix are contiguous in the sorted index, so a page costs two binary searches.
 */
function streamsByName(
  group: LogGroupRecord,
  prefix: string,
  descending: boolean,
  after: [number, string] | undefined,
  count: number,
): LogStreamRecord[] {
  const names = sortedLogStreamNames(group);
  let lo = lowerBound(names, prefix);
  let hi = endOfPrefix(names, prefix, lo);
  if (after && !descending) lo = Math.max(lo, firstAfter(names, after[1]));
  if (after && descending) hi = Math.min(hi, lowerBound(names, after[1]));
  if (hi <= lo) return [];
  const range = descending ? names.slice(Math.max(lo, hi - count), hi).reverse() : names.slice(lo, Math.min(hi, lo + count));
  return range.map((name) => group.streams[name]!);
}

/** The end of the contiguous run of names, starting at `from`, that begin with `prefix`. */
function endOfPrefix(names: readonly string[], prefix: string, from: number): number {
  let lo = from;
  let hi = names.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (names[mid]!.startsWith(prefix)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function firstAfter(names: readonly string[], name: string): number {
  const at = lowerBound(names, name);
  return names[at] === name ? at + 1 : at;
}

function streamsByLastEventTime(
  group: LogGroupRecord,
  descending: boolean,
  after: [number, string] | undefined,
): LogStreamRecord[] {
  const sign = descending ? -1 : 1;
  const compare = (a: [number, string], b: [number, string]): number =>
    sign * (a[0] - b[0] || compareCodeUnits(a[1], b[1]));
  const keyed = Object.values(group.streams).map((s) => ({ s, k: sortKey('LastEventTime', s) }));
  const remaining = after ? keyed.filter(({ k }) => compare(k, after) > 0) : keyed;
  return remaining.sort((a, b) => compare(a.k, b.k)).map(({ s }) => s);
}

function describeStream(call: Call, group: LogGroupRecord, stream: LogStreamRecord): LogStreamOutput {
  const ingested = stream.lastIngestionTime !== undefined;
  return {
    logStreamName: stream.logStreamName,
    creationTime: stream.creationTime,
    ...(stream.firstEventTimestamp !== undefined && { firstEventTimestamp: stream.firstEventTimestamp }),
    ...(stream.lastEventTimestamp !== undefined && { lastEventTimestamp: stream.lastEventTimestamp }),
    ...(ingested && { lastIngestionTime: stream.lastIngestionTime, uploadSequenceToken: stream.uploadSequenceToken }),
    arn: logStreamArn(call, group.logGroupName, stream.logStreamName),
    // AWS stopped reporting stored bytes per stream in 2019: always zero (groups still report theirs).
    storedBytes: 0,
  };
}
