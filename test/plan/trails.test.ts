import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { trailKind } from '../../src/kinds/trail.js';
import { ACCOUNT_ARN, CTX, desiredOf, group, planOf, set, tableTests, trail, type PlanCase } from './fixtures.js';

const TRAIL_ARN = `arn:aws:cloudtrail:${ACCOUNT_ARN}:trail/t`;
const GROUP_ARN = (name: string) => `arn:aws:logs:${ACCOUNT_ARN}:log-group:${name}`;
const ROLE = `arn:aws:iam::${CTX.account}:role/ct`;
const KEY = `arn:aws:kms:${ACCOUNT_ARN}:key/k`;
const TOPIC = `arn:aws:sns:${ACCOUNT_ARN}:topic`;
/** The settings every CreateTrail/UpdateTrail of a default `trail('t')` carries. */
const DEFAULTS = { S3BucketName: 'trail-bucket', IncludeGlobalServiceEvents: true, IsMultiRegionTrail: false, EnableLogFileValidation: false, IsOrganizationTrail: false };
const MANAGEMENT = { FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] };
const READ_ONLY = { ReadWriteType: 'ReadOnly' as const, IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] };
const DEFAULT_SELECTOR = { ...READ_ONLY, ReadWriteType: 'All' };

const FULL = `
logGroups:
  /ct: {}
trails:
  t:
    s3BucketName: b
    s3KeyPrefix: p
    isMultiRegionTrail: true
    enableLogFileValidation: true
    cloudWatchLogsLogGroup: /ct
    cloudWatchLogsRoleArn: ${ROLE}
    kmsKeyId: ${KEY}
    snsTopicName: topic
    eventSelectors: [{ readWriteType: WriteOnly, dataResources: [{ type: "AWS::S3::Object", values: ["arn:aws:s3"] }] }]
    insightSelectors: [ApiErrorRateInsight, ApiCallRateInsight]
    tags: { a: b }
`;

