import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import { externalExists } from '../externals.js';
import {
  findDestination,
  isOrganizationPolicy,
  mayPutSubscriptionFilter,
  parseDestinationArn,
  subscriptionDenied,
} from './destination-access.js';
import { checkStreamTarget, isStreamVendor, parseArn, UNDELIVERABLE, vendorOf } from './destination-targets.js';
import { parsePolicy } from './iam-policy.js';

const invalid = (message: string): AwsError => new AwsError('InvalidParameterException', message);

const LAMBDA_UNEXECUTABLE =
  'Could not execute the lambda function. Make sure you have given CloudWatch Logs permission to execute your function.';

const ORG_ROLE_REQUIRED =
  'Role ARN is required when creating subscription filter against destination with Organization access policy';

/**
 * Checks a subscription filter's destination as PutSubscriptionFilter does before it stores the
 * filter: the vendor's role rule (Kinesis and Firehose need a role, Lambda refuses one, a Logs
 * destination takes one optionally), then a test delivery to a target that must exist.
 */
export function checkSubscriptionDestination(call: Call, destinationArn: string, roleArn: string | undefined): void {
  const vendor = vendorOf(destinationArn);
  if (vendor === 'lambda') return checkLambda(call, destinationArn, roleArn);
  if (vendor === 'logs') return checkLogsDestination(call, destinationArn, roleArn);
  if (roleArn === undefined) throw invalid(`destinationArn for vendor ${vendor} cannot be used without roleArn`);
  if (!isStreamVendor(vendor)) throw invalid(`PutSubscriptionFilter operation cannot work with destinationArn for vendor ${vendor}`);
  checkStreamTarget(call, vendor, destinationArn, roleArn, UNDELIVERABLE[vendor]);
}

/** Logs invokes the function under its own resource policy: no role, same account only. */
function checkLambda(call: Call, functionArn: string, roleArn: string | undefined): void {
  if (roleArn !== undefined) throw invalid('destinationArn for vendor lambda cannot be used with roleArn');
  const arn = parseArn(functionArn);
  if (arn?.account !== call.account || !externalExists(call, 'lambdaFunctions', functionArn)) {
    throw invalid(LAMBDA_UNEXECUTABLE);
  }
}

/**
 * A logical destination of this or another account, in the caller's region. Another account's
 * destination must allow the caller through its access policy; an organization-wide policy also
 * needs a role of the caller's to deliver with.
 */
function checkLogsDestination(call: Call, destinationArn: string, roleArn: string | undefined): void {
  const ref = parseDestinationArn(destinationArn);
  const destination = ref && ref.region === call.region ? findDestination(call, ref) : undefined;
  if (!ref || !destination) throw invalid(UNDELIVERABLE.logs);
  if (roleArn !== undefined && !externalExists(call, 'iamRoles', roleArn)) throw invalid(UNDELIVERABLE.logs);
  const crossAccount = ref.account !== call.account;
  if (crossAccount && roleArn === undefined && destination.accessPolicy && isOrganizationPolicy(parsePolicy(destination.accessPolicy))) {
    throw invalid(ORG_ROLE_REQUIRED);
  }
  if (!mayPutSubscriptionFilter(call, destination, ref)) throw subscriptionDenied(call, destination);
}
