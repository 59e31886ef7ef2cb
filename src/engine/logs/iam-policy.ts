import { ownEntry, putEntry } from '../own.js';

/**
 * IAM policy documents as AWS reads them for CloudWatch Logs resources (destination access
 * policies, resource policies): parsed against the IAM grammar, normalized (every single value a
 * one-item list, keys canonical), and evaluated for one request with IAM's rule — an explicit Deny
 * wins, otherwise some Allow must match.
 */

/** A principal block: `"*"` (anyone) or lists of principals per kind (`AWS`, `Service`, …). */
export type PolicyPrincipal = '*' | Record<string, string[]>;

/** One statement after normalization; absent elements stay absent. */
export interface PolicyStatement {
  sid?: string;
  effect: 'Allow' | 'Deny';
  principal?: PolicyPrincipal;
  notPrincipal?: PolicyPrincipal;
  action?: string[];
  notAction?: string[];
  resource?: string[];
  notResource?: string[];
  /** operator → condition key (as written) → values. */
  condition?: Record<string, Record<string, string[]>>;
}

/** A normalized policy document. */
export interface PolicyDocument {
  version?: string;
  id?: string;
  statements: PolicyStatement[];
}

/** What a request asks: who (by account, or a service), which action, on which resource. */
export interface PolicyRequest {
  principalAccount?: string;
  principalService?: string;
  action: string;
  resource: string;
  /** Condition context keys (any case) and their values, e.g. `aws:PrincipalOrgID`. */
  context?: Record<string, string[]>;
}

/** Why a document is not an IAM policy; callers word it as their API does. */
export class PolicySyntaxError extends Error {}

const VERSIONS = new Set(['2012-10-17', '2008-10-17']);
const TOP_KEYS = new Set(['Version', 'Id', 'Statement']);
const STATEMENT_KEYS = new Set([
  'Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition',
]);

/** Parses and normalizes a policy given as JSON text; throws PolicySyntaxError. */
export function parsePolicy(text: string): PolicyDocument {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new PolicySyntaxError('policy is not valid JSON');
  }
  return normalizePolicy(raw);
}

/** Normalizes a parsed policy document; throws PolicySyntaxError where IAM's grammar is broken. */
export function normalizePolicy(raw: unknown): PolicyDocument {
  const doc = asObject(raw, 'policy');
  for (const key of Object.keys(doc)) if (!TOP_KEYS.has(key)) throw new PolicySyntaxError(`unknown element ${key}`);
  const version = optionalString(doc.Version, 'Version');
  if (version !== undefined && !VERSIONS.has(version)) throw new PolicySyntaxError(`unknown Version ${version}`);
  const id = optionalString(doc.Id, 'Id');
  const list = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement === undefined ? [] : [doc.Statement];
  if (list.length === 0) throw new PolicySyntaxError('Statement is missing');
  return { ...(version && { version }), ...(id && { id }), statements: list.map(normalizeStatement) };
}

function normalizeStatement(raw: unknown): PolicyStatement {
  const s = asObject(raw, 'Statement');
  for (const key of Object.keys(s)) if (!STATEMENT_KEYS.has(key)) throw new PolicySyntaxError(`unknown element ${key}`);
  if (s.Effect !== 'Allow' && s.Effect !== 'Deny') throw new PolicySyntaxError('Effect must be Allow or Deny');
  exclusive(s, 'Action', 'NotAction', true);
  exclusive(s, 'Resource', 'NotResource', false);
  exclusive(s, 'Principal', 'NotPrincipal', false);
  const out: PolicyStatement = { effect: s.Effect };
  const sid = optionalString(s.Sid, 'Sid');
  if (sid !== undefined) out.sid = sid;
  if (s.Principal !== undefined) out.principal = principalBlock(s.Principal);
  if (s.NotPrincipal !== undefined) out.notPrincipal = principalBlock(s.NotPrincipal);
  if (s.Action !== undefined) out.action = stringList(s.Action, 'Action');
  if (s.NotAction !== undefined) out.notAction = stringList(s.NotAction, 'NotAction');
  if (s.Resource !== undefined) out.resource = stringList(s.Resource, 'Resource');
  if (s.NotResource !== undefined) out.notResource = stringList(s.NotResource, 'NotResource');
  if (s.Condition !== undefined) out.condition = conditionBlock(s.Condition);
  return out;
}

