import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { AwsError } from './errors.js';

const secret = randomBytes(32);

const sign = (body: string) => createHmac('sha256', secret).update(body).digest('base64url').slice(0, 22);

/** An opaque pagination token carrying `data`, signed so that a forged or edited one is rejected. */
export function encodeToken(data: unknown): string {
  const body = Buffer.from(JSON.stringify(data)).toString('base64url');
  return `${body}.${sign(body)}`;
}

/**
 * Reads a token made by encodeToken; anything else throws `errorCode` with `message`
 * (each API words its bad-token error differently).
 */
export function decodeToken<T>(token: string, errorCode: string, message: string): T {
  const dot = token.lastIndexOf('.');
  if (dot > 0) {
    const body = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1));
    const expected = Buffer.from(sign(body));
    if (given.length === expected.length && timingSafeEqual(given, expected)) {
      try {
        return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as T;
      } catch {
        // fall through to the rejection
      }
    }
  }
  throw new AwsError(errorCode, message);
}
