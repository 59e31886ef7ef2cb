import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import type { Handler } from '../service.js';
import { checkAccessPolicy, isOrganizationPolicy } from './destination-access.js';
import { checkStreamTarget, isStreamVendor, UNDELIVERABLE, vendorOf } from './destination-targets.js';
import { paginate } from './filter-paging.js';
import { ownEntry, putEntry } from './lookup.js';
import { parsePolicy } from './iam-policy.js';
import type { DestinationRecord } from './state.js';
import { checkTagKeys } from './tag-rules.js';

interface PutDestinationInput {
  destinationName: string;
  targetArn: string;
  roleArn: string;
  tags?: Record<string, string>;
}

interface PutDestinationPolicyInput {
  destinationName: string;
  accessPolicy: string;
  forceUpdate?: boolean;
}

interface DescribeDestinationsInput {
  DestinationNamePrefix?: string;
  limit?: number;
  nextToken?: string;
}

const NOT_FOUND = 'The specified destination does not exist.';

const ORG_POLICY_NEEDS_FORCE =
  'Cannot update existing policy on Subscription Destination. The existing policy specifies AWS Principals by ' +
  'Account Id while the provided policy specifies AWS Principals by Org Id. This can cause subscription delivery ' +
  'failures for Subscriptions using this destination that are not configured with a Role. Use the Force flag to ' +
  'accept this risk.';

/**
 * Creates or updates a destination. Its target is proven by a test delivery (a Kinesis or Firehose
 * stream of this account, written with the role); an update keeps the access policy, creation
 * time and tags, which are set on create only.
 */
function putDestination(call: Call, input: PutDestinationInput): unknown {
  const vendor = vendorOf(input.targetArn);
  if (!isStreamVendor(vendor)) throw new AwsError('InvalidParameterException', UNDELIVERABLE.logs);
  checkStreamTarget(call, vendor, input.targetArn, input.roleArn, UNDELIVERABLE.logs);
  checkTagKeys(Object.keys(input.tags ?? {}));
  const destinations = call.state.logs.destinations;
  const existing = ownEntry(destinations, input.destinationName);
  const record: DestinationRecord = {
    destinationName: input.destinationName,
    targetArn: input.targetArn,
    roleArn: input.roleArn,
    ...(existing?.accessPolicy !== undefined && { accessPolicy: existing.accessPolicy }),
    arn: call.arn('logs', `destination:${input.destinationName}`),
    creationTime: existing?.creationTime ?? call.now,
    tags: existing ? existing.tags : { ...input.tags },
  };
  putEntry(destinations, input.destinationName, record);
  return { destination: describeDestination(record) };
}

/**
 * Sets a destination's access policy. Moving from account principals to an organization-wide
 * policy needs `forceUpdate`: senders subscribed without a role would stop delivering.
 */
function putDestinationPolicy(call: Call, input: PutDestinationPolicyInput): void {
  const destination = ownEntry(call.state.logs.destinations, input.destinationName);
  if (!destination) throw new AwsError('InvalidParameterException', NOT_FOUND);
  const policy = checkAccessPolicy(input.accessPolicy);
  const toOrganization = isOrganizationPolicy(policy);
  const fromAccounts = destination.accessPolicy !== undefined && !isOrganizationPolicy(parsePolicy(destination.accessPolicy));
  if (toOrganization && fromAccounts && input.forceUpdate !== true) {
    throw new AwsError('InvalidParameterException', ORG_POLICY_NEEDS_FORCE);
  }
  destination.accessPolicy = input.accessPolicy;
}

/** Deletes a destination; the subscription filters that use it stay (AWS disables them eventually). */
function deleteDestination(call: Call, input: { destinationName: string }): void {
  const destinations = call.state.logs.destinations;
  if (!ownEntry(destinations, input.destinationName)) throw new AwsError('ResourceNotFoundException', NOT_FOUND);
  delete destinations[input.destinationName];
}

function describeDestinations(call: Call, input: DescribeDestinationsInput): unknown {
  const prefix = input.DestinationNamePrefix ?? '';
  const found = Object.values(call.state.logs.destinations).filter((d) => d.destinationName.startsWith(prefix));
  const page = paginate(found, (d) => [d.destinationName], { prefix }, input.limit, input.nextToken);
  return {
    destinations: page.items.map(describeDestination),
    ...(page.nextToken && { nextToken: page.nextToken }),
  };
}

function describeDestination(d: DestinationRecord): unknown {
  return {
    destinationName: d.destinationName,
    targetArn: d.targetArn,
    roleArn: d.roleArn,
    ...(d.accessPolicy !== undefined && { accessPolicy: d.accessPolicy }),
    arn: d.arn,
    creationTime: d.creationTime,
  };
}

/** Cross-account subscription destinations and their access policies. */
export const destinationOperations: Record<string, Handler> = {
  PutDestination: putDestination,
  PutDestinationPolicy: putDestinationPolicy,
  DeleteDestination: deleteDestination,
  DescribeDestinations: describeDestinations,
};
