import { createHash, generateKeyPairSync } from 'node:crypto';
import type { Call } from '../call.js';
import type { SigningKeyRecord } from './key-types.js';

/** Each signing key is valid for a day; a new one replaces it when the day is over. */
export const KEY_VALIDITY_MS = 24 * 3600 * 1000;

/** A fresh RSA 2048 key pair valid from `now` (slow, tens of milliseconds: made once a day at most). */
function newSigningKey(now: number): SigningKeyRecord {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const der = publicKey.export({ type: 'pkcs1', format: 'der' });
  return {
    fingerprint: createHash('md5').update(der).digest('hex'),
    publicKeyDer: der.toString('base64'),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    validityStart: now,
    validityEnd: now + KEY_VALIDITY_MS,
  };
}

/**
 * The region's signing keys, oldest first, with the current one made if it is due. Keys exist for
 * the days something needed one (a digest signed, a listing asked for the current key), as AWS
 * lists only keys that signed digests in the range asked for.
 */
export function signingKeys(call: Call): SigningKeyRecord[] {
  const lake = call.state.cloudtrail.lake;
  const keys = (lake.signingKeys ??= []);
  const latest = keys[keys.length - 1];
  if (!latest || latest.validityEnd <= call.now) keys.push(newSigningKey(call.now));
  return keys;
}

/** The key that signs this region's digest files now (its private half, PEM). */
export function currentSigningKey(call: Call): SigningKeyRecord {
  const keys = signingKeys(call);
  return keys[keys.length - 1]!;
}
