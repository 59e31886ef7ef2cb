import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as plain } from 'uvu';
import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DescribeMetricFiltersCommand,
  DescribeSubscriptionFiltersCommand,
  FilterLogEventsCommand,
  PutAccountPolicyCommand,
  PutLogEventsCommand,
  PutMetricFilterCommand,
  PutSubscriptionFilterCommand,
  type MetricTransformation,
} from '@aws-sdk/client-cloudwatch-logs';
import { forEachTransport, harness, rejects, TRANSPORTS } from '../helpers/harness.js';

const ACCOUNT = '123456789012';
const LAMBDA = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:ship`;
const AUDIT = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:audit`;
const MINUTE = 60_000;

forEachTransport('logs: what filters do with ingested events', (test, h) => {
  const setup = async (logGroupName = 'app') => {
    await h().logs.send(new CreateLogGroupCommand({ logGroupName }));
    await h().logs.send(new CreateLogStreamCommand({ logGroupName, logStreamName: 's' }));
  };
  const send = (messages: [number, string][], logGroupName = 'app') =>
    h().logs.send(new PutLogEventsCommand({ logGroupName, logStreamName: 's', logEvents: messages.map(([timestamp, message]) => ({ timestamp, message })) }));
  const metricFilter = (filterName: string, filterPattern: string, t: MetricTransformation, extra: Record<string, unknown> = {}) =>
    h().logs.send(new PutMetricFilterCommand({ logGroupName: 'app', filterName, filterPattern, metricTransformations: [t], ...extra }));
  // Without a filter: GET over HTTP (which sends no body), the same query as POST {} in process.
  const feed = async (what: 'metrics' | 'deliveries', body?: unknown) => {
    const res = body === undefined && h().transport === 'http' ? await h().admin(`GET /_engine/${what}`) : await h().admin(`POST /_engine/${what}`, body ?? {});
    assert.is(res.status, 200);
    return res.body[what] as any[];
  };
  const metrics = (body?: unknown) => feed('metrics', body);
  const deliveries = (body?: unknown) => feed('deliveries', body);
  const minuteStart = () => Math.floor((Date.now() - 10 * MINUTE) / MINUTE) * MINUTE;

  test('a matching event publishes its extracted value with the dimensions and unit of the transformation', async () => {
    await setup();
    await metricFilter('latency', '{ $.status = 500 }', {
      metricName: 'Latency', metricNamespace: 'App', metricValue: '$.latency', unit: 'Milliseconds', dimensions: { Route: '$.route' },
    });
    const t = minuteStart();
    await send([
      [t, JSON.stringify({ status: 500, latency: 120, route: '/pay' })],
      [t + 1, JSON.stringify({ status: 200, latency: 5, route: '/pay' })],
      [t + 2, JSON.stringify({ status: 500, latency: 'slow', route: '/pay' })],
      [t + 3, JSON.stringify({ status: 500, latency: 80 })],
      [t + 4, 'not json'],
    ]);
    assert.equal(await metrics(), [{
      account: ACCOUNT, region: 'us-east-1',
      namespace: 'App', metricName: 'Latency', value: 120, unit: 'Milliseconds', dimensions: { Route: '/pay' }, timestamp: t, logGroupName: 'app', filterName: 'latency',
    }]);
  });

  test('a constant value counts matches; defaultValue is reported for each minute without a match', async () => {
    await setup();
    await metricFilter('errors', '"ERROR"', { metricName: 'Errors', metricNamespace: 'App', metricValue: '1', defaultValue: 0 });
    const t = minuteStart();
    await send([[t, 'ERROR one'], [t + 10, 'ERROR two'], [t + MINUTE, 'fine'], [t + MINUTE + 5, 'also fine']]);
    const got = (await metrics()).map((m) => [m.value, m.timestamp, m.unit]);
    assert.equal(got, [[1, t, 'None'], [1, t + 10, 'None'], [0, t + MINUTE, 'None']]);
  });

  test('space-delimited fields, system field dimensions and field selection criteria', async () => {
    await setup();
    await metricFilter('bytes', '[ip, user, status=4*, bytes]', { metricName: 'Bytes', metricNamespace: 'Web', metricValue: '$bytes', dimensions: { Status: '$status' } }, {
      emitSystemFieldDimensions: ['@aws.region'],
      fieldSelectionCriteria: '@aws.region = "us-east-1" AND @aws.account IN ["123456789012", "210987654321"]',
    });
    await metricFilter('elsewhere', '', { metricName: 'All', metricNamespace: 'Web', metricValue: '1' }, { fieldSelectionCriteria: '@aws.region != "us-east-1"' });
    const t = minuteStart();
    await send([[t, '10.0.0.1 bob 404 512'], [t + 1, '10.0.0.1 bob 200 64']]);
    const [only, ...rest] = await metrics({ namespace: 'Web' });
    assert.equal(rest, []);
    assert.equal([only.metricName, only.value, only.dimensions], ['Bytes', 512, { Status: '404', '@aws.region': 'us-east-1' }]);
    const described = (await h().logs.send(new DescribeMetricFiltersCommand({ logGroupName: 'app', filterNamePrefix: 'bytes' }))).metricFilters![0]!;
    assert.is(described.fieldSelectionCriteria, '@aws.region = "us-east-1" AND @aws.account IN ["123456789012", "210987654321"]');
    assert.equal(described.emitSystemFieldDimensions, ['@aws.region']);
    assert.is(described.applyOnTransformedLogs, false);
  });

  test('malformed fieldSelectionCriteria are refused by PutMetricFilter and PutSubscriptionFilter', async () => {
    await setup();
    await h().admin('POST /_engine/externals', { lambdaFunctions: [LAMBDA] });
    const cases: [string, string][] = [
      ['@aws.zone = "a"', 'Invalid fieldSelectionCriteria "@aws.zone = "a"": @aws.zone is not a system field (use @aws.account or @aws.region)'],
      ['@aws.region = us-east-1', 'Invalid fieldSelectionCriteria "@aws.region = us-east-1": expected a quoted value'],
      ['@aws.region IN ["a"', 'Invalid fieldSelectionCriteria "@aws.region IN ["a"": expected ]'],
      ['(@aws.region = "a"', 'Invalid fieldSelectionCriteria "(@aws.region = "a"": expected )'],
      ['@aws.region = "a" @aws.account = "b"', 'Invalid fieldSelectionCriteria "@aws.region = "a" @aws.account = "b"": unexpected @aws.account'],
    ];
    for (const [fieldSelectionCriteria, message] of cases) {
      const m = await rejects(() => metricFilter('f', '', { metricName: 'M', metricNamespace: 'N', metricValue: '1' }, { fieldSelectionCriteria }));
      assert.equal([m.name, m.message], ['InvalidParameterException', message]);
      const s = await rejects(() => h().logs.send(new PutSubscriptionFilterCommand({ logGroupName: 'app', filterName: 'f', filterPattern: '', destinationArn: LAMBDA, fieldSelectionCriteria })));
      assert.equal([s.name, s.message], ['InvalidParameterException', message]);
    }
  });

  test('a subscription filter delivers the matching events as the subscription payload carries them', async () => {
    await setup();
    await h().admin('POST /_engine/externals', { lambdaFunctions: [LAMBDA] });
    await h().logs.send(new PutSubscriptionFilterCommand({ logGroupName: 'app', filterName: 'errors', filterPattern: 'ERROR', destinationArn: LAMBDA, emitSystemFields: ['@aws.account'] }));
    const t = minuteStart();
    await send([[t, 'ERROR a'], [t + 1, 'ok'], [t + 2, 'ERROR b']]);
    const ids = (await h().logs.send(new FilterLogEventsCommand({ logGroupName: 'app', filterPattern: 'ERROR' }))).events!.map((e) => e.eventId);
    const [delivery, ...more] = await deliveries();
    assert.equal(more, []);
    assert.is(delivery.destinationArn, LAMBDA);
    assert.equal(delivery.payload, {
      messageType: 'DATA_MESSAGE',
      owner: ACCOUNT,
      logGroup: 'app',
      logStream: 's',
      subscriptionFilters: ['errors'],
      logEvents: [
        { id: ids[0], timestamp: t, message: 'ERROR a', '@aws.account': ACCOUNT },
        { id: ids[1], timestamp: t + 2, message: 'ERROR b', '@aws.account': ACCOUNT },
      ],
    });
    const described = (await h().logs.send(new DescribeSubscriptionFiltersCommand({ logGroupName: 'app' }))).subscriptionFilters![0]!;
    assert.equal(described.emitSystemFields, ['@aws.account']);
    await send([[t + 3, 'nothing to see']]);
    assert.is((await deliveries()).length, 1);
  });

  test('the account subscription filter policy adds to the group filters, except for the groups it excludes', async () => {
    await setup('app');
    await setup('loop');
    await h().admin('POST /_engine/externals', { lambdaFunctions: [LAMBDA, AUDIT] });
    await h().logs.send(new PutSubscriptionFilterCommand({ logGroupName: 'app', filterName: 'own', filterPattern: '', destinationArn: LAMBDA }));
    await h().logs.send(new PutAccountPolicyCommand({
      policyName: 'audit-all', policyType: 'SUBSCRIPTION_FILTER_POLICY', selectionCriteria: 'LogGroupName NOT IN ["loop"]',
      policyDocument: JSON.stringify({ DestinationArn: AUDIT, FilterPattern: 'audit' }),
    }));
    const t = minuteStart();
    await send([[t, 'audit login']], 'app');
    await send([[t, 'audit login']], 'loop');
    const got = (await deliveries()).map((d) => [d.destinationArn, d.payload.logGroup, d.payload.subscriptionFilters[0]]);
    assert.equal(got, [[LAMBDA, 'app', 'own'], [AUDIT, 'app', 'audit-all']]);
    assert.equal((await deliveries({ destinationArn: AUDIT })).map((d) => d.payload.logGroup), ['app']);
    assert.equal(await deliveries({ logGroupName: 'loop' }), []);
  });

  test('the admin endpoints narrow by what is asked, and refuse what they do not know', async () => {
    await setup();
    await metricFilter('errors', '', { metricName: 'Count', metricNamespace: 'App', metricValue: '1' });
    await send([[minuteStart(), 'x']]);
    assert.is((await metrics({ metricName: 'Count', filterName: 'errors', logGroupName: 'app', region: 'us-east-1', account: ACCOUNT })).length, 1);
    assert.equal(await metrics({ region: 'eu-west-1' }), []);
    assert.equal(await metrics({ namespace: 'Other' }), []);
    const bad = await h().admin('POST /_engine/metrics', { metric: 'Count' });
    assert.is(bad.status, 400);
    assert.is(bad.body.error, 'metrics: unknown member "metric" (expected account, region, namespace, metricName, logGroupName, filterName)');
    const notString = await h().admin('POST /_engine/deliveries', { destinationArn: 7 });
    assert.equal([notString.status, notString.body.error], [400, 'deliveries: "destinationArn" must be a string']);
    await h().admin('POST /_engine/reset', {});
    assert.equal(await metrics(), []);
  });

  test('the feed is bounded: the newest 10,000 datapoints are kept', async () => {
    await setup();
    await metricFilter('every', '', { metricName: 'N', metricNamespace: 'App', metricValue: '1' });
    const t = minuteStart();
    for (let batch = 0; batch < 3; batch++) {
      await send(Array.from({ length: 4_000 }, (_, i) => [t + batch * 4_000 + i, `m${i}`] as [number, string]));
    }
    const kept = await metrics();
    assert.is(kept.length, 10_000);
    assert.is(kept[0].timestamp, t + 2_000);
    assert.is(kept[kept.length - 1].timestamp, t + 11_999);
  });

  test('deliveries are bounded: at most 20,000 delivered events are kept, oldest deliveries dropped first', async () => {
    await setup();
    await h().admin('POST /_engine/externals', { lambdaFunctions: [LAMBDA] });
    await h().logs.send(new PutSubscriptionFilterCommand({ logGroupName: 'app', filterName: 'all', filterPattern: '', destinationArn: LAMBDA }));
    const t = minuteStart();
    for (let batch = 0; batch < 3; batch++) {
      await send(Array.from({ length: 8_000 }, (_, i) => [t + batch * 8_000 + i, `b${batch}`] as [number, string]));
    }
    const kept = await deliveries();
    assert.equal(kept.map((d) => [d.payload.logEvents.length, d.payload.logEvents[0].message]), [[8_000, 'b1'], [8_000, 'b2']]);
  });
});

