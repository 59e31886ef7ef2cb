import * as assert from 'uvu/assert';
import { test } from 'uvu';
import type { ResourceSet } from '../../src/model/resources.js';
import { planCalls } from '../../src/plan/calls.js';
import { diffResources } from '../../src/plan/changes.js';
import { group, set, valueOf } from './fixtures.js';

const ctx = { account: '123456789012', region: 'us-east-1' };
const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'route53.amazonaws.com' }, Action: ['logs:PutLogEvents'], Resource: ['*'] }] };

/** One resource of every kind, with every nested part a log group can hold. */
const everyKind: ResourceSet = set({
  logGroups: [
    group('/app/api', {
      retentionInDays: 30,
      tags: { team: 'api' },
      dataProtectionPolicy: { Name: 'dp', Version: '2021-06-01', Statement: [] },
      metricFilters: {
        errors: { filterName: 'errors', filterPattern: '"ERROR"', metricTransformations: [{ metricName: 'Errors', metricNamespace: 'App', metricValue: '1' }] },
      },
      subscriptionFilters: {
        'to-sink': { filterName: 'to-sink', filterPattern: '', destinationArn: 'arn:aws:lambda:us-east-1:123456789012:function:sink', distribution: 'ByLogStream' },
      },
    }),
  ],
  destinations: [
    {
      destinationName: 'central',
      targetArn: 'arn:aws:kinesis:us-east-1:123456789012:stream/central',
      roleArn: 'arn:aws:iam::123456789012:role/cwl',
      accessPolicy: policy,
      tags: {},
    },
  ],
  resourcePolicies: [{ policyName: 'dns', policyDocument: policy }],
  trails: [
    {
      name: 'org',
      s3BucketName: 'trail-bucket',
      includeGlobalServiceEvents: true,
      isMultiRegionTrail: true,
      enableLogFileValidation: true,
      isOrganizationTrail: false,
      logging: true,
      insightSelectors: ['ApiCallRateInsight'],
      tags: { team: 'security' },
    },
  ],
});

test('planCalls: a target already in sync needs no calls, for every kind of resource', () => {
  const changes = diffResources(everyKind, structuredClone(everyKind), { isOwned: () => true });
  assert.equal(
    changes.map((c) => `${c.address.kind} ${c.action}`),
    [
      'logGroup no-op',
      'metricFilter no-op',
      'subscriptionFilter no-op',
      'dataProtectionPolicy no-op',
      'destination no-op',
      'resourcePolicy no-op',
      'trail no-op',
    ],
  );
  assert.equal(planCalls(changes, ctx), []);
});

test('planCalls: a resource in sync but not yet owned (adopted) still needs no calls', () => {
  const changes = diffResources(everyKind, structuredClone(everyKind), { isOwned: () => false });
  assert.ok(changes.every((c) => c.action === 'no-op' && c.adopt === true));
  assert.equal(planCalls(changes, ctx), []);
});

test('planCalls: only the changed filter of an in-sync group is written', () => {
  const observed = structuredClone(everyKind);
  valueOf(observed, 'metricFilter', '/app/api/errors').filterPattern = '"WARN"';
  const calls = planCalls(diffResources(everyKind, observed, { isOwned: () => true }), ctx);
  assert.equal(
    calls.map((c) => [c.operation, c.input.filterName, c.dependsOn]),
    [['PutMetricFilter', 'errors', []]],
  );
});

test.run();
