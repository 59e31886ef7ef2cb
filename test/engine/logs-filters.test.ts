import * as assert from 'uvu/assert';
import {
  CreateLogGroupCommand,
  DeleteMetricFilterCommand,
  DeleteSubscriptionFilterCommand,
  DescribeMetricFiltersCommand,
  DescribeSubscriptionFiltersCommand,
  PutMetricFilterCommand,
  PutSubscriptionFilterCommand,
  type MetricFilter,
  type MetricTransformation,
} from '@aws-sdk/client-cloudwatch-logs';
import { forEachTransport, rejects } from '../helpers/harness.js';

const JSON_PATTERN = '{ $.status = 500 }';
const TERM_PATTERN = '"ERROR"';
const DELIMITED_PATTERN = '[ip, user, status, latency]';
const COUNT: MetricTransformation = { metricName: 'Errors', metricNamespace: 'App', metricValue: '1' };

forEachTransport('logs: metric filters', (test, h) => {
  const group = (logGroupName: string) => h().logs.send(new CreateLogGroupCommand({ logGroupName }));
  const put = (logGroupName: string, filterName: string, extra: Partial<ConstructorParameters<typeof PutMetricFilterCommand>[0]> = {}) =>
    h().logs.send(new PutMetricFilterCommand({
      logGroupName,
      filterName,
      filterPattern: TERM_PATTERN,
      metricTransformations: [COUNT],
      ...extra,
    }));
  const describe = (input: ConstructorParameters<typeof DescribeMetricFiltersCommand>[0] = {}) =>
    h().logs.send(new DescribeMetricFiltersCommand(input));
  const expectError = async (p: () => Promise<unknown>, name: string, message: string) => {
    const e = await rejects(p);
    assert.is(e.name, name);
    assert.is(e.message, message);
  };
  const transformationError = (metricTransformations: MetricTransformation[], filterPattern = JSON_PATTERN) =>
    rejects(() => put('app', 'f', { filterPattern, metricTransformations }));

  test('PutMetricFilter stores the filter and DescribeMetricFilters reports it as AWS does', async () => {
    await group('app');
    const before = h().engine.now();
    await put('app', 'errors', {
      filterPattern: JSON_PATTERN,
      metricTransformations: [{ ...COUNT, metricValue: '$.latency', unit: 'Milliseconds', dimensions: { Status: '$.status' } }],
    });
    const out = await describe({ logGroupName: 'app' });
    assert.is(out.metricFilters?.length, 1);
    const f = out.metricFilters![0];
    assert.ok(f.creationTime! >= before);
    assert.equal({ ...f, creationTime: 0 }, {
      filterName: 'errors',
      filterPattern: JSON_PATTERN,
      metricTransformations: [{
        metricName: 'Errors', metricNamespace: 'App', metricValue: '$.latency', unit: 'Milliseconds', dimensions: { Status: '$.status' },
      }],
      creationTime: 0,
      logGroupName: 'app',
      applyOnTransformedLogs: false,
    } satisfies MetricFilter);
  });

  test('PutMetricFilter with an existing name replaces the filter and keeps its creation time', async () => {
    await group('app');
    await put('app', 'errors', { metricTransformations: [{ ...COUNT, defaultValue: 0 }] });
    const created = (await describe({ logGroupName: 'app' })).metricFilters![0].creationTime;
    await h().admin('POST /_engine/clock', { advanceSeconds: 60 });
    await put('app', 'errors', { filterPattern: DELIMITED_PATTERN, metricTransformations: [{ ...COUNT, metricValue: '$latency' }] });
    const out = await describe({ logGroupName: 'app' });
    assert.is(out.metricFilters?.length, 1);
    assert.is(out.metricFilters![0].filterPattern, DELIMITED_PATTERN);
    assert.equal(out.metricFilters![0].metricTransformations, [{ ...COUNT, metricValue: '$latency' }]);
    assert.is(out.metricFilters![0].creationTime, created);
  });

  test('a log group holds 100 metric filters; an update at the limit is still allowed', async () => {
    await group('app');
    for (let i = 0; i < 100; i++) await put('app', `f${String(i).padStart(3, '0')}`);
    await expectError(() => put('app', 'one-too-many'), 'LimitExceededException', 'Resource limit exceeded.');
    await put('app', 'f042', { filterPattern: '"WARN"' });
    const page = await describe({ logGroupName: 'app', filterNamePrefix: 'f042' });
    assert.is(page.metricFilters![0].filterPattern, '"WARN"');
  });

  test('filters need an existing log group', async () => {
    const missing = 'The specified log group does not exist.';
    await expectError(() => put('nope', 'f'), 'ResourceNotFoundException', missing);
    await expectError(() => describe({ logGroupName: 'nope' }), 'ResourceNotFoundException', missing);
    await expectError(
      () => h().logs.send(new DeleteMetricFilterCommand({ logGroupName: 'nope', filterName: 'f' })),
      'ResourceNotFoundException',
      missing,
    );
  });

  test('a malformed filter pattern is refused by the pattern compiler', async () => {
    await group('app');
    const e = await rejects(() => put('app', 'f', { filterPattern: '{ $.status = ' }));
    assert.is(e.name, 'InvalidParameterException');
    assert.is(e.message, "If a filter pattern starts with '{' it must end with '}'");
    const syntax = await rejects(() => put('app', 'f', { filterPattern: '{ $.a = }' }));
    assert.is(syntax.message, 'Invalid metric filter pattern');
    assert.is((await describe({ logGroupName: 'app' })).metricFilters?.length, 0);
  });

  test('metric transformations: value, dimensions and default value rules', async () => {
    await group('app');
    const cases: [MetricTransformation[], string, string][] = [
      [[{ ...COUNT, defaultValue: 0, dimensions: { Status: '$.status' } }], JSON_PATTERN,
        'Invalid metric transformation: dimensions and default value are mutually exclusive properties'],
      [[{ ...COUNT, dimensions: { Status: 'literal' } }], JSON_PATTERN,
        'Invalid metric transformation: dimension value must be valid selector'],
      [[{ ...COUNT, dimensions: { Status: '$.status' } }], TERM_PATTERN, 'The specified filter pattern does not support dimensions'],
      [[{ ...COUNT, dimensions: { A: '$.a', B: '$.b', C: '$.c', D: '$.d' } }], JSON_PATTERN,
        'Invalid metric transformation: the number of dimensions cannot exceed 3'],
      [[{ ...COUNT, metricValue: 'one' }], JSON_PATTERN, 'Invalid metric transformation: metric value one must be a valid number'],
      [[{ ...COUNT, metricValue: '$.latency' }], TERM_PATTERN, 'Invalid metric transformation: metric value $.latency must be a valid number'],
      [[{ ...COUNT, metricValue: '$bytes' }], DELIMITED_PATTERN, 'Invalid metric transformation: metric value $bytes must be a valid number'],
    ];
    for (const [transformations, pattern, message] of cases) {
      const e = await transformationError(transformations, pattern);
      assert.is(e.name, 'InvalidParameterException', message);
      assert.is(e.message, message);
    }
    const tooMany = await rejects(() => put('app', 'f', {
      filterPattern: JSON_PATTERN,
      metricTransformations: [{ ...COUNT, dimensions: { A: '$.a', B: '$.b' } }],
      emitSystemFieldDimensions: ['@aws.account', '@aws.region'],
    }));
    assert.is(tooMany.message, 'Invalid metric transformation: the number of dimensions cannot exceed 3');
    assert.is((await describe({ logGroupName: 'app' })).metricFilters?.length, 0);
  });

  test('metric values may be numbers or field selectors; three dimensions are fine', async () => {
    await group('app');
    await put('app', 'a', { filterPattern: JSON_PATTERN, metricTransformations: [{ ...COUNT, metricValue: '-2.5' }] });
    await put('app', 'b', {
      filterPattern: DELIMITED_PATTERN,
      metricTransformations: [{ ...COUNT, metricValue: '$4', dimensions: { Ip: '$ip', User: '$user', Status: '$3' } }],
    });
    assert.is((await describe({ logGroupName: 'app' })).metricFilters?.length, 2);
  });

  test('DeleteMetricFilter removes the filter; a missing one is ResourceNotFound', async () => {
    await group('app');
    await put('app', 'errors');
    await h().logs.send(new DeleteMetricFilterCommand({ logGroupName: 'app', filterName: 'errors' }));
    assert.equal((await describe({ logGroupName: 'app' })).metricFilters, []);
    await expectError(
      () => h().logs.send(new DeleteMetricFilterCommand({ logGroupName: 'app', filterName: 'errors' })),
      'ResourceNotFoundException',
      'The specified metric filter does not exist.',
    );
  });

  test('names like constructor and __proto__ are ordinary filter names', async () => {
    await group('app');
    await expectError(
      () => h().logs.send(new DeleteMetricFilterCommand({ logGroupName: 'app', filterName: 'constructor' })),
      'ResourceNotFoundException',
      'The specified metric filter does not exist.',
    );
    await put('app', '__proto__');
    await put('app', 'constructor');
    const names = (await describe({ logGroupName: 'app' })).metricFilters!.map((f) => f.filterName);
    assert.equal(names, ['__proto__', 'constructor']);
  });

  test('DescribeMetricFilters: metricName and metricNamespace go together and select filters', async () => {
    await group('app');
    await put('app', 'errors');
    await put('app', 'latency', { metricTransformations: [{ metricName: 'Latency', metricNamespace: 'App', metricValue: '1' }] });
    const both = 'Describe Metric Filters request must contain both MetricName and MetricNamespace';
    await expectError(() => describe({ metricName: 'Errors' }), 'InvalidParameterException', both);
    await expectError(() => describe({ metricNamespace: 'App' }), 'InvalidParameterException', both);
    const out = await describe({ metricName: 'Latency', metricNamespace: 'App' });
    assert.equal(out.metricFilters!.map((f) => f.filterName), ['latency']);
    assert.equal((await describe({ metricName: 'Latency', metricNamespace: 'Other' })).metricFilters, []);
  });

  test('DescribeMetricFilters: filterNamePrefix applies only with a logGroupName', async () => {
    await group('a');
    await group('b');
    await put('a', 'errors');
    await put('a', 'warnings');
    await put('b', 'errors-too');
    const inA = await describe({ logGroupName: 'a', filterNamePrefix: 'err' });
    assert.equal(inA.metricFilters!.map((f) => f.filterName), ['errors']);
    const everywhere = await describe({ filterNamePrefix: 'err' });
    assert.equal(everywhere.metricFilters!.map((f) => `${f.logGroupName}/${f.filterName}`), ['a/errors', 'b/errors-too', 'a/warnings']);
  });

  test('DescribeMetricFilters without a log group pages through the whole account in name order', async () => {
    const expected: string[] = [];
    for (const g of ['g1', 'g2', 'g3']) {
      await group(g);
      for (const f of ['x', 'm', 'a']) {
        await put(g, `${f}-${g}`);
        expected.push(`${f}-${g}`);
      }
    }
    await put('g2', 'a-g1');
    expected.push('a-g1');
    expected.sort();
    const seen: string[] = [];
    const groupsOfA: string[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const out = await describe({ limit: 4, nextToken });
      assert.ok(out.metricFilters!.length <= 4);
      for (const f of out.metricFilters!) {
        seen.push(f.filterName!);
        if (f.filterName === 'a-g1') groupsOfA.push(f.logGroupName!);
      }
      nextToken = out.nextToken;
      pages++;
    } while (nextToken);
    assert.equal(seen, expected);
    assert.equal(groupsOfA, ['g1', 'g2']);
    assert.is(pages, 3);
  });

  test('DescribeMetricFilters: limit over 50 and forged tokens are refused', async () => {
    await group('app');
    await put('app', 'a');
    await put('app', 'b');
    const e = await rejects(() => describe({ limit: 51 }));
    assert.is(e.name, 'InvalidParameterException');
    assert.is(e.message, "1 validation error detected: Value '51' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 50");
    await expectError(() => describe({ nextToken: 'forged' }), 'InvalidParameterException', 'The specified nextToken is invalid.');
    const first = await describe({ logGroupName: 'app', limit: 1 });
    assert.ok(first.nextToken);
    await expectError(
      () => describe({ logGroupName: 'app', filterNamePrefix: 'b', nextToken: first.nextToken }),
      'InvalidParameterException',
      'The specified nextToken is invalid.',
    );
    const second = await describe({ logGroupName: 'app', limit: 1, nextToken: first.nextToken });
    assert.equal(second.metricFilters!.map((f) => f.filterName), ['b']);
    assert.is(second.nextToken, undefined);
  });

  test('emitSystemFieldDimensions and fieldSelectionCriteria are stored and described', async () => {
    await group('app');
    await put('app', 'f', { fieldSelectionCriteria: '@aws.region = "us-east-1"', emitSystemFieldDimensions: ['@aws.account'] });
    const f = (await describe({ logGroupName: 'app' })).metricFilters![0];
    assert.is(f.fieldSelectionCriteria, '@aws.region = "us-east-1"');
    assert.equal(f.emitSystemFieldDimensions, ['@aws.account']);
    await expectError(
      () => put('app', 'g', { emitSystemFieldDimensions: ['@aws.zone'] }),
      'InvalidParameterException',
      'Invalid system field: @aws.zone. Valid values are @aws.account and @aws.region',
    );
  });
});

