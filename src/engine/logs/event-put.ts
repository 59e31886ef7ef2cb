import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import {
  DAY_MS,
  MAX_BATCH_BYTES,
  eventBytes,
  retentionCutoff,
  storeLogEvents,
  type NewLogEvent,
} from './event-store.js';
import { feedLogEvents } from './feed.js';
import { requireLogGroup } from './lookup.js';
import type { LogGroupRecord } from './state.js';
import { nextSequenceToken, requireLogStream } from './stream-records.js';

interface PutLogEventsInput {
  logGroupName: string;
  logStreamName: string;
  logEvents: NewLogEvent[];
  /** Ignored by AWS since 2023: any value, or none, is accepted. */
  sequenceToken?: string;
}

/** Which events of a batch AWS turns away without failing the call (indexes into the batch). */
interface RejectedLogEventsInfo {
  tooNewLogEventStartIndex?: number;
  tooOldLogEventEndIndex?: number;
  expiredLogEventEndIndex?: number;
}

const MAX_EVENT_BYTES = 1_048_576;
const MAX_AGE_MS = 14 * DAY_MS;
const MAX_FUTURE_MS = 2 * 3_600_000;

/**
 * PutLogEvents: the batch must fit the size limits and be in chronological order, and its
 * acceptable events must span at most 24 hours; events too old, too new or past the group's
 * retention are rejected (reported, not stored) while the rest are stored.
 */
export function putLogEvents(call: Call, input: PutLogEventsInput): unknown {
  const events = input.logEvents;
  checkBatchSize(events);
  const group = requireLogGroup(call, input.logGroupName);
  const stream = requireLogStream(group, input.logStreamName);
  checkChronological(events);
  const { accepted, rejected } = partition(events, group, call.now);
  if (accepted.length > 1 && accepted[accepted.length - 1]!.timestamp - accepted[0]!.timestamp > DAY_MS) {
    throw new AwsError(
      'InvalidParameterException',
      'The batch of log events in a single PutLogEvents request cannot span more than 24 hours.',
    );
  }
  storeLogEvents(stream, accepted, call.now);
  // The stream numbered the stored events consecutively, ending just before its next sequence number.
  feedLogEvents(call, group, stream, accepted, stream.nextSeq! - accepted.length);
  stream.uploadSequenceToken = nextSequenceToken(stream.uploadSequenceToken);
  return {
    nextSequenceToken: stream.uploadSequenceToken,
    ...(Object.keys(rejected).length > 0 && { rejectedLogEventsInfo: rejected }),
  };
}

function checkBatchSize(events: readonly NewLogEvent[]): void {
  let total = 0;
  for (const e of events) {
    const size = eventBytes(e.message);
    if (size > MAX_EVENT_BYTES) {
      throw new AwsError('InvalidParameterException', `Log event too large: ${size} bytes exceeds limit of ${MAX_EVENT_BYTES}`);
    }
    total += size;
  }
  if (total > MAX_BATCH_BYTES) {
    throw new AwsError('InvalidParameterException', `Upload too large: ${total} bytes exceeds limit of ${MAX_BATCH_BYTES}`);
  }
}

function checkChronological(events: readonly NewLogEvent[]): void {
  for (let i = 1; i < events.length; i++) {
    if (events[i]!.timestamp < events[i - 1]!.timestamp) {
      throw new AwsError(
        'InvalidParameterException',
        'Log events in a single PutLogEvents request must be in chronological order.',
      );
    }
  }
}

/**
 * Splits a chronological batch: too-old and expired events form a prefix (their end indexes are
 * exclusive), too-new events a suffix (its start index inclusive); the middle is stored.
 */
function partition(events: readonly NewLogEvent[], group: LogGroupRecord, now: number) {
  const countBefore = (cutoff: number) => {
    let n = 0;
    while (n < events.length && events[n]!.timestamp < cutoff) n++;
    return n;
  };
  const tooOldEnd = countBefore(now - MAX_AGE_MS);
  const expiredEnd = group.retentionInDays === undefined ? 0 : countBefore(retentionCutoff(group, now));
  let tooNewStart = events.length;
  while (tooNewStart > 0 && events[tooNewStart - 1]!.timestamp > now + MAX_FUTURE_MS) tooNewStart--;
  const rejected: RejectedLogEventsInfo = {};
  if (tooNewStart < events.length) rejected.tooNewLogEventStartIndex = tooNewStart;
  if (tooOldEnd > 0) rejected.tooOldLogEventEndIndex = tooOldEnd;
  if (expiredEnd > 0) rejected.expiredLogEventEndIndex = expiredEnd;
  const start = Math.max(tooOldEnd, expiredEnd);
  return { accepted: events.slice(start, Math.max(start, tooNewStart)), rejected };
}
