import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import { externalExists } from '../externals.js';
import type { Handler } from '../service.js';
import { findEventDataStore } from './eds-lookup.js';
import { checkActive } from './eds-rules.js';
import { FEDERATION_CHANGE_MS, federationStatus } from './federation-status.js';
import type { EventDataStoreRecord } from './lake-types.js';

/** A store may not be deleted while federated (or while federation is changing). */
export function checkNotFederated(eds: EventDataStoreRecord, now: number): void {
  if (federationStatus(eds, now) !== 'DISABLED') {
    throw new AwsError(
      'EventDataStoreFederationEnabledException',
      'You cannot delete the event data store because Lake query federation is enabled. To delete the event data store, run the DisableFederation operation to disable Lake query federation on the event data store.',
    );
  }
}

const inProgress = (): AwsError =>
  new AwsError('ConcurrentModificationException', 'A federation change is already in progress on the event data store. Wait for it to finish, then try again.');

// The role must be a registered IAM role (POST /_engine/externals); the wording is unverified.
function checkRole(call: Call, roleArn: string): void {
  if (!/^arn:aws[\w-]*:iam::\d{12}:role\/.+$/.test(roleArn) || !externalExists(call, 'iamRoles', roleArn)) {
    throw new AwsError('AccessDeniedException', `CloudTrail cannot assume the federation role ${roleArn}. Make sure the role exists and trusts cloudtrail.amazonaws.com.`);
  }
}

/** EnableFederation: ENABLING now, ENABLED once CloudTrail has set up the Glue table. */
function enableFederation(call: Call, input: { EventDataStore: string; FederationRoleArn: string }): unknown {
  const eds = findEventDataStore(call, input.EventDataStore);
  checkActive(eds);
  const status = federationStatus(eds, call.now);
  if (status === 'ENABLING' || status === 'DISABLING') throw inProgress();
  if (status === 'ENABLED') {
    throw new AwsError('EventDataStoreFederationEnabledException', `Lake query federation is already enabled on event data store ${eds.arn}.`);
  }
  checkRole(call, input.FederationRoleArn);
  eds.federation = { status: 'ENABLING', roleArn: input.FederationRoleArn, settlesAt: call.now + FEDERATION_CHANGE_MS };
  return { EventDataStoreArn: eds.arn, FederationStatus: 'ENABLING', FederationRoleArn: input.FederationRoleArn };
}

/** DisableFederation: DISABLING now, DISABLED once the Glue table is gone; the store's events stay. */
function disableFederation(call: Call, input: { EventDataStore: string }): unknown {
  const eds = findEventDataStore(call, input.EventDataStore);
  checkActive(eds);
  const status = federationStatus(eds, call.now);
  if (status === 'ENABLING' || status === 'DISABLING') throw inProgress();
  if (status === 'DISABLED') {
    throw new AwsError('InvalidParameterException', `Lake query federation is not enabled on event data store ${eds.arn}.`);
  }
  eds.federation = { status: 'DISABLING', settlesAt: call.now + FEDERATION_CHANGE_MS };
  return { EventDataStoreArn: eds.arn, FederationStatus: 'DISABLING' };
}

export const federationOperations: Record<string, Handler> = {
  EnableFederation: enableFederation,
  DisableFederation: disableFederation,
};
