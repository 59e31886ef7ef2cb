import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import type { LogGroupRecord } from './state.js';

/** The ARN AWS reports for a log group (`arn` member, with `:*`) and its `logGroupArn` (without). */
export function logGroupArn(call: Call, logGroupName: string, withStar = false): string {
  return call.arn('logs', `log-group:${logGroupName}${withStar ? ':*' : ''}`);
}

const LOG_GROUP_ARN = /^arn:aws[\w-]*:logs:([\w-]+):(\d{12}):log-group:([^:]+)(?::\*)?$/;

/**
 * A log group name from a `logGroupIdentifier`: the name itself, or the group's ARN with or
 * without the trailing `:*`. An ARN of another account or region does not name a group here.
 */
export function logGroupNameFromIdentifier(call: Call, identifier: string): string | undefined {
  if (!identifier.startsWith('arn:')) return identifier;
  const m = LOG_GROUP_ARN.exec(identifier);
  if (!m || m[1] !== call.region || m[2] !== call.account) return undefined;
  return m[3];
}

/**
 * A record's own entry. State records are plain objects and `constructor`, `toString` or
 * `__proto__` are valid log group names, so a bare `record[name]` would find Object.prototype.
 */
export function ownEntry<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Sets a record's own entry, also for `__proto__` (which plain assignment would not create). */
export function putEntry<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}

/** AWS's ResourceNotFoundException for a log group. */
export function logGroupNotFound(): AwsError {
  return new AwsError('ResourceNotFoundException', 'The specified log group does not exist.');
}

/** The named log group, or AWS's ResourceNotFoundException. */
export function requireLogGroup(call: Call, logGroupName: string): LogGroupRecord {
  const group = ownEntry(call.state.logs.logGroups, logGroupName);
  if (!group) throw logGroupNotFound();
  return group;
}

/** The log group a `logGroupIdentifier` (name or ARN) names, or ResourceNotFoundException. */
export function requireLogGroupByIdentifier(call: Call, identifier: string): LogGroupRecord {
  const name = logGroupNameFromIdentifier(call, identifier);
  return requireLogGroup(call, name ?? '');
}
