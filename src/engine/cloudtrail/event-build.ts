import { createHash, randomUUID } from 'node:crypto';
import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import { eventResources } from './event-resources.js';
import type { CloudTrailEvent } from './event-types.js';
import { putEntry } from '../own.js';

type Identity = CloudTrailEvent['userIdentity'];

const identities = new Map<string, Omit<Identity, 'accountId' | 'arn'>>();

/**
 * The IAM user behind an access key. The engine has no IAM, so every access key stands for one
 * IAM user named `user-<access key id>` (deterministic, and distinct from the key itself so that
 * the Username and AccessKeyId lookups differ), with a stable `AIDA…` principal id.
 */
export function userIdentity(account: string, accessKeyId: string): Identity {
  let known = identities.get(accessKeyId);
  if (!known) {
    const hash = createHash('sha256').update(accessKeyId).digest('hex').toUpperCase();
    known = { type: 'IAMUser', principalId: `AIDA${hash.slice(0, 17)}`, accessKeyId, userName: `user-${accessKeyId}` };
    identities.set(accessKeyId, known);
  }
  return { ...known, accountId: account, arn: `arn:aws:iam::${account}:user/${known.userName}` };
}

const lowerFirst = (key: string): string => key.charAt(0).toLowerCase() + key.slice(1);

/**
 * Below this depth a recorded value is replaced by TRUNCATED. Requests are bounded at decode far
 * above any model's depth; this keeps the event history renderable whatever a handler returns.
 */
const MAX_RECORDED_DEPTH = 64;
const TRUNCATED = '[truncated]';

/**
 * A copy of a request or response as CloudTrail records it: CloudTrail's own PascalCase members
 * appear camelCased in its events (`TrailName` → `trailName`); Logs members already are. The copy
 * is plain JSON by construction (anything else becomes null, deep values TRUNCATED), so rendering
 * the event (LookupEvents, log files, Lake) cannot fail.
 */
function recorded(value: unknown, camel: boolean, depth = 1): unknown {
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (value === null || typeof value !== 'object') return null;
  if (depth > MAX_RECORDED_DEPTH) return TRUNCATED;
  if (Array.isArray(value)) return value.map((v) => recorded(v, camel, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v !== undefined) putEntry(out, camel ? lowerFirst(k) : k, recorded(v, camel, depth + 1));
  }
  return out;
}

const hasMembers = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && Object.keys(v).length > 0;

/**
 * Response elements as AWS records them: none for reads and failures, none for CloudWatch Logs
 * (which logs request elements only), the output for CloudTrail's writes.
 */
function responseElements(call: Call, readOnly: boolean, output: unknown, failed: boolean): Record<string, unknown> | null {
  if (readOnly || failed || call.service === 'logs' || !hasMembers(output)) return null;
  return recorded(output, true) as Record<string, unknown>;
}

/** What a failed call leaves in its event: the error code and message the caller saw. */
function errorMembers(error: unknown): Pick<CloudTrailEvent, 'errorCode' | 'errorMessage'> {
  if (error === undefined) return {};
  if (error instanceof AwsError) return { errorCode: error.code, errorMessage: error.message };
  return { errorCode: 'InternalFailure', errorMessage: 'An internal error occurred.' };
}

/** Builds the management event of one API call (success or failure). */
export function buildEvent(
  call: Call,
  source: string,
  readOnly: boolean,
  input: unknown,
  output: unknown,
  error: unknown,
): CloudTrailEvent {
  const params = hasMembers(input) ? input : {};
  const identity = userIdentity(call.account, call.identity.accessKeyId);
  return {
    eventVersion: '1.09',
    eventId: randomUUID(),
    eventName: call.operation,
    eventSource: source,
    eventTime: call.now,
    eventType: 'AwsApiCall',
    eventCategory: 'Management',
    managementEvent: true,
    readOnly,
    awsRegion: call.region,
    recipientAccountId: call.account,
    requestId: call.identity.requestId,
    sourceIPAddress: call.identity.sourceIp ?? '127.0.0.1',
    userAgent: call.identity.userAgent ?? 'logwarden-engine',
    userIdentity: identity,
    username: identity.userName!,
    requestParameters: hasMembers(input) ? (recorded(input, call.service !== 'logs') as Record<string, unknown>) : null,
    responseElements: responseElements(call, readOnly, output, error !== undefined),
    ...errorMembers(error),
    resources: eventResources(call, params, output),
  };
}
