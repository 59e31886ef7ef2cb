import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateLogGroupCommand, DescribeLogGroupsCommand, PutRetentionPolicyCommand, CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { harness } from '../helpers/harness.js';
import { Engine } from '../../src/engine/engine.js';
import { loadEngineState } from '../../src/engine/persist/snapshot.js';
import { StateLockedError } from '../../src/persist/lock.js';

const test = suite('engine persistence');
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'logwarden-state-'));
  dirs.push(d);
  return d;
};
test.after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const names = async (logs: CloudWatchLogsClient) => {
  const out: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await logs.send(new DescribeLogGroupsCommand({ nextToken }));
    out.push(...(page.logGroups ?? []).map((g) => g.logGroupName!));
    nextToken = page.nextToken;
  } while (nextToken);
  return out;
};

for (const transport of ['in-process', 'http'] as const) {
  test(`restart on the same state dir keeps everything [${transport}]`, async () => {
    const dir = tempDir();
    let h = await harness(transport, { stateDir: dir });
    await h.logs.send(new CreateLogGroupCommand({ logGroupName: 'kept', tags: { team: 'a' } }));
    await h.logs.send(new PutRetentionPolicyCommand({ logGroupName: 'kept', retentionInDays: 30 }));
    const lineage = h.engine.lineage;
    await h.close();
    const state = loadEngineState(dir);
    assert.is(state.lineage, lineage);
    assert.ok(state.serial >= 2, `serial ${state.serial}`);
    h = await harness(transport, { stateDir: dir });
    const groups = (await h.logs.send(new DescribeLogGroupsCommand({}))).logGroups!;
    assert.is(groups.length, 1);
    assert.is(groups[0]!.retentionInDays, 30);
    assert.is(h.engine.lineage, lineage);
    await h.close();
  });
}

test('a second writer of the same state dir is refused, naming the holder', async () => {
  const dir = tempDir();
  const first = new Engine({ stateDir: dir, command: 'logwarden serve (port 1)' });
  try {
    new Engine({ stateDir: dir });
    assert.unreachable('second engine opened a locked directory');
  } catch (e) {
    assert.instance(e, StateLockedError);
    assert.match((e as Error).message, `locked by logwarden serve (port 1) (pid ${process.pid}`);
  } finally {
    await first.close();
  }
  assert.not.ok(existsSync(join(dir, 'lock.json')), 'close releases the lock');
});

test('a lock left by a dead process is recovered; a live one is never stolen', async () => {
  const dir = tempDir();
  const child = spawn(process.execPath, ['-e', '0']);
  const deadPid = await new Promise<number>((resolve) => child.on('exit', () => resolve(child.pid!)));
  const { hostname } = await import('node:os');
  writeFileSync(join(dir, 'lock.json'), JSON.stringify({ pid: deadPid, host: hostname(), command: 'crashed', since: '2026-01-01T00:00:00Z' }));
  const engine = new Engine({ stateDir: dir });
  await engine.close();
  writeFileSync(join(dir, 'lock.json'), JSON.stringify({ pid: process.pid, host: hostname(), command: 'me', since: 'now' }));
  assert.throws(() => new Engine({ stateDir: dir }), /locked by me/);
});

test('parallel writers never corrupt state: every acknowledged write is on disk', async () => {
  const dir = tempDir();
  const h = await harness('http', { stateDir: dir });
  const clients = Array.from({ length: 4 }, () => h.clients({}).logs);
  await Promise.all(
    Array.from({ length: 200 }, (_, i) =>
      clients[i % 4]!.send(new CreateLogGroupCommand({ logGroupName: `g-${String(i).padStart(3, '0')}` })),
    ),
  );
  // acknowledged means durable: the files already hold all 200 before close
  const { world } = loadEngineState(dir);
  const stored = Object.keys(world!.accounts['123456789012']!.regions['us-east-1']!.logs.logGroups);
  assert.is(stored.length, 200);
  await h.close();
  const again = await harness('in-process', { stateDir: dir });
  assert.is((await names(again.logs)).length, 200);
  await again.close();
});

test('an unreadable state file is reported, not overwritten', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'engine.json'), '{"format":1, "lin');
  assert.throws(() => new Engine({ stateDir: dir }), /engine\.json is not a readable engine state file/);
  assert.is(readFileSync(join(dir, 'engine.json'), 'utf8'), '{"format":1, "lin');
  assert.not.ok(existsSync(join(dir, 'lock.json')));
});

test.run();
