import { executeCalls } from '../apply/execute.js';
import { createClients, type Clients } from '../driver/clients.js';
import { PacedSender } from '../driver/pacing.js';
import { refresh } from '../driver/refresh.js';
import { scopeOf } from '../apply/converge.js';
import { sendOperation } from '../driver/send.js';
import PQueue from 'p-queue';
import { Engine, persistable } from '../engine/engine.js';
import type { WorldData } from '../engine/world.js';
import { kindSpec } from '../kinds/index.js';
import { addressKey, formatAddress, type Address } from '../model/address.js';
import { inputOf, type ApiCall, type CallResult } from '../model/calls.js';
import type { Diagnostic, SourceRange } from '../model/diagnostics.js';
import { emptyExternals, emptyResourceSet, type Externals, type Resource, type ResourceSet } from '../model/resources.js';
import { parseScopeKey, scopeKey, type Scope } from '../model/scope.js';
import { planCalls } from '../plan/calls.js';
import { diffResources } from '../plan/changes.js';

/** One scope of a simulation: where, what the manifests reference there, and (remote) what was read. */
export interface SimulatedScope {
  scope: Scope;
  externals: Externals;
  observed?: ResourceSet;
}

/** An AWS Organization to set up on the scratch engine: its management account and members. */
export interface SimulatedOrganization {
  id?: string;
  managementAccount: string;
  members: string[];
}

/**
 * Runs the planned calls, in order, on one scratch engine seeded with the target's state — the
 * local world itself, or every scope's observed state rebuilt — and the declared externals. Every
 * call runs as its own scope's account and region, so what AWS checks across accounts (a
 * destination's access policy) is checked here too. Every call AWS would reject comes back as a
 * failure — before anything touches the target.
 */
export async function simulate(calls: ApiCall[], scopes: SimulatedScope[], world?: WorldData, organization?: SimulatedOrganization): Promise<CallResult[]> {
  // the engine's own call history is no part of what a plan could change: don't copy it
  const engine = new Engine({ account: scopes[0]?.scope.account, world: world ? structuredClone(persistable(world)) : undefined });
  if (organization) setOrganization(engine, organization);
  for (const s of scopes) engine.registerExternals({ ...s.externals, region: s.scope.region, account: s.scope.account });
  const clients = new Map<string, Clients>();
  const clientsOf = (scope: Scope) => {
    const key = scopeKey(scope);
    if (!clients.has(key)) clients.set(key, createClients({ kind: 'local', engine, stateDir: '(scratch)', region: scope.region, account: scope.account }));
    return clients.get(key)!;
  };
  try {
    // the target's generated ids came out differently on the rebuilt scopes: planned calls use the rebuilt ones
    const ids = new Map<string, string>();
    for (const s of scopes) {
      if (!s.observed) continue;
      rebuild(engine, s.observed, s.scope);
      for (const [from, to] of await regeneratedIds(clientsOf(s.scope), s.observed)) ids.set(from, to);
    }
    const planned = ids.size ? calls.map((c) => ({ ...c, input: withIds(c.input, ids) as Record<string, unknown> })) : calls;
    // through the SDK, as the real calls will go (its serialization is part of what is checked),
    // a bounded number at a time: thousands of in-flight requests only cost memory
    const queue = new PQueue({ concurrency: 32 });
    const fallback = scopes[0]?.scope;
    return await executeCalls(planned, (call) =>
      queue.add(async () => ({ output: await sendOperation(clientsOf(call.scope ? parseScopeKey(call.scope) : fallback!), call.service, call.operation, call.input), attempts: 1 })),
    );
  } finally {
    for (const c of clients.values()) c.destroy();
  }
}

/** The organization's accounts on an engine: the management account, and every member in it. */
export function setOrganization(engine: Engine, org: SimulatedOrganization): void {
  engine.setOrganization({ account: org.managementAccount, managementAccount: true, organizationId: org.id });
  const id = engine.world.accounts[org.managementAccount]!.organization!.organizationId;
  for (const member of org.members) if (member !== org.managementAccount) engine.setOrganization({ account: member, managementAccount: false, organizationId: id });
}

