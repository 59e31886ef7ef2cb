import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import { diffResources } from '../../src/plan/changes.js';
import { ACCOUNT_ARN, desiredOf, EVERYTHING_OWNED, metricFilter, subscription, tableTests, valueOf, type PlanCase } from './fixtures.js';
import { governance, indexedGroup as group } from './governance-fixtures.js';

const lambda = `arn:aws:lambda:${ACCOUNT_ARN}:function:f`;
const MF = { filterPattern: '"ERROR"', metricTransformations: [{ metricName: 'Errors', metricNamespace: 'App', metricValue: '1' }] };

const CASES: PlanCase[] = [
  {
    name: 'deletion protection: a new protected group is created protected in one call',
    desired: governance({ logGroups: [group('/a', { deletionProtectionEnabled: true })] }),
    observed: governance({}),
    actions: ['create logGroup "/a"'],
    calls: [['CreateLogGroup', { logGroupName: '/a', logGroupClass: 'STANDARD', deletionProtectionEnabled: true }]],
  },
  {
    name: 'deletion protection: turned on, turned off (absent is off), unchanged',
    desired: governance({ logGroups: [group('/on', { deletionProtectionEnabled: true }), group('/off'), group('/same', { deletionProtectionEnabled: true })] }),
    observed: governance({ logGroups: [group('/on'), group('/off', { deletionProtectionEnabled: true }), group('/same', { deletionProtectionEnabled: true })] }),
    actions: ['update logGroup "/on"', 'update logGroup "/off"', 'no-op logGroup "/same"'],
    calls: [
      ['PutLogGroupDeletionProtection', { logGroupIdentifier: '/on', deletionProtectionEnabled: true }],
      ['PutLogGroupDeletionProtection', { logGroupIdentifier: '/off', deletionProtectionEnabled: false }],
    ],
  },
  {
    name: 'deletion protection is never turned off by itself: a protected group no longer declared is deleted as is (and AWS refuses)',
    desired: governance({}),
    observed: governance({ logGroups: [group('/a', { deletionProtectionEnabled: true })] }),
    actions: ['delete logGroup "/a"'],
    calls: [['DeleteLogGroup', { logGroupName: '/a' }]],
  },
  {
    name: 'index policy: put where new or changed, deleted where undeclared, compared as parsed JSON',
    desired: governance({
      logGroups: [group('/new', { indexPolicy: { Fields: ['a'] } }), group('/changed', { indexPolicy: { Fields: ['b'] } }), group('/removed'), group('/same', { indexPolicy: { FieldsV2: { x: { type: 'FACET' } }, Fields: ['a'] } })],
    }),
    observed: governance({
      logGroups: [group('/new'), group('/changed', { indexPolicy: { Fields: ['a'] } }), group('/removed', { indexPolicy: { Fields: ['a'] } }), group('/same', { indexPolicy: { Fields: ['a'], FieldsV2: { x: { type: 'FACET' } } } })],
    }),
    actions: [
      'no-op logGroup "/new"',
      'no-op logGroup "/changed"',
      'no-op logGroup "/removed"',
      'no-op logGroup "/same"',
      'create indexPolicy "/new"',
      'update indexPolicy "/changed"',
      'no-op indexPolicy "/same"',
      'delete indexPolicy "/removed"',
    ],
    calls: [
      ['DeleteIndexPolicy', { logGroupIdentifier: '/removed' }],
      ['PutIndexPolicy', { logGroupIdentifier: '/new', policyDocument: '{"Fields":["a"]}' }],
      ['PutIndexPolicy', { logGroupIdentifier: '/changed', policyDocument: '{"Fields":["b"]}' }],
    ],
  },
  {
    name: 'index policy of a replaced group is put again once the new group exists',
    desired: governance({ logGroups: [group('/a', { indexPolicy: { Fields: ['a'] } })] }),
    observed: governance({ logGroups: [group('/a', { logGroupClass: 'INFREQUENT_ACCESS', indexPolicy: { Fields: ['a'] } })] }),
    actions: ['replace logGroup "/a"', 'create indexPolicy "/a"'],
    calls: [
      ['DeleteLogGroup', { logGroupName: '/a' }],
      ['CreateLogGroup', { logGroupName: '/a', logGroupClass: 'STANDARD' }, ['c1']],
      ['PutIndexPolicy', { logGroupIdentifier: '/a', policyDocument: '{"Fields":["a"]}' }, ['c2']],
    ],
  },
  {
    name: 'metric filter options: set, and removed (PutMetricFilter puts the whole filter again)',
    desired: governance({
      logGroups: [
        group('/a', {
          metricFilters: {
            set: metricFilter('set', '"ERROR"', { applyOnTransformedLogs: true, fieldSelectionCriteria: '@aws.region = "us-east-1"', emitSystemFieldDimensions: ['@aws.account', '@aws.region'] }),
            cleared: metricFilter('cleared'),
          },
        }),
      ],
    }),
    observed: governance({ logGroups: [group('/a', { metricFilters: { set: metricFilter('set'), cleared: metricFilter('cleared', '"ERROR"', { applyOnTransformedLogs: true, emitSystemFieldDimensions: ['@aws.region'] }) } })] }),
    actions: ['no-op logGroup "/a"', 'update metricFilter "/a/set"', 'update metricFilter "/a/cleared"'],
    calls: [
      ['PutMetricFilter', { logGroupName: '/a', filterName: 'set', ...MF, applyOnTransformedLogs: true, fieldSelectionCriteria: '@aws.region = "us-east-1"', emitSystemFieldDimensions: ['@aws.account', '@aws.region'] }],
      ['PutMetricFilter', { logGroupName: '/a', filterName: 'cleared', ...MF }],
    ],
  },
  {
    name: 'subscription filter options update in place (the destination is the same)',
    desired: governance({ logGroups: [group('/a', { subscriptionFilters: { s: subscription('s', lambda, { emitSystemFields: ['@aws.account'], applyOnTransformedLogs: true }) } })] }),
    observed: governance({ logGroups: [group('/a', { subscriptionFilters: { s: subscription('s', lambda) } })] }),
    actions: ['no-op logGroup "/a"', 'update subscriptionFilter "/a/s"'],
    calls: [
      ['PutSubscriptionFilter', { logGroupName: '/a', filterName: 's', filterPattern: '', destinationArn: lambda, distribution: 'ByLogStream', applyOnTransformedLogs: true, emitSystemFields: ['@aws.account'] }],
    ],
  },
];

