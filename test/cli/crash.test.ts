import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { LOCK_STALE_AFTER_MS } from '../../src/persist/lock.js';
import { onLocalTarget, project, runCli, type LocalSend, type Project } from '../helpers/cli.js';

const test = suite('cli: a crash mid-apply, and locks left behind');
let p: Project;
test.before.each(() => {
  p = project();
});
test.after.each(() => p.remove());

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const GROUPS = 300;
const name = (i: number) => `/crash/fn-${String(i).padStart(3, '0')}`;
const lw = (...argv: string[]) => runCli(...argv, '--state', p.state, '--no-color');
const readJson = (file: string) => JSON.parse(readFileSync(join(p.state, file), 'utf8'));

/** GROUPS groups, each with a retention and a metric filter: 2·GROUPS resources, 3·GROUPS calls. */
function fleet(): string {
  const group = (i: number) => `  ${name(i)}:
    retentionInDays: 14
    metricFilters:
      errors:
        filterPattern: '"ERROR"'
        metricTransformations:
          - { metricName: Errors, metricNamespace: Crash, metricValue: "1" }
`;
  return `logGroups:\n${Array.from({ length: GROUPS }, (_, i) => group(i)).join('')}`;
}

/**
 * Reads the child's progress lines until `lines` of them appeared, then kills it with SIGKILL (no
 * chance to clean up). Resolves to the addresses reported done before the kill.
 */
function killAfterProgress(child: ChildProcess, lines: number): Promise<string[]> {
  const reported: string[] = [];
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const progress = /^\[ *\d+\/\d+\] (.*): created$/.exec(line);
    if (!progress) return;
    reported.push(progress[1]!);
    if (reported.length === lines) child.kill('SIGKILL');
  });
  return new Promise((resolve, reject) =>
    child.on('exit', (code, signal) =>
      signal === 'SIGKILL' ? resolve(reported) : reject(new Error(`apply ended (${code}) before it was killed:\n${stderr}`)),
    ),
  );
}

/** Every item of a paged Describe* listing. */
async function all<T>(send: LocalSend, operation: string, member: string): Promise<T[]> {
  const items: T[] = [];
  let nextToken: string | undefined;
  do {
    const page = await send('logs', operation, nextToken ? { nextToken } : {});
    items.push(...(page[member] as T[]));
    nextToken = page.nextToken;
  } while (nextToken);
  return items;
}

/** What the remaining work is, from the target itself: what is missing, and what is half-made. */
async function remainingWork(): Promise<{ create: string[]; update: string[]; present: string[] }> {
  const [groups, filters] = await onLocalTarget(p.state, (send) =>
    Promise.all([
      all<{ logGroupName: string; retentionInDays?: number }>(send, 'DescribeLogGroups', 'logGroups'),
      all<{ logGroupName: string; filterName: string }>(send, 'DescribeMetricFilters', 'metricFilters'),
    ]),
  );
  const retention = new Map(groups.map((g) => [g.logGroupName, g.retentionInDays]));
  const filtered = new Set(filters.map((f) => f.logGroupName));
  const work = { create: [] as string[], update: [] as string[], present: [] as string[] };
  for (let i = 0; i < GROUPS; i++) {
    const group = `logGroup "${name(i)}"`;
    const filter = `metricFilter "${name(i)}/errors"`;
    if (!retention.has(name(i))) work.create.push(group);
    else if (retention.get(name(i)) !== 14) work.update.push(group);
    else work.present.push(group);
    (filtered.has(name(i)) ? work.present : work.create).push(filter);
  }
  return work;
}

