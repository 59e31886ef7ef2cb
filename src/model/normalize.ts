import type { Json } from './resources.js';

/**
 * Canonical forms, one place per kind, so that comparison elsewhere is plain equality.
 */

/** Parses a policy given as a JSON string, or takes it as already parsed. Throws on bad JSON. */
export function parsePolicy(value: string | Json): Json {
  return typeof value === 'string' ? (JSON.parse(value) as Json) : value;
}

/** Objects with keys sorted, recursively; arrays keep their order. */
export function canonicalJson(value: Json): Json {
  if (Array.isArray(value)) return value.map(canonicalJson);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonicalJson(value[key]!)]));
  }
  return value;
}

/** IAM members whose value may be one string or a list of them, order irrelevant. */
const IAM_SETS = new Set(['Action', 'NotAction', 'Resource', 'NotResource']);

/**
 * An IAM policy document in canonical form: `Statement` always a list; single values of Action,
 * Resource and Principal entries (and condition values) as sorted, de-duplicated lists; keys sorted.
 */
export function canonicalIamPolicy(value: Json): Json {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return canonicalJson(value);
  const doc: Record<string, Json> = { ...value };
  if (doc.Statement !== undefined) {
    const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
    doc.Statement = statements.map(canonicalStatement);
  }
  return canonicalJson(doc);
}

function canonicalStatement(statement: Json): Json {
  if (statement === null || typeof statement !== 'object' || Array.isArray(statement)) return statement;
  const isObject = (v: Json): v is { [key: string]: Json } => v !== null && typeof v === 'object' && !Array.isArray(v);
  return Object.fromEntries(
    Object.entries(statement).map(([key, v]): [string, Json] => {
      if (IAM_SETS.has(key)) return [key, stringSet(v)];
      if ((key === 'Principal' || key === 'NotPrincipal') && isObject(v)) return [key, mapValues(v, stringSet)];
      if (key === 'Condition' && isObject(v)) return [key, mapValues(v, (op) => (isObject(op) ? mapValues(op, stringSet) : op))];
      return [key, v];
    }),
  );
}

function mapValues(obj: { [key: string]: Json }, f: (v: Json) => Json): Json {
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, f(v)]));
}

function stringSet(v: Json): Json {
  const list = Array.isArray(v) ? v : [v];
  if (!list.every((x) => typeof x === 'string')) return list;
  return [...new Set(list as string[])].sort();
}

/** Log group ARNs are accepted with or without the trailing `:*`; the canonical form has none. */
export function stripLogGroupArnStar(arn: string): string {
  return arn.endsWith(':*') ? arn.slice(0, -2) : arn;
}

/** Tags compare as maps; absent and empty are the same. */
export function canonicalTags(tags: Record<string, string> | undefined): Record<string, string> {
  // fromEntries, not assignment: a tag named `__proto__` stays a tag
  return Object.fromEntries(Object.entries(tags ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Whether two canonical values are equal, member by member (key order aside). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  const [ka, kb] = [Object.keys(a), Object.keys(b)];
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
