import type { LogsState } from './state.js';

/**
 * Log group names of one region in ASCII order, kept beside the (plain JSON) state rather than in
 * it: DescribeLogGroups pages through thousands of groups many times a second and must not sort
 * per call. Built on first use, kept current by create and delete; a state object loaded or reset
 * is a new key, so it starts a fresh index.
 */
const indexes = new WeakMap<LogsState, string[]>();

/** The sorted names of the state's log groups (built once, then maintained incrementally). */
export function sortedLogGroupNames(logs: LogsState): string[] {
  let names = indexes.get(logs);
  if (!names) {
    names = Object.keys(logs.logGroups).sort(compareNames);
    indexes.set(logs, names);
  }
  return names;
}

/** Records a created log group in the index, if one has been built. */
export function indexLogGroupCreated(logs: LogsState, name: string): void {
  const names = indexes.get(logs);
  if (!names) return;
  const at = lowerBound(names, name);
  if (names[at] !== name) names.splice(at, 0, name);
}

/** Removes a deleted log group from the index, if one has been built. */
export function indexLogGroupDeleted(logs: LogsState, name: string): void {
  const names = indexes.get(logs);
  if (!names) return;
  const at = lowerBound(names, name);
  if (names[at] === name) names.splice(at, 1);
}

/** Names are ASCII-only (the model's pattern), so code-unit order is AWS's ASCII order. */
function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The first position whose name is not less than `name`. */
export function lowerBound(names: readonly string[], name: string): number {
  let lo = 0;
  let hi = names.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (names[mid]! < name) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first position whose name is greater than `name`. */
export function upperBound(names: readonly string[], name: string): number {
  let lo = 0;
  let hi = names.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (names[mid]! <= name) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
