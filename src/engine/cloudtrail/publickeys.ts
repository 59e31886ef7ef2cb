import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import type { Handler } from '../service.js';
import { decodeToken } from '../tokens.js';
import { signingKeys } from './key-ring.js';

interface ListPublicKeysInput {
  StartTime?: number;
  EndTime?: number;
  NextToken?: string;
}

/**
 * The public keys valid at some time in [StartTime, EndTime] (both default to now, which lists the
 * current key). Values are DER (PKCS#1) bytes, base64 on the wire; fingerprints are their MD5.
 */
function listPublicKeys(call: Call, input: ListPublicKeysInput): unknown {
  if (input.NextToken !== undefined) {
    // The engine never hands out a token here (AWS reserves it for future use).
    decodeToken(input.NextToken, 'InvalidTokenException', 'Reserved for future use.');
  }
  const start = input.StartTime === undefined ? call.now : input.StartTime * 1000;
  const end = input.EndTime === undefined ? call.now : input.EndTime * 1000;
  if (start > end) throw new AwsError('InvalidTimeRangeException', 'Start time must be before end time.');
  const keys = signingKeys(call).filter((k) => k.validityStart <= end && k.validityEnd >= start);
  return {
    PublicKeyList: keys.map((k) => ({
      Value: k.publicKeyDer,
      ValidityStartTime: k.validityStart / 1000,
      ValidityEndTime: k.validityEnd / 1000,
      Fingerprint: k.fingerprint,
    })),
  };
}

export const publicKeyOperations: Record<string, Handler> = { ListPublicKeys: listPublicKeys };