test('killed mid-apply: state stays readable, the dead lock is recovered, plan shows exactly the rest, apply converges', async () => {
  p.write('fleet.yaml', fleet());
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/bin.ts', 'apply', p.manifests, '--auto-approve', '--state', p.state, '--no-color'], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const reported = await killAfterProgress(child, 5);

  // nothing half-written: both documents parse; ownership of everything planned was written ahead
  const state = readJson('logwarden.json');
  assert.is(state.format, 1);
  const owned = state.targets['local|123456789012|us-east-1'];
  assert.is(Object.keys(owned).length, GROUPS);
  assert.ok(Object.values(owned).every((r) => (r as { origin: string }).origin === 'created'));
  assert.is(readJson('engine.json').format, 2);
  assert.is(readJson('lock.json').pid, child.pid, 'the dead process left its lock behind');

  // the next run is not blocked by the dead process's lock
  const made = await lw('plan', p.manifests, '--json');
  assert.is(made.code, 0, made.err);
  assert.not.ok(existsSync(join(p.state, 'lock.json')), 'the next run released the lock it recovered');
  const plan = JSON.parse(made.out) as { resource_changes: { address: string; action: string; adopt: boolean }[] };
  const planned = (action: string) => plan.resource_changes.filter((c) => c.action === action).map((c) => c.address).sort();
  const work = await remainingWork();
  assert.ok(work.create.length > 0 && work.present.length > 0, `killed mid-apply: ${work.present.length} of ${2 * GROUPS} made`);
  assert.equal(planned('create'), work.create.sort());
  assert.equal(planned('update'), work.update.sort());
  assert.equal(planned('no-op'), work.present.sort());
  assert.is(plan.resource_changes.length, 2 * GROUPS);
  assert.ok(plan.resource_changes.every((c) => !c.adopt), 'owned (written ahead), so never adopted');
  // acknowledged means durable: nothing reported done before the kill is planned again
  for (const address of reported) assert.ok(work.present.includes(address), address);

  const rest = await lw('apply', p.manifests, '--auto-approve');
  assert.is(rest.code, 0, rest.out + rest.err);
  assert.match(rest.out, `Apply complete! Resources: ${work.create.length} added, ${work.update.length} changed, 0 replaced, 0 destroyed.`);
  assert.match(rest.out, `Converged: re-read ${work.create.length + work.update.length} resources; the target matches the manifests.`);
  const again = await lw('plan', p.manifests, '--detailed-exitcode');
  assert.is(again.code, 0, again.out + again.err);
});

/** A lock file as another machine's logwarden would have left it, last refreshed `ageMs` ago. */
function foreignLock(ageMs: number, pid = 4242, host = 'ci-runner-7'): void {
  writeFileSync(join(p.state, 'lock.json'), JSON.stringify({ pid, host, command: 'logwarden apply', since: '2024-05-01T10:00:00.000Z' }));
  const then = new Date(Date.now() - ageMs);
  utimesSync(join(p.state, 'lock.json'), then, then);
}

test("another host's lock is kept while it is refreshed, and recovered once it went stale", async () => {
  p.write('app.yaml', 'logGroups:\n  /app/api: { retentionInDays: 7 }\n');
  assert.is((await lw('apply', p.manifests, '--auto-approve')).code, 0);
  foreignLock(LOCK_STALE_AFTER_MS - 60_000);
  const held = await lw('apply', p.manifests, '--auto-approve');
  assert.is(held.code, 1);
  assert.match(held.err, `state directory ${p.state} is locked by logwarden apply (pid 4242 on ci-runner-7, since 2024-05-01T10:00:00.000Z)`);
  assert.is(readJson('lock.json').host, 'ci-runner-7', 'a live lock is never stolen');

  foreignLock(LOCK_STALE_AFTER_MS + 60_000);
  const recovered = await lw('plan', p.manifests, '--detailed-exitcode');
  assert.is(recovered.code, 0, recovered.out + recovered.err);
  assert.not.ok(existsSync(join(p.state, 'lock.json')));
});

test('a lock of a live process on this host is never stolen, however old', async () => {
  p.write('app.yaml', 'logGroups:\n  /app/api: { retentionInDays: 7 }\n');
  assert.is((await lw('apply', p.manifests, '--auto-approve')).code, 0);
  foreignLock(10 * LOCK_STALE_AFTER_MS, process.pid, hostname());
  const r = await lw('plan', p.manifests);
  assert.is(r.code, 1);
  assert.match(r.err, `is locked by logwarden apply (pid ${process.pid} on ${hostname()}`);
});

test.run();
