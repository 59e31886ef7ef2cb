import * as assert from 'uvu/assert';
import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  PutLogEventsCommand,
  PutRetentionPolicyCommand,
  type FilterLogEventsCommandInput,
  type GetLogEventsCommandInput,
  type InputLogEvent,
} from '@aws-sdk/client-cloudwatch-logs';
import { forEachTransport, rejects } from '../helpers/harness.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

forEachTransport('logs: log events', (test, h) => {
  const setup = async (...streams: string[]) => {
    await h().logs.send(new CreateLogGroupCommand({ logGroupName: 'g' }));
    for (const logStreamName of streams) await h().logs.send(new CreateLogStreamCommand({ logGroupName: 'g', logStreamName }));
  };
  const put = (logStreamName: string, logEvents: InputLogEvent[], extra: Record<string, unknown> = {}) =>
    h().logs.send(new PutLogEventsCommand({ logGroupName: 'g', logStreamName, logEvents, ...extra }));
  const get = (input: Partial<GetLogEventsCommandInput>) =>
    h().logs.send(new GetLogEventsCommand({ logGroupName: 'g', logStreamName: 's', ...input }));
  const messages = async (input: Partial<GetLogEventsCommandInput>) => (await get(input)).events!.map((e) => e.message);
  const now = () => h().engine.now();
  const expectError = async (p: () => Promise<unknown>, name: string, message: string) => {
    const e = await rejects(p);
    assert.is(e.name, name);
    assert.is(e.message, message);
    assert.is(e.$metadata.httpStatusCode, 400);
  };
  /** `n` events one second apart, the last a minute before now: m0, m1, … */
  const series = (n: number, base = now() - 60_000 - n * 1000): InputLogEvent[] =>
    Array.from({ length: n }, (_, i) => ({ timestamp: base + i * 1000, message: `m${i}` }));

  test('PutLogEvents: stored events read back with their timestamps and ingestion time', async () => {
    await setup('s');
    const t = now() - 10_000;
    const out = await put('s', [{ timestamp: t, message: 'hello' }, { timestamp: t + 1, message: 'wörld' }]);
    assert.match(out.nextSequenceToken!, /^\d{56}$/);
    assert.is(out.rejectedLogEventsInfo, undefined);
    const events = (await get({})).events!;
    assert.equal(events.map((e) => [e.timestamp, e.message]), [[t, 'hello'], [t + 1, 'wörld']]);
    assert.ok(events.every((e) => e.ingestionTime! >= t && e.ingestionTime! <= now()));
  });

  test('PutLogEvents: a missing group or stream is not created on demand', async () => {
    await setup();
    await expectError(() => put('s', series(1)), 'ResourceNotFoundException', 'The specified log stream does not exist.');
    await expectError(
      () => h().logs.send(new PutLogEventsCommand({ logGroupName: 'nope', logStreamName: 's', logEvents: series(1) })),
      'ResourceNotFoundException',
      'The specified log group does not exist.',
    );
  });

  test('PutLogEvents: the sequence token is ignored, a new one comes back every time', async () => {
    await setup('s');
    const a = await put('s', series(1), { sequenceToken: 'whatever' });
    const b = await put('s', series(1), { sequenceToken: 'whatever' });
    const c = await put('s', series(1));
    assert.not.equal(a.nextSequenceToken, b.nextSequenceToken);
    assert.not.equal(b.nextSequenceToken, c.nextSequenceToken);
  });

  test('PutLogEvents: events must be in chronological order', async () => {
    await setup('s');
    const t = now() - 10_000;
    await expectError(
      () => put('s', [{ timestamp: t, message: 'a' }, { timestamp: t - 1, message: 'b' }]),
      'InvalidParameterException',
      'Log events in a single PutLogEvents request must be in chronological order.',
    );
    await put('s', [{ timestamp: t, message: 'a' }, { timestamp: t, message: 'b' }]);
    assert.equal(await messages({}), ['a', 'b']);
  });

  test('PutLogEvents: accepted events may span 24 hours, not more', async () => {
    await setup('s');
    const t = now() - 2 * DAY;
    await put('s', [{ timestamp: t, message: 'a' }, { timestamp: t + DAY, message: 'b' }]);
    await expectError(
      () => put('s', [{ timestamp: t, message: 'a' }, { timestamp: t + DAY + 1, message: 'b' }]),
      'InvalidParameterException',
      'The batch of log events in a single PutLogEvents request cannot span more than 24 hours.',
    );
    // Rejected events do not count towards the span.
    const out = await put('s', [{ timestamp: now() - 20 * DAY, message: 'old' }, { timestamp: now() - 1000, message: 'new' }]);
    assert.equal(out.rejectedLogEventsInfo, { tooOldLogEventEndIndex: 1 });
  });

  test('PutLogEvents: too old, too new and expired events are rejected, the rest stored', async () => {
    await setup('s');
    const n = now();
    const out = await put('s', [
      { timestamp: n - 15 * DAY, message: 'old-1' },
      { timestamp: n - 14 * DAY - 60_000, message: 'old-2' },
      { timestamp: n - 13 * DAY, message: 'ok-1' },
      { timestamp: n - 13 * DAY + 1000, message: 'ok-2' },
    ]);
    assert.equal(out.rejectedLogEventsInfo, { tooOldLogEventEndIndex: 2 });
    const future = await put('s', [
      { timestamp: n - 1000, message: 'ok-3' },
      { timestamp: n + HOUR, message: 'ok-4' },
      { timestamp: n + 3 * HOUR, message: 'future-1' },
      { timestamp: n + 4 * HOUR, message: 'future-2' },
    ]);
    assert.equal(future.rejectedLogEventsInfo, { tooNewLogEventStartIndex: 2 });
    assert.equal(await messages({ startFromHead: true }), ['ok-1', 'ok-2', 'ok-3', 'ok-4']);
    await h().logs.send(new PutRetentionPolicyCommand({ logGroupName: 'g', retentionInDays: 1 }));
    const expired = await put('s', [
      { timestamp: n - 3 * DAY, message: 'expired' },
      { timestamp: n - 1000, message: 'ok-5' },
    ]);
    assert.equal(expired.rejectedLogEventsInfo, { expiredLogEventEndIndex: 1 });
    assert.equal(await messages({ startFromHead: true }), ['ok-3', 'ok-5', 'ok-4']);
  });

  test('PutLogEvents: every event rejected still answers with a sequence token', async () => {
    await setup('s');
    const out = await put('s', [{ timestamp: now() + 5 * HOUR, message: 'future' }]);
    assert.equal(out.rejectedLogEventsInfo, { tooNewLogEventStartIndex: 0 });
    assert.match(out.nextSequenceToken!, /^\d{56}$/);
    assert.equal(await messages({}), []);
  });

  test('PutLogEvents: event size (UTF-8 + 26 bytes) and batch size limits', async () => {
    await setup('s');
    const t = now() - 1000;
    await expectError(
      () => put('s', [{ timestamp: t, message: 'x'.repeat(1_048_551) }]),
      'InvalidParameterException',
      'Log event too large: 1048577 bytes exceeds limit of 1048576',
    );
    await expectError(
      () => put('s', [{ timestamp: t, message: 'é'.repeat(300_000) }, { timestamp: t, message: 'x'.repeat(500_000) }]),
      'InvalidParameterException',
      'Upload too large: 1100052 bytes exceeds limit of 1048576',
    );
    await put('s', [{ timestamp: t, message: 'x'.repeat(1_048_550) }]);
    assert.is((await get({})).events![0]!.message!.length, 1_048_550);
  });

  test('PutLogEvents: 10,000 events per batch, not 10,001; empty messages are invalid', async () => {
    await setup('s');
    const t = now() - 60_000;
    const batch = (n: number) => Array.from({ length: n }, (_, i) => ({ timestamp: t, message: `e${i}` }));
    await put('s', batch(10_000));
    const e = await rejects(() => put('s', batch(10_001)));
    assert.is(e.name, 'InvalidParameterException');
    assert.ok(e.message.startsWith('1 validation error detected: Value '));
    assert.ok(e.message.endsWith("at 'logEvents' failed to satisfy constraint: Member must have length less than or equal to 10000"));
    await expectError(
      () => put('s', [{ timestamp: t, message: '' }]),
      'InvalidParameterException',
      "1 validation error detected: Value '' at 'logEvents.1.member.message' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  });

  test('GetLogEvents: newest events by default, oldest with startFromHead, oldest first within a page', async () => {
    await setup('s');
    await put('s', series(10));
    assert.equal(await messages({ limit: 3 }), ['m7', 'm8', 'm9']);
    assert.equal(await messages({ limit: 3, startFromHead: true }), ['m0', 'm1', 'm2']);
    assert.equal((await messages({})).length, 10);
  });

  test('GetLogEvents: startTime is inclusive, endTime exclusive', async () => {
    await setup('s');
    const events = series(10);
    await put('s', events);
    const at = (i: number) => events[i]!.timestamp!;
    assert.equal(await messages({ startTime: at(2), endTime: at(5), startFromHead: true }), ['m2', 'm3', 'm4']);
    assert.equal(await messages({ startTime: at(2), endTime: at(5) }), ['m2', 'm3', 'm4']);
    assert.equal(await messages({ startTime: at(9) + 1 }), []);
  });

  test('GetLogEvents: forward pages from the head; at the end the same token comes back', async () => {
    await setup('s');
    await put('s', series(7));
    const seen: string[] = [];
    let out = await get({ startFromHead: true, limit: 3 });
    let token: string | undefined;
    while (out.events!.length > 0) {
      seen.push(...out.events!.map((e) => e.message!));
      assert.match(out.nextForwardToken!, /^f\//);
      assert.match(out.nextBackwardToken!, /^b\//);
      token = out.nextForwardToken;
      out = await get({ startFromHead: true, limit: 3, nextToken: token });
    }
    assert.equal(seen, ['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6']);
    assert.is(out.nextForwardToken, token);
    // New events appear behind the forward token (tail -f).
    await put('s', [{ timestamp: now() - 1000, message: 'late' }]);
    assert.equal(await messages({ startFromHead: true, nextToken: token }), ['late']);
  });

  test('GetLogEvents: backward pages from the tail; at the start the same token comes back', async () => {
    await setup('s');
    await put('s', series(7));
    const pages: string[][] = [];
    let out = await get({ limit: 3 });
    let token: string | undefined;
    while (out.events!.length > 0) {
      pages.push(out.events!.map((e) => e.message!));
      token = out.nextBackwardToken;
      out = await get({ limit: 3, nextToken: token });
    }
    assert.equal(pages, [['m4', 'm5', 'm6'], ['m1', 'm2', 'm3'], ['m0']]);
    assert.is(out.nextBackwardToken, token);
    // And forward again from the head.
    assert.equal(await messages({ limit: 2, nextToken: out.nextForwardToken }), ['m0', 'm1']);
  });

  test('GetLogEvents: tokens of an empty stream are never null', async () => {
    await setup('s');
    const out = await get({});
    assert.equal(out.events, []);
    assert.match(out.nextForwardToken!, /^f\//);
    assert.match(out.nextBackwardToken!, /^b\//);
    await put('s', series(2));
    assert.equal(await messages({ nextToken: out.nextForwardToken }), ['m0', 'm1']);
  });

  test('GetLogEvents: forged tokens, a missing stream, logGroupIdentifier', async () => {
    await setup('s');
    await put('s', series(3));
    const { nextForwardToken } = await get({ limit: 1 });
    for (const bad of ['f/garbage', 'x/abc', `b/${nextForwardToken!.slice(2)}`, `${nextForwardToken}x`]) {
      await expectError(() => get({ nextToken: bad }), 'InvalidParameterException', 'The specified nextToken is invalid.');
    }
    await expectError(() => get({ logStreamName: 'nope' }), 'ResourceNotFoundException', 'The specified log stream does not exist.');
    const viaArn = await h().logs.send(new GetLogEventsCommand({
      logGroupIdentifier: 'arn:aws:logs:us-east-1:123456789012:log-group:g',
      logStreamName: 's',
    }));
    assert.is(viaArn.events!.length, 3);
    await expectError(
      () => get({ logGroupIdentifier: 'g' }),
      'InvalidParameterException',
      'LogGroup name and LogGroup identifier are mutually exclusive parameters.',
    );
  });

  test('GetLogEvents: events older than the retention period disappear as time passes', async () => {
    await setup('s');
    await put('s', series(2));
    await h().logs.send(new PutRetentionPolicyCommand({ logGroupName: 'g', retentionInDays: 1 }));
    assert.is((await messages({})).length, 2);
    await h().admin('POST /_engine/clock', { advanceSeconds: 2 * 86_400 });
    assert.equal(await messages({}), []);
  });

  registerFilterTests(test, h);
});

type Define = Parameters<Parameters<typeof forEachTransport>[1]>;

/** FilterLogEvents and the multi-stream round trip. */
function registerFilterTests(test: Define[0], h: Define[1]): void {
  const filter = (input: Partial<FilterLogEventsCommandInput>) =>
    h().logs.send(new FilterLogEventsCommand({ logGroupName: 'g', ...input }));
  /** `stream:n` for each event of the interleaved fixture, whose messages are `{"n":…,"level":…}`. */
  const label = (e: { logStreamName?: string; message?: string }) => `${e.logStreamName}:${JSON.parse(e.message!).n}`;
  const summary = async (input: Partial<FilterLogEventsCommandInput>) => (await filter(input)).events!.map(label);
  const expectError = async (p: () => Promise<unknown>, name: string, message: string) => {
    const e = await rejects(p);
    assert.is(e.name, name);
    assert.is(e.message, message);
  };
  /** Three streams whose events interleave: a gets 0,3,6; b 1,4,7; c 2,5,8 (seconds after base). */
  const interleaved = async () => {
    await h().logs.send(new CreateLogGroupCommand({ logGroupName: 'g' }));
    const base = h().engine.now() - 60_000;
    for (const [k, name] of ['app-a', 'app-b', 'db-c'].entries()) {
      await h().logs.send(new CreateLogStreamCommand({ logGroupName: 'g', logStreamName: name }));
      const logEvents = [0, 3, 6].map((j) => ({
        timestamp: base + (k + j) * 1000,
        message: JSON.stringify({ n: k + j, level: k + j === 4 ? 'ERROR' : 'INFO' }),
      }));
      await h().logs.send(new PutLogEventsCommand({ logGroupName: 'g', logStreamName: name, logEvents }));
    }
    return base;
  };
  const order = ['app-a:0', 'app-b:1', 'db-c:2', 'app-a:3', 'app-b:4', 'db-c:5', 'app-a:6', 'app-b:7', 'db-c:8'];

  test('FilterLogEvents: every stream, interleaved by timestamp, with unique 56-digit event ids', async () => {
    await interleaved();
    const out = await filter({});
    assert.equal(out.events!.map(label), order);
    const ids = out.events!.map((e) => e.eventId!);
    assert.ok(ids.every((id) => /^\d{56}$/.test(id)));
    assert.is(new Set(ids).size, ids.length);
    assert.equal(out.searchedLogStreams, []);
    assert.is(out.nextToken, undefined);
    assert.equal((await filter({})).events!.map((e) => e.eventId), ids);
  });

  test('FilterLogEvents: streams by name or prefix, not both; a named stream must exist', async () => {
    await interleaved();
    assert.equal(await summary({ logStreamNames: ['db-c', 'app-a'] }), ['app-a:0', 'db-c:2', 'app-a:3', 'db-c:5', 'app-a:6', 'db-c:8']);
    assert.equal(await summary({ logStreamNamePrefix: 'app-' }), order.filter((x) => x.startsWith('app-')));
    await expectError(
      () => filter({ logStreamNames: ['app-a'], logStreamNamePrefix: 'app' }),
      'InvalidParameterException',
      'Cannot specify both logStreamNames and logStreamNamePrefix.',
    );
    await expectError(() => filter({ logStreamNames: ['app-a', 'nope'] }), 'ResourceNotFoundException', 'The specified log stream does not exist.');
    await expectError(() => filter({ logGroupName: 'nope' }), 'ResourceNotFoundException', 'The specified log group does not exist.');
  });

  test('FilterLogEvents: startTime and endTime are both inclusive', async () => {
    const base = await interleaved();
    assert.equal(await summary({ startTime: base + 2000, endTime: base + 4000 }), ['db-c:2', 'app-a:3', 'app-b:4']);
  });

  test('FilterLogEvents: pages of `limit` events until no nextToken, in both directions', async () => {
    await interleaved();
    const collect = async (input: Partial<FilterLogEventsCommandInput>) => {
      const seen: string[] = [];
      let nextToken: string | undefined;
      do {
        const out = await filter({ ...input, limit: 2, nextToken });
        assert.ok(out.events!.length <= 2);
        seen.push(...out.events!.map(label));
        nextToken = out.nextToken;
        // The token carries the direction: later pages need not repeat startFromHead.
        delete input.startFromHead;
      } while (nextToken);
      return seen;
    };
    assert.equal(await collect({}), order);
    assert.equal(await collect({ startFromHead: false }), [...order].reverse());
    assert.equal(await summary({ startFromHead: false, limit: 3 }), ['db-c:8', 'app-b:7', 'app-a:6']);
  });

  test('FilterLogEvents: newest-first needs a startTime from 2024 on; forged tokens fail', async () => {
    await interleaved();
    await expectError(
      () => filter({ startFromHead: false, startTime: Date.UTC(2023, 11, 31) }),
      'InvalidParameterException',
      'Setting startFromHead to false is supported only when startTime is on or after Jan 1, 2024 00:00:00 UTC.',
    );
    await expectError(() => filter({ nextToken: 'forged' }), 'InvalidParameterException', 'The specified nextToken is invalid.');
  });

  test('FilterLogEvents: filter patterns (terms and JSON)', async () => {
    await interleaved();
    assert.equal(await summary({ filterPattern: 'ERROR' }), ['app-b:4']);
    assert.equal(await summary({ filterPattern: '{ $.n > 6 }' }), ['app-b:7', 'db-c:8']);
    assert.equal(await summary({ filterPattern: '' }), order);
    await expectError(() => filter({ filterPattern: '{ $.n > }' }), 'InvalidParameterException', 'Invalid filter pattern');
  });

  test('end to end: put into several streams, read back each stream and the whole group', async () => {
    await h().logs.send(new CreateLogGroupCommand({ logGroupName: 'g' }));
    const base = h().engine.now() - 3_600_000;
    const streams = ['i-1', 'i-2', 'i-3'];
    const expected: string[] = [];
    for (const [k, logStreamName] of streams.entries()) {
      await h().logs.send(new CreateLogStreamCommand({ logGroupName: 'g', logStreamName }));
      const logEvents = Array.from({ length: 40 }, (_, i) => ({ timestamp: base + i * 3000 + k * 1000, message: `${logStreamName} #${i}` }));
      await h().logs.send(new PutLogEventsCommand({ logGroupName: 'g', logStreamName, logEvents: logEvents.slice(0, 25) }));
      await h().logs.send(new PutLogEventsCommand({ logGroupName: 'g', logStreamName, logEvents: logEvents.slice(25) }));
      const back = await h().logs.send(new GetLogEventsCommand({ logGroupName: 'g', logStreamName, startFromHead: true }));
      assert.equal(back.events!.map((e) => [e.timestamp, e.message]), logEvents.map((e) => [e.timestamp, e.message]));
    }
    for (let i = 0; i < 40; i++) for (const s of streams) expected.push(`${s}:${s} #${i}`);
    const seen: string[] = [];
    let nextToken: string | undefined;
    do {
      const out = await filter({ limit: 17, nextToken });
      seen.push(...out.events!.map((e) => `${e.logStreamName}:${e.message}`));
      nextToken = out.nextToken;
    } while (nextToken);
    assert.equal(seen, expected);
  });
}