function exclusive(s: Record<string, unknown>, a: string, b: string, required: boolean): void {
  if (s[a] !== undefined && s[b] !== undefined) throw new PolicySyntaxError(`${a} and ${b} together`);
  if (required && s[a] === undefined && s[b] === undefined) throw new PolicySyntaxError(`${a} is missing`);
}

function principalBlock(raw: unknown): PolicyPrincipal {
  if (raw === '*') return '*';
  const block = asObject(raw, 'Principal');
  const out: Record<string, string[]> = {};
  for (const [kind, value] of Object.entries(block)) putEntry(out, kind, stringList(value, `Principal ${kind}`));
  if (Object.keys(out).length === 0) throw new PolicySyntaxError('Principal is empty');
  return out;
}

function conditionBlock(raw: unknown): Record<string, Record<string, string[]>> {
  const out: Record<string, Record<string, string[]>> = {};
  for (const [operator, keys] of Object.entries(asObject(raw, 'Condition'))) {
    const entries: Record<string, string[]> = {};
    for (const [key, values] of Object.entries(asObject(keys, operator))) putEntry(entries, key, stringList(values, key, true));
    putEntry(out, operator, entries);
  }
  return out;
}

function asObject(raw: unknown, what: string): Record<string, unknown> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new PolicySyntaxError(`${what} must be an object`);
  return raw as Record<string, unknown>;
}

function optionalString(raw: unknown, what: string): string | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string') throw new PolicySyntaxError(`${what} must be a string`);
  return raw;
}

/** IAM's "single value or list": strings only (condition values may also be booleans and numbers). */
function stringList(raw: unknown, what: string, scalarsAllowed = false): string[] {
  const list = Array.isArray(raw) ? raw : [raw];
  if (list.length === 0) throw new PolicySyntaxError(`${what} is empty`);
  return list.map((v) => {
    if (typeof v === 'string') return v;
    if (scalarsAllowed && (typeof v === 'number' || typeof v === 'boolean')) return String(v);
    throw new PolicySyntaxError(`${what} must be a string or a list of strings`);
  });
}

/** Every AWS principal the policy names (Principal blocks only), `*` included. */
export function awsPrincipals(policy: PolicyDocument): string[] {
  return policy.statements.flatMap((s) => (s.principal === '*' ? ['*'] : (s.principal?.AWS ?? [])));
}

/** Every condition key the policy uses, as written. */
export function conditionKeys(policy: PolicyDocument): string[] {
  return policy.statements.flatMap((s) => Object.values(s.condition ?? {}).flatMap((keys) => Object.keys(keys)));
}

/** True when the policy grants the request: an Allow statement matches and no Deny statement does. */
export function allows(policy: PolicyDocument, request: PolicyRequest): boolean {
  const matching = policy.statements.filter((s) => statementMatches(s, request));
  return matching.some((s) => s.effect === 'Allow') && !matching.some((s) => s.effect === 'Deny');
}

function statementMatches(s: PolicyStatement, r: PolicyRequest): boolean {
  if (s.principal !== undefined && !principalMatches(s.principal, r)) return false;
  if (s.notPrincipal !== undefined && principalMatches(s.notPrincipal, r)) return false;
  if (s.action && !s.action.some((a) => wildcardMatch(a, r.action, true))) return false;
  if (s.notAction && s.notAction.some((a) => wildcardMatch(a, r.action, true))) return false;
  if (s.resource && !s.resource.some((p) => wildcardMatch(p, r.resource, false))) return false;
  if (s.notResource && s.notResource.some((p) => wildcardMatch(p, r.resource, false))) return false;
  return conditionsHold(s.condition ?? {}, r.context ?? {});
}