const CASES: PlanCase[] = [
  {
    name: 'create: CreateTrail with its settings, then StartLogging (logging is the default)',
    desired: set({ trails: [trail('t')] }),
    observed: set({}),
    actions: ['create trail "t"'],
    calls: [
      ['CreateTrail', { Name: 't', ...DEFAULTS }],
      ['StartLogging', { Name: 't' }, ['c1']],
    ],
  },
  {
    name: 'create, everything set: the group first, its ARN with :*, the SNS name as an ARN, selectors, insights, logging',
    desired: desiredOf(FULL),
    observed: set({}),
    actions: ['create logGroup "/ct"', 'create trail "t"'],
    calls: [
      ['CreateLogGroup', { logGroupName: '/ct', logGroupClass: 'STANDARD' }],
      [
        'CreateTrail',
        {
          Name: 't',
          S3BucketName: 'b',
          S3KeyPrefix: 'p',
          SnsTopicName: TOPIC,
          IncludeGlobalServiceEvents: true,
          IsMultiRegionTrail: true,
          EnableLogFileValidation: true,
          CloudWatchLogsLogGroupArn: `${GROUP_ARN('/ct')}:*`,
          CloudWatchLogsRoleArn: ROLE,
          KmsKeyId: KEY,
          IsOrganizationTrail: false,
          TagsList: [{ Key: 'a', Value: 'b' }],
        },
        ['c1'],
      ],
      ['PutEventSelectors', { TrailName: 't', EventSelectors: [{ ReadWriteType: 'WriteOnly', IncludeManagementEvents: true, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] }], ExcludeManagementEventSources: [] }] }, ['c2', 'c1']],
      ['PutInsightSelectors', { TrailName: 't', InsightSelectors: [{ InsightType: 'ApiCallRateInsight' }, { InsightType: 'ApiErrorRateInsight' }] }, ['c3', 'c1']],
      ['StartLogging', { Name: 't' }, ['c4', 'c1']],
    ],
  },
  {
    name: 'create with advanced selectors and logging off: no StartLogging',
    desired: set({ trails: [trail('t', { logging: false, advancedEventSelectors: [{ Name: 'm', ...MANAGEMENT }] })] }),
    observed: set({}),
    actions: ['create trail "t"'],
    calls: [
      ['CreateTrail', { Name: 't', ...DEFAULTS }],
      ['PutEventSelectors', { TrailName: 't', AdvancedEventSelectors: [{ Name: 'm', ...MANAGEMENT }] }, ['c1']],
    ],
  },
  {
    name: 'settings: one UpdateTrail with every setting; a removed prefix is sent empty',
    desired: set({ trails: [trail('t', { isMultiRegionTrail: true, enableLogFileValidation: true })] }),
    observed: set({ trails: [trail('t', { s3KeyPrefix: 'p' })] }),
    actions: ['update trail "t"'],
    calls: [['UpdateTrail', { Name: 't', ...DEFAULTS, S3KeyPrefix: '', IsMultiRegionTrail: true, EnableLogFileValidation: true }]],
  },
  {
    name: 'settings: removing CloudWatch Logs delivery, the KMS key and the SNS topic sends each empty',
    desired: set({ trails: [trail('t')] }),
    observed: set({ trails: [trail('t', { cloudWatchLogsLogGroupArn: GROUP_ARN('/ct'), cloudWatchLogsRoleArn: ROLE, kmsKeyId: KEY, snsTopicName: TOPIC })] }),
    actions: ['update trail "t"'],
    calls: [['UpdateTrail', { Name: 't', ...DEFAULTS, SnsTopicName: '', CloudWatchLogsLogGroupArn: '', CloudWatchLogsRoleArn: '', KmsKeyId: '' }]],
  },
  {
    name: 'settings: moving delivery to a new group creates it first and deletes the old one after the trail moved',
    desired: set({ logGroups: [group('/new')], trails: [trail('t', { cloudWatchLogsLogGroupArn: GROUP_ARN('/new'), cloudWatchLogsRoleArn: ROLE })] }),
    observed: set({ logGroups: [group('/old')], trails: [trail('t', { cloudWatchLogsLogGroupArn: GROUP_ARN('/old'), cloudWatchLogsRoleArn: ROLE })] }),
    actions: ['create logGroup "/new"', 'update trail "t"', 'delete logGroup "/old"'],
    calls: [
      ['CreateLogGroup', { logGroupName: '/new', logGroupClass: 'STANDARD' }],
      ['UpdateTrail', { Name: 't', ...DEFAULTS, CloudWatchLogsLogGroupArn: `${GROUP_ARN('/new')}:*`, CloudWatchLogsRoleArn: ROLE }, ['c1']],
      ['DeleteLogGroup', { logGroupName: '/old' }, ['c2']],
    ],
  },
  {
    name: 'selectors: basic to advanced, advanced to none (AWS default selector put back)',
    desired: set({ trails: [trail('t', { advancedEventSelectors: [MANAGEMENT] }), trail('u')] }),
    observed: set({ trails: [trail('t', { eventSelectors: [READ_ONLY] }), trail('u', { advancedEventSelectors: [MANAGEMENT] })] }),
    actions: ['update trail "t"', 'update trail "u"'],
    calls: [
      ['PutEventSelectors', { TrailName: 't', AdvancedEventSelectors: [MANAGEMENT] }],
      ['PutEventSelectors', { TrailName: 'u', EventSelectors: [DEFAULT_SELECTOR] }],
    ],
  },
  {
    name: 'selectors: advanced to basic',
    desired: set({ trails: [trail('t', { eventSelectors: [READ_ONLY] })] }),
    observed: set({ trails: [trail('t', { advancedEventSelectors: [MANAGEMENT] })] }),
    actions: ['update trail "t"'],
    calls: [['PutEventSelectors', { TrailName: 't', EventSelectors: [READ_ONLY] }]],
  },
  {
    name: 'insight selectors removed, tags changed, logging stopped: one call each, in that order',
    desired: set({ trails: [trail('t', { tags: { n: '1', c: 'new' }, logging: false })] }),
    observed: set({ trails: [trail('t', { insightSelectors: ['ApiCallRateInsight'], tags: { o: '1', c: 'old' } })] }),
    actions: ['update trail "t"'],
    calls: [
      ['PutInsightSelectors', { TrailName: 't', InsightSelectors: [] }],
      ['RemoveTags', { ResourceId: TRAIL_ARN, TagsList: [{ Key: 'o' }] }, ['c1']],
      ['AddTags', { ResourceId: TRAIL_ARN, TagsList: [{ Key: 'n', Value: '1' }, { Key: 'c', Value: 'new' }] }, ['c2']],
      ['StopLogging', { Name: 't' }, ['c3']],
    ],
  },
  {
    name: 'insight selectors added, logging started',
    desired: set({ trails: [trail('t', { insightSelectors: ['ApiCallRateInsight'] })] }),
    observed: set({ trails: [trail('t', { logging: false })] }),
    actions: ['update trail "t"'],
    calls: [
      ['PutInsightSelectors', { TrailName: 't', InsightSelectors: [{ InsightType: 'ApiCallRateInsight' }] }],
      ['StartLogging', { Name: 't' }, ['c1']],
    ],
  },
  {
    name: 'the limit of 5 trails: a new trail waits for the delete of an owned one',
    desired: set({ trails: [trail('new')] }),
    observed: set({ trails: [trail('old')] }),
    actions: ['create trail "new"', 'delete trail "old"'],
    calls: [
      ['DeleteTrail', { Name: 'old' }],
      ['CreateTrail', { Name: 'new', ...DEFAULTS }, ['c1']],
      ['StartLogging', { Name: 'new' }, ['c2', 'c1']],
    ],
  },
];

const test = suite('plan: trails');
tableTests(test, CASES);

test('AWS reads back: the default selector, the :* group ARN and the SNS topic by ARN are no change', () => {
  const desired = desiredOf(`
trails:
  t:
    s3BucketName: b
    snsTopicName: topic
    eventSelectors: [{ readWriteType: All, includeManagementEvents: true }]
    cloudWatchLogsLogGroupArn: "${GROUP_ARN('/ct')}:*"
    cloudWatchLogsRoleArn: ${ROLE}
`);
  const described = {
    Name: 't',
    S3BucketName: 'b',
    SnsTopicName: 'topic',
    SnsTopicARN: TOPIC,
    IncludeGlobalServiceEvents: true,
    IsMultiRegionTrail: false,
    LogFileValidationEnabled: false,
    CloudWatchLogsLogGroupArn: `${GROUP_ARN('/ct')}:*`,
    CloudWatchLogsRoleArn: ROLE,
    HasCustomEventSelectors: true,
  };
  const observed = set({ trails: [trailKind.read.observe(described, { status: { IsLogging: true }, selectors: { EventSelectors: [DEFAULT_SELECTOR] }, tags: [] })!] });
  assert.equal(planOf({ desired, observed }), { actions: ['no-op trail "t"'], calls: [] });
});

test.run();