for (const transport of TRANSPORTS) {
  plain(`published datapoints and deliveries survive a restart [${transport}]`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'logwarden-feed-'));
    try {
      let h = await harness(transport, { stateDir: dir });
      await h.admin('POST /_engine/externals', { lambdaFunctions: [LAMBDA] });
      await h.logs.send(new CreateLogGroupCommand({ logGroupName: 'app' }));
      await h.logs.send(new CreateLogStreamCommand({ logGroupName: 'app', logStreamName: 's' }));
      await h.logs.send(new PutMetricFilterCommand({ logGroupName: 'app', filterName: 'm', filterPattern: '', metricTransformations: [{ metricName: 'N', metricNamespace: 'App', metricValue: '1' }] }));
      await h.logs.send(new PutSubscriptionFilterCommand({ logGroupName: 'app', filterName: 's', filterPattern: '', destinationArn: LAMBDA }));
      await h.logs.send(new PutLogEventsCommand({ logGroupName: 'app', logStreamName: 's', logEvents: [{ timestamp: Date.now(), message: 'x' }] }));
      const before = [(await h.admin('POST /_engine/metrics', {})).body, (await h.admin('POST /_engine/deliveries', {})).body];
      await h.close();
      h = await harness(transport, { stateDir: dir });
      const after = [(await h.admin('POST /_engine/metrics', {})).body, (await h.admin('POST /_engine/deliveries', {})).body];
      assert.equal(after, before);
      assert.is(after[0].metrics.length, 1);
      assert.is(after[1].deliveries.length, 1);
      await h.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
plain.run();
