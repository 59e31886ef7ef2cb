import { addressKey, type Address } from '../model/address.js';
import type { ResourceSet } from '../model/resources.js';
import { refresh, type Observed, type RefreshScope } from '../driver/refresh.js';
import type { PacedSender } from '../driver/pacing.js';
import { diffResources, topLevel, type Change, type Ownership } from '../plan/changes.js';

/** What a re-read after apply found: the touched resources that match, and those that do not. */
export interface Convergence {
  checked: number;
  diverged: Change[];
  observed: Observed;
}

/**
 * Re-reads what the apply touched and compares it with the manifests again: every touched resource
 * should now be a no-op. Deleted resources must be gone; everything else must match.
 */
export async function confirmConvergence(
  sender: PacedSender,
  desired: ResourceSet,
  touched: Address[],
  ownership: Ownership,
): Promise<Convergence> {
  const names = (kind: Address['kind']) => new Set(touched.map(topLevel).filter((a) => a.kind === kind).map((a) => a.name));
  const scope: RefreshScope = { logGroups: names('logGroup'), destinations: names('destination'), trails: names('trail') };
  const observed = await refresh(sender, scope);
  const keys = new Set(touched.map(addressKey));
  const diverged = diffResources(desired, observed.resources, ownership).filter(
    (c) => keys.has(addressKey(c.address)) && c.action !== 'no-op',
  );
  return { checked: keys.size, diverged, observed };
}