/**
 * Recreates what refresh read on the scratch engine, straight through the engine: the target
 * accepted all of it already, so there is nothing to check on the way in — only state to build.
 */
function rebuild(engine: Engine, observed: ResourceSet, scope: Scope): void {
  engine.registerExternals({ ...referencedExternals(observed, scope), region: scope.region, account: scope.account });
  const identity = { account: scope.account, region: scope.region, accessKeyId: 'AKIDLOGWARDEN', requestId: 'logwarden-simulation' };
  const outputs = new Map<string, unknown>();
  for (const call of planCalls(diffResources(observed, emptyResourceSet(), { isOwned: () => true }), scope)) {
    try {
      outputs.set(call.id, engine.invoke(call.service, call.operation, JSON.parse(JSON.stringify(inputOf(call, (id) => outputs.get(id)))), identity));
    } catch {
      // a part the engine cannot rebuild only makes the simulation stricter for what depends on it
    }
  }
}

/**
 * The ids and ARNs AWS generates (a kind's `computed` strings) came out differently on the scratch
 * engine: each of the target's, mapped to the one its rebuilt resource got, so that planned calls
 * naming a resource by id reach its rebuilt copy.
 */
async function regeneratedIds(clients: Clients, observed: ResourceSet): Promise<Map<string, string>> {
  const generated = (r: Resource) => (kindSpec(r.address.kind).computed ?? []).filter((p) => typeof (r.value as Record<string, unknown>)[p] === 'string');
  const withIds = [...observed.values()].filter((r) => generated(r).length > 0);
  const ids = new Map<string, string>();
  if (withIds.length === 0) return ids;
  const rebuilt = (await refresh(new PacedSender(clients), scopeOf(withIds.map((r) => r.address)))).resources;
  for (const r of withIds) {
    const copy = rebuilt.get(addressKey(r.address))?.value as Record<string, unknown> | undefined;
    for (const path of generated(r)) {
      const [before, after] = [(r.value as Record<string, unknown>)[path], copy?.[path]];
      if (typeof after === 'string' && after !== before) ids.set(before as string, after);
    }
  }
  return ids;
}

/** A call input with every string that is a target's id replaced by its scratch counterpart. */
function withIds(value: unknown, ids: Map<string, string>): unknown {
  if (typeof value === 'string') return ids.get(value) ?? value;
  if (Array.isArray(value)) return value.map((v) => withIds(v, ids));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withIds(v, ids)]));
  return value;
}

/** Everything observed resources point at exists in the real account: register it in the scratch. */
function referencedExternals(observed: ResourceSet, scope: Scope): Externals {
  const out = emptyExternals();
  for (const r of observed.values()) {
    const refs = kindSpec(r.address.kind).externals?.(r.value, scope) ?? {};
    for (const [key, values] of Object.entries(refs) as [keyof Externals, unknown[]][]) (out[key] as unknown[]).push(...values);
  }
  return out;
}

/**
 * Failed simulated calls as diagnostics, pointing at the manifest: at the member AWS's message names
 * (`at 'retentionInDays'`) when there is one, else at the resource.
 */
export function simulationDiagnostics(results: CallResult[], sourceOf: (call: ApiCall, address: Address, member?: string) => SourceRange | undefined): Diagnostic[] {
  return results
    .filter((r) => r.status === 'failed')
    .map((r) => {
      const member = /at '([A-Za-z]+)/.exec(r.error!.message)?.[1];
      return {
        severity: 'error' as const,
        summary: `${r.call.operation} for ${formatAddress(r.call.address)}${r.call.scope ? ` in ${r.call.scope.replace('/', ' ')}` : ''} would fail: ${r.error!.code}: ${r.error!.message}`,
        detail: 'Simulated on the built-in engine before touching the target; nothing was changed.',
        address: r.call.address,
        source: sourceOf(r.call, r.call.address, member),
      };
    });
}
