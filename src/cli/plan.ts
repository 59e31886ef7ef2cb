import { randomUUID } from 'node:crypto';
import { topLevel } from '../kinds/index.js';
import { formatSource, hasErrors, type Diagnostic } from '../model/diagnostics.js';
import { parseArn } from '../aws/arn.js';
import type { CallResult } from '../model/calls.js';
import { addressKey } from '../model/address.js';
import { acts, type Change } from '../model/change.js';
import { resourceSet, type Externals, type ResourceSet } from '../model/resources.js';
import { formatScope, scopeKey, type Scope } from '../model/scope.js';
import type { FleetSettings } from '../manifest/scope.js';
import { estimateCost, mergeCosts, type PlanCost } from '../cost/estimate.js';
import type { RuleResult } from '../guardrails/types.js';
import { resolveGuardrails } from '../manifest/guardrails.js';
import { parseAddressPattern, type AddressPattern } from '../plan/address-pattern.js';
import { selectChanges } from '../plan/only.js';
import { planFleetCalls } from '../plan/fleet.js';
import { fingerprint } from '../plan/fingerprint.js';
import { renderPlanJson } from '../render/plan-json.js';
import { renderPlanMarkdown } from '../render/plan-markdown.js';
import { renderPlanText, type AssumedExternals, type PlanView } from '../render/plan-text.js';
import { COLOR, NO_COLOR, type Style } from '../render/values.js';
import { changesOf, writeSavedPlan, type ExecutablePlan, type ScopePlan } from '../state/saved-plan.js';
import { UsageError, type ParsedArgs } from './args.js';
import { checkDesired } from './checks.js';
import { readFleet, type FleetRead } from './read.js';
import { deletionProtectionAdvice, refusalDiagnostic, scopeChanges, sourceWithRules, type ScopeChanges } from './plan-changes.js';
import { openSession, type Session } from './session.js';
import { simulate, simulationDiagnostics, type SimulatedOrganization } from './simulate.js';

