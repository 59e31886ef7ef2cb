import { suite } from 'uvu';
import type { Json } from '../../src/model/resources.js';
import {
  ACCOUNT_ARN,
  destination,
  group,
  metricFilter,
  NOTHING_OWNED,
  owning,
  set,
  subscription,
  tableTests,
  trail,
  type PlanCase,
} from './fixtures.js';

const DESTINATION_ARN = `arn:aws:logs:${ACCOUNT_ARN}:destination:siem`;
const GROUP_ARN = `arn:aws:logs:${ACCOUNT_ARN}:log-group:/ct`;
const ROLE = 'arn:aws:iam::123456789012:role/r';
const lambda = `arn:aws:lambda:${ACCOUNT_ARN}:function:f`;
const policy = (sid: string) => ({ Statement: [{ Sid: sid, Effect: 'Allow', Principal: { AWS: ['111122223333'] }, Action: ['logs:PutSubscriptionFilter'], Resource: ['*'] }], Version: '2012-10-17' });
const text = (doc: Json) => JSON.stringify(doc);
const sf = (group: string, filterName: string, destinationArn: string) => ({ logGroupName: group, filterName, filterPattern: '', destinationArn, distribution: 'ByLogStream' });
const MF = { filterPattern: '"ERROR"', metricTransformations: [{ metricName: 'Errors', metricNamespace: 'App', metricValue: '1' }] };
const TRAIL_DEFAULTS = { S3BucketName: 'trail-bucket', IncludeGlobalServiceEvents: true, IsMultiRegionTrail: false, EnableLogFileValidation: false, IsOrganizationTrail: false };

const DESTINATIONS: PlanCase[] = [
  {
    name: 'destination: create with tags, then its access policy',
    desired: set({ destinations: [destination('siem', { accessPolicy: policy('a'), tags: { t: '1' } })] }),
    observed: set({}),
    actions: ['create destination "siem"'],
    calls: [
      ['PutDestination', { destinationName: 'siem', targetArn: `arn:aws:kinesis:${ACCOUNT_ARN}:stream/siem`, roleArn: 'arn:aws:iam::123456789012:role/cwl', tags: { t: '1' } }],
      ['PutDestinationPolicy', { destinationName: 'siem', accessPolicy: text(policy('a')) }, ['c1']],
    ],
  },
  {
    name: 'destination: a new target or role is PutDestination again (tags and policy untouched)',
    desired: set({ destinations: [destination('siem', { targetArn: 'arn:aws:firehose:us-east-1:123456789012:deliverystream/x', accessPolicy: policy('a') }), destination('other', { roleArn: ROLE })] }),
    observed: set({ destinations: [destination('siem', { accessPolicy: policy('a') }), destination('other')] }),
    actions: ['update destination "siem"', 'update destination "other"'],
    calls: [
      ['PutDestination', { destinationName: 'siem', targetArn: 'arn:aws:firehose:us-east-1:123456789012:deliverystream/x', roleArn: 'arn:aws:iam::123456789012:role/cwl' }],
      ['PutDestination', { destinationName: 'other', targetArn: `arn:aws:kinesis:${ACCOUNT_ARN}:stream/other`, roleArn: ROLE }],
    ],
  },
  {
    name: 'destination: access policy and tags changed',
    desired: set({ destinations: [destination('siem', { accessPolicy: policy('b'), tags: { n: '1' } })] }),
    observed: set({ destinations: [destination('siem', { accessPolicy: policy('a'), tags: { o: '1' } })] }),
    actions: ['update destination "siem"'],
    calls: [
      ['PutDestinationPolicy', { destinationName: 'siem', accessPolicy: text(policy('b')) }],
      ['UntagResource', { resourceArn: DESTINATION_ARN, tagKeys: ['o'] }, ['c1']],
      ['TagResource', { resourceArn: DESTINATION_ARN, tags: { n: '1' } }, ['c2']],
    ],
  },
  {
    name: 'destination: an access policy cannot be removed in place, so removing it replaces the destination',
    desired: set({ destinations: [destination('siem', { tags: { t: '1' } })] }),
    observed: set({ destinations: [destination('siem', { accessPolicy: policy('a'), tags: { t: '1' } })] }),
    actions: ['replace destination "siem"'],
    calls: [
      ['DeleteDestination', { destinationName: 'siem' }],
      ['PutDestination', { destinationName: 'siem', targetArn: `arn:aws:kinesis:${ACCOUNT_ARN}:stream/siem`, roleArn: 'arn:aws:iam::123456789012:role/cwl', tags: { t: '1' } }, ['c1']],
    ],
  },
  {
    name: 'a subscription filter to a declared destination waits for the destination and its policy',
    desired: set({ logGroups: [group('/a', { subscriptionFilters: { s: subscription('s', DESTINATION_ARN) } })], destinations: [destination('siem', { accessPolicy: policy('a') })] }),
    observed: set({}),
    actions: ['create logGroup "/a"', 'create subscriptionFilter "/a/s"', 'create destination "siem"'],
    calls: [
      ['CreateLogGroup', { logGroupName: '/a', logGroupClass: 'STANDARD' }],
      ['PutDestination', { destinationName: 'siem', targetArn: `arn:aws:kinesis:${ACCOUNT_ARN}:stream/siem`, roleArn: 'arn:aws:iam::123456789012:role/cwl' }],
      ['PutDestinationPolicy', { destinationName: 'siem', accessPolicy: text(policy('a')) }, ['c2']],
      ['PutSubscriptionFilter', sf('/a', 's', DESTINATION_ARN), ['c1', 'c2', 'c3']],
    ],
  },
  {
    name: 'an owned destination no longer declared is deleted after the filters that used it',
    desired: set({ logGroups: [group('/a')] }),
    observed: set({ logGroups: [group('/a', { subscriptionFilters: { s: subscription('s', DESTINATION_ARN) } })], destinations: [destination('siem')] }),
    ownership: owning('logGroup:/a', 'destination:siem'),
    actions: ['no-op logGroup "/a"', 'delete subscriptionFilter "/a/s"', 'delete destination "siem"'],
    calls: [
      ['DeleteSubscriptionFilter', { logGroupName: '/a', filterName: 's' }],
      ['DeleteDestination', { destinationName: 'siem' }, ['c1']],
    ],
  },
];

