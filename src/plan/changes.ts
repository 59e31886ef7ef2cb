import { kindSpec, parentOf } from '../kinds/index.js';
import { addressKey, type Address } from '../model/address.js';
import type { Action, AttributeChange, Change } from '../model/change.js';
import type { ResourceSet } from '../model/resources.js';
import { diffValues } from './value-diff.js';

/** Who may be deleted: a resource that is owned, or nested in a managed (declared) one. */
export interface Ownership {
  isOwned(address: Address): boolean;
}

/**
 * The changes that take `observed` to `desired`. Declared resources are created, updated or
 * replaced; observed ones no longer declared are deleted only when owned (or nested in a declared
 * resource, which is reconciled exhaustively); everything else is left alone. What lives in a
 * replaced resource comes back with it: it is re-created.
 */
export function diffResources(desired: ResourceSet, observed: ResourceSet, ownership: Ownership): Change[] {
  const changes: Change[] = [];
  for (const [key, d] of desired) {
    const o = observed.get(key);
    if (!o) {
      changes.push({ address: d.address, action: 'create', after: d.value, attributes: [] });
      continue;
    }
    const attributes = attributeChanges(d.address.kind, o.value, d.value);
    const action: Action = attributes.some((a) => a.forcesReplacement) ? 'replace' : attributes.length ? 'update' : 'no-op';
    const change: Change = { address: d.address, action, before: o.value, after: d.value, attributes };
    if (!ownership.isOwned(d.address)) change.adopt = true;
    changes.push(change);
  }
  for (const [key, o] of observed) {
    if (desired.has(key)) continue;
    const parent = parentOf(o.address);
    if (ownership.isOwned(o.address) || (parent !== undefined && desired.has(addressKey(parent)))) {
      changes.push({ address: o.address, action: 'delete', before: o.value, attributes: [] });
    }
  }
  return recreateInReplaced(changes);
}

/** Nested resources of a replaced resource are created again (the replacement comes back empty). */
function recreateInReplaced(changes: Change[]): Change[] {
  const replaced = new Set(changes.filter((c) => c.action === 'replace').map((c) => addressKey(c.address)));
  if (replaced.size === 0) return changes;
  const inReplaced = (a: Address): boolean => {
    const parent = parentOf(a);
    return parent !== undefined && (replaced.has(addressKey(parent)) || inReplaced(parent));
  };
  return changes.map((c) => (c.after !== undefined && c.action !== 'create' && inReplaced(c.address) ? { ...c, action: 'create', reason: 'parent-replaced' } : c));
}

/** Top-level attribute differences, each with its nested diff. */
function attributeChanges(kind: string, before: unknown, after: unknown): AttributeChange[] {
  const spec = kindSpec(kind);
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  const paths = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
  const out: AttributeChange[] = [];
  for (const path of paths) {
    const inBefore = Object.hasOwn(b, path) && b[path] !== undefined;
    const inAfter = Object.hasOwn(a, path) && a[path] !== undefined;
    // what AWS assigns or defaults is the manifest's business only where the manifest says something
    if (!inAfter && (spec.computed ?? []).includes(path)) continue;
    const diff = !inBefore ? { op: 'add' as const, value: a[path] } : !inAfter ? { op: 'remove' as const, value: b[path] } : diffValues(b[path], a[path]);
    if (diff.op === 'same') continue;
    const forcesReplacement = (spec.createOnly ?? []).includes(path) || (!inAfter && (spec.setOnly ?? []).includes(path));
    out.push({ path, before: inBefore ? b[path] : undefined, after: inAfter ? a[path] : undefined, forcesReplacement, diff });
  }
  return out;
}
