import deepDiff from 'deep-diff';
import type { ValueDiff } from '../model/change.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The one equality of plans: two canonical values are the same when deep-diff finds no difference. */
export const sameValue = (a: unknown, b: unknown): boolean => a === b || (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null && deepDiff.diff(a, b) === undefined);

/**
 * How `before` became `after`, as a tree: objects member by member (keys sorted), lists aligned on
 * their longest common subsequence (between two common elements, removed and added ones are paired
 * as changes, the rest shown as removed or added — one statement more or less reads as just that),
 * anything else as one change. `same` exactly when the values are equal.
 */
export function diffValues(before: unknown, after: unknown): ValueDiff {
  if (sameValue(before, after)) return { op: 'same', value: after };
  if (isObj(before) && isObj(after)) return diffObject(before, after);
  if (Array.isArray(before) && Array.isArray(after)) return { op: 'list', items: diffList(before, after) };
  const whitespaceOnly = typeof before === 'string' && typeof after === 'string' && before.replace(/\s+/g, '') === after.replace(/\s+/g, '');
  return { op: 'change', before, after, ...(whitespaceOnly ? { whitespaceOnly } : {}) };
}

function diffObject(before: Obj, after: Obj): ValueDiff {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return {
    op: 'object',
    members: keys.map((key) => {
      if (!Object.hasOwn(before, key)) return { key, diff: { op: 'add', value: after[key] } };
      if (!Object.hasOwn(after, key)) return { key, diff: { op: 'remove', value: before[key] } };
      return { key, diff: diffValues(before[key], after[key]) };
    }),
  };
}

function diffList(before: unknown[], after: unknown[]): ValueDiff[] {
  const out: ValueDiff[] = [];
  let i = 0;
  let j = 0;
  for (const [bi, aj] of [...commonSubsequence(before, after), [before.length, after.length]]) {
    for (; i < bi && j < aj; i++, j++) out.push(diffValues(before[i], after[j]));
    for (; i < bi; i++) out.push({ op: 'remove', value: before[i] });
    for (; j < aj; j++) out.push({ op: 'add', value: after[j] });
    if (i >= before.length) break;
    out.push({ op: 'same', value: before[i] });
    i++;
    j++;
  }
  return out;
}

/** Index pairs of a longest common subsequence of two lists. */
function commonSubsequence(a: unknown[], b: unknown[]): [number, number][] {
  const eq = a.map((x) => b.map((y) => sameValue(x, y)));
  // lengths[i][j]: LCS length of a[i..] and b[j..]
  const lengths = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i]![j] = eq[i]![j] ? lengths[i + 1]![j + 1]! + 1 : Math.max(lengths[i + 1]![j]!, lengths[i]![j + 1]!);
    }
  }
  const pairs: [number, number][] = [];
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (eq[i]![j]) pairs.push([i++, j++]);
    else if (lengths[i + 1]![j]! >= lengths[i]![j + 1]!) i++;
    else j++;
  }
  return pairs;
}
