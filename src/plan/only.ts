import { kindSpec, parentOf } from '../kinds/index.js';
import { addressKey, type Address } from '../model/address.js';
import { acts, type Change } from '../model/change.js';
import { scopeKey, type Scope } from '../model/scope.js';
import { matchesAddress, type AddressPattern } from './address-pattern.js';

/** One scope's changes, for a selection across the fleet. */
export interface ScopedChanges {
  scope: Scope;
  changes: Change[];
}

/** What `--only` keeps of a plan: per scope, the changes kept; and how many changes it leaves out. */
export interface Selection {
  scopes: ScopedChanges[];
  leftOut: number;
}

/**
 * The changes of the resources the patterns name — and what lives in them — and what those need
 * to be done: the creation of the resource they live in, of what they refer to (in any scope: a
 * member account's subscription needs the central destination), the re-creation of what lives in a
 * replaced one, and, for a delete, the changes that first stop referring to it.
 */
export function selectChanges(scopes: ScopedChanges[], patterns: readonly AddressPattern[]): Selection {
  const key = (scope: Scope, a: Address) => `${scopeKey(scope)}|${addressKey(a)}`;
  const all = new Map<string, { scope: Scope; change: Change }>();
  for (const s of scopes) for (const change of s.changes) all.set(key(s.scope, change.address), { scope: s.scope, change });
  const named = (a: Address): boolean => patterns.some((p) => matchesAddress(p, a)) || (parentOf(a) !== undefined && named(parentOf(a)!));
  const kept = new Set<string>();
  const queue = [...all.entries()].filter(([, { change }]) => named(change.address)).map(([k]) => k);
  const need = (k: string | undefined) => {
    if (k !== undefined && all.has(k) && !kept.has(k)) queue.push(k);
  };
  while (queue.length) {
    const k = queue.pop()!;
    if (kept.has(k)) continue;
    kept.add(k);
    const { scope, change } = all.get(k)!;
    for (const dependency of needs(change, scope, all)) need(dependency);
  }
  const out = scopes.map((s) => ({ scope: s.scope, changes: s.changes.filter((c) => kept.has(key(s.scope, c.address))) }));
  const leftOut = scopes.reduce((n, s) => n + s.changes.filter((c) => acts(c) && !kept.has(key(s.scope, c.address))).length, 0);
  return { scopes: out, leftOut };
}

/** The keys of the changes one change needs done with it. */
function needs(change: Change, scope: Scope, all: Map<string, { scope: Scope; change: Change }>): string[] {
  const at = (s: Scope, a: Address) => `${scopeKey(s)}|${addressKey(a)}`;
  const creating = (k: string) => {
    const c = all.get(k)?.change;
    return c !== undefined && (c.action === 'create' || c.action === 'replace' || (c.action === 'update' && kindSpec(c.address.kind).readyAfter === 'all'));
  };
  const out: string[] = [];
  const parent = parentOf(change.address);
  if (parent && creating(at(scope, parent))) out.push(at(scope, parent));
  if (change.action !== 'delete' && change.after !== undefined) {
    for (const ref of kindSpec(change.address.kind).references?.(change.after, scope) ?? []) {
      const k = at(ref.scope ?? scope, ref);
      if (creating(k)) out.push(k);
    }
  }
  if (change.action !== 'replace' && change.action !== 'delete') return out;
  for (const [k, { scope: s, change: other }] of all) {
    const inside = parentOf(other.address);
    // what lives in a replaced resource comes back with it
    if (change.action === 'replace' && other.reason === 'parent-replaced' && inside && scopeKey(s) === scopeKey(scope) && addressKey(inside) === addressKey(change.address)) out.push(k);
    // a delete waits for whatever stops referring to it
    if (change.action === 'delete' && refersTo(other, 'before', s, change.address, scope) && !refersTo(other, 'after', s, change.address, scope)) out.push(k);
  }
  return out;
}

/** Whether a change's value (before or after) refers to `target` of `targetScope`. */
function refersTo(c: Change, side: 'before' | 'after', scope: Scope, target: Address, targetScope: Scope): boolean {
  const value = c[side];
  if (value === undefined) return false;
  return (kindSpec(c.address.kind).references?.(value, scope) ?? []).some((r) => scopeKey(r.scope ?? scope) === scopeKey(targetScope) && addressKey(r) === addressKey(target));
}
