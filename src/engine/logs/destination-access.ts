import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import { allows, awsPrincipals, conditionKeys, parsePolicy, PolicySyntaxError, type PolicyDocument } from './iam-policy.js';
import { ownEntry } from './lookup.js';
import type { DestinationRecord } from './state.js';

/** "This can be up to 5120 bytes." */
const MAX_ACCESS_POLICY_BYTES = 5120;

const MALFORMED =
  'Error occurred while parsing accessPolicy. Please check if the accessPolicy has been constructed correctly using IAM grammar.';

const ORG_KEYS = ['aws:principalorgid', 'aws:principalorgpaths'];

const DESTINATION_ARN = /^arn:aws[\w-]*:logs:([\w-]+):(\d{12}):destination:([^:*]+)$/;

/** A destination's place in the world, read from its ARN. */
export interface DestinationRef {
  region: string;
  account: string;
  name: string;
}

export function parseDestinationArn(arn: string): DestinationRef | undefined {
  const m = DESTINATION_ARN.exec(arn);
  return m ? { region: m[1], account: m[2], name: m[3] } : undefined;
}

/**
 * The destination an ARN names, in any account of the world, without creating state for accounts
 * or regions that have none (a lookup must not change the world).
 */
export function findDestination(call: Call, ref: DestinationRef): DestinationRecord | undefined {
  const account = ownEntry(call.engine.world.accounts, ref.account);
  const region = account && ownEntry(account.regions, ref.region);
  return region && ownEntry(region.logs.destinations, ref.name);
}

/**
 * Parses an access policy as PutDestinationPolicy does: IAM grammar within 5120 bytes, and AWS
 * principals written as account ids (or `*`), never as ARNs.
 */
export function checkAccessPolicy(text: string): PolicyDocument {
  if (Buffer.byteLength(text, 'utf8') > MAX_ACCESS_POLICY_BYTES) throw new AwsError('InvalidParameterException', MALFORMED);
  let policy: PolicyDocument;
  try {
    policy = parsePolicy(text);
  } catch (error) {
    if (error instanceof PolicySyntaxError) throw new AwsError('InvalidParameterException', MALFORMED);
    throw error;
  }
  const principals = awsPrincipals(policy);
  if (principals.length === 0) throw new AwsError('InvalidParameterException', MALFORMED);
  const arn = principals.find((p) => p.startsWith('arn:'));
  if (arn) {
    throw new AwsError('InvalidParameterException', `Principal section of policy contains ARN instead of account ID: ${arn}`);
  }
  return policy;
}

/** True when the policy grants by organization (`aws:PrincipalOrgID` / `aws:PrincipalOrgPaths`). */
export function isOrganizationPolicy(policy: PolicyDocument): boolean {
  return conditionKeys(policy).some((key) => ORG_KEYS.includes(key.toLowerCase()));
}

/**
 * Whether the caller may subscribe to the destination. The owner's own account may (its IAM
 * identity policies are outside the engine, so an account's caller is its administrator); another
 * account needs the destination's access policy to allow `logs:PutSubscriptionFilter` to it.
 */
export function mayPutSubscriptionFilter(call: Call, destination: DestinationRecord, ref: DestinationRef): boolean {
  if (ref.account === call.account) return true;
  if (!destination.accessPolicy) return false;
  const organizationId = ownEntry(call.engine.world.accounts, call.account)?.organization?.organizationId;
  return allows(parsePolicy(destination.accessPolicy), {
    principalAccount: call.account,
    action: 'logs:PutSubscriptionFilter',
    resource: destination.arn,
    context: {
      'aws:PrincipalAccount': [call.account],
      ...(organizationId && { 'aws:PrincipalOrgID': [organizationId] }),
    },
  });
}

/** AWS's AccessDeniedException for a subscription the destination's policy does not allow. */
export function subscriptionDenied(call: Call, destination: DestinationRecord): AwsError {
  return new AwsError(
    'AccessDeniedException',
    `User with accountId: ${call.account} is not authorized to perform: logs:PutSubscriptionFilter on resource: ${destination.arn}`,
  );
}
