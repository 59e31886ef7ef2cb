import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import {
  checkCloudWatchLogs,
  checkOrganizationTrail,
  checkS3Bucket,
  checkS3KeyPrefix,
  resolveKmsKey,
  resolveSnsTopic,
} from './trail-refs.js';
import type { TrailRecord } from './trail-types.js';

/** The members CreateTrail and UpdateTrail share. */
export interface TrailSettingsInput {
  S3BucketName?: string;
  S3KeyPrefix?: string;
  SnsTopicName?: string;
  IncludeGlobalServiceEvents?: boolean;
  IsMultiRegionTrail?: boolean;
  EnableLogFileValidation?: boolean;
  CloudWatchLogsLogGroupArn?: string;
  CloudWatchLogsRoleArn?: string;
  KmsKeyId?: string;
  IsOrganizationTrail?: boolean;
}

/** Trails an account may have per region (homed there, plus shadows of multi-region trails). */
const TRAILS_PER_REGION = 5;

/** A multi-region trail must include global service events (checked before any reference). */
export function checkGlobalEvents(multiRegion: boolean, includeGlobal: boolean): void {
  if (multiRegion && !includeGlobal) {
    throw new AwsError('InvalidParameterCombinationException', 'Multi-Region trail must include global service events.');
  }
}

/** Trails of the account a region shows, except `except`: homed there, or multi-region from anywhere. */
function trailsShownIn(call: Call, region: string, except?: TrailRecord): number {
  let n = 0;
  for (const state of Object.values(call.accountState.regions)) {
    for (const trail of Object.values(state.cloudtrail.trails)) {
      if (trail !== except && (trail.homeRegion === region || trail.isMultiRegionTrail)) n++;
    }
  }
  return n;
}

/**
 * One more trail in the caller's region (or, for a multi-region trail, in every region the account
 * uses) must stay within 5: a multi-region trail counts as one trail in every region.
 */
export function checkTrailLimit(call: Call, multiRegion: boolean, except?: TrailRecord): void {
  const regions = multiRegion ? new Set([call.region, ...Object.keys(call.accountState.regions)]) : [call.region];
  for (const region of regions) {
    if (trailsShownIn(call, region, except) + 1 > TRAILS_PER_REGION) {
      throw new AwsError(
        'MaximumNumberOfTrailsExceededException',
        `User: ${call.account} already has ${TRAILS_PER_REGION} trails in ${region}.`,
      );
    }
  }
}

/** Empty strings clear optional settings in UpdateTrail. */
const orUndefined = (value: string): string | undefined => (value === '' ? undefined : value);

/** S3 bucket, key prefix, SNS topic and KMS key: each checked and resolved when given. */
function applyDelivery(call: Call, draft: TrailRecord, input: TrailSettingsInput): void {
  if (input.S3BucketName !== undefined) {
    checkS3Bucket(call, input.S3BucketName);
    draft.s3BucketName = input.S3BucketName;
  }
  if (input.S3KeyPrefix !== undefined) {
    checkS3KeyPrefix(input.S3KeyPrefix);
    draft.s3KeyPrefix = orUndefined(input.S3KeyPrefix);
  }
  if (input.SnsTopicName !== undefined) {
    draft.snsTopicArn = input.SnsTopicName === '' ? undefined : resolveSnsTopic(call, input.SnsTopicName);
  }
  if (input.KmsKeyId !== undefined) {
    draft.kmsKeyId = input.KmsKeyId === '' ? undefined : resolveKmsKey(call, input.KmsKeyId);
  }
}

/**
 * Applies CreateTrail/UpdateTrail settings to a draft of the trail, checking every reference as
 * AWS does. The log group and role are checked as a pair from the request itself (AWS rejects one
 * without the other even when the trail already has the other).
 */
export function applySettings(call: Call, draft: TrailRecord, input: TrailSettingsInput): void {
  draft.includeGlobalServiceEvents = input.IncludeGlobalServiceEvents ?? draft.includeGlobalServiceEvents;
  draft.isMultiRegionTrail = input.IsMultiRegionTrail ?? draft.isMultiRegionTrail;
  draft.logFileValidationEnabled = input.EnableLogFileValidation ?? draft.logFileValidationEnabled;
  checkGlobalEvents(draft.isMultiRegionTrail, draft.includeGlobalServiceEvents);
  applyDelivery(call, draft, input);
  if (input.CloudWatchLogsLogGroupArn !== undefined || input.CloudWatchLogsRoleArn !== undefined) {
    const group = orUndefined(input.CloudWatchLogsLogGroupArn ?? '');
    const role = orUndefined(input.CloudWatchLogsRoleArn ?? '');
    checkCloudWatchLogs(call, group, role);
    draft.cloudWatchLogsLogGroupArn = group;
    draft.cloudWatchLogsRoleArn = role;
  }
  if (input.IsOrganizationTrail) checkOrganizationTrail(call);
  draft.isOrganizationTrail = input.IsOrganizationTrail ?? draft.isOrganizationTrail;
}

/** Drops undefined members so the persisted record stays plain JSON without holes. */
export function compact(trail: TrailRecord): TrailRecord {
  return JSON.parse(JSON.stringify(trail)) as TrailRecord;
}
