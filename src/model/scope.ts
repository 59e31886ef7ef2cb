import type { ArnScope } from '../aws/arn.js';

/**
 * Where resources live: an account and a region. A manifest repository may span any number of
 * them; a resource's identity is its scope, kind and name.
 */
export type Scope = ArnScope;

/** `123456789012/us-east-1`: a stable key for maps, ownership and saved plans. */
export const scopeKey = (s: Scope): string => `${s.account}/${s.region}`;

export function parseScopeKey(key: string): Scope {
  const i = key.indexOf('/');
  return { account: key.slice(0, i), region: key.slice(i + 1) };
}

/** How reports name a scope: `123456789012 us-east-1`, with the account's alias when it has one. */
export const formatScope = (s: Scope, alias?: string): string => `${alias ? `${alias} (${s.account})` : s.account} ${s.region}`;
