import { isReferenced, kindSpec, parentOf } from '../kinds/index.js';
import type { Scope } from '../kinds/types.js';
import { addressKey, type Address } from '../model/address.js';
import type { ApiCall } from '../model/calls.js';
import type { Change } from '../model/change.js';

/**
 * Turns changes into the exact API calls, each knowing what it waits for: the earlier calls of its
 * own resource, what makes its parent and the resources it refers to usable, the deletes that must
 * free a limit first, and — for a delete — whatever stops referring to it. Deletes of what a
 * deleted or replaced resource contains are implicit (no calls).
 */
export function planCalls(changes: Change[], scope: Scope): ApiCall[] {
  const planner = new Planner(changes, scope);
  for (const change of [...changes].sort((a, b) => order(a) - order(b))) planner.plan(change);
  return planner.calls;
}

/**
 * Creates and updates go up the kinds' phases. Deletes run first, deepest kind first, to free
 * limits — except deletes of kinds others refer to: whatever still points at them must be moved
 * away first, so they run last (in reverse phase).
 */
function order(c: Change): number {
  const phase = kindSpec(c.address.kind).phase;
  if (c.action !== 'delete') return phase;
  return isReferenced(c.address.kind) ? 100 - phase : -phase;
}

/** Deletes of one kind in one parent, for the creates that wait to reuse the limit they free. */
const limitKey = (a: Address) => `${a.kind}|${a.parent ?? ''}`;

class Planner {
  readonly calls: ApiCall[] = [];
  private readonly byAddress = new Map<string, ApiCall[]>();
  private readonly deletes = new Map<string, string[]>();
  /** Planned changes whose old value referred to something: a delete of that waits for them. */
  private readonly unreferencing: { refs: Set<string>; calls: ApiCall[] }[] = [];
  private readonly gone: Set<string>;

  constructor(
    changes: Change[],
    private readonly scope: Scope,
  ) {
    this.gone = new Set(changes.filter((c) => c.action === 'delete' || c.action === 'replace').map((c) => addressKey(c.address)));
  }

  plan(change: Change): void {
    // in sync: nothing to call (adopting it is bookkeeping, not an API call)
    if (change.action === 'no-op') return;
    if (change.action === 'delete' && this.insideGone(change.address)) return;
    const spec = kindSpec(change.address.kind);
    const waits = this.waitsFor(change);
    const own: ApiCall[] = [];
    for (const { fromCreation, ...step } of spec.steps(change, this.scope)) {
      const previous = own[own.length - 1];
      const creating = fromCreation ? own.find((c) => c.creates) : undefined;
      const call: ApiCall = { id: `c${this.calls.length + 1}`, ...step, address: change.address, dependsOn: [...new Set([...(previous ? [previous.id] : []), ...waits])] };
      if (fromCreation) {
        if (!creating) throw new Error(`${change.address.kind} ${step.operation} takes ${Object.keys(fromCreation).join(', ')} from a creating call, and its change has none before it`);
        call.inputFrom = { call: creating.id, members: fromCreation };
        if (!call.dependsOn.includes(creating.id)) call.dependsOn.push(creating.id);
      }
      own.push(call);
      this.calls.push(call);
    }
    this.byAddress.set(addressKey(change.address), own);
    // a replacement's delete frees the limit too
    const deleting = own.filter((c) => c.operation.startsWith('Delete')).map((c) => c.id);
    if (deleting.length) {
      const ids = this.deletes.get(limitKey(change.address));
      if (ids) ids.push(...deleting);
      else this.deletes.set(limitKey(change.address), deleting);
    }
    this.noteUnreferencing(change, own);
  }

  /** Whether a resource lives in one that is deleted or replaced (its delete is implicit). */
  private insideGone(address: Address): boolean {
    const parent = parentOf(address);
    return parent !== undefined && (this.gone.has(addressKey(parent)) || this.insideGone(parent));
  }

  /** The calls (already planned) a change must wait for. */
  private waitsFor(change: Change): string[] {
    const key = addressKey(change.address);
    if (change.action === 'delete') return this.unreferencing.filter((u) => u.refs.has(key)).flatMap((u) => u.calls.map((c) => c.id));
    const spec = kindSpec(change.address.kind);
    const out: string[] = [];
    const parent = parentOf(change.address);
    if (parent !== undefined) out.push(...this.readyCalls(parent));
    if (spec.limit || spec.deletesFirst) out.push(...(this.deletes.get(limitKey(change.address)) ?? []));
    // a resource of another scope is the fleet planner's (plan/fleet.ts)
    for (const ref of spec.references?.(change.after, this.scope) ?? []) if (ref.scope === undefined) out.push(...this.readyCalls(ref));
    return out;
  }

  /** What dependants of a resource wait for: its creating call, or all its calls (kind's `readyAfter`). */
  private readyCalls(address: Address): string[] {
    const calls = this.byAddress.get(addressKey(address)) ?? [];
    const all = kindSpec(address.kind).readyAfter === 'all';
    return calls.filter((c) => all || c.creates).map((c) => c.id);
  }

  /** A change whose old value referred to something that its new value does not: deletes of those wait for it. */
  private noteUnreferencing(change: Change, calls: ApiCall[]): void {
    const refs = kindSpec(change.address.kind).references;
    if (!refs || change.before === undefined || calls.length === 0) return;
    const local = (value: unknown) => refs(value, this.scope).filter((r) => r.scope === undefined).map(addressKey);
    const still = new Set(change.after === undefined ? [] : local(change.after));
    const stopped = local(change.before).filter((k) => !still.has(k));
    if (stopped.length) this.unreferencing.push({ refs: new Set(stopped), calls });
  }
}
