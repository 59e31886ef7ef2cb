import { addressKey, type Address, type ResourceKind } from '../model/address.js';
import type { Present, ResourceSet } from '../model/resources.js';
import { diffResources, parentGroup, type Change, type Ownership } from './changes.js';

/**
 * Where a resource stands against the manifests: matches; differs attribute by attribute; declared
 * but gone; owned but no longer declared (the next apply deletes it); or present and neither
 * declared nor owned (never touched).
 */
export type DriftStatus = 'in-sync' | 'changed' | 'missing' | 'orphaned' | 'unmanaged';

/** One resource's drift, with the differ's change (before = the target, after = the manifests). */
export interface DriftEntry {
  address: Address;
  status: DriftStatus;
  /** What the next apply would do about it; absent for unmanaged resources (nothing). */
  change?: Change;
}

const SECTIONS: [keyof Present, ResourceKind][] = [
  ['logGroups', 'logGroup'],
  ['destinations', 'destination'],
  ['resourcePolicies', 'resourcePolicy'],
  ['trails', 'trail'],
];

/**
 * Classifies every resource: the differ's verdict per declared or owned resource, plus what is
 * present under the kinds the manifests declare but belongs to no one (unmanaged).
 */
export function detectDrift(desired: ResourceSet, observed: ResourceSet, present: Present, ownership: Ownership): DriftEntry[] {
  const entries: DriftEntry[] = diffResources(desired, observed, ownership).map((c) => {
    const base = { address: c.address, change: c };
    if (c.action === 'no-op') return { ...base, status: 'in-sync' };
    if (c.action === 'create') return { ...base, status: 'missing' };
    if (c.action === 'delete') {
      // an extra filter or policy in a declared group has drifted in; an owned leftover is orphaned
      const parent = parentGroup(c.address);
      const inDeclaredGroup = parent !== undefined && desired.logGroups[parent] !== undefined;
      return { ...base, status: inDeclaredGroup ? 'changed' : 'orphaned' };
    }
    return { ...base, status: 'changed' };
  });
  const known = new Set(entries.map((e) => addressKey(e.address)));
  const declaredKinds = new Set(SECTIONS.filter(([section]) => Object.keys(desired[section]).length > 0).map(([, kind]) => kind));
  for (const address of presentAddresses(present)) {
    if (declaredKinds.has(address.kind) && !known.has(addressKey(address)) && !ownership.isOwned(address)) {
      entries.push({ address, status: 'unmanaged' });
    }
  }
  return entries;
}

/** Every present top-level resource as an address. */
export function presentAddresses(present: Present): Address[] {
  return SECTIONS.flatMap(([section, kind]) => present[section].map((name) => ({ kind, name })));
}

/** Counts per status; drift is anything but in-sync. */
export function driftSummary(entries: DriftEntry[]): Record<DriftStatus, number> & { drifted: boolean } {
  const n = { 'in-sync': 0, changed: 0, missing: 0, orphaned: 0, unmanaged: 0 };
  for (const e of entries) n[e.status]++;
  return { ...n, drifted: entries.some((e) => e.status !== 'in-sync') };
}
