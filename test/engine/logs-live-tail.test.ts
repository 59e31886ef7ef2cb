import * as assert from 'uvu/assert';
import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  PutLogEventsCommand,
  StartLiveTailCommand,
  type StartLiveTailCommandInput,
  type StartLiveTailResponseStream,
} from '@aws-sdk/client-cloudwatch-logs';
import { forEachTransport, rejects } from '../helpers/harness.js';

const ACCOUNT = '123456789012';
const arn = (name: string) => `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:${name}`;

forEachTransport('logs: StartLiveTail', (test, h) => {
  const sessions: AbortController[] = [];
  test.after.each(() => {
    for (const s of sessions.splice(0)) s.abort();
  });

  /** Starts a session; returns its iterator (already past nothing) and its abort switch. */
  async function start(input: StartLiveTailCommandInput) {
    const abort = new AbortController();
    sessions.push(abort);
    const out = await h().logs.send(new StartLiveTailCommand(input), { abortSignal: abort.signal });
    return { events: out.responseStream![Symbol.asyncIterator](), abort, requestId: out.$metadata.requestId };
  }

  /** Reads updates until one carries events (the server sends one every second). */
  async function nextEvents(events: AsyncIterator<StartLiveTailResponseStream>, updates = 5) {
    for (let i = 0; i < updates; i++) {
      const { value, done } = await events.next();
      assert.not.ok(done, 'the stream ended');
      assert.ok(value.sessionUpdate, `expected a sessionUpdate, got ${Object.keys(value)}`);
      if (value.sessionUpdate.sessionResults!.length > 0) return value.sessionUpdate;
    }
    throw new Error(`no events in ${updates} updates`);
  }

  async function put(logStreamName: string, messages: string[], logGroupName = 'app') {
    const now = h().engine.now();
    await h().logs.send(
      new PutLogEventsCommand({ logGroupName, logStreamName, logEvents: messages.map((message, i) => ({ timestamp: now + i, message })) }),
    );
  }

  async function setup() {
    await h().logs.send(new CreateLogGroupCommand({ logGroupName: 'app' }));
    for (const s of ['web-1', 'web-2', 'worker']) await h().logs.send(new CreateLogStreamCommand({ logGroupName: 'app', logStreamName: s }));
  }

  test('sessionStart, then updates carrying the events PutLogEvents stores that match the pattern', async () => {
    await setup();
    const { events } = await start({ logGroupIdentifiers: [arn('app')], logEventFilterPattern: 'ERROR' });
    const first = await events.next();
    const startEvent = first.value.sessionStart!;
    assert.equal(startEvent.logGroupIdentifiers, [arn('app')]);
    assert.is(startEvent.logEventFilterPattern, 'ERROR');
    assert.match(startEvent.sessionId!, /^[0-9a-f-]{36}$/);
    assert.ok(startEvent.requestId);
    const before = h().engine.now();
    await put('web-1', ['ERROR one', 'INFO two', 'ERROR three']);
    const update = await nextEvents(events);
    assert.equal(update.sessionMetadata, { sampled: false });
    assert.equal(update.sessionResults!.map((e: { message?: string }) => e.message), ['ERROR one', 'ERROR three']);
    const e = update.sessionResults![0]!;
    assert.is(e.logStreamName, 'web-1');
    assert.is(e.logGroupIdentifier, arn('app'));
    assert.ok(e.ingestionTime! >= before && e.timestamp! >= before);
  });

  test('stream names and prefixes narrow the session; rejected events never show', async () => {
    await setup();
    const byName = await start({ logGroupIdentifiers: [arn('app')], logStreamNames: ['worker'] });
    const byPrefix = await start({ logGroupIdentifiers: [arn('app')], logStreamNamePrefixes: ['web-'] });
    await byName.events.next();
    await byPrefix.events.next();
    await put('web-2', ['from web']);
    await put('worker', ['from worker']);
    const old = h().engine.now() - 15 * 86_400_000;
    await h().logs.send(
      new PutLogEventsCommand({ logGroupName: 'app', logStreamName: 'worker', logEvents: [{ timestamp: old, message: 'too old' }] }),
    );
    assert.equal((await nextEvents(byName.events)).sessionResults!.map((e: { message?: string }) => e.message), ['from worker']);
    assert.equal((await nextEvents(byPrefix.events)).sessionResults!.map((e: { message?: string }) => e.message), ['from web']);
  });

  test('several groups in one session', async () => {
    await setup();
    await h().logs.send(new CreateLogGroupCommand({ logGroupName: 'other' }));
    await h().logs.send(new CreateLogStreamCommand({ logGroupName: 'other', logStreamName: 's' }));
    const { events } = await start({ logGroupIdentifiers: [arn('app'), arn('other')] });
    await events.next();
    await put('worker', ['a']);
    await put('s', ['b'], 'other');
    const seen: string[] = [];
    while (seen.length < 2) seen.push(...(await nextEvents(events)).sessionResults!.map((e: { logGroupIdentifier?: string; message?: string }) => `${e.logGroupIdentifier}|${e.message}`));
    assert.equal(seen.sort(), [`${arn('app')}|a`, `${arn('other')}|b`]);
  });

  test('more than 500 events in a second are sampled down to 500', async () => {
    await setup();
    const { events } = await start({ logGroupIdentifiers: [arn('app')] });
    await events.next();
    await put('worker', Array.from({ length: 800 }, (_, i) => `event ${i}`));
    const update = await nextEvents(events);
    assert.equal(update.sessionMetadata, { sampled: true });
    assert.is(update.sessionResults!.length, 500);
    assert.is(update.sessionResults![0]!.message, 'event 0');
  });

  test('after three hours of engine time the session ends with SessionTimeoutException', async () => {
    await setup();
    const { events } = await start({ logGroupIdentifiers: [arn('app')] });
    await events.next();
    await h().admin('POST /_engine/clock', { advanceSeconds: 3 * 3600 });
    const e = await rejects(async () => {
      for (let i = 0; i < 5; i++) await events.next();
    });
    assert.is(e.name, 'SessionTimeoutException');
    assert.is(e.message, 'Session timed out after 3 hours.');
  });

  test('at most 15 concurrent sessions; an aborted session frees its place', async () => {
    await setup();
    const open = [];
    for (let i = 0; i < 15; i++) open.push(await start({ logGroupIdentifiers: [arn('app')] }));
    const e = await rejects(() => h().logs.send(new StartLiveTailCommand({ logGroupIdentifiers: [arn('app')] })));
    assert.is(e.name, 'LimitExceededException');
    assert.is(e.message, 'You have reached the maximum of 15 concurrent Live Tail sessions.');
    open[0]!.abort.abort();
    // Over HTTP the server notices the closed connection a moment later.
    let again;
    for (let i = 0; i < 250 && !again; i++) {
      again = await start({ logGroupIdentifiers: [arn('app')] }).catch(() => new Promise((r) => setTimeout(r, 20)).then(() => undefined));
    }
    assert.ok(again, 'no session could start after one was aborted');
  });

  test('the request is checked: ARNs of existing Standard groups, exclusive stream filters, the pattern', async () => {
    await setup();
    await h().logs.send(new CreateLogGroupCommand({ logGroupName: 'cold', logGroupClass: 'INFREQUENT_ACCESS' }));
    const fail = async (input: StartLiveTailCommandInput, name: string, message: string) => {
      const e = await rejects(() => h().logs.send(new StartLiveTailCommand(input)));
      assert.is(e.name, name);
      assert.is(e.message, message);
    };
    await fail({ logGroupIdentifiers: ['app'] }, 'InvalidParameterException', 'LogGroupIdentifier app is not a log group ARN; Live Tail takes log group ARNs.');
    await fail({ logGroupIdentifiers: [arn('nope')] }, 'ResourceNotFoundException', 'The specified log group does not exist.');
    await fail({ logGroupIdentifiers: [`arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:app`] }, 'ResourceNotFoundException', 'The specified log group does not exist.');
    await fail({ logGroupIdentifiers: [arn('cold')] }, 'InvalidOperationException', 'Live Tail is not supported for log group cold of class INFREQUENT_ACCESS.');
    await fail(
      { logGroupIdentifiers: [arn('app')], logStreamNames: ['a'], logStreamNamePrefixes: ['b'] },
      'InvalidParameterException',
      'logStreamNames and logStreamNamePrefixes are mutually exclusive parameters.',
    );
    await h().logs.send(new CreateLogGroupCommand({ logGroupName: 'two' }));
    await fail(
      { logGroupIdentifiers: [arn('app'), arn('two')], logStreamNames: ['a'] },
      'InvalidParameterException',
      'logStreamNames and logStreamNamePrefixes can only be specified with exactly one log group.',
    );
    await fail({ logGroupIdentifiers: [arn('app')], logEventFilterPattern: '{ $.a IS NOT NULL }' }, 'InvalidParameterException', 'Invalid filter pattern');
    await fail(
      { logGroupIdentifiers: [arn('app')], logEventFilterPattern: 'user@example' },
      'InvalidParameterException',
      "Invalid filter pattern: Invalid character(s) in term '@'",
    );
    const e = await rejects(() => h().logs.send(new StartLiveTailCommand({ logGroupIdentifiers: [`${arn('app')}:*`] })));
    assert.is(e.name, 'InvalidParameterException');
    assert.match(e.message, /^1 validation error detected: Value at 'logGroupIdentifiers.1.member' failed to satisfy constraint/);
  });
});
