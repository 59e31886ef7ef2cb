import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import type { Handler } from '../service.js';
import { findChannel } from './channels.js';
import { findDashboard } from './dashboard-lookup.js';
import { delegatedAdmins } from './delegated-admin.js';
import { findEventDataStore } from './eds-lookup.js';
import type { EventDataStoreRecord } from './lake-types.js';
import { validatePolicy, type PolicyResourceType } from './policy-document.js';

const RESOURCE_ARN = /^arn:aws[\w-]*:cloudtrail:([a-z0-9-]+):(\d{12}):([a-z]+)\/(.+)$/;

/** A resource that holds a policy: how to read and replace it, and what it is. */
interface PolicyHolder {
  arn: string;
  type: PolicyResourceType;
  policy: string | undefined;
  save(policy: string | undefined): void;
  /** The organization store's generated policy for the CloudTrail delegated administrators. */
  delegatedAdminPolicy?: string;
}

// Unverified messages: AWS's exact wording for these could not be found.
const arnNotValid = (arn: string): AwsError =>
  new AwsError('ResourceARNNotValidException', `Resource ARN ${arn} is not valid. Specify the ARN of an event data store, dashboard, or channel in this account and Region.`);

const notFound = (arn: string): AwsError => new AwsError('ResourceNotFoundException', `Resource ${arn} was not found.`);

function storeHolder(call: Call, arn: string): PolicyHolder {
  let eds: EventDataStoreRecord;
  try {
    eds = findEventDataStore(call, arn);
  } catch (error) {
    throw error instanceof AwsError && error.code === 'EventDataStoreNotFoundException' ? notFound(arn) : arnNotValid(arn);
  }
  return {
    arn: eds.arn,
    type: 'eventdatastore',
    policy: eds.resourcePolicy,
    save: (policy) => (policy === undefined ? delete eds.resourcePolicy : (eds.resourcePolicy = policy)),
    ...(eds.organizationEnabled ? { delegatedAdminPolicy: delegatedAdminPolicy(call, eds.arn) } : {}),
  };
}

function channelHolder(call: Call, arn: string): PolicyHolder {
  const channels = call.state.cloudtrail.lake.channels ?? {};
  if (!Object.hasOwn(channels, arn)) throw notFound(arn);
  const channel = findChannel(call, arn);
  return {
    arn,
    type: 'channel',
    policy: channel.resourcePolicy,
    save: (policy) => (policy === undefined ? delete channel.resourcePolicy : (channel.resourcePolicy = policy)),
  };
}

function dashboardHolder(call: Call, arn: string): PolicyHolder {
  const dashboard = findDashboard(call, arn, () => notFound(arn));
  if (dashboard.catalog) {
    throw new AwsError('UnsupportedOperationException', `Dashboard ${dashboard.name} is managed by CloudTrail and does not take a resource-based policy.`);
  }
  return {
    arn: dashboard.arn,
    type: 'dashboard',
    policy: dashboard.resourcePolicy,
    save: (policy) => (policy === undefined ? delete dashboard.resourcePolicy : (dashboard.resourcePolicy = policy)),
  };
}

/** The resource a ResourceArn names: a store, channel or dashboard of the caller's account and region. */
function policyHolder(call: Call, arn: string): PolicyHolder {
  const m = RESOURCE_ARN.exec(arn);
  if (!m || m[1] !== call.region || m[2] !== call.account) throw arnNotValid(arn);
  switch (m[3]) {
    case 'eventdatastore':
      return storeHolder(call, arn);
    case 'channel':
      return channelHolder(call, arn);
    case 'dashboard':
      return dashboardHolder(call, arn);
    default:
      throw new AwsError('ResourceTypeNotSupportedException', `Resource type ${m[3]} does not support resource-based policies.`);
  }
}

/**
 * The policy CloudTrail generates on an organization store for the organization's CloudTrail
 * delegated administrators (absent while there are none). Its exact text is AWS's own and could
 * not be verified; this one grants the store actions the delegated administrators may use.
 */
function delegatedAdminPolicy(call: Call, storeArn: string): string | undefined {
  const admins = delegatedAdmins(call);
  if (admins.length === 0) return undefined;
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'OrganizationDelegatedAdministratorAccess',
        Effect: 'Allow',
        Principal: { AWS: admins.map((a) => `arn:aws:iam::${a}:root`) },
        Action: ['cloudtrail:StartQuery', 'cloudtrail:CancelQuery', 'cloudtrail:ListQueries', 'cloudtrail:DescribeQuery',
          'cloudtrail:GetQueryResults', 'cloudtrail:GetEventDataStore'],
        Resource: storeArn,
      },
    ],
  });
}

const view = (holder: PolicyHolder): Record<string, string> => ({
  ResourceArn: holder.arn,
  ...(holder.policy === undefined ? {} : { ResourcePolicy: holder.policy }),
  ...(holder.delegatedAdminPolicy === undefined ? {} : { DelegatedAdminResourcePolicy: holder.delegatedAdminPolicy }),
});

/** PutResourcePolicy: replaces the resource's policy with a document that follows its type's rules. */
function putResourcePolicy(call: Call, input: { ResourceArn: string; ResourcePolicy: string }): unknown {
  const holder = policyHolder(call, input.ResourceArn);
  validatePolicy(input.ResourcePolicy, holder.type, holder.arn);
  holder.save(input.ResourcePolicy);
  return view({ ...holder, policy: input.ResourcePolicy });
}

const policyNotFound = (arn: string): AwsError =>
  new AwsError('ResourcePolicyNotFoundException', `No resource-based policy is attached to ${arn}.`);

function getResourcePolicy(call: Call, input: { ResourceArn: string }): unknown {
  const holder = policyHolder(call, input.ResourceArn);
  if (holder.policy === undefined && holder.delegatedAdminPolicy === undefined) throw policyNotFound(holder.arn);
  return view(holder);
}

function deleteResourcePolicy(call: Call, input: { ResourceArn: string }): unknown {
  const holder = policyHolder(call, input.ResourceArn);
  if (holder.policy === undefined) throw policyNotFound(holder.arn);
  holder.save(undefined);
  return {};
}

export const resourcePolicyOperations: Record<string, Handler> = {
  PutResourcePolicy: putResourcePolicy,
  GetResourcePolicy: getResourcePolicy,
  DeleteResourcePolicy: deleteResourcePolicy,
};
