import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import type { Handler } from '../service.js';
import { requireDestination } from './delivery-lookup.js';
import type { DeliveryDestinationRecord } from './delivery-records.js';
import { allows, parsePolicy, PolicySyntaxError } from './iam-policy.js';

interface PolicyInput {
  deliveryDestinationName: string;
  deliveryDestinationPolicy: string;
}

/** The policy must be an IAM policy document (AWS's wording for a malformed one is unverified). */
function checkPolicy(text: string): void {
  try {
    parsePolicy(text);
  } catch (error) {
    if (error instanceof PolicySyntaxError) {
      throw new AwsError('ValidationException', 'The deliveryDestinationPolicy is not a valid IAM policy document.');
    }
    throw error;
  }
}

function putDeliveryDestinationPolicy(call: Call, input: PolicyInput) {
  const destination = requireDestination(call, input.deliveryDestinationName);
  checkPolicy(input.deliveryDestinationPolicy);
  destination.policy = input.deliveryDestinationPolicy;
  return { policy: { deliveryDestinationPolicy: destination.policy } };
}

/** A destination without a policy answers an empty `policy` (recorded against AWS in localstack). */
function getDeliveryDestinationPolicy(call: Call, input: { deliveryDestinationName: string }) {
  const destination = requireDestination(call, input.deliveryDestinationName);
  return { policy: destination.policy !== undefined ? { deliveryDestinationPolicy: destination.policy } : {} };
}

function deleteDeliveryDestinationPolicy(call: Call, input: { deliveryDestinationName: string }): void {
  const destination = requireDestination(call, input.deliveryDestinationName);
  if (destination.policy === undefined) {
    // AWS's wording unverified.
    throw new AwsError('ResourceNotFoundException', 'Requested Delivery Destination Policy does not exist.');
  }
  delete destination.policy;
}

/**
 * Whether an account may create a delivery to the destination: its own account may; another
 * account needs the destination policy to allow it `logs:CreateDelivery` on the destination.
 */
export function mayDeliverTo(account: string, destination: DeliveryDestinationRecord, destinationAccount: string): boolean {
  if (account === destinationAccount) return true;
  if (destination.policy === undefined) return false;
  return allows(parsePolicy(destination.policy), {
    principalAccount: account,
    action: 'logs:CreateDelivery',
    resource: destination.arn,
    context: { 'aws:PrincipalAccount': [account] },
  });
}

/** PutDeliveryDestinationPolicy, GetDeliveryDestinationPolicy, DeleteDeliveryDestinationPolicy. */
export const deliveryDestinationPolicyOperations: Record<string, Handler> = {
  PutDeliveryDestinationPolicy: putDeliveryDestinationPolicy,
  GetDeliveryDestinationPolicy: getDeliveryDestinationPolicy,
  DeleteDeliveryDestinationPolicy: deleteDeliveryDestinationPolicy,
};
