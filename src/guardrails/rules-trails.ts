import type { Trail } from '../kinds/trail.js';
import { stripLogGroupArnStar } from '../model/normalize.js';
import { bool, str, strings } from '../model/schema.js';
import type { Parameters, TrailRule } from './builtin.js';
import { deliveryPath, managementEvents, s3Selections, selects, selectsEveryBucket } from './trail-events.js';
import type { Finding } from './types.js';

const DELIVERY_PARAMETERS = {
  s3BucketName: str('Name of the S3 bucket the trail must deliver to.'),
  snsTopicArn: str('ARN of the SNS topic the trail must notify.'),
  cloudWatchLogsLogGroupArn: str('ARN of the log group the trail must send events to.'),
};

/** The first way a trail fails AWS Config's s3BucketName / snsTopicArn / cloudWatchLogsLogGroupArn. */
function deliveryFinding(t: Trail, p: Parameters): Finding | undefined {
  if (!t.logging) return { member: 'logging', message: 'is not logging' };
  if (p.s3BucketName !== undefined && t.s3BucketName !== p.s3BucketName) return { member: 's3BucketName', message: `delivers to bucket ${t.s3BucketName}, not ${p.s3BucketName}` };
  if (p.snsTopicArn !== undefined && t.snsTopicName !== p.snsTopicArn) return { member: 'snsTopicName', message: `notifies ${t.snsTopicName ?? 'no SNS topic'}, not ${p.snsTopicArn}` };
  const group = p.cloudWatchLogsLogGroupArn === undefined ? undefined : stripLogGroupArnStar(p.cloudWatchLogsLogGroupArn);
  if (group !== undefined && t.cloudWatchLogsLogGroupArn !== group) return { member: 'cloudWatchLogsLogGroupArn', message: `sends events to ${t.cloudWatchLogsLogGroupArn ?? 'no log group'}, not ${group}` };
  return undefined;
}

const enabled: TrailRule = {
  name: 'cloudtrail-enabled',
  identifier: 'CLOUD_TRAIL_ENABLED',
  doc: 'At least one trail is logging (to the given bucket, topic and log group).',
  subject: 'trail',
  applies: 'account',
  parameters: DELIVERY_PARAMETERS,
  check: ({ trail }, p) => deliveryFinding(trail, p),
};

/** What AWS Config's multi-region rule asks of management events: none excluded, and the parameters. */
function managementFinding(t: Trail, p: Parameters): Finding | undefined {
  const m = managementEvents(t);
  const member = t.advancedEventSelectors ? 'advancedEventSelectors' : 'eventSelectors';
  if (m.excludedSources.length) return { member, message: `excludes management events of ${m.excludedSources.join(', ')}` };
  if (p.includeManagementEvents !== undefined && m.recorded !== p.includeManagementEvents) return { member, message: m.recorded ? 'records management events' : 'records no management events' };
  const wanted = p.readWriteType === 'ALL' ? 'All' : p.readWriteType;
  if (wanted !== undefined && m.readWriteType !== wanted) return { member, message: `records ${m.readWriteType ?? 'no'} management events, not ${p.readWriteType}` };
  return undefined;
}

const multiRegion: TrailRule = {
  name: 'multi-region-cloudtrail-enabled',
  identifier: 'MULTI_REGION_CLOUD_TRAIL_ENABLED',
  doc: 'At least one multi-region trail is logging, excludes no management events, and matches the parameters.',
  subject: 'trail',
  applies: 'account',
  parameters: {
    ...DELIVERY_PARAMETERS,
    includeManagementEvents: bool('The trail must record management events.'),
    readWriteType: str('Management events to record.', { enum: ['ReadOnly', 'WriteOnly', 'ALL'] }),
  },
  check({ trail }, p) {
    if (!trail.isMultiRegionTrail) return { member: 'isMultiRegionTrail', message: 'is not a multi-region trail' };
    return deliveryFinding(trail, p) ?? managementFinding(trail, p);
  },
};

const logFileValidation: TrailRule = {
  name: 'cloud-trail-log-file-validation-enabled',
  identifier: 'CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED',
  doc: 'The trail writes signed digest files (log file validation).',
  subject: 'trail',
  applies: 'each',
  parameters: {},
  check: ({ trail }) => (trail.enableLogFileValidation ? undefined : { member: 'enableLogFileValidation', message: 'log file validation is off: no digest files prove the logs unaltered' }),
};