const ACCOUNT = '123456789012';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/logs-to-stream`;
const STREAM = `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/logs`;
const FIREHOSE = `arn:aws:firehose:us-east-1:${ACCOUNT}:deliverystream/logs`;
const LAMBDA = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:ship-logs`;
const KINESIS_FAILED = 'Could not deliver test message to specified Kinesis stream. Check if the given kinesis stream is in ACTIVE state.';

forEachTransport('logs: subscription filters', (test, h) => {
  const setup = async () => {
    await h().logs.send(new CreateLogGroupCommand({ logGroupName: 'app' }));
    await h().admin('POST /_engine/externals', {
      region: 'us-east-1', iamRoles: [ROLE], kinesisStreams: [STREAM], firehoseStreams: [FIREHOSE], lambdaFunctions: [LAMBDA],
    });
  };
  const put = (filterName: string, destinationArn: string, extra: Partial<ConstructorParameters<typeof PutSubscriptionFilterCommand>[0]> = {}) =>
    h().logs.send(new PutSubscriptionFilterCommand({ logGroupName: 'app', filterName, filterPattern: '', destinationArn, ...extra }));
  const describe = (extra: Partial<ConstructorParameters<typeof DescribeSubscriptionFiltersCommand>[0]> = {}) =>
    h().logs.send(new DescribeSubscriptionFiltersCommand({ logGroupName: 'app', ...extra }));
  const expectError = async (p: () => Promise<unknown>, name: string, message: string) => {
    const e = await rejects(p);
    assert.is(e.name, name);
    assert.is(e.message, message);
  };

  test('a Kinesis subscription is stored with its role and the ByLogStream default', async () => {
    await setup();
    await put('to-kinesis', STREAM, { roleArn: ROLE, filterPattern: TERM_PATTERN });
    const [f] = (await describe()).subscriptionFilters!;
    assert.ok(typeof f.creationTime === 'number');
    assert.equal({ ...f, creationTime: 0 }, {
      filterName: 'to-kinesis', logGroupName: 'app', filterPattern: TERM_PATTERN, destinationArn: STREAM, roleArn: ROLE,
      distribution: 'ByLogStream', applyOnTransformedLogs: false, creationTime: 0,
    });
  });

  test('Kinesis and Firehose need a role; Lambda refuses one; other services are refused', async () => {
    await setup();
    await expectError(() => put('f', STREAM), 'InvalidParameterException', 'destinationArn for vendor kinesis cannot be used without roleArn');
    await expectError(() => put('f', FIREHOSE), 'InvalidParameterException', 'destinationArn for vendor firehose cannot be used without roleArn');
    await expectError(() => put('f', LAMBDA, { roleArn: ROLE }), 'InvalidParameterException', 'destinationArn for vendor lambda cannot be used with roleArn');
    const sns = `arn:aws:sns:us-east-1:${ACCOUNT}:topic`;
    await expectError(() => put('f', sns), 'InvalidParameterException', 'destinationArn for vendor sns cannot be used without roleArn');
    await expectError(() => put('f', sns, { roleArn: ROLE }), 'InvalidParameterException', 'PutSubscriptionFilter operation cannot work with destinationArn for vendor sns');
    assert.equal((await describe()).subscriptionFilters, []);
    const e = await rejects(() => put('f', LAMBDA, { filterPattern: '{ $.a = }' }));
    assert.is(e.message, 'Invalid subscription filter pattern');
  });

  test('the target must exist: the test delivery fails with the target\'s message', async () => {
    await setup();
    await expectError(() => put('f', `${STREAM}-missing`, { roleArn: ROLE }), 'InvalidParameterException', KINESIS_FAILED);
    await expectError(() => put('f', STREAM, { roleArn: `${ROLE}-missing` }), 'InvalidParameterException', KINESIS_FAILED);
    await expectError(
      () => put('f', `${FIREHOSE}-missing`, { roleArn: ROLE }),
      'InvalidParameterException',
      'Could not deliver test message to specified Firehose stream. Check if the given Firehose stream is in ACTIVE state.',
    );
    await expectError(
      () => put('f', `${LAMBDA}-missing`),
      'InvalidParameterException',
      'Could not execute the lambda function. Make sure you have given CloudWatch Logs permission to execute your function.',
    );
    const otherAccountStream = 'arn:aws:kinesis:us-east-1:210987654321:stream/logs';
    await h().admin('POST /_engine/externals', { region: 'us-east-1', account: '210987654321', kinesisStreams: [otherAccountStream] });
    await expectError(() => put('f', otherAccountStream, { roleArn: ROLE }), 'InvalidParameterException', KINESIS_FAILED);
  });

  test('two subscription filters per log group; an update at the limit is allowed and replaces', async () => {
    await setup();
    await put('a', STREAM, { roleArn: ROLE });
    await put('b', LAMBDA);
    await expectError(() => put('c', FIREHOSE, { roleArn: ROLE }), 'LimitExceededException', 'Resource limit exceeded.');
    const created = (await describe()).subscriptionFilters![0].creationTime;
    await put('a', FIREHOSE, { roleArn: ROLE, distribution: 'Random', filterPattern: TERM_PATTERN });
    const out = (await describe()).subscriptionFilters!;
    assert.equal(out.map((f) => [f.filterName, f.destinationArn, f.distribution]), [['a', FIREHOSE, 'Random'], ['b', LAMBDA, 'ByLogStream']]);
    assert.is(out[0].creationTime, created);
    assert.is(out[1].roleArn, undefined);
  });

  test('DeleteSubscriptionFilter, and missing groups and filters', async () => {
    await setup();
    await put('a', LAMBDA);
    await h().logs.send(new DeleteSubscriptionFilterCommand({ logGroupName: 'app', filterName: 'a' }));
    assert.equal((await describe()).subscriptionFilters, []);
    await expectError(
      () => h().logs.send(new DeleteSubscriptionFilterCommand({ logGroupName: 'app', filterName: 'a' })),
      'ResourceNotFoundException',
      'The specified subscription filter does not exist.',
    );
    const missing = 'The specified log group does not exist.';
    await expectError(() => describe({ logGroupName: 'nope' }), 'ResourceNotFoundException', missing);
    await expectError(
      () => h().logs.send(new PutSubscriptionFilterCommand({ logGroupName: 'nope', filterName: 'a', filterPattern: '', destinationArn: LAMBDA })),
      'ResourceNotFoundException',
      missing,
    );
  });

  test('DescribeSubscriptionFilters filters by prefix and pages', async () => {
    await setup();
    await put('beta', LAMBDA);
    await put('alpha', STREAM, { roleArn: ROLE });
    assert.equal((await describe({ filterNamePrefix: 'b' })).subscriptionFilters!.map((f) => f.filterName), ['beta']);
    const first = await describe({ limit: 1 });
    assert.equal(first.subscriptionFilters!.map((f) => f.filterName), ['alpha']);
    const second = await describe({ limit: 1, nextToken: first.nextToken });
    assert.equal(second.subscriptionFilters!.map((f) => f.filterName), ['beta']);
    assert.is(second.nextToken, undefined);
  });
});
