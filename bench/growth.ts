import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ApplyChildReport } from './apply-child.js';
import type { LocalPlanReport } from './plan-local.js';
import { writeFleetManifest } from './plan-fleet.js';
import type { NotedFigure } from './plan.js';

/** The sizes: the curve must be linear across them; the targets are set at 10,000 groups. */
const SIZES = [1_000, 5_000, 10_000, 20_000];
const AT = 10_000;
const TARGETS = { applySeconds: 15, applyMB: 500, planSeconds: 3 };
/** Resources per fleet group: the group, its metric filter, its subscription filter. */
const RESOURCES_PER_GROUP = 3;
const MB = 1024 * 1024;

const fmt = (n: number) => n.toLocaleString('en-US');

async function child<T>(script: string, args: string[]): Promise<T> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script, ...args], { maxBuffer: 16 * MB });
  return JSON.parse(stdout) as T;
}

interface Point {
  groups: number;
  apply: ApplyChildReport;
  plan: LocalPlanReport;
}

/** One size: the fleet manifest applied from empty to a fresh state directory, then planned again (no changes). */
async function measure(groups: number): Promise<Point> {
  const dir = mkdtempSync(join(tmpdir(), 'logwarden-bench-growth-'));
  try {
    const manifests = join(dir, 'manifests');
    const state = join(dir, 'state');
    writeFleetManifest(manifests, groups);
    const apply = await child<ApplyChildReport>('bench/apply-child.ts', [manifests, '--state', state]);
    if (apply.code !== 0 || apply.resources !== groups * RESOURCES_PER_GROUP) {
      throw new Error(`growth bench: apply of ${fmt(groups)} groups exited ${apply.code} after ${apply.resources} resources:\n${apply.report.slice(-2000)}`);
    }
    const plan = await child<LocalPlanReport>('bench/plan-local.ts', [manifests, state]);
    if (plan.errors.length || plan.changed || plan.calls) {
      throw new Error(`growth bench: the plan after applying ${fmt(groups)} groups is not empty: ${plan.changed} changes, ${plan.calls} calls ${plan.errors.join('; ')}`);
    }
    return { groups, apply, plan };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * `npm run bench -- growth`: the local target from 1,000 to 20,000 groups — apply from empty, its
 * peak memory, and the no-change plan after it — each in its own process, with the targets
 * at 10,000 and the cost per 1,000 groups at every size (linear: the same at every size).
 */
export async function benchGrowth(): Promise<NotedFigure[]> {
  const points: Point[] = [];
  for (const groups of SIZES) points.push(await measure(groups));
  const figures: NotedFigure[] = [];
  for (const p of points) {
    const prefix = `local, ${fmt(p.groups)} groups:`;
    const at = p.groups === AT;
    const per1k = (ms: number) => `${((ms / 1000) * (1000 / p.groups)).toFixed(2)} s per 1,000 groups`;
    figures.push(
      {
        name: `${prefix} apply from empty`,
        value: p.apply.wallMs / 1000,
        unit: 's',
        ...(at && { target: `< ${TARGETS.applySeconds} s` }),
        note: `${per1k(p.apply.wallMs)}; plan ${(p.apply.planMs / 1000).toFixed(1)} s, calls ${((p.apply.lastProgressMs - p.apply.planMs) / 1000).toFixed(1)} s, re-read and state ${((p.apply.wallMs - p.apply.lastProgressMs) / 1000).toFixed(1)} s`,
      },
      { name: `${prefix} apply, peak RSS`, value: p.apply.peakRss / MB, unit: 'MB', ...(at && { target: `< ${TARGETS.applyMB} MB` }) },
      {
        name: `${prefix} plan, no changes`,
        value: p.plan.wallMs / 1000,
        unit: 's',
        ...(at && { target: `< ${TARGETS.planSeconds} s` }),
        note: `${per1k(p.plan.wallMs)}; ${fmt(Object.values(p.plan.readCalls).reduce((a, b) => a + b, 0))} read calls; peak RSS ${(p.plan.peakRss / MB).toFixed(0)} MB`,
      },
    );
  }
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const perGroup = (ms: number, p: Point) => ms / p.groups;
  figures.push(
    {
      name: `growth: apply per group, ${fmt(last.groups)} vs ${fmt(first.groups)} groups`,
      value: perGroup(last.apply.wallMs, last) / perGroup(first.apply.wallMs, first),
      unit: '×',
      target: '≤ 1.5 (linear)',
    },
    {
      name: `growth: no-change plan per group, ${fmt(last.groups)} vs ${fmt(first.groups)} groups`,
      value: perGroup(last.plan.wallMs, last) / perGroup(first.plan.wallMs, first),
      unit: '×',
      target: '≤ 1.5 (linear)',
    },
  );
  return figures;
}