const POLICIES: PlanCase[] = [
  {
    name: 'resource policies: put when new or changed; an owned one deleted first (10 per region)',
    desired: set({ resourcePolicies: [{ policyName: 'new', policyDocument: policy('n') }, { policyName: 'changed', policyDocument: policy('after') }, { policyName: 'same', policyDocument: policy('s') }] }),
    observed: set({
      resourcePolicies: [
        { policyName: 'old', policyDocument: policy('o') },
        { policyName: 'changed', policyDocument: policy('before') },
        { policyName: 'same', policyDocument: policy('s') },
        { policyName: 'theirs', policyDocument: policy('t') },
      ],
    }),
    ownership: owning('resourcePolicy:old', 'resourcePolicy:changed', 'resourcePolicy:same'),
    actions: ['create resourcePolicy "new"', 'update resourcePolicy "changed"', 'no-op resourcePolicy "same"', 'delete resourcePolicy "old"'],
    calls: [
      ['DeleteResourcePolicy', { policyName: 'old' }],
      ['PutResourcePolicy', { policyName: 'new', policyDocument: text(policy('n')) }, ['c1']],
      ['PutResourcePolicy', { policyName: 'changed', policyDocument: text(policy('after')) }, ['c1']],
    ],
  },
];

const OWNERSHIP: PlanCase[] = [
  {
    name: 'ownership: undeclared and not owned is never touched, whatever its kind',
    desired: set({}),
    observed: set({
      logGroups: [group('/theirs', { metricFilters: { m: metricFilter('m') }, dataProtectionPolicy: { Name: 'x' } })],
      destinations: [destination('theirs')],
      resourcePolicies: [{ policyName: 'theirs', policyDocument: policy('t') }],
      trails: [trail('theirs')],
    }),
    ownership: NOTHING_OWNED,
    actions: [],
    calls: [],
  },
  {
    name: 'ownership: owned and no longer declared is deleted; what the deleted group held goes with it (no calls)',
    desired: set({}),
    observed: set({ logGroups: [group('/mine', { metricFilters: { m: metricFilter('m') }, subscriptionFilters: { s: subscription('s', lambda) }, dataProtectionPolicy: { Name: 'x' } })], trails: [trail('mine')] }),
    ownership: owning('logGroup:/mine', 'trail:mine', 'metricFilter:/mine/m', 'subscriptionFilter:/mine/s', 'dataProtectionPolicy:/mine'),
    actions: ['delete logGroup "/mine"', 'delete metricFilter "/mine/m"', 'delete subscriptionFilter "/mine/s"', 'delete dataProtectionPolicy "/mine"', 'delete trail "mine"'],
    calls: [['DeleteTrail', { Name: 'mine' }], ['DeleteLogGroup', { logGroupName: '/mine' }]],
  },
  {
    name: 'ownership: a declared group is reconciled exhaustively — its undeclared filters and policy are deleted though never owned',
    desired: set({ logGroups: [group('/a')] }),
    observed: set({ logGroups: [group('/a', { metricFilters: { m: metricFilter('m') }, subscriptionFilters: { s: subscription('s', lambda) }, dataProtectionPolicy: { Name: 'x' } })] }),
    ownership: NOTHING_OWNED,
    actions: ['no-op (adopt) logGroup "/a"', 'delete metricFilter "/a/m"', 'delete subscriptionFilter "/a/s"', 'delete dataProtectionPolicy "/a"'],
    calls: [
      ['DeleteDataProtectionPolicy', { logGroupIdentifier: '/a' }],
      ['DeleteMetricFilter', { logGroupName: '/a', filterName: 'm' }],
      ['DeleteSubscriptionFilter', { logGroupName: '/a', filterName: 's' }],
    ],
  },
];

