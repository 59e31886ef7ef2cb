import { statSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { confirmConvergence } from '../apply/converge.js';
import { outcomeKey, runCalls, type RunReport } from '../apply/run.js';
import { PacedSender } from '../driver/pacing.js';
import { refresh } from '../driver/refresh.js';
import type { ApiError } from '../driver/send.js';
import { addressKey, formatAddress, type Address } from '../model/address.js';
import type { ApiCall } from '../model/calls.js';
import type { Change } from '../model/change.js';
import { formatScope, scopeKey } from '../model/scope.js';
import type { Ownership } from '../plan/changes.js';
import { hasErrors } from '../model/diagnostics.js';
import { parentOf, topLevel } from '../kinds/index.js';
import { presentAddresses } from '../plan/drift.js';
import { fingerprint, fingerprintMoves } from '../plan/fingerprint.js';
import { renderApplyReport, progressLine } from '../render/apply-text.js';
import { renderPlanText } from '../render/plan-text.js';
import type { Style } from '../render/values.js';
import { changesOf, readSavedPlan, type ExecutablePlan, type ScopePlan } from '../state/saved-plan.js';
import type { OwnedResources } from '../state/workspace.js';
import { UsageError, type ParsedArgs } from './args.js';
import { computePlan, hasChanges, organizationOf, planOptions, planView, styleFor } from './plan.js';
import { readFailure } from './read.js';
import { setOrganization } from './simulate.js';
import { openSession, type Session } from './session.js';

const isFile = (path: string) => statSync(path, { throwIfNoEntry: false })?.isFile() === true;

/**
 * `logwarden apply [DIR | PLANFILE] [--auto-approve] [--allow-replace]`: plans DIR (or takes a saved
 * plan, refused if its basis moved), asks, runs the calls, re-reads, and records ownership.
 */
export async function apply(args: ParsedArgs, out: NodeJS.WritableStream): Promise<number> {
  const input = args.positionals[0] ?? '.';
  const saved = isFile(input) ? readSavedPlan(input) : undefined;
  const options = planOptions(args);
  if (saved && (options.only || options.allowDestroy)) throw new UsageError('a saved plan is applied exactly as it was planned: give --only and --allow-destroy to plan --out instead');
  const style = styleFor(args, out);
  const session = await openSession(args, 'apply');
  try {
    let plan: ExecutablePlan;
    if (saved) {
      const refusal = await refusalOf(saved, session);
      if (refusal) {
        out.write(`${style.remove('Error')}: the saved plan ${input} ${refusal.headline}; nothing was changed.\n${refusal.reasons.map((r) => `  - ${r}\n`).join('')}${refusal.advice}\n`);
        return 1;
      }
      plan = saved;
      out.write(renderPlanText(planView(plan), style));
    } else {
      const computed = await computePlan(input, session, options);
      out.write(renderPlanText(planView(computed), style));
      if (hasErrors(computed.diagnostics)) return 1;
      if (!hasChanges(computed)) return 0;
      plan = computed;
    }
    // refused before anyone is asked to approve what cannot run
    const refused = refusedReplacements(plan);
    if (refused.length) {
      out.write(`\n${style.remove('Error')}: this plan replaces ${refused.join(', ')}; replacing deletes the resource (a log group's events with it). Nothing was changed.\nPlan again with --allow-replace to allow it.\n`);
      return 1;
    }
    if (!saved && !(await confirm(args, out))) return 1;
    return await execute(plan, session, out, style);
  } finally {
    await session.close();
  }
}

/** Why a saved plan may not be applied: made for another target, applied already, or stale. */
interface Refusal {
  headline: string;
  reasons: string[];
  advice: string;
}

async function refusalOf(plan: ExecutablePlan, session: Session): Promise<Refusal | undefined> {
  const ws = session.workspace;
  if (plan.targetKey !== session.key) {
    return {
      headline: 'is for another target',
      reasons: [`it was made for ${plan.target} (${plan.targetKey})`, `this is ${session.describe} (${session.key})`],
      advice: 'Apply it with the options it was planned with, or plan again for this target.',
    };
  }
  const applied = ws.appliedAt(plan.id);
  if (applied) return { headline: 'was applied already', reasons: [`it was applied at ${applied}`], advice: "A saved plan applies once; run 'logwarden plan' to see what, if anything, is left to do." };
  if (!ws.exists && plan.basis.serial === 0) ws.adoptLineage(plan.basis.lineage);
  const reasons = await staleness(plan, session);
  return reasons.length ? { headline: 'is stale', reasons, advice: 'Plan again.' } : undefined;
}

/** How the basis of a saved plan moved since it was made; empty when it still holds. */
async function staleness(plan: ExecutablePlan, session: Session): Promise<string[]> {
  const ws = session.workspace;
  if (ws.lineage !== plan.basis.lineage) return [`it was made against another state (lineage ${plan.basis.lineage}; ${ws.dir} has ${ws.lineage})`];
  const reasons: string[] = [];
  if (ws.serial !== plan.basis.serial) {
    reasons.push(`the state moved from serial ${plan.basis.serial} to ${ws.serial} since the plan was made (an apply ran in between)`);
  }
  const moves = await Promise.all(
    plan.scopes
      .filter((sp) => !sp.error)
      .map(async (sp) => {
        let observed;
        try {
          observed = await refresh(new PacedSender(session.clientsFor(sp.scope, plan.settings)), sp.refresh);
        } catch (e) {
          // one scope that cannot be re-read is left out of a fleet's apply (and reported); alone, it stops it
          if (!plan.fleet) throw e;
          sp.error = `could not be re-read before applying: ${readFailure(e, session.describeScope(sp.scope))}`;
          return [];
        }
        const where = plan.fleet ? ` (${formatScope(sp.scope)})` : '';
        return fingerprintMoves(sp.fingerprint, fingerprint(observed.resources)).map((m) => `in the target${where}, ${m} since the plan was made`);
      }),
  );
  reasons.push(...moves.flat());
  return reasons;
}

/** Asks on a terminal; without one, only --auto-approve goes ahead. */
async function confirm(args: ParsedArgs, out: NodeJS.WritableStream): Promise<boolean> {
  if (args.flag('auto-approve')) return true;
  if (!process.stdin.isTTY || (out as NodeJS.WriteStream).isTTY !== true) {
    throw new UsageError('apply needs a confirmation and there is no terminal to ask on: pass --auto-approve (e.g. in CI), or apply a saved plan (plan --out FILE, then apply FILE)');
  }
  const rl = createInterface({ input: process.stdin, output: out });
  try {
    const answer = await rl.question("\nDo you want to perform these actions?\n  Only 'yes' will be accepted to approve.\n\n  Enter a value: ");
    if (answer.trim() === 'yes') return true;
    out.write('\nApply cancelled; nothing was changed.\n');
    return false;
  } finally {
    rl.close();
  }
}

function refusedReplacements(plan: ExecutablePlan): string[] {
  if (plan.allowReplace) return [];
  return changesOf(plan).filter((c) => c.action === 'replace').map((c) => `${formatAddress(c.address)} (${c.attributes.filter((a) => a.forcesReplacement).map((a) => a.path).join(', ')})`);
}

/** Runs the calls with progress, confirms convergence, and keeps ownership in step with the target, scope by scope. */
async function execute(plan: ExecutablePlan, session: Session, out: NodeJS.WritableStream, style: Style): Promise<number> {
  prepareLocalEngine(plan, session);
  const scopes = plan.scopes.filter((sp) => !sp.error);
  if (plan.pinDefaults) session.workspace.pin(session.prefix, plan.defaults);
  await session.workspace.commitAll(new Map(scopes.map((sp) => [sp.targetKey, (owned: OwnedResources) => recordIntent(sp.changes, owned)])), plan.id);
  const ownership = new Map(scopes.map((sp) => [scopeKey(sp.scope), session.ownership(sp.scope)]));
  out.write('\n');
  const senders = new Map(scopes.map((sp) => [scopeKey(sp.scope), new PacedSender(session.clientsFor(sp.scope, plan.settings))]));
  const fallback = senders.get(scopeKey(scopes[0]?.scope ?? plan.defaults))!;
  const left = new Set(plan.scopes.filter((sp) => sp.error).map((sp) => scopeKey(sp.scope)));
  const calls = plan.calls.filter((c) => c.scope === undefined || !left.has(c.scope));
  const run = await runWithProgress({ ...plan, calls }, (call) => (call.scope ? senders.get(call.scope)! : fallback), out, style);
  const rereads = await Promise.all(scopes.map((sp) => reread(sp, session, plan, ownership.get(scopeKey(sp.scope))!)));
  await session.workspace.commitAll(new Map(rereads.filter((r) => r.present).map((r) => [r.scope.targetKey, (owned: OwnedResources) => prune(r.touched, r.present!, owned)])));
  const convergence = {
    checked: rereads.reduce((n, r) => n + r.checked, 0),
    diverged: rereads.flatMap((r) => r.diverged),
    errors: rereads.flatMap((r) => (r.error ? [r.error] : [])),
  };
  out.write(renderApplyReport(changesOf(plan), run, convergence, style));
  for (const sp of plan.scopes.filter((x) => x.error)) out.write(`${style.remove('Not planned')}: ${formatScope(sp.scope)}: ${sp.error}\n`);
  const clean = run.resources.every((o) => o.status === 'done') && convergence.diverged.length === 0 && convergence.errors.length === 0 && scopes.length === plan.scopes.length;
  return clean ? 0 : 1;
}

/** The local engine learns the manifests' externals and organization before the calls (AWS has them for real). */
function prepareLocalEngine(plan: ExecutablePlan, session: Session): void {
  const engine = session.target.engine;
  if (!engine) return;
  for (const sp of plan.scopes) engine.registerExternals({ ...sp.externals, region: sp.scope.region, account: sp.scope.account });
  const org = organizationOf(plan.settings, plan.scopes);
  if (org) setOrganization(engine, org);
}

/** One scope re-read after the calls: what the apply touched there should now match the manifests. */
async function reread(sp: ScopePlan, session: Session, plan: ExecutablePlan, ownership: Ownership) {
  const touched = sp.changes.filter((c) => c.action !== 'no-op' || c.adopt).map((c) => c.address);
  const base = { scope: sp, touched, checked: 0, diverged: [] as Change[], present: undefined as Set<string> | undefined, error: undefined as string | undefined };
  try {
    const c = await confirmConvergence(new PacedSender(session.clientsFor(sp.scope, plan.settings)), sp.desired, touched, ownership);
    const diverged = plan.fleet ? c.diverged.map((d) => ({ ...d, scope: scopeKey(sp.scope) })) : c.diverged;
    return { ...base, checked: c.checked, diverged, present: new Set(presentAddresses(c.observed.present).map(addressKey)) };
  } catch (e) {
    // the calls' report still stands; ownership stays as written ahead (the next plan re-reads)
    const err = e as Partial<ApiError>;
    const message = err.code ? `${err.code}: ${err.message}` : String((e as Error).message ?? e);
    return { ...base, error: plan.fleet ? `${formatScope(sp.scope)}: ${message}` : message };
  }
}

/** Ownership records of touched resources that are gone from the target are dropped. */
function prune(touched: Address[], present: Set<string>, owned: OwnedResources): void {
  for (const a of touched.map(topLevel)) if (!present.has(addressKey(a))) delete owned[addressKey(a)];
}

/** The calls, one progress line per resource; Ctrl-C lets the calls in flight finish and starts nothing new. */
async function runWithProgress(plan: ExecutablePlan, senderOf: (call: ApiCall) => PacedSender, out: NodeJS.WritableStream, style: Style): Promise<RunReport> {
  const actionOf = new Map(changesOf(plan).map((c) => [outcomeKey(c.scope, c.address), c.action]));
  const interrupt = new AbortController();
  const onInterrupt = () => {
    out.write('\nInterrupted: the calls in flight finish, nothing new starts (Ctrl-C again to stop at once).\n');
    interrupt.abort('interrupted (Ctrl-C)');
  };
  process.once('SIGINT', onInterrupt);
  try {
    return await runCalls(
      plan.calls,
      senderOf,
      (o, done, total) => out.write(`${progressLine(o, done, total, actionOf.get(outcomeKey(o.scope, o.address)), style)}\n`),
      interrupt.signal,
    );
  } finally {
    process.off('SIGINT', onInterrupt);
  }
}

/**
 * Written before the first call (write-ahead): what this apply creates or adopts is owned even if
 * the process dies mid-apply. Records of things that never came to exist are dropped afterwards.
 */
function recordIntent(changes: Change[], owned: OwnedResources): void {
  const since = new Date().toISOString();
  for (const c of changes) {
    if (parentOf(c.address) !== undefined) continue; // nested parts are owned through their top-level resource
    const key = addressKey(c.address);
    if (c.action === 'create' || c.action === 'replace') owned[key] = { origin: 'created', since, ...(owned[key]?.protected === false && { protected: false as const }) };
    else if (c.adopt && c.action !== 'delete' && !Object.hasOwn(owned, key)) owned[key] = { origin: 'adopted', since };
    // what protects a group's events outlives its declaration: state keeps it
    if (c.protection && Object.hasOwn(owned, key)) {
      const { protected: _, ...record } = owned[key]!;
      owned[key] = c.protection === 'off' ? { ...record, protected: false } : record;
    }
  }
}
