import { randomUUID } from 'node:crypto';
import { refresh, type Observed, type RefreshScope } from '../driver/refresh.js';
import { PacedSender } from '../driver/pacing.js';
import { adviceFor, isApiError } from '../driver/send.js';
import { TOP_LEVEL_KINDS, topLevel, type ResourceKind } from '../kinds/index.js';
import type { ApiCall } from '../model/calls.js';
import type { Change } from '../model/change.js';
import { hasErrors, type Diagnostic } from '../model/diagnostics.js';
import { addressKey } from '../model/address.js';
import { emptyResourceSet, resourceSet, type ResourceSet } from '../model/resources.js';
import { estimateCost, type PlanCost } from '../cost/estimate.js';
import type { RuleResult } from '../guardrails/types.js';
import { resolveGuardrails } from '../manifest/guardrails.js';
import { loadManifests, type Manifest } from '../manifest/load.js';
import { resolveManifest, type Desired } from '../manifest/resolve.js';
import { planCalls } from '../plan/calls.js';
import { diffResources } from '../plan/changes.js';
import { fingerprint } from '../plan/fingerprint.js';
import { renderPlanJson } from '../render/plan-json.js';
import { renderPlanMarkdown } from '../render/plan-markdown.js';
import { renderPlanText } from '../render/plan-text.js';
import { COLOR, NO_COLOR, type Style } from '../render/values.js';
import { writeSavedPlan, type ExecutablePlan } from '../state/saved-plan.js';
import { ownedNames, type OwnedResources } from '../state/workspace.js';
import { UsageError, type ParsedArgs } from './args.js';
import { checkDesired } from './checks.js';
import { openSession, type Session } from './session.js';
import { simulate, simulationDiagnostics } from './simulate.js';

/** A computed plan: everything `plan` prints and saves, and `apply` executes. */
export interface ComputedPlan extends ExecutablePlan {
  readCalls: Record<string, number>;
  diagnostics: Diagnostic[];
  /** The manifests' guardrails over the desired state (violations are among the diagnostics too). */
  guardrails: RuleResult[];
  cost: PlanCost;
}

/** Colour only on a TTY, never with --no-color or NO_COLOR. */
export function styleFor(args: ParsedArgs, out: NodeJS.WritableStream): Style {
  const tty = (out as NodeJS.WriteStream).isTTY === true;
  return tty && !args.flag('no-color') && !process.env.NO_COLOR ? COLOR : NO_COLOR;
}

/**
 * The resources no error diagnostic points into (a nested part's error faults its whole top-level
 * resource, and anything referring to a faulted resource fails in the simulation for that reason alone).
 */
export function withoutFaulted(resources: ResourceSet, diagnostics: Diagnostic[]): ResourceSet {
  const faulted = new Set(diagnostics.filter((d) => d.severity === 'error' && d.address).map((d) => addressKey(topLevel(d.address!))));
  return resourceSet([...resources.values()].filter((r) => !faulted.has(addressKey(topLevel(r.address)))));
}

/** Names to read in depth: everything declared, and everything owned (it may have to be deleted). */
export function refreshScope(manifest: Manifest, owned: OwnedResources): RefreshScope {
  const scope: Partial<Record<ResourceKind, Set<string>>> = {};
  for (const kind of TOP_LEVEL_KINDS) scope[kind] = new Set([...manifest.declared.get(kind)!, ...ownedNames(owned, kind)]);
  return scope;
}

const emptyObserved = (): Observed => ({ resources: emptyResourceSet(), present: {}, facts: new Map() });

/** A failure to read the target, naming the target, the call and what to do. */
export function readFailure(e: unknown, target: string): unknown {
  if (!isApiError(e)) return e;
  return new Error(`reading ${target} failed: ${e.operation ? `${e.operation}: ` : ''}${e.code}: ${e.message}; ${adviceFor(e)}`);
}

