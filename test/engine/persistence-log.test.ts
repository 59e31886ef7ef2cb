import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListPublicKeysCommand } from '@aws-sdk/client-cloudtrail';
import { Engine, persistable } from '../../src/engine/engine.js';
import type { CallerIdentity } from '../../src/engine/call.js';
import { loadEngineState } from '../../src/engine/persist/snapshot.js';
import { writeSavedPlan, type ExecutablePlan } from '../../src/state/saved-plan.js';
import { Workspace } from '../../src/state/workspace.js';
import { harness } from '../helpers/harness.js';

const test = suite('engine persistence: snapshot and change log');
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'logwarden-log-'));
  dirs.push(d);
  return d;
};
test.after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const ACCOUNT = '123456789012';
const id: CallerIdentity = { account: ACCOUNT, region: 'us-east-1', accessKeyId: 'AKID', requestId: 'req' };
const call = (e: Engine, op: string, input: object) => e.invoke('logs', op, input, id);
const groupsOf = (world: ReturnType<typeof loadEngineState>['world']) => world!.accounts[ACCOUNT]!.regions['us-east-1']!.logs.logGroups;
const logLines = (dir: string) => readFileSync(join(dir, 'engine.log'), 'utf8').split('\n').filter(Boolean);
const mode = (file: string) => statSync(file).mode & 0o777;

/** An engine on `dir` with `n` groups, each group creation committed. */
async function seeded(dir: string, n: number): Promise<Engine> {
  const e = new Engine({ stateDir: dir });
  for (let i = 0; i < n; i++) call(e, 'CreateLogGroup', { logGroupName: `g-${String(i).padStart(5, '0')}` });
  await e.flush();
  return e;
}

test('a commit logs what it changed, whatever the size of the world', async () => {
  const sizes: number[] = [];
  for (const n of [10, 2000]) {
    const dir = tempDir();
    const e = await seeded(dir, n);
    call(e, 'PutRetentionPolicy', { logGroupName: 'g-00007', retentionInDays: 30 });
    await e.flush();
    const last = logLines(dir).at(-1)!;
    assert.equal(JSON.parse(last.slice(9)).changes, [
      ['insert', ['accounts', ACCOUNT, 'regions', 'us-east-1', 'logs', 'logGroups', 'g-00007', 'retentionInDays'], 30],
    ]);
    sizes.push(Buffer.byteLength(last));
    await e.close();
  }
  assert.is(sizes[0], sizes[1]);
});

test('restart replays the log onto the snapshot; lineage and serial carry on', async () => {
  const dir = tempDir();
  const e = await seeded(dir, 3);
  call(e, 'PutRetentionPolicy', { logGroupName: 'g-00001', retentionInDays: 7 });
  call(e, 'DeleteLogGroup', { logGroupName: 'g-00002' });
  await e.flush();
  const { lineage, serial } = e;
  const memory = JSON.stringify(persistable(e.world));
  await e.close();
  const again = new Engine({ stateDir: dir });
  assert.is(JSON.stringify(persistable(again.world)), memory);
  assert.is(again.lineage, lineage);
  assert.is(again.serial, serial);
  call(again, 'CreateLogGroup', { logGroupName: 'after' });
  await again.flush();
  assert.is(again.serial, serial + 1);
  await again.close();
});

test('a torn last line is dropped on open: the state is every whole commit', async () => {
  const dir = tempDir();
  const e = await seeded(dir, 2);
  call(e, 'PutRetentionPolicy', { logGroupName: 'g-00000', retentionInDays: 14 });
  await e.flush();
  const serial = e.serial;
  await e.close();
  const whole = statSync(join(dir, 'engine.log')).size;
  for (const torn of ['0badc0de {"serial":99,"chan', `00000000 {"serial":${serial + 1},"changes":[]}\n`]) {
    appendFileSync(join(dir, 'engine.log'), torn);
    const again = new Engine({ stateDir: dir });
    assert.is(again.serial, serial);
    assert.is(groupsOf(again.world)['g-00000']!.retentionInDays, 14);
    assert.is(statSync(join(dir, 'engine.log')).size, whole, 'the torn tail is cut off');
    await again.close();
  }
  const again = new Engine({ stateDir: dir });
  call(again, 'CreateLogGroup', { logGroupName: 'after-the-tear' });
  await again.flush();
  await again.close();
  assert.ok(groupsOf(loadEngineState(dir).world)['after-the-tear']);
});

test('a format-1 engine.json loads, and the first commit replaces it by a format-2 snapshot', async () => {
  const dir = tempDir();
  const world = { accounts: {}, clockOffsetMs: 0 };
  const old = new Engine({ world });
  call(old, 'CreateLogGroup', { logGroupName: 'from-format-1' });
  writeFileSync(join(dir, 'engine.json'), JSON.stringify({ format: 1, lineage: 'old-lineage', serial: 41, world: persistable(old.world) }), { mode: 0o644 });
  const e = new Engine({ stateDir: dir });
  assert.is(e.lineage, 'old-lineage');
  assert.is(e.serial, 41);
  assert.ok(groupsOf(e.world)['from-format-1']);
  call(e, 'PutRetentionPolicy', { logGroupName: 'from-format-1', retentionInDays: 1 });
  await e.flush();
  await e.close();
  const doc = JSON.parse(readFileSync(join(dir, 'engine.json'), 'utf8'));
  assert.is(doc.format, 2);
  assert.is(doc.serial, 42);
  assert.is(mode(join(dir, 'engine.json')), 0o600);
  const state = loadEngineState(dir);
  assert.is(state.lineage, 'old-lineage');
  assert.is(groupsOf(state.world)['from-format-1']!.retentionInDays, 1);
});

