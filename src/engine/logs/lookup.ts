import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import { ownEntry } from '../own.js';
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

/** Own-property lookups (log group names such as `constructor` are valid): see ../own.ts. */
export { ownEntry, putEntry } from '../own.js';

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
