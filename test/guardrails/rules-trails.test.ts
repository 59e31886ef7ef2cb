import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import { ACCOUNT_ARN, set, trail } from '../plan/fixtures.js';
import { builtin, findings } from './helpers.js';

const test = suite('guardrails: trail rules');

const KEY = `arn:aws:kms:${ACCOUNT_ARN}:key/k1`;
const GROUP = `arn:aws:logs:${ACCOUNT_ARN}:log-group:/aws/cloudtrail/org`;
const TOPIC = `arn:aws:sns:${ACCOUNT_ARN}:trail-news`;
const MANAGEMENT = { Name: 'management', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] };
const selector = (extra = {}) => ({ ReadWriteType: 'All' as const, IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [], ...extra });
/** Every practice of the security trail rule. */
const secure = (name: string, extra = {}) => trail(name, { isMultiRegionTrail: true, enableLogFileValidation: true, kmsKeyId: KEY, ...extra });

test('cloudtrail-enabled: one logging trail is enough; parameters pin its bucket, topic and log group', () => {
  const rule = builtin('cloudtrail-enabled');
  assert.equal(findings(rule, set({ trails: [trail('off', { logging: false }), trail('on')] })), []);
  assert.equal(findings(rule, set({ trails: [trail('off', { logging: false })] })), ['(account): no trail meets it: trail "off" is not logging']);
  assert.equal(findings(rule, set({})), ['(account): no trail at all: at least one is required']);
  assert.equal(findings(builtin('cloudtrail-enabled', {}, { names: ['org-*'] }), set({ trails: [trail('on')] })), ['(account): no trail in its names: at least one is required']);
  const pinned = builtin('cloudtrail-enabled', { s3BucketName: 'org-logs', snsTopicArn: TOPIC, cloudWatchLogsLogGroupArn: `${GROUP}:*` });
  assert.equal(findings(pinned, set({ trails: [trail('a'), trail('b', { s3BucketName: 'org-logs' }), trail('c', { s3BucketName: 'org-logs', snsTopicName: TOPIC })] })), [
    `(account): no trail meets it: trail "a" delivers to bucket trail-bucket, not org-logs; trail "b" notifies no SNS topic, not ${TOPIC}; trail "c" sends events to no log group, not ${GROUP}`,
  ]);
  assert.equal(findings(pinned, set({ trails: [trail('d', { s3BucketName: 'org-logs', snsTopicName: TOPIC, cloudWatchLogsLogGroupArn: GROUP })] })), []);
});

test('multi-region-cloudtrail-enabled: multi-region, logging, no management events excluded, readWriteType and includeManagementEvents', () => {
  const rule = builtin('multi-region-cloudtrail-enabled', { readWriteType: 'ALL', includeManagementEvents: true });
  assert.equal(findings(rule, set({ trails: [trail('single')] })), ['(account): no trail meets it: trail "single" is not a multi-region trail']);
  assert.equal(findings(rule, set({ trails: [trail('default', { isMultiRegionTrail: true })] })), [], "AWS's default selector: every management event");
  const kms = trail('no-kms', { isMultiRegionTrail: true, eventSelectors: [selector({ ExcludeManagementEventSources: ['kms.amazonaws.com'] })] });
  assert.equal(findings(rule, set({ trails: [kms] })), ['(account): no trail meets it: trail "no-kms" excludes management events of kms.amazonaws.com']);
  const reads = trail('reads', { isMultiRegionTrail: true, advancedEventSelectors: [{ FieldSelectors: [...MANAGEMENT.FieldSelectors, { Field: 'readOnly', Equals: ['true'] }] }] });
  assert.equal(findings(rule, set({ trails: [reads] })), ['(account): no trail meets it: trail "reads" records ReadOnly management events, not ALL']);
  const none = trail('data-only', { isMultiRegionTrail: true, eventSelectors: [selector({ IncludeManagementEvents: false, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] }] })] });
  assert.equal(findings(rule, set({ trails: [none] })), ['(account): no trail meets it: trail "data-only" records no management events']);
  assert.equal(findings(rule, set({ trails: [none, trail('advanced', { isMultiRegionTrail: true, advancedEventSelectors: [MANAGEMENT] })] })), []);
});

test('cloud-trail-log-file-validation-enabled and cloud-trail-encryption-enabled: per trail', () => {
  const trails = set({ trails: [trail('plain'), secure('good')] });
  assert.equal(findings(builtin('cloud-trail-log-file-validation-enabled'), trails), ['trail plain: log file validation is off: no digest files prove the logs unaltered [enableLogFileValidation]']);
  assert.equal(findings(builtin('cloud-trail-encryption-enabled'), trails), ['trail plain: log files are not encrypted with a KMS key (kmsKeyId is not set) [kmsKeyId]']);
});