const test = suite('plan: deletion protection, index policies and the newer filter options');
tableTests(test, CASES);

test('AWS defaults read back as absent: declared false, an empty list or a system field order make no change', () => {
  const desired = desiredOf(`
logGroups:
  /a:
    deletionProtectionEnabled: false
    metricFilters:
      m:
        filterPattern: ""
        metricTransformations: [{ metricName: M, metricNamespace: N, metricValue: "1" }]
        applyOnTransformedLogs: false
        emitSystemFieldDimensions: []
    subscriptionFilters:
      s: { filterPattern: "", destinationArn: ${lambda}, applyOnTransformedLogs: false, emitSystemFields: ["@aws.region", "@aws.account"] }
`);
  assert.equal(valueOf(desired, 'logGroup', '/a'), { logGroupName: '/a', logGroupClass: 'STANDARD', tags: {} });
  assert.equal(valueOf(desired, 'metricFilter', '/a/m'), { filterName: 'm', filterPattern: '', metricTransformations: [{ metricName: 'M', metricNamespace: 'N', metricValue: '1' }] });
  assert.equal(valueOf(desired, 'subscriptionFilter', '/a/s').emitSystemFields, ['@aws.account', '@aws.region']);
  // what DescribeLogGroups / DescribeMetricFilters report for the same: the kinds observe it as above
  const observed = governance({
    logGroups: [group('/a', { metricFilters: { m: metricFilter('m', '', { metricTransformations: [{ metricName: 'M', metricNamespace: 'N', metricValue: '1' }] }) }, subscriptionFilters: { s: subscription('s', lambda, { emitSystemFields: ['@aws.account', '@aws.region'] }) } })],
  });
  assert.equal(diffResources(desired, observed, EVERYTHING_OWNED).map((c) => c.action), ['no-op', 'no-op', 'no-op']);
});

test.run();
