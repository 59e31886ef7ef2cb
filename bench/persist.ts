import { mkdtempSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine, persistable } from '../src/engine/engine.js';
import type { CallerIdentity } from '../src/engine/call.js';
import { rawPost, startServeProcess, throughput, type ServeProcess } from './engine.js';
import type { NotedFigure } from './plan.js';

const ID: CallerIdentity = { account: '123456789012', region: 'us-east-1', accessKeyId: 'AKIDBENCH', requestId: 'bench' };
const SIZES = [100, 1_000, 10_000];
const KILL_ROUNDS = 5;
const PASSES = 6;
const SLICE_MS = 1_000;
const groupName = (i: number) => `/bench/group-${String(i).padStart(5, '0')}`;

/** A state directory holding `n` groups (written as a format-1 engine.json, which every version loads). */
function seededDir(n: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'logwarden-bench-persist-'));
  const engine = new Engine();
  for (let i = 0; i < n; i++) engine.invoke('logs', 'CreateLogGroup', { logGroupName: groupName(i) }, ID);
  const doc = { format: 1, lineage: 'bench', serial: 0, world: persistable(engine.world) };
  writeFileSync(join(dir, 'engine.json'), JSON.stringify(doc));
  return dir;
}

/** PutRetentionPolicy over HTTP at 16 in flight on a running `serve --state`, rotating over the groups. */
async function retentionRate(url: URL, n: number, ms: number): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });
  let i = 0;
  const rate = await throughput(ms, 16, () =>
    rawPost(agent, url, 'Logs_20140328.PutRetentionPolicy', JSON.stringify({ logGroupName: groupName(i++ % n), retentionInDays: 30 })),
  );
  agent.destroy();
  return rate;
}

/**
 * One server per world size, all running, measured in turn in short slices, PASSES times; the best
 * slice per size counts. Other processes on a shared machine (and their disk flushes, which every
 * commit's fsync waits behind) come and go over seconds: slices taken in turn share those disturbances.
 */
async function retentionRates(): Promise<number[]> {
  const dirs = SIZES.map(seededDir);
  const servers: ServeProcess[] = [];
  try {
    for (const dir of dirs) servers.push(await startServeProcess(dir));
    const best = SIZES.map(() => 0);
    for (let pass = 0; pass < PASSES; pass++) {
      for (const [k, n] of SIZES.entries()) best[k] = Math.max(best[k]!, await retentionRate(new URL(servers[k]!.url), n, SLICE_MS));
    }
    return best;
  } finally {
    for (const server of servers) await server.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}

/** Bytes the state files grew or were rewritten by: log growth plus any snapshot replaced. */
function stateBytes(dir: string): { ino: number; snapshot: number; log: number } {
  const snap = statSync(join(dir, 'engine.json'));
  const log = join(dir, 'engine.log');
  return { ino: snap.ino, snapshot: snap.size, log: existsSync(log) ? statSync(log).size : 0 };
}

/** Bytes written to the state files per PutRetentionPolicy, each its own group commit; and the world's size. */
async function bytesPerChange(n: number, changes = 200): Promise<{ perChange: number; world: number }> {
  const dir = seededDir(n);
  const engine = new Engine({ stateDir: dir });
  try {
    engine.invoke('logs', 'PutRetentionPolicy', { logGroupName: groupName(0), retentionInDays: 1 }, ID);
    await engine.flush(); // the first commit of a format-1 directory writes a snapshot
    let written = 0;
    for (let k = 0; k < changes; k++) {
      const before = stateBytes(dir);
      engine.invoke('logs', 'PutRetentionPolicy', { logGroupName: groupName(k % n), retentionInDays: k % 2 ? 30 : 60 }, ID);
      await engine.flush();
      const after = stateBytes(dir);
      written += (after.ino !== before.ino ? after.snapshot : 0) + Math.max(0, after.log - before.log);
    }
    return { perChange: written / changes, world: stateBytes(dir).snapshot };
  } finally {
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Rounds of CreateLogGroup load at 16 in flight on `serve --state`, each ended by SIGKILL while
 * calls are in flight; the groups acknowledged per round, as the world grows from round to round.
 */
async function killLoop(ms: number): Promise<{ perRound: number[]; stateBytes: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'logwarden-bench-kill-'));
  const perRound: number[] = [];
  try {
    for (let round = 0; round < KILL_ROUNDS; round++) {
      const server = await startServeProcess(dir);
      const agent = new Agent({ keepAlive: true, maxSockets: 16 });
      let acknowledged = 0;
      const worker = async (w: number) => {
        for (let i = 0; ; i++) {
          const body = JSON.stringify({ logGroupName: `/kill/r${round}-w${w}-${i}` });
          if (!(await rawPost(agent, new URL(server.url), 'Logs_20140328.CreateLogGroup', body).then(() => true, () => false))) return;
          acknowledged++;
        }
      };
      const workers = Promise.all(Array.from({ length: 16 }, (_, w) => worker(w)));
      await new Promise((r) => setTimeout(r, ms));
      const counted = acknowledged;
      await server.stop('SIGKILL');
      await workers;
      agent.destroy();
      perRound.push(counted);
    }
    const s = stateBytes(dir);
    return { perRound, stateBytes: s.snapshot + s.log };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** `serve --state` write cost as the world grows: throughput, bytes per change, and a kill -9 loop. */
export async function benchPersist(seconds: number): Promise<NotedFigure[]> {
  const figures: NotedFigure[] = [];
  const rates = await retentionRates();
  for (const [k, n] of SIZES.entries()) {
    figures.push({ name: `serve --state PutRetentionPolicy, 16 in flight, ${fmt(n)} groups (best 1 s of ${PASSES})`, value: rates[k]!, unit: 'req/s' });
  }
  const spread = (100 * (Math.max(...rates) - Math.min(...rates))) / Math.max(...rates);
  figures.push({ name: `  spread across ${SIZES.map(fmt).join(' / ')} groups`, value: spread, unit: '%', target: '≤ 20 %' });
  for (const n of [100, 10_000]) {
    const { perChange, world } = await bytesPerChange(n);
    figures.push({
      name: `persisted bytes per PutRetentionPolicy (own commit), ${fmt(n)} groups`,
      value: perChange,
      unit: 'bytes',
      target: 'flat with world size',
      note: `log bytes; compaction adds one ${fmt(world)}-byte snapshot per max(1 MiB, snapshot) of log, at most as much again`,
    });
  }
  const { perRound, stateBytes: bytes } = await killLoop(seconds * 1000);
  figures.push({
    name: `kill -9 loop: groups created per ${seconds} s round, round 1 → ${KILL_ROUNDS}`,
    value: perRound[perRound.length - 1]!,
    unit: 'groups',
    target: 'flat: last ≥ 80 % of first',
    note: `rounds: ${perRound.map(fmt).join(', ')} (last/first ${((100 * perRound.at(-1)!) / perRound[0]!).toFixed(0)} %); state files at the end: ${fmt(bytes)} bytes`,
  });
  return figures;
}
