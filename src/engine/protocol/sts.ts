import { randomUUID } from 'node:crypto';
import type { Call } from '../call.js';
import { userIdentity } from '../cloudtrail/event-build.js';
import type { Engine } from '../engine.js';
import { AwsError } from '../errors.js';
import { callerIdentity, type WireRequest, type WireResponse } from './json11.js';
import { decodeForm, queryError, queryResult, type QueryMembers } from './query.js';
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
  AccessDenied: 403,
  ValidationError: 400,
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

const ROLE_ARN = /^arn:aws[\w-]*:iam::(\d{12}):role\/((?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64})$/;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

/**
 * AssumeRole, as logwarden reaches the accounts of a fleet through it: the role must be registered
 * (`/_engine/externals` iamRoles, in its account), and the temporary credentials act as the role's
 * account — their access key id is that account's id, which is how the engine tells accounts apart
 * (real temporary keys start with ASIA; signatures are not verified here either way).
 */
function assumeRole(call: Call, params: URLSearchParams): QueryMembers {
  const roleArn = params.get('RoleArn') ?? '';
  const sessionName = params.get('RoleSessionName') ?? '';
  const duration = Number(params.get('DurationSeconds') ?? 3600);
  const role = ROLE_ARN.exec(roleArn);
  if (!role) throw new AwsError('ValidationError', `${roleArn ? `'${roleArn}'` : 'RoleArn'} is not a valid role ARN`);
  if (!SESSION_NAME.test(sessionName)) {
    throw new AwsError('ValidationError', `1 validation error detected: Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`);
  }
  if (!Number.isInteger(duration) || duration < 900 || duration > 43200) {
    const bound = duration > 43200 ? 'less than or equal to 43200' : 'greater than or equal to 900';
    throw new AwsError('ValidationError', `1 validation error detected: Value '${params.get('DurationSeconds')}' at 'durationSeconds' failed to satisfy constraint: Member must have value ${bound}`);
  }
  if (!roleRegistered(call, roleArn)) {
    throw new AwsError('AccessDenied', `User: ${userIdentity(call.account, call.identity.accessKeyId).arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`);
  }
  const [, account, path] = role;
  const name = path!.split('/').pop()!;
  return {
    Credentials: {
      AccessKeyId: account!,
      SecretAccessKey: randomUUID().replace(/-/g, ''),
      SessionToken: Buffer.from(`${roleArn}|${sessionName}|${randomUUID()}`).toString('base64'),
      Expiration: new Date(call.now + duration * 1000).toISOString(),
    },
    AssumedRoleUser: { AssumedRoleId: `AROA${account}${name.length}:${sessionName}`, Arn: `arn:${roleArn.split(':')[1]}:sts::${account}:assumed-role/${name}/${sessionName}` },
  };
}

/** A role is registered as an external in any region of its account. */
function roleRegistered(call: Call, roleArn: string): boolean {
  const account = ROLE_ARN.exec(roleArn)![1]!;
  const regions = Object.hasOwn(call.engine.world.accounts, account) ? call.engine.world.accounts[account]!.regions : {};
  return Object.values(regions).some((r) => r.externals.iamRoles.includes(roleArn));
}

/** STS actions the engine serves: who the caller is, and roles into other accounts. */
const ACTIONS: Record<string, (call: Call, params: URLSearchParams) => QueryMembers> = {
  GetCallerIdentity: getCallerIdentity,
  AssumeRole: assumeRole,
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
    const output = engine.invokeUnmodelled('sts', action, callerIdentity(engine, credential, requestId, req), (call) => handler(call, params));
    return queryResult(NAMESPACE, action, output, requestId);
  } catch (e) {
    if (!(e instanceof AwsError)) console.error(e);
    const error = e instanceof AwsError ? e : new AwsError('InternalFailure', 'An internal error occurred.');
    return queryError(NAMESPACE, STATUS[error.code] ?? 400, error.code, error.message, requestId);
  }
}
