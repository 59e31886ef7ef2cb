import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import { findKmsKey } from '../externals.js';
import { edsId } from './eds-lookup.js';
import { importOngoing } from './import-progress.js';
import type { EventDataStoreRecord } from './lake-types.js';

/** A region holds at most this many stores that are not pending deletion. */
export const MAX_EVENT_DATA_STORES = 10;

type BillingMode = EventDataStoreRecord['billingMode'];

/** The default and the longest retention of each billing mode, in days. */
export const RETENTION: Record<BillingMode, { default: number; max: number }> = {
  EXTENDABLE_RETENTION_PRICING: { default: 366, max: 3653 },
  FIXED_RETENTION_PRICING: { default: 2557, max: 2557 },
};

/** FIXED_RETENTION_PRICING stores keep events seven years at most (the model's range allows ten). */
export function checkRetention(mode: BillingMode, days: number): void {
  if (days > RETENTION[mode].max) {
    throw new AwsError(
      'InvalidParameterException',
      `RetentionPeriod ${days} is not valid for billing mode ${mode}; the maximum is ${RETENTION[mode].max} days.`,
    );
  }
}

/** Store names are unique in a region, including stores pending deletion (restore cannot clash). */
export function checkNameFree(stores: Record<string, EventDataStoreRecord>, name: string, except?: string): void {
  if (Object.values(stores).some((s) => s.name === name && s.arn !== except)) {
    throw new AwsError('EventDataStoreAlreadyExistsException', 'An event data store with that name already exists.');
  }
}

/** Stores pending deletion do not count toward the limit (restoring one can hit it). */
export function checkStoreLimit(stores: Record<string, EventDataStoreRecord>): void {
  const live = Object.values(stores).filter((s) => s.status !== 'PENDING_DELETION').length;
  if (live >= MAX_EVENT_DATA_STORES) {
    throw new AwsError('EventDataStoreMaxLimitExceededException', 'Your account has used the maximum number of event data stores.');
  }
}

/** An organization store needs the caller to be the management account of an organization. */
export function checkOrganizationCaller(call: Call): void {
  const org = call.accountState.organization;
  if (!org) {
    throw new AwsError(
      'OrganizationsNotInUseException',
      'This request was made from an account that is not a member of an organization in AWS Organizations.',
    );
  }
  if (!org.managementAccount) {
    throw new AwsError(
      'NotOrganizationMasterAccountException',
      'This request was made from an account that is not the management account of the organization.',
    );
  }
}

/** Resolves a KMS key reference to the key's ARN, which the store reports from then on. */
export function resolveKmsKey(call: Call, keyId: string): string {
  const key = findKmsKey(call, keyId);
  if (!key) throw new AwsError('KmsKeyNotFoundException', `KMS key ${keyId} does not exist.`);
  if (!key.enabled) throw new AwsError('KmsException', `KMS key ${key.arn} is disabled.`);
  return key.arn;
}

/** Imports into the store that have not finished block its update and deletion. */
export function checkNoOngoingImport(call: Call, eds: EventDataStoreRecord): void {
  const ongoing = Object.values(call.state.cloudtrail.lake.imports).some(
    (imp) => importOngoing(imp, call.now) && imp.destinations.some((d) => d === eds.arn || d === edsId(eds.arn)),
  );
  if (ongoing) {
    throw new AwsError('EventDataStoreHasOngoingImportException', 'The event data store has an import in progress.');
  }
}

/** Stores pending deletion accept no changes but RestoreEventDataStore. */
export function checkActive(eds: EventDataStoreRecord): void {
  if (eds.status === 'PENDING_DELETION') {
    throw new AwsError('InactiveEventDataStoreException', 'The event data store is inactive.');
  }
}