/** A computed plan: everything `plan` prints and saves, and `apply` executes. */
export interface ComputedPlan extends ExecutablePlan {
  readCalls: Record<string, number>;
  diagnostics: Diagnostic[];
  /** Against an endpoint or AWS: the externals the simulation took on trust (the target checks them for real). */
  assumed: AssumedExternals[];
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

/** How a plan's first line names the target: one scope as before; a fleet by its accounts and regions. */
export function fleetTarget(session: Session, read: { fleet: boolean; scopes: { scope: Scope }[] }): string {
  if (!read.fleet) return session.describe;
  const accounts = new Set(read.scopes.map((s) => s.scope.account)).size;
  const regions = new Set(read.scopes.map((s) => s.scope.region)).size;
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  return `${session.describe.replace(/, [^,]*$/, '')}, ${count(accounts, 'account')} in ${count(regions, 'region')}`;
}

/** The organization the local engine and simulations set up: the repository's, with every account of the fleet. */
export function organizationOf(settings: FleetSettings, scopes: { scope: Scope }[]): SimulatedOrganization | undefined {
  const org = settings.organization;
  if (!org) return undefined;
  const id = settings.accounts.get(org.managementAccount)?.id ?? org.managementAccount;
  return { id: org.id, managementAccount: id, members: [...new Set(scopes.map((s) => s.scope.account))] };
}

/** How a plan may go beyond the manifests' plain intent: replacements, deleting log data, a part of it only. */
export interface PlanOptions {
  allowReplace?: boolean;
  /** Log groups holding data may be deleted or replaced (their protection says no otherwise). */
  allowDestroy?: boolean;
  /** `--only`: only these resources, what lives in them, and what they need. */
  only?: AddressPattern[];
}

/** Loads, refreshes, diffs, orders and simulates: the plan of DIR against the session's target, scope by scope. */
export async function computePlan(dir: string, session: Session, options: PlanOptions = {}): Promise<ComputedPlan> {
  const read = await readFleet(dir, session);
  const { diagnostics } = read;
  const computed = read.scopes.map((r) => (!hasErrors(diagnostics) && !r.error ? scopeChanges(r, read.manifest, session) : undefined));
  for (const c of computed) diagnostics.push(...(c?.diagnostics ?? []));
  let changes = computed.map((c, i) => (c?.changes ?? []).map((ch) => (read.fleet ? { ...ch, scope: scopeKey(read.scopes[i]!.scope) } : ch)));
  const selection = options.only?.length ? selectChanges(read.scopes.map((r, i) => ({ scope: r.scope, changes: changes[i]! })), options.only) : undefined;
  if (selection) changes = selection.scopes.map((s) => s.changes);
  if (!options.allowDestroy) diagnostics.push(...refusals(read, computed, changes));
  const ok = !hasErrors(diagnostics);
  const scopes: ScopePlan[] = read.scopes.map((r, i) => ({
    scope: r.scope,
    targetKey: session.keyOf(r.scope),
    target: session.describeScope(r.scope),
    desired: computed[i]?.desired ?? r.desired.resources,
    externals: r.desired.externals,
    refresh: r.refresh,
    changes: ok ? changes[i]! : [],
    fingerprint: fingerprint(r.observed.resources),
    ...(r.error && { error: r.error }),
  }));
  const healthy = scopes.filter((s) => !s.error);
  const plan: ComputedPlan = {
    id: randomUUID(),
    target: fleetTarget(session, read),
    targetKey: session.key,
    fleet: read.fleet,
    pinDefaults: [...read.manifest.scopes.values()].some((s) => s.declared.account === undefined || s.declared.region === undefined),
    defaults: session.defaults,
    scopes,
    calls: ok ? planFleetCalls(healthy, read.fleet) : [],
    settings: read.manifest.settings,
    readCalls: sumCalls(read.scopes.map((s) => s.readCalls)),
    diagnostics,
    basis: { lineage: session.workspace.lineage, serial: session.workspace.serial },
    ...checksOf(read, scopes, diagnostics, session),
    assumed: session.target.engine ? [] : scopes.filter((sp) => hasExternals(sp.externals)).map((sp) => ({ ...(read.fleet && { scope: scopeKey(sp.scope) }), externals: sp.externals })),
    allowReplace: options.allowReplace ?? false,
    ...(selection && { partial: { only: options.only!.map((p) => p.text), leftOut: selection.leftOut } }),
  };
  if (ok) diagnostics.push(...(await simulatePlan(plan, session, read)));
  return plan;
}

/** The refusals of protection among the changes a plan keeps (all, or those --only selects), as errors. */
function refusals(read: FleetRead, computed: (ScopeChanges | undefined)[], changes: Change[][]): Diagnostic[] {
  return read.scopes.flatMap((r, i) => {
    const kept = new Set(changes[i]!.map((c) => addressKey(c.address)));
    return (computed[i]?.refusals ?? []).filter((x) => kept.has(addressKey(x.address))).map((x) => refusalDiagnostic(x, r, read.fleet));
  });
}

/**
 * The manifests' guardrails over each scope's desired state (violations go among the diagnostics),
 * and the cost of each scope's changes at its region's prices.
 */
function checksOf(read: FleetRead, scopes: ScopePlan[], diagnostics: Diagnostic[], session: Session): { guardrails: RuleResult[]; cost: PlanCost } {
  const guardrails = resolveGuardrails(read.manifest);
  diagnostics.push(...guardrails.diagnostics);
  const results: RuleResult[] = [];
  for (const r of read.scopes) {
    const checked = checkDesired(guardrails.rules, r.desired, diagnostics);
    diagnostics.push(...checked.diagnostics);
    results.push(...checked.results);
  }
  const now = session.target.engine?.now() ?? Date.now();
  const costs = scopes.map((sp, i) => estimateCost(sp.changes, read.scopes[i]!.observed.facts, sp.scope.region, now));
  return { guardrails: results, cost: mergeCosts(costs) };
}

/** Calls per API, added up over scopes. */
export function sumCalls(counts: Record<string, number>[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of counts) for (const [api, n] of Object.entries(c)) out[api] = (out[api] ?? 0) + n;
  return out;
}

/** The plan's calls on one scratch engine: the local world itself, or every scope's reads rebuilt. */
async function simulatePlan(plan: ComputedPlan, session: Session, read: FleetRead): Promise<Diagnostic[]> {
  const engine = session.target.engine;
  const scopes = read.scopes.filter((r) => !r.error).map((r) => ({ scope: r.scope, externals: r.desired.externals, ...(engine ? {} : { observed: r.observed.resources }) }));
  const results = await simulate(plan.calls, scopes, engine?.world, organizationOf(plan.settings, plan.scopes));
  const sources = new Map(read.scopes.map((r) => [scopeKey(r.scope), sourceWithRules(r)]));
  const fallback = read.scopes[0] && sourceWithRules(read.scopes[0]);
  const diagnostics = simulationDiagnostics(results, (call, address, member) => (call.scope ? sources.get(call.scope) : fallback)?.(address, member));
  const failed = results.filter((r) => r.status === 'failed');
  return diagnostics.map((d, i) => deniedByPolicy(d, failed[i]!, read) ?? deletionProtectionAdvice(d, failed[i]!) ?? d);
}

/**
 * A subscription another account's destination refuses: the diagnostic names the access policy
 * that does not allow it, where the manifests declare it.
 */
function deniedByPolicy(d: Diagnostic, result: CallResult, read: FleetRead): Diagnostic | undefined {
  if (result.call.operation !== 'PutSubscriptionFilter' || result.error?.code !== 'AccessDeniedException') return undefined;
  const arn = parseArn(String(result.call.input.destinationArn));
  const caller = result.call.scope?.split('/')[0];
  if (!arn || !caller) return undefined;
  const name = arn.resource.replace(/^destination:/, '');
  const owner = read.scopes.find((r) => r.scope.account === arn.account && r.scope.region === arn.region);
  const source = owner?.desired.sourceOf({ kind: 'destination', name }, 'accessPolicy');
  const where = source ? `the policy is at ${formatSource(source)}` : 'the destination is not declared in these manifests';
  return { ...d, detail: `the access policy of destination "${name}" in ${arn.account} ${arn.region} does not allow account ${caller} (${where}). ${d.detail}` };
}

/** Whether a plan changes anything (adoptions and protection records count: they write state). */
export const hasChanges = (p: Pick<ExecutablePlan, 'scopes'>): boolean => changesOf(p).some(acts);

/** What the renderers need of a plan. */
export const planView = (p: ComputedPlan | ExecutablePlan, diagnostics: Diagnostic[] = []): PlanView & { calls: ComputedPlan['calls'] } => ({
  target: p.target,
  changes: changesOf(p),
  diagnostics: 'diagnostics' in p ? p.diagnostics : diagnostics,
  calls: p.calls,
  ...('assumed' in p && p.assumed.length > 0 && { assumed: p.assumed }),
  ...(p.fleet && { scopes: p.scopes.map((s) => ({ key: scopeKey(s.scope), label: scopeLabel(s.scope, p.settings), ...(s.error && { error: s.error }) })) }),
  ...(p.partial && { partial: p.partial }),
});

const hasExternals = (e: Externals) => Object.values(e).some((list) => list.length > 0);

/** A scope's heading in reports: `log-archive (222222222222) us-east-1`. */
export function scopeLabel(scope: Scope, settings: FleetSettings): string {
  const alias = [...settings.accounts].find(([, a]) => a.id === scope.account)?.[0];
  return formatScope(scope, alias);
}

const FORMATS = ['text', 'json', 'markdown'] as const;

/** `--format text|json|markdown`; `--json` is `--format json`. */
function planFormat(args: ParsedArgs): (typeof FORMATS)[number] {
  const given = args.string('format');
  if (given !== undefined && !(FORMATS as readonly string[]).includes(given)) throw new UsageError(`--format takes ${FORMATS.join(', ')}, not '${given}'`);
  if (args.flag('json') && given !== undefined && given !== 'json') throw new UsageError(`--json and --format ${given} contradict each other`);
  return args.flag('json') ? 'json' : ((given ?? 'text') as (typeof FORMATS)[number]);
}

/** The plan options of the command line: --allow-replace, --allow-destroy, --only (each pattern checked). */
export function planOptions(args: ParsedArgs): PlanOptions {
  const only = args.strings('only').map((text) => {
    const p = parseAddressPattern(text);
    if ('error' in p) throw new UsageError(`--only ${text}: ${p.error}`);
    return p;
  });
  return { allowReplace: args.flag('allow-replace'), allowDestroy: args.flag('allow-destroy'), ...(only.length && { only }) };
}

/** `logwarden plan [DIR] [--out FILE] [--json | --format text|json|markdown] [--detailed-exitcode] [--allow-replace] [--allow-destroy] [--only ADDRESS|GLOB …]`. */
export async function plan(args: ParsedArgs, out: NodeJS.WritableStream): Promise<number> {
  const format = planFormat(args);
  const options = planOptions(args);
  const session = await openSession(args, 'plan');
  try {
    const p = await computePlan(args.positionals[0] ?? '.', session, options);
    const view = { ...planView(p), readCalls: p.readCalls, cost: p.cost, guardrails: p.guardrails };
    out.write(format === 'json' ? renderPlanJson(view) : format === 'markdown' ? renderPlanMarkdown(view) : renderPlanText(view, styleFor(args, out)));
    if (hasErrors(p.diagnostics)) return 1;
    const file = args.string('out');
    if (file) {
      await writeSavedPlan(file, p);
      if (format === 'text') out.write(`\nSaved the plan to ${file}. Apply exactly this plan with: logwarden apply ${file}\n`);
    }
    if (p.scopes.some((s) => s.error)) return 1;
    return args.flag('detailed-exitcode') && hasChanges(p) ? 2 : 0;
  } finally {
    await session.close();
  }
}