/** Reads DIR and the target: the manifests resolved against the session's account and region. */
export async function readBoth(dir: string, session: Session) {
  const manifest = loadManifests(dir);
  const ctx = { account: session.account, region: session.region };
  const desired = resolveManifest(manifest, ctx);
  const guardrails = resolveGuardrails(manifest);
  const diagnostics = [...manifest.diagnostics, ...desired.diagnostics, ...guardrails.diagnostics];
  const scope = refreshScope(manifest, session.owned());
  const sender = new PacedSender(session.target.clients);
  const observed = hasErrors(diagnostics) ? emptyObserved() : await refresh(sender, scope).catch((e: unknown) => {
    throw readFailure(e, session.describe);
  });
  return { manifest, ctx, desired, rules: guardrails.rules, diagnostics, scope, observed, readCalls: sender.calls };
}

/** Loads, refreshes, diffs, orders and simulates: the plan of DIR against the session's target. */
export async function computePlan(dir: string, session: Session, allowReplace = false): Promise<ComputedPlan> {
  const read = await readBoth(dir, session);
  const { ctx, desired, diagnostics, observed } = read;
  let changes: Change[] = [];
  let calls: ApiCall[] = [];
  if (!hasErrors(diagnostics)) {
    changes = diffResources(desired.resources, observed.resources, session.ownership());
    calls = planCalls(changes, ctx);
    diagnostics.push(...(await simulatePlan(calls, session, observed, desired)));
  }
  const checked = checkDesired(read.rules, desired, diagnostics);
  diagnostics.push(...checked.diagnostics);
  return {
    id: randomUUID(),
    target: session.describe,
    targetKey: session.key,
    ctx,
    desired: desired.resources,
    externals: desired.externals,
    scope: read.scope,
    changes,
    calls,
    readCalls: read.readCalls,
    diagnostics,
    guardrails: checked.results,
    cost: estimateCost(changes, observed.facts, session.region, session.target.engine?.now() ?? Date.now()),
    basis: { lineage: session.workspace.lineage, serial: session.workspace.serial, fingerprint: fingerprint(observed.resources) },
    allowReplace,
  };
}

/** The plan's calls on a scratch engine: the local world itself, or one rebuilt from what was read. */
async function simulatePlan(calls: ApiCall[], session: Session, observed: Observed, desired: Desired): Promise<Diagnostic[]> {
  const engine = session.target.engine;
  const seed = engine ? { world: engine.world } : { observed: observed.resources };
  const ctx = { account: session.account, region: session.region };
  return simulationDiagnostics(await simulate(calls, seed, desired.externals, ctx), desired.sourceOf);
}

/** Whether a plan changes anything (adoptions count: they write ownership). */
export const hasChanges = (p: { changes: Change[] }): boolean => p.changes.some((c) => c.action !== 'no-op' || c.adopt);

const FORMATS = ['text', 'json', 'markdown'] as const;

/** `--format text|json|markdown`; `--json` is `--format json`. */
function planFormat(args: ParsedArgs): (typeof FORMATS)[number] {
  const given = args.string('format');
  if (given !== undefined && !(FORMATS as readonly string[]).includes(given)) throw new UsageError(`--format takes ${FORMATS.join(', ')}, not '${given}'`);
  if (args.flag('json') && given !== undefined && given !== 'json') throw new UsageError(`--json and --format ${given} contradict each other`);
  return args.flag('json') ? 'json' : ((given ?? 'text') as (typeof FORMATS)[number]);
}

/** `logwarden plan [DIR] [--out FILE] [--json | --format text|json|markdown] [--detailed-exitcode] [--allow-replace]`. */
export async function plan(args: ParsedArgs, out: NodeJS.WritableStream): Promise<number> {
  const format = planFormat(args);
  const session = await openSession(args, 'plan');
  try {
    const p = await computePlan(args.positionals[0] ?? '.', session, args.flag('allow-replace'));
    out.write(format === 'json' ? renderPlanJson(p) : format === 'markdown' ? renderPlanMarkdown(p) : renderPlanText(p, styleFor(args, out)));
    if (hasErrors(p.diagnostics)) return 1;
    const file = args.string('out');
    if (file) {
      await writeSavedPlan(file, p);
      if (format === 'text') out.write(`\nSaved the plan to ${file}. Apply exactly this plan with: logwarden apply ${file}\n`);
    }
    return args.flag('detailed-exitcode') && hasChanges(p) ? 2 : 0;
  } finally {
    await session.close();
  }
}
