import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import { federationView } from './federation-status.js';
import type { EventDataStoreRecord, LakeState } from './lake-types.js';

/** A store in PENDING_DELETION is gone for good this long after DeleteEventDataStore. */
export const EDS_DELETION_WAIT_MS = 7 * 24 * 3600 * 1000;

const EDS_ARN = /^arn:aws[\w-]*:cloudtrail:([a-z0-9-]+):(\d{12}):eventdatastore\/([a-zA-Z0-9._-]+)$/;
/** The ID suffix of a store ARN: a UUID. */
const EDS_ID = /^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$/;

export const edsNotFound = (): AwsError => new AwsError('EventDataStoreNotFoundException', 'The event data store was not found.');

const edsArnInvalid = (): AwsError =>
  new AwsError(
    'EventDataStoreARNInvalidException',
    'The specified event data store ARN is not valid or does not map to an event data store in your account.',
  );

/** The ID suffix of a store's ARN. */
export const edsId = (arn: string): string => arn.slice(arn.lastIndexOf('/') + 1);

/**
 * Drops stores whose seven-day wait after deletion has passed (computed lazily from engine time,
 * as every "progressing" thing in the engine is).
 */
export function purgeDeletedStores(lake: LakeState, now: number): void {
  for (const [arn, eds] of Object.entries(lake.eventDataStores)) {
    if (eds.status === 'PENDING_DELETION' && eds.deleteAfter !== undefined && eds.deleteAfter <= now) {
      delete lake.eventDataStores[arn];
    }
  }
}

/** This region's stores, with expired deletions purged first. */
export function regionStores(call: Call): Record<string, EventDataStoreRecord> {
  const lake = call.state.cloudtrail.lake;
  purgeDeletedStores(lake, call.now);
  return lake.eventDataStores;
}

/**
 * Resolves an `EventDataStore` argument as CloudTrail does: the store's ARN, or the ID suffix of
 * its ARN. Anything else is not an event data store ARN; an ARN or ID naming no store of this
 * account and region is not found.
 */
export function findEventDataStore(call: Call, ref: string): EventDataStoreRecord {
  const stores = regionStores(call);
  let arn: string;
  if (ref.startsWith('arn:')) {
    if (!EDS_ARN.test(ref)) throw edsArnInvalid();
    arn = ref;
  } else if (EDS_ID.test(ref)) {
    arn = call.arn('cloudtrail', `eventdatastore/${ref}`);
  } else {
    throw edsArnInvalid();
  }
  const eds = Object.hasOwn(stores, arn) ? stores[arn] : undefined;
  if (!eds) throw edsNotFound();
  return eds;
}

/** Epoch seconds, as CloudTrail puts timestamps on the wire. */
export const seconds = (ms: number): number => ms / 1000;

/** The members every store-returning operation shares (Create, Get, Update, Restore); federation as of `now`. */
export function edsOutput(eds: EventDataStoreRecord, now = eds.updatedTimestamp): Record<string, unknown> {
  return {
    EventDataStoreArn: eds.arn,
    Name: eds.name,
    Status: eds.status,
    AdvancedEventSelectors: eds.advancedEventSelectors,
    MultiRegionEnabled: eds.multiRegionEnabled,
    OrganizationEnabled: eds.organizationEnabled,
    RetentionPeriod: eds.retentionPeriod,
    TerminationProtectionEnabled: eds.terminationProtectionEnabled,
    CreatedTimestamp: seconds(eds.createdTimestamp),
    UpdatedTimestamp: seconds(eds.updatedTimestamp),
    ...(eds.kmsKeyId === undefined ? {} : { KmsKeyId: eds.kmsKeyId }),
    BillingMode: eds.billingMode,
    ...federationView(eds, now),
  };
}
