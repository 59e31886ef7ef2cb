import { topLevel, type ResourceKind } from '../kinds/index.js';
import { addressKey, type Address } from '../model/address.js';
import type { Change } from '../model/change.js';
import type { ResourceSet } from '../model/resources.js';
import { refresh, type Observed, type RefreshScope } from '../driver/refresh.js';
import type { PacedSender } from '../driver/pacing.js';
import { diffResources, type Ownership } from '../plan/changes.js';

/** What a re-read after apply found: the touched resources that match, and those that do not. */
export interface Convergence {
  checked: number;
  diverged: Change[];
  observed: Observed;
}

/** The top-level names of some addresses, per kind: what to read in depth to see them again. */
export function scopeOf(addresses: Address[]): RefreshScope {
  const scope: Partial<Record<ResourceKind, Set<string>>> = {};
  for (const a of addresses.map(topLevel)) (scope[a.kind as ResourceKind] ??= new Set()).add(a.name);
  return scope;
}

/**
 * Re-reads what the apply touched and compares it with the manifests again: every touched resource
 * should now be a no-op. Deleted resources must be gone; everything else must match.
 */
export async function confirmConvergence(sender: PacedSender, desired: ResourceSet, touched: Address[], ownership: Ownership): Promise<Convergence> {
  const observed = await refresh(sender, scopeOf(touched));
  const keys = new Set(touched.map(addressKey));
  const diverged = diffResources(desired, observed.resources, ownership).filter((c) => keys.has(addressKey(c.address)) && c.action !== 'no-op');
  return { checked: keys.size, diverged, observed };
}
