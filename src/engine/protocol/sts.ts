import { randomUUID } from 'node:crypto';
import type { Call } from '../call.js';
import { userIdentity } from '../cloudtrail/event-build.js';
import type { Engine } from '../engine.js';
import { AwsError } from '../errors.js';
import { callerIdentity, type WireRequest, type WireResponse } from './json11.js';
import { decodeForm, queryError, queryResult } from './query.js';
import { parseAuthorization } from './sigv4.js';

/** The STS API version every SDK sends, and the XML namespace of its responses. */
const VERSION = '2011-06-15';
const NAMESPACE = `https://sts.amazonaws.com/doc/${VERSION}/`;

/** HTTP statuses of the errors STS answers here (the Query API's common errors). */
const STATUS: Record<string, number> = {
  MissingAction: 400,
  InvalidAction: 400,
  IncompleteSignature: 400,
  MissingAuthenticationToken: 403,
  InternalFailure: 500,
};

/**
 * GetCallerIdentity. The engine has no IAM: every access key stands for one IAM user, the same one
 * its CloudTrail events name in `userIdentity`, so the answer agrees with LookupEvents. As AWS
 * answers for an IAM user, UserId is the user's unique id (`AIDA…`), not the access key id.
 */
function getCallerIdentity(call: Call): Record<string, string> {
  const user = userIdentity(call.account, call.identity.accessKeyId);
  // Member order of AWS's documented response: Arn, UserId, Account.
  return { Arn: user.arn!, UserId: user.principalId!, Account: call.account };
}

/** STS actions the engine serves (logwarden needs only the account of its caller). */
const ACTIONS: Record<string, (call: Call) => Record<string, string>> = {
  GetCallerIdentity: getCallerIdentity,
};

/**
 * One STS request in awsQuery form: find the action, authenticate, answer in XML. The call is
 * recorded as the management read event CloudTrail logs for every STS action. STS sits outside
 * `Engine.invoke` (no model table, nothing to validate, no state to change), so injected faults,
 * which exercise the reconciled services' retries, do not reach it. Never throws.
 */
export function handleStsRequest(engine: Engine, req: WireRequest): WireResponse {
  const requestId = randomUUID();
  try {
    const params = decodeForm(req.body);
    const action = params.get('Action');
    if (!action) throw new AwsError('MissingAction', 'Missing Action');
    const version = params.get('Version') || 'NO_VERSION_SPECIFIED';
    const handler = version === VERSION && Object.hasOwn(ACTIONS, action) ? ACTIONS[action]! : undefined;
    if (!handler) throw new AwsError('InvalidAction', `Could not find operation ${action} for version ${version}`);
    const credential = parseAuthorization(req.headers['authorization']);
    if (credential === undefined) throw new AwsError('MissingAuthenticationToken', 'Request is missing Authentication Token');
    if (typeof credential === 'string') throw new AwsError('IncompleteSignature', credential);
    const output = engine.invokeUnmodelled('sts', action, callerIdentity(engine, credential, requestId, req), handler);
    return queryResult(NAMESPACE, action, output, requestId);
  } catch (e) {
    if (!(e instanceof AwsError)) console.error(e);
    const error = e instanceof AwsError ? e : new AwsError('InternalFailure', 'An internal error occurred.');
    return queryError(NAMESPACE, STATUS[error.code] ?? 400, error.code, error.message, requestId);
  }
}
