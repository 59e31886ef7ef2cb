import { randomUUID } from 'node:crypto';
import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import type { Handler } from '../service.js';
import { openSessionCount, type LiveTailSessionStart } from './live-tail-session.js';
import { logGroupNotFound, ownEntry } from './lookup.js';
import { compileFilterPattern } from './pattern/index.js';

interface StartLiveTailInput {
  logGroupIdentifiers: string[];
  logStreamNames?: string[];
  logStreamNamePrefixes?: string[];
  logEventFilterPattern?: string;
}

/** Concurrent Live Tail sessions per account and Region (CloudWatch Logs' default quota: 15). */
export const MAX_SESSIONS = 15;

const LOG_GROUP_ARN = /^arn:aws[\w-]*:logs:([\w-]+):(\d{12}):log-group:([^:]+)$/;

// The wording of the errors below is not documented by AWS; unverified, in CloudWatch Logs' style.
const invalid = (message: string) => new AwsError('InvalidParameterException', message);

/**
 * Each log group is named by its ARN, without the trailing `:*` (the model's pattern refuses `*`);
 * it must be a Standard-class group of this account and Region: the engine has no cross-account
 * observability, and Live Tail is a Standard-class feature.
 */
function checkLogGroups(call: Call, identifiers: string[]): void {
  for (const id of identifiers) {
    const m = LOG_GROUP_ARN.exec(id);
    if (!m) throw invalid(`LogGroupIdentifier ${id} is not a log group ARN; Live Tail takes log group ARNs.`);
    const here = m[1] === call.region && m[2] === call.account;
    const group = here ? ownEntry(call.state.logs.logGroups, m[3]!) : undefined;
    if (!group) throw logGroupNotFound();
    if (group.logGroupClass !== 'STANDARD') {
      throw new AwsError('InvalidOperationException', `Live Tail is not supported for log group ${group.logGroupName} of class ${group.logGroupClass}.`);
    }
  }
}

function checkStreamFilters(input: StartLiveTailInput): void {
  if (input.logStreamNames !== undefined && input.logStreamNamePrefixes !== undefined) {
    throw invalid('logStreamNames and logStreamNamePrefixes are mutually exclusive parameters.');
  }
  const filtered = input.logStreamNames !== undefined || input.logStreamNamePrefixes !== undefined;
  if (filtered && input.logGroupIdentifiers.length !== 1) {
    throw invalid('logStreamNames and logStreamNamePrefixes can only be specified with exactly one log group.');
  }
}

/**
 * Checks the request and answers the `sessionStart` event that opens the stream; the protocol
 * layer then streams the session's updates (protocol/live-tail-stream.ts).
 */
function startLiveTail(call: Call, input: StartLiveTailInput): { responseStream: { sessionStart: LiveTailSessionStart } } {
  checkLogGroups(call, input.logGroupIdentifiers);
  checkStreamFilters(input);
  if (input.logEventFilterPattern !== undefined) compileFilterPattern(input.logEventFilterPattern, 'StartLiveTail');
  if (openSessionCount(call.engine.world, call.account, call.region) >= MAX_SESSIONS) {
    throw new AwsError('LimitExceededException', `You have reached the maximum of ${MAX_SESSIONS} concurrent Live Tail sessions.`);
  }
  const sessionStart: LiveTailSessionStart = {
    requestId: call.identity.requestId,
    sessionId: randomUUID(),
    logGroupIdentifiers: [...input.logGroupIdentifiers],
    ...(input.logStreamNames ? { logStreamNames: input.logStreamNames } : {}),
    ...(input.logStreamNamePrefixes ? { logStreamNamePrefixes: input.logStreamNamePrefixes } : {}),
    ...(input.logEventFilterPattern !== undefined ? { logEventFilterPattern: input.logEventFilterPattern } : {}),
  };
  return { responseStream: { sessionStart } };
}

/** StartLiveTail. */
export const liveTailOperations: Record<string, Handler> = {
  StartLiveTail: startLiveTail,
};
