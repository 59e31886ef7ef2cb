import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { main } from '../src/cli/main.js';
import { loadEngineState } from '../src/engine/persist/snapshot.js';
import type { ApplyChildReport } from './apply-child.js';
import { startServeProcess } from './engine.js';
import { BENCH_CONTEXT, SINK_FUNCTION, writeFleetManifest } from './plan-fleet.js';
import type { NotedFigure } from './plan.js';

const REMOTE_GROUPS = 2_000;
const LOCAL_GROUPS = 10_000;
/** Resources per fleet group: the group, its metric filter, its subscription filter. */
const RESOURCES_PER_GROUP = 3;
/** The faulted run: this share of API calls fails with a transient error. */
const FAULTS = { rate: 0.1, errors: ['ThrottlingException', 'ServiceUnavailableException'], seed: 7 };
const MB = 1024 * 1024;

const fmt = (n: number) => n.toLocaleString('en-US');

/** Refuses to report numbers for an apply that failed or did not come out as expected. */
function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(`apply bench: ${message}`);
}

/** The apply report's totals: `N calls sent, M retries after transient errors.` */
interface ApplyTotals {
  calls: number;
  retries: number;
  converged: string;
}

function totalsOf(run: ApplyChildReport): ApplyTotals {
  check(run.code === 0, `apply exited ${run.code}:\n${run.report.slice(-2000)}`);
  const sent = /^(\d+) calls? sent(?:, (\d+) retr(?:y|ies) after transient errors)?\.$/m.exec(run.report);
  const converged = /^Converged: .*$/m.exec(run.report);
  check(sent !== null && converged !== null, `unexpected apply report:\n${run.report.slice(-2000)}`);
  return { calls: Number(sent![1]), retries: Number(sent![2] ?? 0), converged: converged![0] };
}

/** `logwarden apply ARGS` in a child process (bench/apply-child.ts), so its memory is its own. */
async function applyInChild(args: string[]): Promise<ApplyChildReport> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'bench/apply-child.ts', ...args], {
    maxBuffer: 16 * MB,
  });
  return JSON.parse(stdout) as ApplyChildReport;
}

/** `logwarden plan --detailed-exitcode` in process: exit 0 means nothing to change. */
async function planShowsNoChanges(args: string[]): Promise<void> {
  let printed = '';
  const sink = new Writable({ write: (chunk, _e, done) => ((printed += chunk.toString()), done()) });
  const code = await main(['plan', ...args, '--detailed-exitcode', '--no-color'], sink, sink);
  check(code === 0, `plan after apply exited ${code} (2 = changes):\n${printed.slice(-2000)}`);
}

async function admin(url: string, route: string, body: unknown): Promise<void> {
  const res = await fetch(`${url}/_engine/${route}`, { method: 'POST', body: JSON.stringify(body) });
  check(res.ok, `POST /_engine/${route}: HTTP ${res.status}`);
}

/** The figures of one apply: wall time split into its phases, calls and retries, peak memory. */
function applyFigures(prefix: string, run: ApplyChildReport, totals: ApplyTotals, groups: number): NotedFigure[] {
  const s = (ms: number) => (ms / 1000).toFixed(1);
  return [
    {
      name: `${prefix} apply from empty, wall time`,
      value: run.wallMs / 1000,
      unit: 's',
      note:
        `plan (load, refresh, diff, simulate, print) ${s(run.planMs)} s; calls ${s(run.lastProgressMs - run.planMs)} s; ` +
        `re-read, state and report ${s(run.wallMs - run.lastProgressMs)} s. ${totals.converged}`,
    },
    { name: `${prefix} calls sent (retries included)`, value: totals.calls, unit: 'calls', note: `${fmt(groups * RESOURCES_PER_GROUP)} resources` },
    { name: `${prefix} calls per second during the calls phase`, value: totals.calls / ((run.lastProgressMs - run.planMs) / 1000), unit: 'calls/s' },
    { name: `${prefix} retries after transient errors`, value: totals.retries, unit: 'retries' },
  ];
}

/** 2,000 groups applied to `logwarden serve` in its own process over HTTP; then with 10 % faults. */
async function benchRemoteApply(groups: number): Promise<NotedFigure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'logwarden-bench-apply-'));
  const server = await startServeProcess();
  try {
    const manifests = join(dir, 'manifests');
    writeFleetManifest(manifests, groups);
    const figures: NotedFigure[] = [];
    for (const faulted of [false, true]) {
      await admin(server.url, 'reset', {});
      await admin(server.url, 'externals', { region: BENCH_CONTEXT.region, lambdaFunctions: [SINK_FUNCTION] });
      if (faulted) await admin(server.url, 'faults', FAULTS);
      const target = [manifests, '--endpoint', server.url, '--account', BENCH_CONTEXT.account, '--state', join(dir, faulted ? 'state-faults' : 'state')];
      const run = await applyInChild(target);
      await admin(server.url, 'faults', { rate: 0 });
      const totals = totalsOf(run);
      check(run.resources === groups * RESOURCES_PER_GROUP, `${run.resources} progress lines for ${groups * RESOURCES_PER_GROUP} resources`);
      await planShowsNoChanges(target);
      const prefix = faulted
        ? `serve (HTTP), ${fmt(groups)} groups, ${FAULTS.rate * 100} % faults:`
        : `serve (HTTP), ${fmt(groups)} groups:`;
      figures.push(...applyFigures(prefix, run, totals, groups));
      figures.push({ name: `${prefix} plan after apply`, value: 0, unit: 'changes', note: 'plan --detailed-exitcode exits 0' });
    }
    return figures;
  } finally {
    server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** 10,000 groups planned and applied on the embedded engine persisted in a temp state directory. */
async function benchLocalApply(groups: number): Promise<NotedFigure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'logwarden-bench-apply-local-'));
  try {
    const manifests = join(dir, 'manifests');
    writeFleetManifest(manifests, groups);
    const run = await applyInChild([manifests, '--state', join(dir, 'state')]);
    const totals = totalsOf(run);
    const writes = loadEngineState(join(dir, 'state')).serial;
    check(run.resources === groups * RESOURCES_PER_GROUP, `${run.resources} progress lines for ${groups * RESOURCES_PER_GROUP} resources`);
    const prefix = `local, ${fmt(groups)} groups:`;
    return [
      ...applyFigures(prefix, run, totals, groups),
      {
        name: `${prefix} apply, peak RSS of its process`,
        value: run.peakRss / MB,
        unit: 'MB',
        note:
          `${(run.baselineRss / MB).toFixed(0)} MB before the apply started (node, tsx, SDK modules); highest sampled: ` +
          `plan ${(run.phaseRss.plan / MB).toFixed(0)} MB, calls ${(run.phaseRss.calls / MB).toFixed(0)} MB, re-read ${(run.phaseRss.after / MB).toFixed(0)} MB`,
      },
      {
        name: `${prefix} engine group commits (state serial)`,
        value: writes,
        unit: 'writes',
        note: 'each one log record (or, when the log outgrew it, a snapshot) that acknowledges every call waiting on it',
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `npm run bench -- apply`: apply over HTTP against `serve` (clean and faulted), and a large local apply. */
export async function benchApply(remoteGroups = REMOTE_GROUPS, localGroups = LOCAL_GROUPS): Promise<NotedFigure[]> {
  return [...(await benchRemoteApply(remoteGroups)), ...(await benchLocalApply(localGroups))];
}