const encryption: TrailRule = {
  name: 'cloud-trail-encryption-enabled',
  identifier: 'CLOUD_TRAIL_ENCRYPTION_ENABLED',
  doc: 'The trail encrypts its log files with a KMS key (SSE-KMS).',
  subject: 'trail',
  applies: 'each',
  parameters: {},
  check: ({ trail }) => (trail.kmsKeyId ? undefined : { member: 'kmsKeyId', message: 'log files are not encrypted with a KMS key (kmsKeyId is not set)' }),
};

const s3DataEvents: TrailRule = {
  name: 'cloudtrail-s3-dataevents-enabled',
  identifier: 'CLOUDTRAIL_S3_DATAEVENTS_ENABLED',
  doc: 'At least one trail logs S3 data events for every bucket (S3BucketNames: for those buckets).',
  subject: 'trail',
  applies: 'account',
  parameters: { S3BucketNames: strings('Buckets whose data events must be logged; default every bucket.') },
  check({ trail }, p) {
    if (!trail.logging) return { member: 'logging', message: 'is not logging' };
    const selections = s3Selections(trail);
    const member = trail.advancedEventSelectors ? 'advancedEventSelectors' : 'eventSelectors';
    const buckets = (p.S3BucketNames ?? []) as string[];
    if (buckets.length === 0) return selections.some(selectsEveryBucket) ? undefined : { member, message: 'does not log S3 data events of every bucket' };
    const missing = buckets.filter((b) => !selections.some((s) => selects(s, `${b}/`)));
    return missing.length ? { member, message: `logs no S3 data events of ${missing.join(', ')}` } : undefined;
  },
};

const toCloudWatchLogs: TrailRule = {
  name: 'cloud-trail-cloud-watch-logs-enabled',
  identifier: 'CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED',
  doc: 'The trail sends its events to CloudWatch Logs (AWS Config\'s expectedDeliveryWindowAge needs delivery times logwarden does not read).',
  subject: 'trail',
  applies: 'each',
  parameters: {},
  check: ({ trail }) => (trail.cloudWatchLogsLogGroupArn ? undefined : { member: 'cloudWatchLogsLogGroupArn', message: 'sends no events to CloudWatch Logs (cloudWatchLogsLogGroupArn is not set)' }),
};

/** Everything AWS Config's security trail rule asks of one trail, the failing parts named. */
function securityGaps(t: Trail): string[] {
  const m = managementEvents(t);
  return [
    t.includeGlobalServiceEvents ? '' : 'records no global service events',
    t.isMultiRegionTrail ? '' : 'is not multi-region',
    t.enableLogFileValidation ? '' : 'has log file validation off',
    t.kmsKeyId ? '' : 'is not encrypted with a KMS key',
    m.recorded ? '' : 'records no management events',
    m.recorded && m.readWriteType !== 'All' ? `records only ${m.readWriteType} management events` : '',
    m.excludedSources.length ? `excludes management events of ${m.excludedSources.join(', ')}` : '',
  ].filter(Boolean);
}

const securityTrail: TrailRule = {
  name: 'cloudtrail-security-trail-enabled',
  identifier: 'CLOUDTRAIL_SECURITY_TRAIL_ENABLED',
  doc: 'At least one trail follows AWS\'s security practices: global service events, multi-region, log file validation, KMS encryption, all management events (reads and writes), none excluded.',
  subject: 'trail',
  applies: 'account',
  parameters: {},
  check({ trail }) {
    const gaps = securityGaps(trail);
    return gaps.length ? { message: gaps.join(', ') } : undefined;
  },
};

/**
 * logwarden's own: a trail that logs S3 write data events of its own delivery bucket logs the
 * writes of its own log files, each of which it logs again — without end (worst for an
 * organization trail, which writes for every account).
 */
const deliveryBucketNotLogged: TrailRule = {
  name: 'cloudtrail-delivery-bucket-not-logged',
  doc: 'No trail logs S3 write data events of the bucket (and prefix) it delivers its own log files to.',
  subject: 'trail',
  applies: 'each',
  parameters: {},
  check({ trail }) {
    const path = deliveryPath(trail);
    if (!s3Selections(trail).some((s) => s.writes && selects(s, path))) return undefined;
    const who = trail.isOrganizationTrail ? 'an organization trail' : 'the trail';
    return {
      member: trail.advancedEventSelectors ? 'advancedEventSelectors' : 'eventSelectors',
      message: `${who} logs S3 data events of its own log files (s3://${path}): every delivery is logged and delivered again; leave that prefix out`,
    };
  },
};

/** The built-in trail rules. */
export const TRAIL_RULES: TrailRule[] = [enabled, multiRegion, logFileValidation, encryption, s3DataEvents, toCloudWatchLogs, securityTrail, deliveryBucketNotLogged];
