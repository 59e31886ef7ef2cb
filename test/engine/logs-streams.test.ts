import * as assert from 'uvu/assert';
import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DeleteLogStreamCommand,
  DescribeLogStreamsCommand,
  GetLogEventsCommand,
  PutLogEventsCommand,
  type DescribeLogStreamsCommandInput,
} from '@aws-sdk/client-cloudwatch-logs';
import { forEachTransport, rejects } from '../helpers/harness.js';

const ACCOUNT = '123456789012';
const groupArn = (name: string) => `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:${name}`;

forEachTransport('logs: log streams', (test, h) => {
  const createGroup = (logGroupName: string) => h().logs.send(new CreateLogGroupCommand({ logGroupName }));
  const createStream = (logStreamName: string, logGroupName = 'g') =>
    h().logs.send(new CreateLogStreamCommand({ logGroupName, logStreamName }));
  const describe = (input: Partial<DescribeLogStreamsCommandInput>) =>
    h().logs.send(new DescribeLogStreamsCommand({ logGroupName: 'g', ...input }));
  const names = async (input: Partial<DescribeLogStreamsCommandInput>) =>
    (await describe(input)).logStreams!.map((s) => s.logStreamName);
  const put = (logStreamName: string, timestamp: number, message = 'm') =>
    h().logs.send(new PutLogEventsCommand({ logGroupName: 'g', logStreamName, logEvents: [{ timestamp, message }] }));
  const expectError = async (p: () => Promise<unknown>, name: string, message: string) => {
    const e = await rejects(p);
    assert.is(e.name, name);
    assert.is(e.message, message);
    assert.is(e.$metadata.httpStatusCode, 400);
  };
  /** Every stream name, following nextToken page by page. */
  const allPages = async (input: Partial<DescribeLogStreamsCommandInput>) => {
    const seen: string[] = [];
    let nextToken: string | undefined;
    do {
      const out = await describe({ ...input, nextToken });
      assert.ok(out.logStreams!.length <= (input.limit ?? 50));
      seen.push(...out.logStreams!.map((s) => s.logStreamName!));
      nextToken = out.nextToken;
    } while (nextToken);
    return seen;
  };

  test('CreateLogStream: a new stream has no event fields, a zero storedBytes and its ARN', async () => {
    await createGroup('g');
    const before = h().engine.now();
    await createStream('web-1');
    const [s] = (await describe({})).logStreams!;
    assert.ok(s!.creationTime! >= before && s!.creationTime! <= h().engine.now());
    assert.equal(s, {
      logStreamName: 'web-1',
      creationTime: s!.creationTime,
      arn: `${groupArn('g')}:log-stream:web-1`,
      storedBytes: 0,
    });
  });

  test('CreateLogStream: a duplicate name, a missing group, a name with a colon', async () => {
    await createGroup('g');
    await createStream('s');
    await expectError(() => createStream('s'), 'ResourceAlreadyExistsException', 'The specified log stream already exists');
    await expectError(() => createStream('s', 'nope'), 'ResourceNotFoundException', 'The specified log group does not exist.');
    await expectError(
      () => createStream('a:b'),
      'InvalidParameterException',
      "1 validation error detected: Value at 'logStreamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [^:*]*",
    );
  });

  test('CreateLogStream: the same name in two groups, and names that shadow Object.prototype', async () => {
    await createGroup('g');
    await createGroup('h');
    await createStream('s', 'g');
    await createStream('s', 'h');
    await createStream('__proto__');
    await createStream('constructor');
    assert.equal(await names({}), ['__proto__', 'constructor', 's']);
    await expectError(() => createStream('__proto__'), 'ResourceAlreadyExistsException', 'The specified log stream already exists');
  });

  test('DeleteLogStream: removes the stream and its events; missing group or stream', async () => {
    await createGroup('g');
    await createStream('s');
    await put('s', h().engine.now() - 1000);
    await h().logs.send(new DeleteLogStreamCommand({ logGroupName: 'g', logStreamName: 's' }));
    assert.equal(await names({}), []);
    const del = (logGroupName: string, logStreamName: string) =>
      h().logs.send(new DeleteLogStreamCommand({ logGroupName, logStreamName }));
    await expectError(() => del('g', 's'), 'ResourceNotFoundException', 'The specified log stream does not exist.');
    await expectError(() => del('nope', 's'), 'ResourceNotFoundException', 'The specified log group does not exist.');
    await createStream('s');
    const out = await h().logs.send(new GetLogEventsCommand({ logGroupName: 'g', logStreamName: 's' }));
    assert.equal(out.events, []);
  });

  test('DescribeLogStreams: after PutLogEvents, event times, ingestion time and sequence token', async () => {
    await createGroup('g');
    await createStream('s');
    const t = h().engine.now() - 5000;
    await put('s', t);
    const second = await put('s', t + 1000);
    const [s] = (await describe({})).logStreams!;
    assert.is(s!.firstEventTimestamp, t);
    assert.is(s!.lastEventTimestamp, t + 1000);
    assert.ok(s!.lastIngestionTime! >= s!.creationTime!);
    assert.is(s!.uploadSequenceToken, second.nextSequenceToken);
    assert.match(s!.uploadSequenceToken!, /^\d{56}$/);
    assert.is(s!.storedBytes, 0);
  });

  test('DescribeLogStreams: name order, descending, prefix', async () => {
    await createGroup('g');
    for (const n of ['b/2', 'a/1', 'b/1', 'c', 'a/2', 'B']) await createStream(n);
    assert.equal(await names({}), ['B', 'a/1', 'a/2', 'b/1', 'b/2', 'c']);
    assert.equal(await names({ descending: true }), ['c', 'b/2', 'b/1', 'a/2', 'a/1', 'B']);
    assert.equal(await names({ logStreamNamePrefix: 'b/' }), ['b/1', 'b/2']);
    assert.equal(await names({ logStreamNamePrefix: 'b', descending: true }), ['b/2', 'b/1']);
    assert.equal(await names({ logStreamNamePrefix: 'zz' }), []);
  });

  test('DescribeLogStreams: limit defaults to 50 and pages follow nextToken', async () => {
    await createGroup('g');
    const all = Array.from({ length: 57 }, (_, i) => `s-${String(i).padStart(2, '0')}`);
    for (const n of all) await createStream(n);
    const first = await describe({});
    assert.is(first.logStreams!.length, 50);
    assert.ok(first.nextToken);
    const second = await describe({ nextToken: first.nextToken });
    assert.equal(second.logStreams!.map((s) => s.logStreamName), all.slice(50));
    assert.is(second.nextToken, undefined);
    assert.equal(await allPages({ limit: 7 }), all);
    assert.equal(await allPages({ limit: 5, descending: true }), [...all].reverse());
    assert.equal(await allPages({ limit: 3, logStreamNamePrefix: 's-1' }), all.slice(10, 20));
    assert.equal(await allPages({ limit: 2, logStreamNamePrefix: 's-2', descending: true }), all.slice(20, 30).reverse());
  });

  test('DescribeLogStreams: a limit that is exactly the remaining count ends without a token', async () => {
    await createGroup('g');
    for (const n of ['a', 'b', 'c', 'd']) await createStream(n);
    const first = await describe({ limit: 2 });
    const second = await describe({ limit: 2, nextToken: first.nextToken });
    assert.equal(second.logStreams!.map((s) => s.logStreamName), ['c', 'd']);
    assert.is(second.nextToken, undefined);
  });

  test('DescribeLogStreams: orderBy LastEventTime, ascending and descending, paged', async () => {
    await createGroup('g');
    const t = h().engine.now() - 60_000;
    for (const n of ['x', 'y', 'z', 'empty']) await createStream(n);
    await put('y', t + 1000);
    await put('x', t + 3000);
    await put('z', t + 2000);
    assert.equal(await names({ orderBy: 'LastEventTime' }), ['empty', 'y', 'z', 'x']);
    assert.equal(await names({ orderBy: 'LastEventTime', descending: true }), ['x', 'z', 'y', 'empty']);
    assert.equal(await allPages({ orderBy: 'LastEventTime', descending: true, limit: 1 }), ['x', 'z', 'y', 'empty']);
    await put('y', t + 4000);
    assert.equal(await names({ orderBy: 'LastEventTime', descending: true }), ['y', 'x', 'z', 'empty']);
  });

  test('DescribeLogStreams: LastEventTime with a prefix is refused', async () => {
    await createGroup('g');
    await expectError(
      () => describe({ orderBy: 'LastEventTime', logStreamNamePrefix: 'a' }),
      'InvalidParameterException',
      'Cannot order by LastEventTime with a logStreamNamePrefix.',
    );
  });

  test('DescribeLogStreams: a forged or edited nextToken is refused', async () => {
    await createGroup('g');
    for (const n of ['a', 'b', 'c']) await createStream(n);
    const { nextToken } = await describe({ limit: 1 });
    for (const bad of ['garbage', `${nextToken}x`, nextToken!.replace(/^./, (c) => (c === 'e' ? 'f' : 'e'))]) {
      await expectError(() => describe({ limit: 1, nextToken: bad }), 'InvalidParameterException', 'The specified nextToken is invalid.');
    }
    await expectError(
      () => describe({ limit: 1, nextToken, orderBy: 'LastEventTime' }),
      'InvalidParameterException',
      'The specified nextToken is invalid.',
    );
  });

  test('DescribeLogStreams: logGroupIdentifier by name or ARN, exactly one of the two members', async () => {
    await createGroup('g');
    await createStream('s');
    const viaId = (logGroupIdentifier: string) =>
      h().logs.send(new DescribeLogStreamsCommand({ logGroupIdentifier }));
    for (const id of ['g', groupArn('g')]) {
      assert.equal((await viaId(id)).logStreams!.map((s) => s.logStreamName), ['s']);
    }
    // The identifier's pattern has no `*`: the `:*` form of the ARN fails validation.
    await expectError(
      () => viaId(`${groupArn('g')}:*`),
      'InvalidParameterException',
      `1 validation error detected: Value at 'logGroupIdentifier' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w#+=/:,.@-]*`,
    );
    const elsewhere = `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:g`;
    await expectError(() => viaId(elsewhere), 'ResourceNotFoundException', 'The specified log group does not exist.');
    await expectError(
      () => describe({ logGroupIdentifier: 'g' }),
      'InvalidParameterException',
      'LogGroup name and LogGroup identifier are mutually exclusive parameters.',
    );
    await expectError(
      () => h().logs.send(new DescribeLogStreamsCommand({})),
      'InvalidParameterException',
      'Either LogGroup name or LogGroup identifier must be specified.',
    );
    await expectError(() => describe({ logGroupName: 'nope' }), 'ResourceNotFoundException', 'The specified log group does not exist.');
  });

  test('DescribeLogStreams: limit outside 1..50 is a validation error', async () => {
    await createGroup('g');
    await expectError(
      () => describe({ limit: 51 }),
      'InvalidParameterException',
      "1 validation error detected: Value '51' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 50",
    );
  });
});
