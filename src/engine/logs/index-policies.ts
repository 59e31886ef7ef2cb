import { createHash } from 'node:crypto';
import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import type { Handler } from '../service.js';
import { parseIndexPolicyDocument } from './index-document.js';
import { effectiveIndexPolicy, indexFields, pruneFieldIndexes, type EffectiveIndexPolicy } from './index-effective.js';
import { logGroupArn, ownEntry, requireLogGroupByIdentifier } from './lookup.js';
import { paginate } from './policy-page.js';
import type { LogGroupRecord } from './state.js';

interface PutIndexPolicyInput {
  logGroupIdentifier: string;
  policyDocument: string;
}

interface IdentifiersInput {
  logGroupIdentifiers: string[];
  nextToken?: string;
}

/** The `IndexPolicy` structure; log-group level policies have no name. */
function indexPolicyView(call: Call, group: LogGroupRecord, policy: EffectiveIndexPolicy) {
  return {
    logGroupIdentifier: logGroupArn(call, group.logGroupName),
    lastUpdateTime: policy.lastUpdateTime,
    policyDocument: policy.policyDocument,
    ...(policy.policyName !== undefined && { policyName: policy.policyName }),
    source: policy.source,
  };
}

/**
 * Creates or replaces a log group's field index policy: Standard-class groups only, a document of
 * 1 to 20 fields. Fields the new policy drops stop being reported by DescribeFieldIndexes.
 */
function putIndexPolicy(call: Call, input: PutIndexPolicyInput) {
  const group = requireLogGroupByIdentifier(call, input.logGroupIdentifier);
  if (group.logGroupClass !== 'STANDARD') {
    // "Only log groups in the Standard log class support field index policies." (message unverified)
    throw new AwsError('InvalidParameterException', 'Only log groups in the Standard log class support field index policies.');
  }
  const fields = parseIndexPolicyDocument(input.policyDocument);
  group.indexPolicy = { policyDocument: input.policyDocument, lastUpdateTime: call.now };
  pruneFieldIndexes(group, fields);
  return { indexPolicy: indexPolicyView(call, group, { source: 'LOG_GROUP', ...group.indexPolicy }) };
}

/** Removes the group's own policy; an account-level policy that selects the group applies again. */
function deleteIndexPolicy(call: Call, input: { logGroupIdentifier: string }): void {
  const group = requireLogGroupByIdentifier(call, input.logGroupIdentifier);
  if (!group.indexPolicy) {
    // Terraform treats this as ResourceNotFoundException; the message is unverified.
    throw new AwsError('ResourceNotFoundException', 'The specified log group does not have an index policy.');
  }
  delete group.indexPolicy;
  const next = effectiveIndexPolicy(call.state.logs, group);
  pruneFieldIndexes(group, next ? indexFields(next.policyDocument) : []);
}

/** The one policy a group indexes by: its own, else the account-level one that selects it, else none. */
function describeIndexPolicies(call: Call, input: IdentifiersInput) {
  const group = requireLogGroupByIdentifier(call, input.logGroupIdentifiers[0]!);
  const policy = effectiveIndexPolicy(call.state.logs, group);
  const page = paginate('DescribeIndexPolicies', policy ? [indexPolicyView(call, group, policy)] : [], { nextToken: input.nextToken });
  return { indexPolicies: page.items, ...(page.nextToken && { nextToken: page.nextToken }) };
}

/**
 * The indexed fields found in each group's events since its policy: for every field of the policy
 * the group indexes by that an ingested event carried, the first and last event time and the last
 * scan. Every group named must exist.
 */
function describeFieldIndexes(call: Call, input: IdentifiersInput) {
  const groups = input.logGroupIdentifiers.map((id) => requireLogGroupByIdentifier(call, id));
  const seen = new Set<string>();
  const found: object[] = [];
  for (const group of groups) {
    if (seen.has(group.logGroupName)) continue;
    seen.add(group.logGroupName);
    const policy = effectiveIndexPolicy(call.state.logs, group);
    if (!policy || !group.fieldIndexes) continue;
    for (const field of indexFields(policy.policyDocument)) {
      const record = ownEntry(group.fieldIndexes, field.name);
      if (!record) continue;
      found.push({
        logGroupIdentifier: logGroupArn(call, group.logGroupName),
        fieldIndexName: field.name,
        lastScanTime: record.lastScanTime,
        firstEventTime: record.firstEventTime,
        lastEventTime: record.lastEventTime,
        type: field.type,
      });
    }
  }
  // The token is bound to the groups asked about; a digest keeps it short for 100 long names.
  const groupsDigest = createHash('sha256').update([...seen].join('\n')).digest('base64url').slice(0, 16);
  const page = paginate(`DescribeFieldIndexes:${groupsDigest}`, found, { nextToken: input.nextToken });
  return { fieldIndexes: page.items, ...(page.nextToken && { nextToken: page.nextToken }) };
}

/** PutIndexPolicy, DeleteIndexPolicy, DescribeIndexPolicies, DescribeFieldIndexes. */
export const indexPolicyOperations: Record<string, Handler> = {
  PutIndexPolicy: putIndexPolicy,
  DeleteIndexPolicy: deleteIndexPolicy,
  DescribeIndexPolicies: describeIndexPolicies,
  DescribeFieldIndexes: describeFieldIndexes,
};
