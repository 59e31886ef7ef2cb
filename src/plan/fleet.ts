import { kindSpec } from '../kinds/index.js';
import { addressKey, type Address } from '../model/address.js';
import type { ApiCall } from '../model/calls.js';
import type { Change } from '../model/change.js';
import { scopeKey, type Scope } from '../model/scope.js';
import { planCalls } from './calls.js';

/** One scope's changes, to be planned with the others'. */
export interface ScopeChanges {
  scope: Scope;
  changes: Change[];
}

/**
 * The calls of every scope as one plan: each scope planned on its own, the ids renumbered across
 * the fleet (`c1`…), every call naming its scope, and a call that refers to a resource of another
 * scope (a member account's subscription to the central destination) waiting for what makes that
 * resource usable there.
 */
export function planFleetCalls(scopes: ScopeChanges[], fleet: boolean): ApiCall[] {
  const all: ApiCall[] = [];
  const byResource = new Map<string, ApiCall[]>();
  const planned = scopes.map(({ scope, changes }) => {
    const ids = new Map<string, string>();
    const calls = planCalls(changes, scope).map((call) => {
      const id = `c${all.length + ids.size + 1}`;
      ids.set(call.id, id);
      return call;
    });
    const renumbered = calls.map((call) => ({
      ...call,
      id: ids.get(call.id)!,
      dependsOn: call.dependsOn.map((d) => ids.get(d)!),
      ...(call.inputFrom && { inputFrom: { ...call.inputFrom, call: ids.get(call.inputFrom.call)! } }),
      ...(fleet && { scope: scopeKey(scope) }),
    }));
    for (const call of renumbered) {
      const key = resourceKey(scope, call.address);
      byResource.set(key, [...(byResource.get(key) ?? []), call]);
    }
    all.push(...renumbered);
    return { scope, changes, calls: renumbered };
  });
  for (const { scope, changes, calls } of planned) addForeignWaits(scope, changes, calls, byResource);
  return all;
}

const resourceKey = (scope: Scope, a: Address) => `${scopeKey(scope)}|${addressKey(a)}`;

/** Calls of changes that refer to another scope's resources wait for those resources' ready calls. */
function addForeignWaits(scope: Scope, changes: Change[], calls: ApiCall[], byResource: Map<string, ApiCall[]>): void {
  for (const change of changes) {
    if (change.after === undefined || change.action === 'delete') continue;
    const refs = kindSpec(change.address.kind).references?.(change.after, scope) ?? [];
    const foreign = refs.filter((r) => r.scope !== undefined && scopeKey(r.scope) !== scopeKey(scope));
    if (foreign.length === 0) continue;
    const waits = foreign.flatMap((r) => {
      const all = kindSpec(r.kind).readyAfter === 'all';
      return (byResource.get(resourceKey(r.scope!, r)) ?? []).filter((c) => all || c.creates).map((c) => c.id);
    });
    for (const call of calls) if (addressKey(call.address) === addressKey(change.address)) call.dependsOn = [...new Set([...call.dependsOn, ...waits])];
  }
}
