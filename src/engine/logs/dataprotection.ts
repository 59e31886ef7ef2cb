import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import type { Handler } from '../service.js';
import { validateDataProtectionPolicy } from './dp-validate.js';
import { requireLogGroupByIdentifier } from './lookup.js';

/**
 * Log group data protection policies. The group is named by `logGroupIdentifier` (its name or
 * ARN; the model's pattern already refuses the `:*` form) and echoed back as given. The document
 * is stored as sent, on the group record.
 */

interface PutDataProtectionPolicyInput {
  logGroupIdentifier: string;
  policyDocument: string;
}

interface LogGroupIdentifierInput {
  logGroupIdentifier: string;
}

/** Creates or replaces the group's policy. */
function putDataProtectionPolicy(call: Call, input: PutDataProtectionPolicyInput) {
  const group = requireLogGroupByIdentifier(call, input.logGroupIdentifier);
  validateDataProtectionPolicy(call, input.policyDocument);
  group.dataProtectionPolicy = { policyDocument: input.policyDocument, lastUpdatedTime: call.now };
  return {
    logGroupIdentifier: input.logGroupIdentifier,
    policyDocument: input.policyDocument,
    lastUpdatedTime: call.now,
  };
}

/** A group without a policy answers with its identifier only (no document, no time). */
function getDataProtectionPolicy(call: Call, input: LogGroupIdentifierInput) {
  const policy = requireLogGroupByIdentifier(call, input.logGroupIdentifier).dataProtectionPolicy;
  if (!policy) return { logGroupIdentifier: input.logGroupIdentifier };
  return {
    logGroupIdentifier: input.logGroupIdentifier,
    policyDocument: policy.policyDocument,
    lastUpdatedTime: policy.lastUpdatedTime,
  };
}

function deleteDataProtectionPolicy(call: Call, input: LogGroupIdentifierInput): void {
  const group = requireLogGroupByIdentifier(call, input.logGroupIdentifier);
  if (!group.dataProtectionPolicy) {
    throw new AwsError('ResourceNotFoundException', 'The specified log group does not have a data protection policy.');
  }
  delete group.dataProtectionPolicy;
}

/** PutDataProtectionPolicy, GetDataProtectionPolicy, DeleteDataProtectionPolicy. */
export const dataProtectionOperations: Record<string, Handler> = {
  PutDataProtectionPolicy: putDataProtectionPolicy,
  GetDataProtectionPolicy: getDataProtectionPolicy,
  DeleteDataProtectionPolicy: deleteDataProtectionPolicy,
};
