import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import { createClients } from '../../src/driver/clients.js';
import type { Clock } from '../../src/driver/clock.js';
import { PacedSender, type Transport } from '../../src/driver/pacing.js';
import type { ApiError } from '../../src/driver/send.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/** Virtual time: sleeping registers a timer; `settle` runs timers in order until nothing is left. */
class FakeClock implements Clock {
  time = 0;
  private timers: { at: number; wake: () => void }[] = [];
  now = () => this.time;
  sleep = (ms: number) => new Promise<void>((wake) => this.timers.push({ at: this.time + ms, wake }));

  /** Lets every pending promise run, firing timers as time moves forward, until `done` settles. */
  async settle<T>(done: Promise<T>): Promise<T> {
    let finished = false;
    void done.finally(() => (finished = true));
    while (!finished) {
      await new Promise((r) => setImmediate(r));
      if (finished) break;
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers.shift();
      if (!next) continue;
      this.time = Math.max(this.time, next.at);
      next.wake();
    }
    return done;
  }
}

/** AWS-target clients (paced by quota); nothing is sent through them: the transport is a fake. */
const clients = createClients({ kind: 'aws', region: 'us-east-1' });

function sender(clock: FakeClock, transport: Transport, random = () => 0.5) {
  return new PacedSender(clients, { clock, random, transport, retry: { attempts: 4, baseMs: 100, maxMs: 1_000 } });
}

const test = suite('driver: pacing under AWS quotas, on a fake clock');

test.after(() => clients.destroy());

test('CreateLogGroup (5 TPS): a burst of 5 at once, then never more than 5 in any second', async () => {
  const clock = new FakeClock();
  const starts: number[] = [];
  const s = sender(clock, async () => void starts.push(clock.now()));
  await clock.settle(Promise.all(Array.from({ length: 23 }, (_, i) => s.send('logs', 'CreateLogGroup', { logGroupName: `/g/${i}` }))));
  assert.is(starts.length, 23);
  assert.equal(starts.slice(0, 5), [0, 0, 0, 0, 0], 'the first five start at once');
  for (let i = 5; i < starts.length; i++) assert.ok(starts[i]! - starts[i - 5]! >= 1000, `call ${i} starts a second after call ${i - 5}`);
  assert.is(starts[22], 4000, 'and no slower than the quota allows');
});

test('quotas are per API: CloudTrail writes at 1 TPS, its reads at 10, Logs calls beside them at their own', async () => {
  const clock = new FakeClock();
  const starts: Record<string, number[]> = {};
  const s = sender(clock, async (_service, operation) => void (starts[operation] ??= []).push(clock.now()));
  await clock.settle(
    Promise.all([
      ...Array.from({ length: 3 }, () => s.send('cloudtrail', 'StartLogging', { Name: 't' })),
      ...Array.from({ length: 12 }, () => s.send('cloudtrail', 'GetTrailStatus', { Name: 't' })),
      ...Array.from({ length: 2 }, () => s.send('cloudtrail', 'LookupEvents', {})),
      ...Array.from({ length: 26 }, () => s.send('logs', 'CreateLogStream', { logGroupName: '/g', logStreamName: 's' })),
    ]),
  );
  assert.equal(starts.StartLogging, [0, 1000, 2000]);
  assert.equal(starts.GetTrailStatus, [...Array(10).fill(0), 1000, 1000]);
  assert.equal(starts.LookupEvents, [0, 0]);
  assert.equal(starts.CreateLogStream, Array(26).fill(0), 'CreateLogStream: 50 TPS, all 26 at once');
});

test('after a quiet second a new burst may start at once', async () => {
  const clock = new FakeClock();
  const starts: number[] = [];
  const s = sender(clock, async () => void starts.push(clock.now()));
  await clock.settle(Promise.all(Array.from({ length: 5 }, () => s.send('logs', 'PutRetentionPolicy', {}))));
  await clock.settle(clock.sleep(1500));
  await clock.settle(Promise.all(Array.from({ length: 5 }, () => s.send('logs', 'PutRetentionPolicy', {}))));
  assert.equal(starts, [0, 0, 0, 0, 0, 1500, 1500, 1500, 1500, 1500]);
});

const throttled: ApiError = { code: 'ThrottlingException', message: 'Rate exceeded', transient: true };

test('transient failures back off exponentially with jitter; attempts and retries are counted truly', async () => {
  const clock = new FakeClock();
  const starts: number[] = [];
  let failures = 2;
  const s = sender(clock, async () => {
    starts.push(clock.now());
    if (failures-- > 0) throw throttled;
    return { ok: true };
  });
  const sent = await clock.settle(s.attempt('logs', 'PutRetentionPolicy', { logGroupName: '/g', retentionInDays: 1 }));
  assert.equal(sent, { output: { ok: true }, attempts: 3 });
  // full jitter at 0.5: half of 100 ms, then half of 200 ms
  assert.equal(starts, [0, 50, 150]);
  assert.equal(s.calls, { 'logs:PutRetentionPolicy': 3 });
  assert.equal(s.retries, { 'logs:PutRetentionPolicy': 2 });
});

test('retries stop at the policy; the error says how many attempts were made', async () => {
  const clock = new FakeClock();
  const s = sender(clock, async () => {
    throw throttled;
  });
  const error = await clock.settle(s.attempt('logs', 'PutRetentionPolicy', {}).then(() => undefined, (e: ApiError) => e));
  assert.equal(error, { ...throttled, attempts: 4 });
  assert.is(clock.now(), 50 + 100 + 200, 'backoff capped by the policy, jittered');
});

test('a permanent failure is not retried', async () => {
  const clock = new FakeClock();
  const s = sender(clock, async () => {
    throw { code: 'InvalidParameterException', message: 'bad', transient: false } satisfies ApiError;
  });
  const error = await clock.settle(s.attempt('logs', 'PutRetentionPolicy', {}).then(() => undefined, (e: ApiError) => e));
  assert.equal(error?.attempts, 1);
  assert.equal(s.retries, {});
});

test.run();