const ORDER: PlanCase[] = [
  {
    name: 'order of creates: log groups, destinations and their policies, filters, policies, trails, selectors, logging',
    desired: set({
      trails: [trail('t', { cloudWatchLogsLogGroupArn: GROUP_ARN, cloudWatchLogsRoleArn: ROLE, insightSelectors: ['ApiCallRateInsight'] })],
      resourcePolicies: [{ policyName: 'p', policyDocument: policy('p') }],
      destinations: [destination('siem', { accessPolicy: policy('a') })],
      logGroups: [group('/ct', { dataProtectionPolicy: { Name: 'dp' }, subscriptionFilters: { s: subscription('s', DESTINATION_ARN) }, metricFilters: { m: metricFilter('m') } })],
    }),
    observed: set({}),
    actions: [
      'create logGroup "/ct"',
      'create metricFilter "/ct/m"',
      'create subscriptionFilter "/ct/s"',
      'create dataProtectionPolicy "/ct"',
      'create destination "siem"',
      'create resourcePolicy "p"',
      'create trail "t"',
    ],
    calls: [
      ['CreateLogGroup', { logGroupName: '/ct', logGroupClass: 'STANDARD' }],
      ['PutDestination', { destinationName: 'siem', targetArn: `arn:aws:kinesis:${ACCOUNT_ARN}:stream/siem`, roleArn: 'arn:aws:iam::123456789012:role/cwl' }],
      ['PutDestinationPolicy', { destinationName: 'siem', accessPolicy: text(policy('a')) }, ['c2']],
      ['PutMetricFilter', { logGroupName: '/ct', filterName: 'm', ...MF }, ['c1']],
      ['PutSubscriptionFilter', sf('/ct', 's', DESTINATION_ARN), ['c1', 'c2', 'c3']],
      ['PutDataProtectionPolicy', { logGroupIdentifier: '/ct', policyDocument: '{"Name":"dp"}' }, ['c1']],
      ['PutResourcePolicy', { policyName: 'p', policyDocument: text(policy('p')) }],
      ['CreateTrail', { Name: 't', ...TRAIL_DEFAULTS, CloudWatchLogsLogGroupArn: `${GROUP_ARN}:*`, CloudWatchLogsRoleArn: ROLE }, ['c1']],
      ['PutInsightSelectors', { TrailName: 't', InsightSelectors: [{ InsightType: 'ApiCallRateInsight' }] }, ['c8', 'c1']],
      ['StartLogging', { Name: 't' }, ['c9', 'c1']],
    ],
  },
  {
    name: 'order of deletes: the reverse — trails, policies, filters first; destinations, then log groups, last',
    desired: set({ logGroups: [group('/kept')] }),
    observed: set({
      logGroups: [
        group('/kept', { dataProtectionPolicy: { Name: 'dp' }, subscriptionFilters: { s: subscription('s', DESTINATION_ARN) }, metricFilters: { m: metricFilter('m') } }),
        group('/ct'),
      ],
      destinations: [destination('siem')],
      resourcePolicies: [{ policyName: 'p', policyDocument: policy('p') }],
      trails: [trail('t', { cloudWatchLogsLogGroupArn: GROUP_ARN, cloudWatchLogsRoleArn: ROLE })],
    }),
    ownership: owning('logGroup:/kept', 'logGroup:/ct', 'destination:siem', 'resourcePolicy:p', 'trail:t'),
    actions: [
      'no-op logGroup "/kept"',
      'delete metricFilter "/kept/m"',
      'delete subscriptionFilter "/kept/s"',
      'delete dataProtectionPolicy "/kept"',
      'delete logGroup "/ct"',
      'delete destination "siem"',
      'delete resourcePolicy "p"',
      'delete trail "t"',
    ],
    calls: [
      ['DeleteTrail', { Name: 't' }],
      ['DeleteDataProtectionPolicy', { logGroupIdentifier: '/kept' }],
      ['DeleteResourcePolicy', { policyName: 'p' }],
      ['DeleteMetricFilter', { logGroupName: '/kept', filterName: 'm' }],
      ['DeleteSubscriptionFilter', { logGroupName: '/kept', filterName: 's' }],
      ['DeleteDestination', { destinationName: 'siem' }, ['c5']],
      ['DeleteLogGroup', { logGroupName: '/ct' }, ['c1']],
    ],
  },
];

const test = suite('plan: destinations, resource policies, ownership and order');
tableTests(test, [...DESTINATIONS, ...POLICIES, ...OWNERSHIP, ...ORDER]);
test.run();
