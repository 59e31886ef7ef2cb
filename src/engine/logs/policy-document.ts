import { AwsError } from '../errors.js';
import { putEntry } from '../own.js';

/**
 * Resource policy documents as CloudWatch Logs stores them. AWS converts the JSON it is given into
 * a "persistable policy" and reads that back: DescribeResourcePolicies shows `Version` defaulted
 * to 2008-10-17, the members in IAM's order, one-item lists as plain strings and account-id
 * principals as root ARNs, while PutResourcePolicy echoes the document exactly as sent
 * (recorded against AWS in localstack's test_logs_resource_policies snapshots and
 * aws-cloudformation/cloudformation-coverage-roadmap#2557).
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const UNCONVERTIBLE = 'Could not convert to persistable policy.';
const STATEMENT_KEYS = ['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition'];
const POLICY_KEYS = ['Version', 'Id', 'Statement'];
const VERSIONS = ['2008-10-17', '2012-10-17'];

const invalid = (message: string) => new AwsError('InvalidParameterException', message);
const isObject = (v: unknown): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Validates a resource policy document and returns the canonical JSON AWS stores for it; throws
 * InvalidParameterException with AWS's message when it cannot be stored.
 */
export function persistablePolicy(document: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(document);
  } catch {
    throw invalid('Policy document is not valid JSON.');
  }
  if (!isObject(parsed)) throw invalid(UNCONVERTIBLE);
  return JSON.stringify(canonicalPolicy(parsed));
}

function canonicalPolicy(policy: JsonObject): JsonObject {
  if (Object.keys(policy).some((k) => !POLICY_KEYS.includes(k))) throw invalid(UNCONVERTIBLE);
  const version = policy.Version ?? '2008-10-17';
  if (typeof version !== 'string' || !VERSIONS.includes(version)) throw invalid(UNCONVERTIBLE);
  const given = policy.Statement;
  const statements = Array.isArray(given) ? given : isObject(given) ? [given] : undefined;
  if (!statements || statements.length === 0) throw invalid(UNCONVERTIBLE);
  const out: JsonObject = { Version: version };
  if (policy.Id !== undefined) out.Id = stringValue(policy.Id);
  out.Statement = statements.map(canonicalStatement);
  return out;
}

function canonicalStatement(statement: Json): JsonObject {
  if (!isObject(statement) || Object.keys(statement).some((k) => !STATEMENT_KEYS.includes(k))) {
    throw invalid(UNCONVERTIBLE);
  }
  if (statement.Effect !== 'Allow' && statement.Effect !== 'Deny') throw invalid(UNCONVERTIBLE);
  const hasOne = (a: string, b: string) => (statement[a] === undefined) !== (statement[b] === undefined);
  if (!hasOne('Action', 'NotAction') || !hasOne('Resource', 'NotResource')) throw invalid(UNCONVERTIBLE);
  const out: JsonObject = {};
  for (const key of STATEMENT_KEYS) {
    const value = statement[key];
    if (value === undefined) continue;
    if (key === 'Sid' || key === 'Effect') out[key] = stringValue(value);
    else if (key === 'Principal' || key === 'NotPrincipal') out[key] = canonicalPrincipal(value);
    else if (key === 'Condition') out[key] = canonicalCondition(value);
    else out[key] = stringList(value);
  }
  return out;
}

/** `"*"`, or a map of principal type to one or more principals; AWS principals are account ids. */
function canonicalPrincipal(principal: Json): Json {
  if (principal === '*') return principal;
  if (!isObject(principal) || Object.keys(principal).length === 0) throw invalid(UNCONVERTIBLE);
  const out: JsonObject = {};
  for (const [type, value] of Object.entries(principal)) {
    if (!['AWS', 'Service', 'Federated', 'CanonicalUser'].includes(type)) throw invalid(UNCONVERTIBLE);
    const ids = asList(value);
    out[type] = collapse(type === 'AWS' ? ids.map(accountPrincipal) : ids);
  }
  return out;
}

function accountPrincipal(id: string): string {
  if (id === '*') return id;
  if (id.startsWith('arn:')) throw invalid(`Principal section of policy contains ARN instead of account ID: ${id}`);
  if (!/^\d{12}$/.test(id)) throw invalid(UNCONVERTIBLE);
  return `arn:aws:iam::${id}:root`;
}

function canonicalCondition(condition: Json): JsonObject {
  if (!isObject(condition)) throw invalid(UNCONVERTIBLE);
  const out: JsonObject = {};
  for (const [operator, entries] of Object.entries(condition)) {
    if (!isObject(entries)) throw invalid(UNCONVERTIBLE);
    const keys: JsonObject = {};
    for (const [key, value] of Object.entries(entries)) putEntry(keys, key, stringList(value, true));
    putEntry(out, operator, keys);
  }
  return out;
}

/** One string, or a list of them; IAM stores a one-item list as the string itself. */
function stringList(value: Json, scalars = false): Json {
  return collapse(asList(value, scalars));
}

function asList(value: Json, scalars = false): string[] {
  const items = Array.isArray(value) ? value : [value];
  if (items.length === 0) throw invalid(UNCONVERTIBLE);
  return items.map((item) => {
    if (typeof item === 'string') return item;
    // Condition values may be written as numbers or booleans; IAM keeps them as strings.
    if (scalars && (typeof item === 'number' || typeof item === 'boolean')) return String(item);
    throw invalid(UNCONVERTIBLE);
  });
}

const collapse = (items: string[]): Json => (items.length === 1 ? items[0] : items);

function stringValue(value: Json): string {
  if (typeof value !== 'string') throw invalid(UNCONVERTIBLE);
  return value;
}
