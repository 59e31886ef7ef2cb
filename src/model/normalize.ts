import type { EventSelector, Json } from './resources.js';

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
    const out: Record<string, Json> = {};
    for (const key of Object.keys(value).sort()) out[key] = canonicalJson(value[key]!);
    return out;
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
  const out: Record<string, Json> = {};
  for (const [key, v] of Object.entries(statement)) {
    if (IAM_SETS.has(key)) out[key] = stringSet(v);
    else if ((key === 'Principal' || key === 'NotPrincipal') && v !== null && typeof v === 'object' && !Array.isArray(v)) {
      out[key] = mapValues(v, stringSet);
    } else if (key === 'Condition' && v !== null && typeof v === 'object' && !Array.isArray(v)) {
      out[key] = mapValues(v, (op) => (op !== null && typeof op === 'object' && !Array.isArray(op) ? mapValues(op, stringSet) : op));
    } else out[key] = v;
  }
  return out;
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

/**
 * A trail's SNS topic is given by name or ARN and read back as both: the canonical form is the
 * ARN (a bare name is a topic of the trail's own account and region, as CloudTrail resolves it).
 */
export function snsTopicArn(nameOrArn: string, account: string, region: string): string {
  return nameOrArn.startsWith('arn:') ? nameOrArn : `arn:aws:sns:${region}:${account}:${nameOrArn}`;
}

/** AWS's default selector set for a trail: reads back as "no custom selectors". */
function isDefaultEventSelectors(selectors: EventSelector[] | undefined): boolean {
  if (!selectors || selectors.length === 0) return true;
  if (selectors.length !== 1) return false;
  const s = selectors[0]!;
  return (
    s.ReadWriteType === 'All' &&
    s.IncludeManagementEvents &&
    s.DataResources.length === 0 &&
    s.ExcludeManagementEventSources.length === 0
  );
}

/** A basic event selector as written or read: any member may be left to AWS's default. */
export interface EventSelectorInput {
  ReadWriteType?: EventSelector['ReadWriteType'];
  IncludeManagementEvents?: boolean;
  DataResources?: { Type: string; Values?: string[] }[];
  ExcludeManagementEventSources?: string[];
}

/**
 * Basic event selectors with AWS's defaults filled in — the same for the manifest and for what a
 * trail reads back; undefined when they amount to AWS's default set ("no custom selectors").
 */
export function canonicalEventSelectors(selectors: EventSelectorInput[]): EventSelector[] | undefined {
  const out = selectors.map((s) => ({
    ReadWriteType: s.ReadWriteType ?? 'All',
    IncludeManagementEvents: s.IncludeManagementEvents ?? true,
    DataResources: (s.DataResources ?? []).map((r) => ({ Type: r.Type, Values: r.Values ?? [] })),
    ExcludeManagementEventSources: s.ExcludeManagementEventSources ?? [],
  }));
  return isDefaultEventSelectors(out) ? undefined : out;
}

/** Tags compare as maps; absent and empty are the same. */
export function canonicalTags(tags: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(tags ?? {}).sort()) out[key] = tags![key]!;
  return out;
}
