import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import { externalExists } from '../externals.js';
import { checkActive } from './eds-rules.js';
import { findEventDataStore } from './eds-lookup.js';
import type { EventDataStoreRecord, ImportRecord } from './lake-types.js';

type S3Source = ImportRecord['importSource']['S3'];

const S3_URI = /^s3:\/\/([^/]+)(\/.*)?$/;

/** Categories an import can write: only stores of CloudTrail (management and data) events. */
const TRAIL_CATEGORIES = new Set(['Management', 'Data']);

const invalidSource = (message: string): AwsError => new AwsError('InvalidImportSourceException', message);

/**
 * Regions where a bucket is registered. Buckets are registered per region through
 * `POST /_engine/externals`: that region is the bucket's region.
 */
function bucketRegions(call: Call, bucket: string): string[] {
  const regions = new Set<string>();
  for (const account of Object.values(call.engine.world.accounts)) {
    for (const [name, state] of Object.entries(account.regions)) {
      if (state.externals?.s3Buckets.includes(bucket)) regions.add(name);
    }
  }
  return [...regions];
}

/**
 * The S3 source must name an existing bucket (`s3://bucket[/prefix]`) in the region given, and a
 * role CloudTrail can assume to read it.
 */
export function checkImportSource(call: Call, source: S3Source): void {
  const uri = S3_URI.exec(source.S3LocationUri);
  if (!uri) {
    throw invalidSource(`The S3 location URI ${source.S3LocationUri} is not valid. Use the form s3://bucket-name/prefix.`);
  }
  const bucket = uri[1];
  const regions = bucketRegions(call, bucket);
  if (regions.length === 0) throw invalidSource(`The S3 bucket ${bucket} does not exist.`);
  if (!regions.includes(source.S3BucketRegion)) {
    throw invalidSource(`The S3 bucket ${bucket} is not in the region ${source.S3BucketRegion}.`);
  }
  if (!externalExists(call, 'iamRoles', source.S3BucketAccessRoleArn)) {
    throw invalidSource(`CloudTrail cannot assume the role ${source.S3BucketAccessRoleArn} to access the S3 bucket ${bucket}.`);
  }
}

/** The event categories a store's selectors admit (Management when none is named). */
function storeCategories(eds: EventDataStoreRecord): string[] {
  const named = eds.advancedEventSelectors.flatMap((s) =>
    s.FieldSelectors.filter((f) => f.Field === 'eventCategory').flatMap((f) => f.Equals ?? []),
  );
  return named.length ? named : ['Management'];
}

/**
 * A destination is an ENABLED store of CloudTrail events in this account and region; an
 * organization store takes imports from the management account only.
 */
export function resolveDestination(call: Call, ref: string): EventDataStoreRecord {
  const eds = findEventDataStore(call, ref);
  checkActive(eds);
  if (eds.status !== 'ENABLED') {
    throw new AwsError('InvalidEventDataStoreStatusException', 'The event data store is not in a status that supports the operation.');
  }
  if (!storeCategories(eds).every((c) => TRAIL_CATEGORIES.has(c))) {
    throw new AwsError(
      'InvalidEventDataStoreCategoryException',
      'Only event data stores that collect CloudTrail management or data events can be the destination of an import.',
    );
  }
  if (eds.organizationEnabled && !call.accountState.organization?.managementAccount) {
    throw new AwsError(
      'OperationNotPermittedException',
      'Trail events can be imported into an organization event data store from the management account only.',
    );
  }
  return eds;
}
