import * as assert from 'uvu/assert';
import {
  CreateTrailCommand,
  ListInsightsDataCommand,
  ListInsightsMetricDataCommand,
  PutEventSelectorsCommand,
  PutInsightSelectorsCommand,
} from '@aws-sdk/client-cloudtrail';
import { CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { forEachTransport, rejects } from '../helpers/harness.js';

const ACCOUNT = '123456789012';

forEachTransport('cloudtrail Insights data', (test, h) => {
  const advance = (seconds: number) => h().admin('POST /_engine/clock', { advanceSeconds: seconds });
  const metric = (input: Record<string, unknown> = {}) =>
    h().trail.send(new ListInsightsMetricDataCommand({
      EventSource: 'logs.amazonaws.com', EventName: 'CreateLogGroup', InsightType: 'ApiCallRateInsight', Period: 60, ...input,
    }));

  async function trailWithInsights(types: ('ApiCallRateInsight' | 'ApiErrorRateInsight')[]) {
    await h().admin('POST /_engine/externals', { s3Buckets: ['trail-logs'] });
    await h().trail.send(new CreateTrailCommand({ Name: 'main', S3BucketName: 'trail-logs' }));
    await h().trail.send(new PutInsightSelectorsCommand({ TrailName: 'main', InsightSelectors: types.map((InsightType) => ({ InsightType })) }));
  }

  test('per-minute counts of an API\'s write calls, from the recorded events', async () => {
    assert.equal((await metric()).Values, []);
    await trailWithInsights(['ApiCallRateInsight', 'ApiErrorRateInsight']);
    await advance(60 - (Math.floor(h().engine.now() / 1000) % 60));
    await h().logs.send(new CreateLogGroupCommand({ logGroupName: '/a' }));
    await h().logs.send(new CreateLogGroupCommand({ logGroupName: '/b' }));
    await advance(120);
    const duplicate = await rejects(() => h().logs.send(new CreateLogGroupCommand({ logGroupName: '/a' })));
    assert.is(duplicate.name, 'ResourceAlreadyExistsException');
    const minute = Math.floor(h().engine.now() / 60000) * 60;
    const calls = await metric();
    assert.equal(calls.Values, [2, 1]);
    assert.equal(calls.Timestamps!.map((t) => t.getTime() / 1000), [minute - 120, minute]);
    assert.is(calls.ErrorCode, undefined);
    const filled = await metric({ DataType: 'FillWithZeros', StartTime: new Date((minute - 120) * 1000), EndTime: new Date((minute + 60) * 1000) });
    assert.equal(filled.Values, [2, 0, 1]);
    const errors = await metric({ InsightType: 'ApiErrorRateInsight', ErrorCode: 'ResourceAlreadyExistsException' });
    assert.equal([errors.Values, errors.ErrorCode], [[1], 'ResourceAlreadyExistsException']);
    const hourly = await metric({ Period: 3600 });
    assert.is(hourly.Values!.reduce((a, b) => a + b, 0), 3);
    const page = await metric({ MaxResults: 1 });
    assert.equal(page.Values, [2]);
    const rest = await metric({ MaxResults: 1, NextToken: page.NextToken });
    assert.equal([rest.Values, rest.NextToken], [[1], undefined]);
  });

  test('request rules: ErrorCode for error rates, valid periods and ranges', async () => {
    let e = await rejects(() => metric({ InsightType: 'ApiErrorRateInsight' }));
    assert.is(e.name, 'InvalidParameterException');
    assert.is(e.message, 'ErrorCode is required when InsightType is ApiErrorRateInsight.');
    e = await rejects(() => metric({ Period: 120 }));
    assert.is(e.message, 'Period 120 is not valid. Valid values are 60, 300, and 3600.');
    e = await rejects(() => metric({ StartTime: new Date(2_000_000_000_000), EndTime: new Date(1_000_000_000_000) }));
    assert.is(e.message, 'StartTime must be before EndTime.');
    e = await rejects(() => metric({ TrailName: 'missing' }));
    assert.is(e.message, 'Trail missing was not found.');
    e = await rejects(() => metric({ NextToken: 'forged' }));
    assert.is(e.name, 'InvalidParameterException');
  });

  test('Insights events of a trail logging data events', async () => {
    await h().admin('POST /_engine/externals', { s3Buckets: ['trail-logs'] });
    const trail = await h().trail.send(new CreateTrailCommand({ Name: 'data', S3BucketName: 'trail-logs' }));
    const list = () => h().trail.send(new ListInsightsDataCommand({ InsightSource: trail.TrailARN!, DataType: 'InsightsEvents', Dimensions: { EventName: 'PutObject' } }));
    let e = await rejects(list);
    assert.is(e.message, `Trail ${trail.TrailARN} does not have Insights enabled on data events.`);
    await h().trail.send(new PutEventSelectorsCommand({
      TrailName: 'data',
      AdvancedEventSelectors: [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::S3::Object'] }] }],
    }));
    await h().trail.send(new PutInsightSelectorsCommand({ TrailName: 'data', InsightSelectors: [{ InsightType: 'ApiCallRateInsight', EventCategories: ['Data'] }] }));
    assert.equal((await list()).Events, []);
    const metrics = await metric({ TrailName: 'data' });
    assert.equal([metrics.TrailARN, metrics.Values], [trail.TrailARN, []]);
    e = await rejects(() => h().trail.send(new ListInsightsDataCommand({ InsightSource: `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/none`, DataType: 'InsightsEvents' })));
    assert.is(e.name, 'InvalidParameterException');
  });
});
