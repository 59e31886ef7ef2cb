import type { TrailLoggingRecord, TrailRecord } from './trail-types.js';

/** CloudTrail timestamps travel as epoch seconds. */
const toSeconds = (ms: number): number => ms / 1000;

/** The settings CreateTrail and UpdateTrail return; string members only when set. */
export function trailSettings(trail: TrailRecord): Record<string, unknown> {
  return {
    Name: trail.name,
    S3BucketName: trail.s3BucketName,
    ...(trail.s3KeyPrefix !== undefined && { S3KeyPrefix: trail.s3KeyPrefix }),
    ...(trail.snsTopicArn !== undefined && {
      SnsTopicName: trail.snsTopicArn.slice(trail.snsTopicArn.lastIndexOf(':') + 1),
      SnsTopicARN: trail.snsTopicArn,
    }),
    IncludeGlobalServiceEvents: trail.includeGlobalServiceEvents,
    IsMultiRegionTrail: trail.isMultiRegionTrail,
    TrailARN: trail.arn,
    LogFileValidationEnabled: trail.logFileValidationEnabled,
    ...(trail.cloudWatchLogsLogGroupArn !== undefined && { CloudWatchLogsLogGroupArn: trail.cloudWatchLogsLogGroupArn }),
    ...(trail.cloudWatchLogsRoleArn !== undefined && { CloudWatchLogsRoleArn: trail.cloudWatchLogsRoleArn }),
    ...(trail.kmsKeyId !== undefined && { KmsKeyId: trail.kmsKeyId }),
    IsOrganizationTrail: trail.isOrganizationTrail,
  };
}

/** True once PutEventSelectors has given the trail selectors of its own. */
function hasCustomEventSelectors(trail: TrailRecord): boolean {
  return trail.eventSelectors !== undefined || trail.advancedEventSelectors !== undefined;
}

/** The `Trail` structure of GetTrail and DescribeTrails. */
export function trailDescription(trail: TrailRecord): Record<string, unknown> {
  const { IsOrganizationTrail, TrailARN, ...settings } = trailSettings(trail);
  return {
    ...settings,
    HomeRegion: trail.homeRegion,
    TrailARN,
    HasCustomEventSelectors: hasCustomEventSelectors(trail),
    HasInsightSelectors: trail.insightSelectors.length > 0,
    IsOrganizationTrail,
  };
}

/** CloudTrail delivers log files to S3 about every five minutes while a trail logs. */
const DELIVERY_INTERVAL_MS = 5 * 60_000;

/** The latest log file delivery up to `now`: in the current (or last) logging session, else an earlier one. */
export function latestDelivery(logging: TrailLoggingRecord, now: number): number | undefined {
  const start = logging.startLoggingTime;
  if (start !== undefined) {
    const end = logging.isLogging ? now : (logging.stopLoggingTime ?? now);
    const deliveries = Math.floor((end - start) / DELIVERY_INTERVAL_MS);
    if (deliveries >= 1) return start + deliveries * DELIVERY_INTERVAL_MS;
  }
  return logging.latestDeliveryTime;
}

/** `2021-10-13T15:02:21Z`: the form of GetTrailStatus's string time members. */
const isoSeconds = (ms: number | undefined): string =>
  ms === undefined ? '' : new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

/** GetTrailStatus: logging state, and deliveries computed from engine time. */
export function trailStatus(trail: TrailRecord, now: number): Record<string, unknown> {
  const { logging } = trail;
  const delivered = latestDelivery(logging, now);
  const notified = trail.snsTopicArn !== undefined ? delivered : undefined;
  const toLogs = trail.cloudWatchLogsLogGroupArn !== undefined ? delivered : undefined;
  return {
    IsLogging: logging.isLogging,
    ...(delivered !== undefined && { LatestDeliveryTime: toSeconds(delivered) }),
    ...(notified !== undefined && { LatestNotificationTime: toSeconds(notified) }),
    ...(logging.startLoggingTime !== undefined && { StartLoggingTime: toSeconds(logging.startLoggingTime) }),
    ...(logging.stopLoggingTime !== undefined && { StopLoggingTime: toSeconds(logging.stopLoggingTime) }),
    ...(toLogs !== undefined && { LatestCloudWatchLogsDeliveryTime: toSeconds(toLogs) }),
    LatestDeliveryAttemptTime: isoSeconds(delivered),
    LatestNotificationAttemptTime: isoSeconds(notified),
    LatestNotificationAttemptSucceeded: isoSeconds(notified),
    LatestDeliveryAttemptSucceeded: isoSeconds(delivered),
    TimeLoggingStarted: isoSeconds(logging.startLoggingTime),
    TimeLoggingStopped: isoSeconds(logging.stopLoggingTime),
  };
}
