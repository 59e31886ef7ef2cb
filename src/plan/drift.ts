import { isKind, kindSpec, parentOf, TOP_LEVEL_KINDS } from '../kinds/index.js';
import { addressKey, type Address } from '../model/address.js';
import type { Change } from '../model/change.js';
import { resourcesOf, type Present, type ResourceSet } from '../model/resources.js';
import { diffResources, type Ownership } from './changes.js';

/**
 * Where a resource stands against the manifests: matches; differs attribute by attribute; declared
 * but gone; owned but no longer declared (the next apply deletes it); or present and neither
 * declared nor owned (never touched).
 */
export type DriftStatus = 'in-sync' | 'changed' | 'missing' | 'orphaned' | 'unmanaged';

/** One resource's drift, with the differ's change (before = the target, after = the manifests). */
export interface DriftEntry {
  address: Address;
  /** Its scope, in a report across several. */
  scope?: string;
  status: DriftStatus;
  /** What the next apply would do about it; absent for unmanaged resources (nothing), unless a rule changes them. */
  change?: Change;
  /** The logGroupRules matching an unmanaged log group (or the one a change in it comes from). */
  rules?: string[];
  /** Whether that unmanaged group is as its rules want it: then it is not drift. */
  compliant?: boolean;
}

function statusOf(c: Change, desired: ResourceSet): DriftStatus {
  if (c.action === 'no-op') return 'in-sync';
  // re-created only because its parent is replaced: its own attributes tell
  if (c.reason === 'parent-replaced') return c.attributes.length ? 'changed' : 'in-sync';
  if (c.action === 'create') return 'missing';
  if (c.action === 'delete') {
    // an extra nested resource in a declared one has drifted in; an owned leftover is orphaned
    const parent = parentOf(c.address);
    return parent !== undefined && desired.has(addressKey(parent)) ? 'changed' : 'orphaned';
  }
  return 'changed';
}

/**
 * Classifies every resource: the differ's verdict per declared or owned resource, plus what is
 * present under the kinds the manifests declare but belongs to no one (unmanaged).
 */
export function detectDrift(desired: ResourceSet, observed: ResourceSet, present: Present, ownership: Ownership): DriftEntry[] {
  const entries: DriftEntry[] = diffResources(desired, observed, ownership).map((c) => ({ address: c.address, change: c, status: statusOf(c, desired) }));
  const known = new Set(entries.map((e) => addressKey(e.address)));
  const declaredKinds = new Set<string>(TOP_LEVEL_KINDS.filter((kind) => resourcesOf(desired, kind).length > 0));
  for (const address of presentAddresses(present)) {
    if (declaredKinds.has(address.kind) && !known.has(addressKey(address)) && !ownership.isOwned(address)) {
      entries.push({ address, status: 'unmanaged' });
    }
  }
  return entries;
}

/** Every present top-level resource as an address. */
export function presentAddresses(present: Present): Address[] {
  return Object.entries(present)
    .filter(([kind]) => isKind(kind) && kindSpec(kind).parent === undefined)
    .flatMap(([kind, names]) => names.map((name) => ({ kind, name })));
}

/** Counts per status; drift is anything but in-sync — except an unmanaged group that complies with its rules. */
export function driftSummary(entries: DriftEntry[]): Record<DriftStatus, number> & { drifted: boolean; compliant: number } {
  const n = { 'in-sync': 0, changed: 0, missing: 0, orphaned: 0, unmanaged: 0 };
  for (const e of entries) n[e.status]++;
  const compliant = entries.filter((e) => e.compliant === true).length;
  return { ...n, compliant, drifted: entries.some((e) => e.status !== 'in-sync' && e.compliant !== true) };
}
