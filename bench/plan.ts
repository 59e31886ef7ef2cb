import { changesOf } from '../src/state/saved-plan.js';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { parseCommandLine } from '../src/cli/args.js';
import { main } from '../src/cli/main.js';
import { computePlan, type ComputedPlan } from '../src/cli/plan.js';
import { openSession } from '../src/cli/session.js';
import { Engine } from '../src/engine/engine.js';
import { loadManifests } from '../src/manifest/load.js';
import { resolveManifest } from '../src/manifest/resolve.js';
import { addressKey } from '../src/model/address.js';
import { emptyResourceSet, resourcesOf } from '../src/model/resources.js';
import { planCalls } from '../src/plan/calls.js';
import { diffResources } from '../src/plan/changes.js';
import { targetKey, Workspace } from '../src/state/workspace.js';
import { startServeProcess, type Figure } from './engine.js';
import { BENCH_CONTEXT, SINK_FUNCTION, writeFleetManifest } from './plan-fleet.js';
import type { LocalPlanReport } from './plan-local.js';

/** A figure with a line of explanation printed under it. */
export interface NotedFigure extends Figure {
  note?: string;
}

const REMOTE_GROUPS = 2_000;
const LOCAL_GROUPS = 10_000;
const MB = 1024 * 1024;

/** The read budget for N managed groups: one tag read each, plus pages and fixed reads. */
const readBudget = (n: number) => n + 3 * Math.ceil(n / 50) + 10;

const fmt = (n: number) => n.toLocaleString('en-US');

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const start = performance.now();
  const value = await fn();
  return { value, seconds: (performance.now() - start) / 1000 };
}

/** Refuses to report numbers for a plan that failed or did not come out as expected. */
function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(`plan bench: ${message}`);
}

function errorsOf(plan: ComputedPlan): string[] {
  return plan.diagnostics.filter((d) => d.severity === 'error').map((d) => d.summary);
}

/** `logwarden apply --auto-approve` in process: the project's own pipeline creates the fleet. */
async function applyCli(argv: string[]): Promise<void> {
  let printed = '';
  const sink = new Writable({ write: (chunk, _e, done) => ((printed += chunk.toString()), done()) });
  const code = await main(['apply', ...argv, '--auto-approve', '--no-color'], sink, sink);
  check(code === 0, `apply exited ${code}:\n${printed.slice(-2000)}`);
}

/** Nothing to create, change, adopt or call: the seeded target matches the manifest. */
function checkInSync(changed: number, calls: number, where: string): void {
  check(changed === 0 && calls === 0, `${where}: expected 0 changes, got ${changed} changes and ${calls} calls`);
}

/** Changes a plan would show (anything but a no-op of an owned resource). */
const shownChanges = (plan: ComputedPlan) => changesOf(plan).filter((c) => c.action !== 'no-op' || c.adopt).length;

function readCallFigures(prefix: string, readCalls: Record<string, number>, groups: number): NotedFigure[] {
  const total = Object.values(readCalls).reduce((a, b) => a + b, 0);
  const budget = readBudget(groups);
  const subscriptionReads = readCalls['logs:DescribeSubscriptionFilters'] ?? 0;
  const over = total - budget;
  // the floor counts one tag read per group; AWS also needs one subscription read per group
  const floor = budget + groups;
  const note =
    over > 0
      ? `over budget by ${fmt(over)}: per-group DescribeSubscriptionFilters (${fmt(subscriptionReads)} calls), which AWS offers no bulk form of; ` +
        `${total <= floor ? 'within' : 'over'} N + 3·⌈N/50⌉ + 10 + N = ${fmt(floor)} by ${fmt(Math.abs(floor - total))}`
      : `within budget by ${fmt(-over)}`;
  const figures: NotedFigure[] = [
    { name: `${prefix} read calls, total`, value: total, unit: 'calls', target: `≤ ${fmt(budget)} = N + 3·⌈N/50⌉ + 10`, note },
  ];
  for (const [api, count] of Object.entries(readCalls).sort()) {
    figures.push({ name: `${prefix}   ${api}`, value: count, unit: 'calls' });
  }
  return figures;
}

async function registerSink(url: string): Promise<void> {
  const res = await fetch(`${url}/_engine/externals`, {
    method: 'POST',
    body: JSON.stringify({ region: BENCH_CONTEXT.region, lambdaFunctions: [SINK_FUNCTION] }),
  });
  check(res.ok, `registering externals: HTTP ${res.status}`);
}