test('cloud-trail-cloud-watch-logs-enabled: per trail', () => {
  assert.equal(findings(builtin('cloud-trail-cloud-watch-logs-enabled'), set({ trails: [trail('s3-only'), trail('both', { cloudWatchLogsLogGroupArn: GROUP })] })), [
    'trail s3-only: sends no events to CloudWatch Logs (cloudWatchLogsLogGroupArn is not set) [cloudWatchLogsLogGroupArn]',
  ]);
});

test('cloudtrail-s3-dataevents-enabled: every bucket, or the S3BucketNames; basic and advanced selectors', () => {
  const all = trail('all', { eventSelectors: [selector({ DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] }] })] });
  const some = trail('some', { eventSelectors: [selector({ DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::invoices/', 'arn:aws:s3:::exports/2024/'] }] })] });
  const advanced = trail('advanced', { advancedEventSelectors: [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::S3::Object'] }] }] });
  const rule = builtin('cloudtrail-s3-dataevents-enabled');
  assert.equal(findings(rule, set({ trails: [some] })), ['(account): no trail meets it: trail "some" does not log S3 data events of every bucket']);
  assert.equal(findings(rule, set({ trails: [some, all] })), []);
  assert.equal(findings(rule, set({ trails: [advanced] })), []);
  const named = builtin('cloudtrail-s3-dataevents-enabled', { S3BucketNames: ['invoices', 'exports', 'payroll'] });
  assert.equal(findings(named, set({ trails: [some, trail('off', { logging: false, eventSelectors: all.eventSelectors })] })), [
    '(account): no trail meets it: trail "some" logs no S3 data events of payroll; trail "off" is not logging',
  ]);
});

test('cloudtrail-security-trail-enabled: one trail with every practice; what each lacks is named', () => {
  const rule = builtin('cloudtrail-security-trail-enabled');
  assert.equal(findings(rule, set({ trails: [secure('good')] })), []);
  const lax = trail('lax', { includeGlobalServiceEvents: false, eventSelectors: [selector({ ReadWriteType: 'WriteOnly', ExcludeManagementEventSources: ['rdsdata.amazonaws.com'] })] });
  assert.equal(findings(rule, set({ trails: [lax] })), [
    '(account): no trail meets it: trail "lax" records no global service events, is not multi-region, has log file validation off, is not encrypted with a KMS key, records only WriteOnly management events, excludes management events of rdsdata.amazonaws.com',
  ]);
});

test('cloudtrail-delivery-bucket-not-logged: a trail logging writes to its own log files loops; a read-only selector or an excluded prefix does not', () => {
  const rule = builtin('cloudtrail-delivery-bucket-not-logged');
  const everything = [selector({ DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] }] })];
  assert.equal(findings(rule, set({ trails: [trail('org', { isOrganizationTrail: true, eventSelectors: everything })] })), [
    'trail org: an organization trail logs S3 data events of its own log files (s3://trail-bucket/AWSLogs/): every delivery is logged and delivered again; leave that prefix out [eventSelectors]',
  ]);
  const ownBucket = [selector({ DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::logs/cloudtrail/'] }] })];
  assert.equal(findings(rule, set({ trails: [trail('prefixed', { s3BucketName: 'logs', s3KeyPrefix: 'cloudtrail', eventSelectors: ownBucket })] })), [
    'trail prefixed: the trail logs S3 data events of its own log files (s3://logs/cloudtrail/AWSLogs/): every delivery is logged and delivered again; leave that prefix out [eventSelectors]',
  ]);
  const reads = [selector({ ReadWriteType: 'ReadOnly', DataResources: everything[0]!.DataResources })];
  const excluded = [
    {
      FieldSelectors: [
        { Field: 'eventCategory', Equals: ['Data'] },
        { Field: 'resources.type', Equals: ['AWS::S3::Object'] },
        { Field: 'resources.ARN', NotStartsWith: ['arn:aws:s3:::trail-bucket/AWSLogs/'] },
      ],
    },
  ];
  const otherBucket = [selector({ DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::invoices/'] }] })];
  assert.equal(findings(rule, set({ trails: [trail('reads', { eventSelectors: reads }), trail('excluded', { advancedEventSelectors: excluded }), trail('other', { eventSelectors: otherBucket }), trail('plain')] })), []);
});

test.run();
