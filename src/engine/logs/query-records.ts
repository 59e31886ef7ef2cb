import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import type { Handler } from '../service.js';
import { retentionCutoff } from './event-store.js';
import { decodePointer, eventRow } from './insights/record.js';
import { formatValue, isInstant } from './insights/values.js';
import { ownEntry, putEntry } from './lookup.js';
import { queryRows } from './query-sources.js';
import { requireReferencedLogGroup, type LogGroupReference } from './stream-records.js';

const MINUTE_MS = 60_000;

/**
 * The fields of a group's events in a window (8 minutes either side of `time`, or the last 15
 * minutes), each with the percentage of those events that have it, most frequent first. With no
 * events in the window there are no fields.
 */
function getLogGroupFields(call: Call, input: LogGroupReference & { time?: number }) {
  const group = requireReferencedLogGroup(call, input);
  const [from, to] = input.time === undefined
    ? [call.now - 15 * MINUTE_MS, call.now]
    : [input.time * 1000 - 8 * MINUTE_MS, input.time * 1000 + 8 * MINUTE_MS];
  const rows = queryRows(call, [group], from, to);
  const counts = new Map<string, number>();
  for (const row of rows) for (const name of row.fields.keys()) counts.set(name, (counts.get(name) ?? 0) + 1);
  const logGroupFields = [...counts]
    .map(([name, n]) => ({ name, percent: Math.round((n * 100) / rows.length) }))
    .sort((a, b) => b.percent - a.percent);
  return { logGroupFields };
}

// Wording unverified: AWS's errors for a pointer it did not issue, and for an event that is gone.
const badPointer = (): AwsError => new AwsError('InvalidParameterException', 'The specified log record pointer is not valid.');
const recordGone = (): AwsError => new AwsError('ResourceNotFoundException', 'The specified log record does not exist.');

/** Every field of the event an `@ptr` points at; times as epoch milliseconds, like AWS. */
function getLogRecord(call: Call, input: { logRecordPointer: string; unmask?: boolean }) {
  const address = decodePointer(input.logRecordPointer);
  if (!address) throw badPointer();
  const group = ownEntry(call.state.logs.logGroups, address.logGroupName);
  const stream = group && ownEntry(group.streams, address.logStreamName);
  const event = stream?.events.find((e) => e.seq === address.seq);
  if (!group || !event || event.timestamp < retentionCutoff(group, call.now)) throw recordGone();
  const logRecord: Record<string, string> = {};
  for (const [name, value] of eventRow(call.account, address, event).fields) {
    putEntry(logRecord, name, isInstant(value) ? String(value.ms) : formatValue(value)!);
  }
  return { logRecord };
}

/** GetLogGroupFields, GetLogRecord. */
export const queryRecordOperations: Record<string, Handler> = {
  GetLogGroupFields: getLogGroupFields,
  GetLogRecord: getLogRecord,
};
