import { randomUUID } from 'node:crypto';
import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import { logGroupNameFromIdentifier, requireLogGroup } from './lookup.js';
import { persistablePolicy } from './policy-document.js';
import type { LogGroupRecord } from './state.js';

/**
 * Resource-scoped policies: PutResourcePolicy with `resourceArn` (a log group ARN) attaches one
 * policy to that group, guarded by a revision id that every later update or delete must name.
 */

/** The policy attached to one log group; it lives on the group record so it goes with the group. */
export interface ScopedPolicyRecord {
  resourceArn: string;
  policyDocument: string;
  lastUpdatedTime: number;
  revisionId: string;
}

/** A log group record that may carry a resource-scoped policy (an optional, additive field). */
export type GroupWithPolicy = LogGroupRecord & { resourcePolicy?: ScopedPolicyRecord };

/** The `ResourcePolicy` structure for a resource-scoped policy. */
export function scopedPolicyView(policy: ScopedPolicyRecord, document = policy.policyDocument) {
  return {
    policyDocument: document,
    lastUpdatedTime: policy.lastUpdatedTime,
    policyScope: 'RESOURCE',
    resourceArn: policy.resourceArn,
    revisionId: policy.revisionId,
  };
}

/** The log group a `resourceArn` names; only log group ARNs carry resource-scoped policies. */
export function groupOfResourceArn(call: Call, resourceArn: string): GroupWithPolicy {
  if (!/^arn:aws[\w-]*:logs:[\w-]*:\d*:log-group:[^:]+(:\*)?$/.test(resourceArn)) {
    throw new AwsError('InvalidParameterException', `Resource-scoped policies are only supported for log group ARNs: ${resourceArn}`);
  }
  return requireLogGroup(call, logGroupNameFromIdentifier(call, resourceArn) ?? '');
}

/** Optimistic concurrency: the caller must name the revision it read (none when creating). */
function checkRevision(current: ScopedPolicyRecord | undefined, expected: string | undefined): void {
  if (current && expected === undefined) {
    throw new AwsError('InvalidParameterException', 'expectedRevisionId is required to update or delete a resource-scoped policy.');
  }
  if (expected !== undefined && expected !== current?.revisionId) {
    throw new AwsError('OperationAbortedException', 'The expected revision ID does not match the current revision ID of the resource policy.');
  }
}

/** PutResourcePolicy with `resourceArn`. */
export function putScopedPolicy(call: Call, input: { resourceArn: string; policyDocument: string; expectedRevisionId?: string }) {
  const group = groupOfResourceArn(call, input.resourceArn);
  const canonical = persistablePolicy(input.policyDocument);
  checkRevision(group.resourcePolicy, input.expectedRevisionId);
  const policy: ScopedPolicyRecord = {
    resourceArn: input.resourceArn,
    policyDocument: canonical,
    lastUpdatedTime: call.now,
    revisionId: randomUUID(),
  };
  group.resourcePolicy = policy;
  return { resourcePolicy: scopedPolicyView(policy, input.policyDocument), revisionId: policy.revisionId };
}

/** DeleteResourcePolicy with `resourceArn`. */
export function deleteScopedPolicy(call: Call, resourceArn: string, expectedRevisionId: string | undefined): void {
  const group = groupOfResourceArn(call, resourceArn);
  if (!group.resourcePolicy) {
    throw new AwsError('ResourceNotFoundException', `No resource policy exists for resource [${resourceArn}].`);
  }
  checkRevision(group.resourcePolicy, expectedRevisionId);
  delete group.resourcePolicy;
}

/** Every resource-scoped policy in this account and region, or the one of `resourceArn`. */
export function scopedPolicies(call: Call, resourceArn: string | undefined): ScopedPolicyRecord[] {
  const groups: GroupWithPolicy[] = resourceArn !== undefined
    ? [groupOfResourceArn(call, resourceArn)]
    : Object.values(call.state.logs.logGroups);
  return groups.flatMap((g) => (g.resourcePolicy ? [g.resourcePolicy] : []));
}
