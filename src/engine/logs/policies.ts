import { randomUUID } from 'node:crypto';
import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import type { Handler } from '../service.js';
import { ownEntry, putEntry } from './lookup.js';
import { persistablePolicy } from './policy-document.js';
import { paginate } from './policy-page.js';
import { deleteScopedPolicy, putScopedPolicy, scopedPolicies, scopedPolicyView } from './policy-scoped.js';
import type { ResourcePolicyRecord } from './state.js';

/** AWS's quota of account-level resource policies per account and region. */
const MAX_ACCOUNT_POLICIES = 10;

interface PutResourcePolicyInput {
  policyName?: string;
  policyDocument?: string;
  resourceArn?: string;
  expectedRevisionId?: string;
}

interface DeleteResourcePolicyInput {
  policyName?: string;
  resourceArn?: string;
  expectedRevisionId?: string;
}

interface DescribeResourcePoliciesInput {
  nextToken?: string;
  limit?: number;
  resourceArn?: string;
  policyScope?: 'ACCOUNT' | 'RESOURCE';
}

const invalid = (message: string) => new AwsError('InvalidParameterException', message);

/** A policy is named either by `policyName` (account scope) or by `resourceArn` (resource scope). */
function requireOneTarget(input: { policyName?: string; resourceArn?: string }): void {
  if (input.policyName !== undefined && input.resourceArn !== undefined) {
    throw invalid('Only one of policyName or resourceArn can be specified.');
  }
  if (input.policyName === undefined && input.resourceArn === undefined) {
    throw invalid('Either policyName or resourceArn must be specified.');
  }
}

function accountPolicyView(policy: ResourcePolicyRecord, document = policy.policyDocument) {
  return {
    policyName: policy.policyName,
    policyDocument: document,
    lastUpdatedTime: policy.lastUpdatedTime,
    policyScope: 'ACCOUNT',
  };
}

/**
 * Creates or replaces a policy. Replacing an existing name is allowed at the quota; only a new
 * name counts against it. The response echoes the document as sent; reads show the stored form.
 */
function putResourcePolicy(call: Call, input: PutResourcePolicyInput) {
  requireOneTarget(input);
  if (input.policyDocument === undefined) {
    throw invalid("1 validation error detected: Value null at 'policyDocument' failed to satisfy constraint: Member must not be null");
  }
  if (input.resourceArn !== undefined) {
    return putScopedPolicy(call, { ...input, resourceArn: input.resourceArn, policyDocument: input.policyDocument });
  }
  const policyName = input.policyName as string;
  const canonical = persistablePolicy(input.policyDocument);
  const policies = call.state.logs.resourcePolicies;
  if (!ownEntry(policies, policyName) && Object.keys(policies).length >= MAX_ACCOUNT_POLICIES) {
    throw new AwsError('LimitExceededException', 'Resource limit exceeded.');
  }
  const policy: ResourcePolicyRecord = {
    policyName,
    policyDocument: canonical,
    lastUpdatedTime: call.now,
    revisionId: randomUUID(),
  };
  putEntry(policies, policyName, policy);
  return { resourcePolicy: accountPolicyView(policy, input.policyDocument) };
}

function deleteResourcePolicy(call: Call, input: DeleteResourcePolicyInput): void {
  requireOneTarget(input);
  if (input.resourceArn !== undefined) {
    deleteScopedPolicy(call, input.resourceArn, input.expectedRevisionId);
    return;
  }
  const policyName = input.policyName as string;
  const policies = call.state.logs.resourcePolicies;
  if (!ownEntry(policies, policyName)) {
    throw new AwsError('ResourceNotFoundException', `Policy with name [${policyName}] does not exist.`);
  }
  delete policies[policyName];
}

/** Account policies by name; resource-scoped ones (`policyScope: RESOURCE`) by resource ARN. */
function describeResourcePolicies(call: Call, input: DescribeResourcePoliciesInput) {
  const scope = input.policyScope ?? (input.resourceArn !== undefined ? 'RESOURCE' : 'ACCOUNT');
  const views: object[] = scope === 'ACCOUNT'
    ? Object.values(call.state.logs.resourcePolicies)
        .sort((a, b) => (a.policyName < b.policyName ? -1 : a.policyName > b.policyName ? 1 : 0))
        .map((p) => accountPolicyView(p))
    : scopedPolicies(call, input.resourceArn)
        .sort((a, b) => (a.resourceArn < b.resourceArn ? -1 : a.resourceArn > b.resourceArn ? 1 : 0))
        .map((p) => scopedPolicyView(p));
  const page = paginate(`DescribeResourcePolicies:${scope}`, views, input);
  return { resourcePolicies: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}

/** PutResourcePolicy, DeleteResourcePolicy, DescribeResourcePolicies. */
export const resourcePolicyOperations: Record<string, Handler> = {
  PutResourcePolicy: putResourcePolicy,
  DeleteResourcePolicy: deleteResourcePolicy,
  DescribeResourcePolicies: describeResourcePolicies,
};
