import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import { DescribeLogGroupsCommand, CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeTrailsCommand, CreateTrailCommand } from '@aws-sdk/client-cloudtrail';
import { partitionOf } from '../../src/aws/arn.js';
import { planCalls } from '../../src/plan/calls.js';
import { diffResources } from '../../src/plan/changes.js';
import { harness } from '../helpers/harness.js';
import { destination, EVERYTHING_OWNED, group, set, subscription, trail } from './fixtures.js';

const test = suite('ARNs in every partition');

test('partitions follow the region', () => {
  assert.equal(['us-east-1', 'eu-west-3', 'cn-north-1', 'cn-northwest-1', 'us-gov-west-1', 'us-iso-east-1', 'us-isob-east-1'].map(partitionOf), [
    'aws', 'aws', 'aws-cn', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b',
  ]);
});

for (const [region, partition] of [['cn-north-1', 'aws-cn'], ['us-gov-west-1', 'aws-us-gov']] as const) {
  const scope = { account: '123456789012', region };
  const arn = (service: string, resource: string) => `arn:${partition}:${service}:${region}:${scope.account}:${resource}`;

  test(`${region}: tag calls name ${partition} ARNs`, () => {
    const changes = diffResources(
      set({ logGroups: [group('/a', { tags: { t: '2' } })], destinations: [destination('d', { tags: { t: '2' } })], trails: [trail('t', { tags: { t: '2' } })] }),
      set({ logGroups: [group('/a', { tags: { t: '1' } })], destinations: [destination('d', { tags: { t: '1' } })], trails: [trail('t', { tags: { t: '1' } })] }),
      EVERYTHING_OWNED,
    );
    const resources = planCalls(changes, scope).map((c) => c.input.resourceArn ?? c.input.ResourceId);
    assert.equal(resources, [arn('logs', 'log-group:/a'), arn('logs', 'destination:d'), arn('cloudtrail', 'trail/t')]);
  });

  test(`${region}: a subscription to a new destination of ${partition} waits for it; a trail waits for its group`, () => {
    const desired = set({
      logGroups: [group('/a', { subscriptionFilters: { s: subscription('s', arn('logs', 'destination:d')) } })],
      destinations: [destination('d')],
      trails: [trail('t', { cloudWatchLogsLogGroupArn: arn('logs', 'log-group:/a'), cloudWatchLogsRoleArn: arn('iam', 'role/ct') })],
    });
    const calls = planCalls(diffResources(desired, set({}), EVERYTHING_OWNED), scope);
    const id = (op: string) => calls.find((c) => c.operation === op)!.id;
    assert.ok(calls.find((c) => c.operation === 'PutSubscriptionFilter')!.dependsOn.includes(id('PutDestination')));
    assert.ok(calls.find((c) => c.operation === 'CreateTrail')!.dependsOn.includes(id('CreateLogGroup')));
  });

  test(`${region}: the engine answers with ${partition} ARNs`, async () => {
    const h = await harness('in-process');
    try {
      const { logs, trail: cloudtrail } = h.clients({ region });
      h.engine.registerExternals({ region, s3Buckets: ['trail-bucket'] });
      await logs.send(new CreateLogGroupCommand({ logGroupName: '/a' }));
      const { logGroups } = await logs.send(new DescribeLogGroupsCommand({}));
      assert.is(logGroups![0]!.logGroupArn, arn('logs', 'log-group:/a'));
      const created = await cloudtrail.send(new CreateTrailCommand({ Name: 'org-trail', S3BucketName: 'trail-bucket' }));
      assert.is(created.TrailARN, arn('cloudtrail', 'trail/org-trail'));
      const { trailList } = await cloudtrail.send(new DescribeTrailsCommand({}));
      assert.is(trailList![0]!.TrailARN, arn('cloudtrail', 'trail/org-trail'));
    } finally {
      await h.close();
    }
  });
}

test.run();
