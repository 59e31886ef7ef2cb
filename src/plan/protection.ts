import type { Address } from '../model/address.js';
import type { Change } from '../model/change.js';

/**
 * logwarden's own guard of log data: a log group that holds events (storedBytes > 0) is deleted or
 * replaced only with --allow-destroy, unless it is unprotected — declared `protected: false`, or,
 * once its declaration is gone, recorded so in state when last applied. What the manifests and
 * state say of each group in one scope:
 */
export interface Protection {
  /** `protected` of the declared log groups that set it. */
  declared: ReadonlyMap<string, boolean>;
  /** Whether state records the group as unprotected. */
  recordedUnprotected(name: string): boolean;
  /** The bytes the group holds, as the refresh read them. */
  storedBytes(name: string): number | undefined;
}

/** A change that would delete a protected group's events. */
export interface Refusal {
  address: Address;
  action: 'delete' | 'replace';
  storedBytes: number;
}

/**
 * The declared groups' protection, where state has to learn it: each one's change gets
 * `protection: 'off'` when declared `protected: false` and not recorded so, `'on'` when recorded
 * unprotected and declared protected again (what is not declared keeps its record).
 */
export function withProtection(changes: Change[], p: Protection): Change[] {
  return changes.map((c) => {
    if (c.address.kind !== 'logGroup' || c.after === undefined || c.unmanaged) return c;
    const off = p.declared.get(c.address.name) === false;
    if (off === p.recordedUnprotected(c.address.name)) return c;
    return { ...c, protection: off ? 'off' : 'on' };
  });
}

/** The deletes and replacements of log groups holding data that protection forbids. */
export function protectionRefusals(changes: Change[], p: Protection): Refusal[] {
  const refusals: Refusal[] = [];
  for (const c of changes) {
    if (c.address.kind !== 'logGroup' || (c.action !== 'delete' && c.action !== 'replace')) continue;
    const bytes = p.storedBytes(c.address.name) ?? 0;
    // a replacement is of a declared group (its declaration says); a delete of one no longer declared (state says)
    const unprotected = c.action === 'replace' ? p.declared.get(c.address.name) === false : p.recordedUnprotected(c.address.name);
    if (bytes > 0 && !unprotected) refusals.push({ address: c.address, action: c.action, storedBytes: bytes });
  }
  return refusals;
}
