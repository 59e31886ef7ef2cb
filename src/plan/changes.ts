import deepDiff from 'deep-diff';
import { addressKey, nestedName, type Address, type ResourceKind } from '../model/address.js';
import type { ResourceSet } from '../model/resources.js';

/** What a plan does to one resource. */
export type Action = 'create' | 'update' | 'replace' | 'delete' | 'no-op';

/** Plan symbols, Terraform's: one table. */
export const ACTION_SYMBOL: Record<Action, string> = {
  create: '+',
  update: '~',
  replace: '-/+',
  delete: '-',
  'no-op': ' ',
};

/** One attribute that differs; `forcesReplacement` when AWS cannot change it in place. */
export interface AttributeChange {
  path: string;
  before: unknown;
  after: unknown;
  forcesReplacement: boolean;
}

/** The change to one resource: its action as a function of (before, after) and why. */
export interface Change {
  address: Address;
  action: Action;
  before?: unknown;
  after?: unknown;
  attributes: AttributeChange[];
  /** Declared resource found in the target but not yet owned: apply adopts it. */
  adopt?: boolean;
}

/** Attributes AWS cannot update in place, per kind (a change replaces the resource). */
const CREATE_ONLY: Partial<Record<ResourceKind, string[]>> = {
  logGroup: ['logGroupClass'],
  subscriptionFilter: ['destinationArn'],
  destination: [],
};

/** Attributes AWS can set but never remove (no API call undoes them): removing one replaces the resource. */
const SET_ONLY: Partial<Record<ResourceKind, string[]>> = {
  // PutDestinationPolicy has no inverse
  destination: ['accessPolicy'],
};

/** A resource of the flattened view: nested filters and policies are resources of their own. */
export interface Flat {
  address: Address;
  value: unknown;
}

/** Log groups lose their nested parts (those are resources of their own in the plan). */
export function flatten(set: ResourceSet): Map<string, Flat> {
  const out = new Map<string, Flat>();
  const put = (kind: ResourceKind, name: string, value: unknown) =>
    out.set(addressKey({ kind, name }), { address: { kind, name }, value });
  for (const [name, g] of Object.entries(set.logGroups)) {
    const { metricFilters, subscriptionFilters, dataProtectionPolicy, ...group } = g;
    put('logGroup', name, group);
    for (const [f, v] of Object.entries(metricFilters)) put('metricFilter', nestedName(name, f), v);
    for (const [f, v] of Object.entries(subscriptionFilters)) put('subscriptionFilter', nestedName(name, f), v);
    if (dataProtectionPolicy !== undefined) put('dataProtectionPolicy', name, { policyDocument: dataProtectionPolicy });
  }
  for (const [name, d] of Object.entries(set.destinations)) put('destination', name, d);
  for (const [name, p] of Object.entries(set.resourcePolicies)) put('resourcePolicy', name, p);
  for (const [name, t] of Object.entries(set.trails)) put('trail', name, t);
  return out;
}

/** Who may be deleted: a resource that is owned, or nested in a managed (declared) log group. */
export interface Ownership {
  isOwned(address: Address): boolean;
}

/**
 * The changes that take `observed` to `desired`. Declared resources are created, updated or
 * replaced; observed ones no longer declared are deleted only when owned (or nested in a declared
 * group, which is reconciled exhaustively); everything else is left alone.
 */
export function diffResources(desired: ResourceSet, observed: ResourceSet, ownership: Ownership): Change[] {
  const want = flatten(desired);
  const have = flatten(observed);
  const changes: Change[] = [];
  for (const [key, d] of want) {
    const o = have.get(key);
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
  for (const [key, o] of have) {
    if (want.has(key)) continue;
    const parent = parentGroup(o.address);
    const managedNested = parent !== undefined && desired.logGroups[parent] !== undefined;
    if (ownership.isOwned(o.address) || managedNested) {
      changes.push({ address: o.address, action: 'delete', before: o.value, attributes: [] });
    }
  }
  return changes;
}

/** The top-level resource a (possibly nested) address belongs to. */
export function topLevel(address: Address): Address {
  const parent = parentGroup(address);
  return parent === undefined ? address : { kind: 'logGroup', name: parent };
}

/** The log group a nested resource belongs to. */
export function parentGroup(address: Address): string | undefined {
  if (address.kind === 'dataProtectionPolicy') return address.name;
  if (address.kind === 'metricFilter' || address.kind === 'subscriptionFilter') {
    return address.name.slice(0, address.name.lastIndexOf('/'));
  }
  return undefined;
}

/** Top-level attribute differences (nested values compare whole; the renderer details them). */
function attributeChanges(kind: ResourceKind, before: unknown, after: unknown): AttributeChange[] {
  const diffs = deepDiff.diff(before as object, after as object) ?? [];
  const paths = new Set<string>();
  for (const d of diffs) if (d.path?.length) paths.add(String(d.path[0]));
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  return [...paths].sort().map((path) => ({
    path,
    before: b[path],
    after: a[path],
    forcesReplacement: (CREATE_ONLY[kind] ?? []).includes(path) || (a[path] === undefined && (SET_ONLY[kind] ?? []).includes(path)),
  }));
}
