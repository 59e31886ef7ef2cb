import { NameIndex } from '../sorted-names.js';
import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import { decodeToken } from '../tokens.js';
import { logGroupNameFromIdentifier, requireLogGroup } from './lookup.js';
import type { LogGroupRecord, LogStreamRecord } from './state.js';

/** The ARN AWS reports for a log stream. */
export function logStreamArn(call: Call, logGroupName: string, logStreamName: string): string {
  return call.arn('logs', `log-group:${logGroupName}:log-stream:${logStreamName}`);
}

const INVALID_NEXT_TOKEN = 'The specified nextToken is invalid.';

/** The error of every stream and event read for a nextToken it did not issue. */
export function invalidNextToken(): AwsError {
  return new AwsError('InvalidParameterException', INVALID_NEXT_TOKEN);
}

/** The data of a pagination token issued by a stream or event read, or invalidNextToken. */
export function readNextToken<T>(token: string): T {
  return decodeToken<T>(token, 'InvalidParameterException', INVALID_NEXT_TOKEN);
}

/** The named stream of a group, or AWS's ResourceNotFoundException. */
export function requireLogStream(group: LogGroupRecord, logStreamName: string): LogStreamRecord {
  const stream = Object.hasOwn(group.streams, logStreamName) ? group.streams[logStreamName] : undefined;
  if (!stream) throw new AwsError('ResourceNotFoundException', 'The specified log stream does not exist.');
  return stream;
}

/** The members by which read operations name their log group: exactly one of the two. */
export interface LogGroupReference {
  logGroupName?: string;
  logGroupIdentifier?: string;
}

/**
 * The log group of a read operation (DescribeLogStreams, GetLogEvents, FilterLogEvents), which
 * takes either `logGroupName` or `logGroupIdentifier` (name or ARN), never both, never neither.
 */
export function requireReferencedLogGroup(call: Call, input: LogGroupReference): LogGroupRecord {
  const { logGroupName, logGroupIdentifier } = input;
  if (logGroupName !== undefined && logGroupIdentifier !== undefined) {
    throw new AwsError('InvalidParameterException', 'LogGroup name and LogGroup identifier are mutually exclusive parameters.');
  }
  if (logGroupName !== undefined) return requireLogGroup(call, logGroupName);
  if (logGroupIdentifier === undefined) {
    throw new AwsError('InvalidParameterException', 'Either LogGroup name or LogGroup identifier must be specified.');
  }
  return requireLogGroup(call, logGroupNameFromIdentifier(call, logGroupIdentifier) ?? '');
}

/** The width of AWS's numeric sequence tokens and event ids. */
const TOKEN_DIGITS = 56;

/** A stream as CreateLogStream leaves it: no events, a first sequence token kept for the first put. */
export function newLogStreamRecord(logStreamName: string, creationTime: number): LogStreamRecord {
  return {
    logStreamName,
    creationTime,
    uploadSequenceToken: `49${String(creationTime).padStart(TOKEN_DIGITS - 2, '0')}`,
    storedBytes: 0,
    events: [],
    nextSeq: 0,
  };
}

/** The sequence token after `token`: AWS still returns a fresh one on every PutLogEvents. */
export function nextSequenceToken(token: string): string {
  let n: bigint;
  try {
    n = BigInt(token);
  } catch {
    n = 0n;
  }
  return (n + 1n).toString().padStart(TOKEN_DIGITS, '0');
}

/**
 * Stream names of a group in the order DescribeLogStreams lists them. Any writer that bypasses
 * create/delete (and so the index) is caught by the size check.
 */
const streamNames = new NameIndex<LogGroupRecord>((group) => group.streams, true);

export const sortedLogStreamNames = (group: LogGroupRecord): string[] => streamNames.sorted(group);

/** Records a created stream in the group's name index. */
export const indexLogStreamCreated = (group: LogGroupRecord, name: string): void => streamNames.added(group, name);

/** Removes a deleted stream from the group's name index. */
export const indexLogStreamDeleted = (group: LogGroupRecord, name: string): void => streamNames.removed(group, name);
