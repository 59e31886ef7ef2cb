import type { Json, Resource } from '../model/resources.js';
import { globMatch } from './glob.js';
import type { Condition, CustomCheck, Finding } from './types.js';

/**
 * The value at a dotted path of a canonical value; a key that itself holds dots (a tag key like
 * `app.kubernetes.io/name`) is found whole: at each level the longest key that matches wins.
 * List elements are addressed by index (`eventSelectors.0.ReadWriteType`).
 */
export function valueAt(value: unknown, segments: readonly string[]): unknown {
  if (segments.length === 0) return value;
  if (value === null || typeof value !== 'object') return undefined;
  for (let n = segments.length; n >= 1; n--) {
    const key = segments.slice(0, n).join('.');
    if (Array.isArray(value) ? /^\d+$/.test(key) && Number(key) < value.length : Object.hasOwn(value, key)) {
      return valueAt((value as Record<string, unknown>)[key], segments.slice(n));
    }
  }
  return undefined;
}

/** Whether an actual value is an expected one: null is "absent", `"*"` any value, strings are globs. */
function matches(actual: unknown, expected: Json): boolean {
  if (expected === null) return actual === undefined;
  if (actual === undefined) return false;
  if (expected === '*') return true;
  if (typeof expected === 'string') return (typeof actual === 'string' || typeof actual === 'number' || typeof actual === 'boolean') && globMatch(expected, String(actual));
  return JSON.stringify(actual) === JSON.stringify(expected);
}

const show = (v: unknown): string => (v === undefined ? 'absent' : JSON.stringify(v));
const showAll = (values: Json[]): string => values.map((v) => (v === null ? 'absent' : JSON.stringify(v))).join(' or ');

/** One finding per condition the resource's value breaks. */
function conditionFindings(value: unknown, c: Condition, forbidden: boolean): Finding[] {
  const actual = valueAt(value, c.path.split('.'));
  const hit = c.values.some((v) => matches(actual, v));
  const member = c.path.split('.')[0];
  if (forbidden && hit) return [{ member, message: `${c.path} is ${show(actual)}, which is forbidden` }];
  if (!forbidden && !hit) return [{ member, message: `${c.path} is ${show(actual)}; required: ${showAll(c.values)}` }];
  return [];
}

/** What a resource of the custom rule's kind breaks of its conditions. */
export function customFindings(check: CustomCheck, resource: Resource): Finding[] {
  return [
    ...check.require.flatMap((c) => conditionFindings(resource.value, c, false)),
    ...check.forbid.flatMap((c) => conditionFindings(resource.value, c, true)),
  ];
}