test('the log is compacted into a new snapshot once it outgrows it', async () => {
  const dir = tempDir();
  const e = await seeded(dir, 1);
  const tags = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`key-${i}`, 'v'.repeat(250)]));
  const snapshots = new Set<number>();
  for (let i = 0; i < 120; i++) {
    call(e, 'CreateLogGroup', { logGroupName: `big-${i}`, tags });
    await e.flush();
    snapshots.add(JSON.parse(readFileSync(join(dir, 'engine.json'), 'utf8')).serial);
  }
  assert.ok(snapshots.size >= 2, `snapshots at serials ${[...snapshots]}`);
  assert.ok(statSync(join(dir, 'engine.log')).size < statSync(join(dir, 'engine.json')).size * 2);
  const memory = JSON.stringify(persistable(e.world));
  await e.close();
  assert.is(JSON.stringify(loadEngineState(dir).world), memory);
});

test('a log of another state is refused; a log whose snapshot was deleted (to start over) is dropped', async () => {
  const dir = tempDir();
  await (await seeded(dir, 1)).close();
  const doc = JSON.parse(readFileSync(join(dir, 'engine.json'), 'utf8'));
  writeFileSync(join(dir, 'engine.json'), JSON.stringify({ ...doc, lineage: 'someone-else' }));
  assert.throws(() => new Engine({ stateDir: dir }), /engine\.log belongs to another state \(lineage .*; engine\.json has someone-else\)/);
  assert.not.ok(existsSync(join(dir, 'lock.json')), 'a refused directory is not left locked');
  const other = tempDir();
  const e = await seeded(other, 1);
  call(e, 'CreateLogGroup', { logGroupName: 'logged' });
  await e.close();
  rmSync(join(other, 'engine.json'));
  const fresh = new Engine({ stateDir: other });
  assert.equal(fresh.world.accounts, {});
  call(fresh, 'CreateLogGroup', { logGroupName: 'anew' });
  await fresh.close();
  assert.equal(Object.keys(groupsOf(loadEngineState(other).world)), ['anew']);
});

test('a read that makes state (a signing key) persists it; the event history does not persist', async () => {
  const dir = tempDir();
  let h = await harness('in-process', { stateDir: dir });
  const first = (await h.trail.send(new ListPublicKeysCommand({}))).PublicKeyList!;
  assert.is(first.length, 1);
  const lake = h.engine.world.accounts[ACCOUNT]!.regions['us-east-1']!.cloudtrail.lake;
  assert.ok(lake.events.length > 0);
  await h.close();
  assert.equal(loadEngineState(dir).world!.accounts[ACCOUNT]!.regions['us-east-1']!.cloudtrail.lake.events, []);
  h = await harness('in-process', { stateDir: dir });
  const again = (await h.trail.send(new ListPublicKeysCommand({}))).PublicKeyList!;
  assert.is(again[0]!.Fingerprint, first[0]!.Fingerprint);
  await h.close();
});

test('every state file is written 0600', async () => {
  const dir = tempDir();
  const ws = Workspace.open(dir, 'test');
  assert.is(mode(join(dir, 'lock.json')), 0o600);
  const e = new Engine({ stateDir: dir, lockHeld: true });
  call(e, 'CreateLogGroup', { logGroupName: 'a' });
  await e.flush();
  call(e, 'CreateLogGroup', { logGroupName: 'b' });
  await e.close();
  await ws.commit('local|x|y', (owned) => (owned['logGroup:a'] = { origin: 'created', since: 'now' }));
  await ws.close();
  const plan = { scopes: [], settings: { accounts: new Map() } } as unknown as ExecutablePlan;
  await writeSavedPlan(join(dir, 'saved.plan'), plan);
  for (const file of ['engine.json', 'engine.log', 'logwarden.json', 'saved.plan']) assert.is(mode(join(dir, file)), 0o600, file);
});

test('temp files a killed writer left are removed when the directory is opened', async () => {
  const dir = tempDir();
  const planted = ['.engine.json.4242.1.tmp', '.engine.log.4242.2.tmp', '.logwarden.json.4242.3.tmp'];
  const kept = ['notes.tmp', '.hidden', 'engine.json.bak'];
  for (const name of [...planted, ...kept]) writeFileSync(join(dir, name), 'x');
  await (await seeded(dir, 1)).close();
  for (const name of planted) assert.not.ok(existsSync(join(dir, name)), name);
  for (const name of kept) assert.ok(existsSync(join(dir, name)), name);
  writeFileSync(join(dir, planted[2]!), 'x');
  await Workspace.open(dir, 'test').close();
  assert.not.ok(existsSync(join(dir, planted[2]!)), 'the workspace cleans too');
});

test.run();
