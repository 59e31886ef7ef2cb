import { createHash } from 'node:crypto';
import { formatAddress, parseAddressKey } from '../model/address.js';
import { canonicalJson } from '../model/normalize.js';
import type { Json, ResourceSet } from '../model/resources.js';

/** Address key → hash of the resource as it was read: what a saved plan was based on. */
export type Fingerprint = Record<string, string>;

/** One hash per resource read (nested ones separately), independent of key order. */
export function fingerprint(observed: ResourceSet): Fingerprint {
  return Object.fromEntries(
    [...observed].map(([key, r]) => [key, createHash('sha256').update(JSON.stringify(canonicalJson(r.value as Json))).digest('hex').slice(0, 16)]),
  );
}

/** What moved between two reads, one line per resource: `logGroup "/a" changed`. Empty: nothing. */
export function fingerprintMoves(before: Fingerprint, after: Fingerprint): string[] {
  const moves: string[] = [];
  for (const [key, hash] of Object.entries(before)) {
    const what = formatAddress(parseAddressKey(key));
    if (!Object.hasOwn(after, key)) moves.push(`${what} was deleted`);
    else if (after[key] !== hash) moves.push(`${what} changed`);
  }
  for (const key of Object.keys(after)) if (!Object.hasOwn(before, key)) moves.push(`${formatAddress(parseAddressKey(key))} appeared`);
  return moves.sort();
}
