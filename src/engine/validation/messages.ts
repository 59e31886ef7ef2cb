import { AwsError } from '../errors.js';
import { ownEntry } from '../own.js';
import type { MemberRef, OperationDef } from './types.js';

/**
 * Coral reports at most ten violations, and counts only those: recorded against AWS by kinesalite
 * (PutRecords with 501 records, each with an empty partition key: "10 validation errors detected:"
 * and ten listed), and "10 validation errors detected" on CloudWatch Logs batches with more.
 */
export const MAX_REPORTED_VIOLATIONS = 10;

/**
 * Longest value quoted in a violation, in characters; longer ones are cut with `...`. Unverified:
 * AWS prints a list of structures by its Java form, which keeps it short; the engine prints the
 * members, so a 10,001-event batch would otherwise quote a megabyte.
 */
const MAX_VALUE_CHARS = 1024;

/** One constraint violation, as the walker finds it. */
export interface Violation {
  /** The top-level input member it belongs to (`logEvents` for `logEvents.3.member.message`). */
  member: string;
  /** The member itself holds more items than its length allows. */
  tooMany: boolean;
  text: string;
}

/** How AWS prints a pattern in a message: the documented form, without the model's anchors. */
export function displayPattern(pattern: string): string {
  return pattern.replace(/^\^/, '').replace(/\$$/, '');
}

/** How Coral prints a value in a validation message (`'x'`, `'[a, b]'`, `'{k=v}'`, null), cut when long. */
export function displayValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  const out = { text: '' };
  javaString(value, out);
  return `'${out.text.length > MAX_VALUE_CHARS ? `${out.text.slice(0, MAX_VALUE_CHARS)}...` : out.text}'`;
}

/** Appends Java's toString of a JSON value (`[a, b]`, `{k=v}`), stopping once past MAX_VALUE_CHARS. */
function javaString(value: unknown, out: { text: string }): void {
  if (value === null || typeof value !== 'object') {
    out.text += String(value);
    return;
  }
  const list = Array.isArray(value);
  const entries: [string, unknown][] = list ? value.map((item) => ['', item]) : Object.entries(value);
  out.text += list ? '[' : '{';
  for (let i = 0; i < entries.length && out.text.length <= MAX_VALUE_CHARS; i++) {
    const [key, item] = entries[i]!;
    out.text += (i > 0 ? ', ' : '') + (list ? '' : `${key}=`);
    javaString(item, out);
  }
  out.text += list ? ']' : '}';
}

/** Every constraint of a member, in the order Coral lists them. */
export function constraintsOf(ref: MemberRef): string[] {
  const out: string[] = [];
  const [min, max] = ref.length ?? [null, null];
  if (max !== null) out.push(`Member must have length less than or equal to ${max}`);
  if (min !== null) out.push(`Member must have length greater than or equal to ${min}`);
  if (ref.pattern) out.push(`Member must satisfy regular expression pattern: ${displayPattern(ref.pattern)}`);
  if (ref.enum) out.push(`Member must satisfy enum value set: [${ref.enum.join(', ')}]`);
  return out;
}

/**
 * The error of a request's violations: `N validation error(s) detected: …; …` under the error the
 * first violation's member has in this operation (CloudTrail's member errors), else `fallback`.
 */
export function validationError(op: OperationDef, violations: Violation[], fallback: string): AwsError {
  const first = violations[0]!;
  const rule = op.memberErrors && ownEntry(op.memberErrors, first.member);
  // newer operations (the delivery APIs) declare ValidationException instead of the service's usual error
  const generic = !op.errors.includes(fallback) && op.errors.includes('ValidationException') ? 'ValidationException' : fallback;
  const code = rule ? ((first.tooMany && rule.tooMany) || rule.error) : generic;
  const n = violations.length;
  return new AwsError(code, `${n} validation error${n === 1 ? '' : 's'} detected: ${violations.map((v) => v.text).join('; ')}`);
}
