/**
 * One CloudTrail signing key pair of a region (digest files are signed with the private key; the
 * public half is what ListPublicKeys returns). Times are epoch milliseconds.
 */
export interface SigningKeyRecord {
  /** MD5 of the DER public key, lowercase hex, as ListPublicKeys reports it. */
  fingerprint: string;
  /** The public key, DER (PKCS#1), base64. */
  publicKeyDer: string;
  /** The private key, PKCS#8 PEM (kept so that digest signing can use it). */
  privateKeyPem: string;
  validityStart: number;
  validityEnd: number;
}