function principalMatches(p: PolicyPrincipal, r: PolicyRequest): boolean {
  if (p === '*') return true;
  const aws = p.AWS ?? [];
  if (r.principalAccount !== undefined && aws.some((v) => v === '*' || accountOfPrincipal(v) === r.principalAccount)) {
    return true;
  }
  return r.principalService !== undefined && (p.Service ?? []).includes(r.principalService);
}

/** The account an AWS principal stands for: a bare account id or the account's root ARN. */
function accountOfPrincipal(value: string): string | undefined {
  if (/^\d{12}$/.test(value)) return value;
  return /^arn:aws[\w-]*:iam::(\d{12}):root$/.exec(value)?.[1];
}

/** IAM wildcards: `*` any run, `?` one character; actions compare case-insensitively. */
function wildcardMatch(pattern: string, value: string, ignoreCase: boolean): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, ignoreCase ? 'is' : 's').test(value);
}

function conditionsHold(condition: Record<string, Record<string, string[]>>, context: Record<string, string[]>): boolean {
  const lookup = (key: string): string[] | undefined => {
    const found = Object.keys(context).find((k) => k.toLowerCase() === key.toLowerCase());
    return found === undefined ? undefined : context[found];
  };
  return Object.entries(condition).every(([operator, keys]) =>
    Object.entries(keys).every(([key, expected]) => conditionHolds(operator, lookup(key), expected)),
  );
}

type Comparator = (actual: string, expected: string) => boolean;

const COMPARATORS: Record<string, { test: Comparator; negated: boolean }> = {
  StringEquals: { test: (a, e) => a === e, negated: false },
  StringNotEquals: { test: (a, e) => a === e, negated: true },
  StringEqualsIgnoreCase: { test: (a, e) => a.toLowerCase() === e.toLowerCase(), negated: false },
  StringNotEqualsIgnoreCase: { test: (a, e) => a.toLowerCase() === e.toLowerCase(), negated: true },
  StringLike: { test: (a, e) => wildcardMatch(e, a, false), negated: false },
  StringNotLike: { test: (a, e) => wildcardMatch(e, a, false), negated: true },
  ArnEquals: { test: (a, e) => a === e, negated: false },
  ArnNotEquals: { test: (a, e) => a === e, negated: true },
  ArnLike: { test: (a, e) => wildcardMatch(e, a, false), negated: false },
  ArnNotLike: { test: (a, e) => wildcardMatch(e, a, false), negated: true },
  Bool: { test: (a, e) => a.toLowerCase() === e.toLowerCase(), negated: false },
};

/**
 * One condition: `ForAnyValue:`/`ForAllValues:` set operators and the `IfExists` suffix as IAM
 * defines them. An operator the engine does not know never holds, so an unknown condition can
 * only narrow an Allow, never widen it.
 */
function conditionHolds(operator: string, actual: string[] | undefined, expected: string[]): boolean {
  if (operator === 'Null') return (actual === undefined) === (expected[0]?.toLowerCase() === 'true');
  const [, qualifier, base] = /^(?:(ForAnyValue|ForAllValues):)?(.*)$/.exec(operator)!;
  const ifExists = base.endsWith('IfExists');
  const comparator = ownEntry(COMPARATORS, ifExists ? base.slice(0, -'IfExists'.length) : base);
  if (!comparator) return false;
  if (actual === undefined || actual.length === 0) {
    if (ifExists || qualifier === 'ForAllValues') return true;
    return comparator.negated && qualifier === undefined;
  }
  const one = (value: string): boolean => expected.some((e) => comparator.test(value, e)) !== comparator.negated;
  return qualifier === 'ForAllValues' ? actual.every(one) : actual.some(one);
}
