import { createHash } from 'node:crypto';
import { formatAddress, parseAddressKey } from '../model/address.js';
import { canonicalJson } from '../model/normalize.js';
import type { Json, ResourceSet } from '../model/resources.js';
import { flatten } from './changes.js';

/** Address key → hash of the resource as it was read: what a saved plan was based on. */
export type Fingerprint = Record<string, string>;

/** One hash per resource read (nested filters and policies separately), independent of key order. */
export function fingerprint(observed: ResourceSet): Fingerprint {
  const out: Fingerprint = {};
  for (const [key, flat] of flatten(observed)) {
    out[key] = createHash('sha256')
      .update(JSON.stringify(canonicalJson(flat.value as Json)))
      .digest('hex')
      .slice(0, 16);
  }
  return out;
}

/** What moved between two reads, one line per resource: `logGroup "/a" changed`. Empty: nothing. */
export function fingerprintMoves(before: Fingerprint, after: Fingerprint): string[] {
  const moves: string[] = [];
  for (const [key, hash] of Object.entries(before)) {
    const what = formatAddress(parseAddressKey(key));
    if (!(key in after)) moves.push(`${what} was deleted`);
    else if (after[key] !== hash) moves.push(`${what} changed`);
  }
  for (const key of Object.keys(after)) if (!(key in before)) moves.push(`${formatAddress(parseAddressKey(key))} appeared`);
  return moves.sort();
}