/** Managed groups against `logwarden serve` in its own process, over HTTP: applied, then planned. */
async function benchRemotePlan(groups: number): Promise<NotedFigure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'logwarden-bench-plan-'));
  const server = await startServeProcess();
  try {
    const manifests = join(dir, 'manifests');
    writeFleetManifest(manifests, groups);
    await registerSink(server.url);
    const targetArgs = [manifests, '--endpoint', server.url, '--account', BENCH_CONTEXT.account, '--state', join(dir, 'state')];
    const seed = await timed(() => applyCli(targetArgs));
    const session = await openSession(parseCommandLine(['plan', ...targetArgs]), 'plan');
    try {
      const { value: plan, seconds } = await timed(() => computePlan(manifests, session));
      check(errorsOf(plan).length === 0, `plan failed: ${errorsOf(plan).slice(0, 3).join('; ')}`);
      checkInSync(shownChanges(plan), plan.calls.length, 'plan after apply, over HTTP');
      const prefix = `serve (HTTP), ${fmt(groups)} groups:`;
      return [
        { name: `${prefix} logwarden apply from empty (the seed)`, value: seed.seconds, unit: 's' },
        {
          name: `${prefix} plan, in sync`,
          value: seconds,
          unit: 's',
          note: `load + refresh + diff + simulate: ${fmt(changesOf(plan).length)} resources, 0 changes, 0 calls`,
        },
        ...readCallFigures(prefix, plan.readCalls, groups),
      ];
    } finally {
      await session.close();
    }
  } finally {
    server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Writes the manifest's resources straight into a persisted local engine (engine.invoke, in order:
 * planCalls puts every call after what it depends on) and records the groups as created, as an
 * apply would; both files are on disk when it returns. Returns the number of calls.
 */
async function seedLocal(dir: string, stateDir: string): Promise<number> {
  const desired = resolveManifest(loadManifests(dir), BENCH_CONTEXT);
  check(desired.diagnostics.length === 0, `manifest: ${desired.diagnostics[0]?.summary}`);
  const calls = planCalls(diffResources(desired.resources, emptyResourceSet(), { isOwned: () => false }), BENCH_CONTEXT);
  const engine = new Engine({ stateDir, account: BENCH_CONTEXT.account });
  engine.registerExternals({ ...desired.externals, region: BENCH_CONTEXT.region });
  const identity = { ...BENCH_CONTEXT, accessKeyId: 'AKIDBENCH', requestId: 'bench-seed' };
  for (const call of calls) engine.invoke(call.service, call.operation, call.input, identity);
  await engine.close();
  const workspace = Workspace.open(stateDir, 'logwarden bench');
  try {
    const since = new Date().toISOString();
    await workspace.commit(targetKey('local', BENCH_CONTEXT.account, BENCH_CONTEXT.region), (owned) => {
      for (const r of resourcesOf(desired.resources, 'logGroup')) owned[addressKey(r.address)] = { origin: 'created', since };
    });
  } finally {
    await workspace.close();
  }
  return calls.length;
}

/** The plan runs in a child process so that its peak RSS is the plan's alone. */
async function planInChild(dir: string, stateDir: string): Promise<LocalPlanReport> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'bench/plan-local.ts', dir, stateDir], {
    maxBuffer: 16 * MB,
  });
  return JSON.parse(stdout) as LocalPlanReport;
}

/** Managed groups against the embedded engine persisted in a temp state directory. */
async function benchLocalPlan(groups: number): Promise<NotedFigure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'logwarden-bench-local-'));
  try {
    writeFleetManifest(join(dir, 'manifests'), groups);
    const seed = await timed(() => seedLocal(join(dir, 'manifests'), join(dir, 'state')));
    const report = await planInChild(join(dir, 'manifests'), join(dir, 'state'));
    check(report.errors.length === 0, `local plan failed: ${report.errors.slice(0, 3).join('; ')}`);
    checkInSync(report.changed, report.calls, 'local plan after seeding');
    const prefix = `local, ${fmt(groups)} groups:`;
    const reads = Object.values(report.readCalls).reduce((a, b) => a + b, 0);
    return [
      { name: `${prefix} seed, ${fmt(seed.value)} calls by engine.invoke`, value: seed.seconds, unit: 's' },
      {
        name: `${prefix} plan, in sync`,
        value: report.wallMs / 1000,
        unit: 's',
        note: `open state + load + refresh + diff + simulate: ${fmt(report.unchanged)} resources, 0 changes, 0 calls, ${fmt(reads)} read calls`,
      },
      {
        name: `${prefix} plan, peak RSS of its process`,
        value: report.peakRss / MB,
        unit: 'MB',
        note: `${(report.baselineRss / MB).toFixed(0)} MB of it before the plan started (node, tsx, SDK modules)`,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `npm run bench -- plan`: plan over HTTP against `serve`, and a large local plan. */
export async function benchPlan(remoteGroups = REMOTE_GROUPS, localGroups = LOCAL_GROUPS): Promise<NotedFigure[]> {
  return [...(await benchRemotePlan(remoteGroups)), ...(await benchLocalPlan(localGroups))];
}
