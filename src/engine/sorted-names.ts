import { rawState } from './persist/tracker.js';

/**
 * Sorted name indexes kept beside the plain-JSON state (never in it): Describe* operations page
 * through thousands of names many times a second and must not sort per call. An index is built on
 * first use and maintained by create/delete; a state object loaded or reset is a new key, so it
 * starts afresh. Keyed by the raw state object: calls see it through a per-call tracking proxy.
 */
export class NameIndex<Owner extends object> {
  private readonly indexes = new WeakMap<Owner, string[]>();

  /**
   * `records` gives the keyed records of an owner. With `verifySize`, an index whose length no
   * longer matches is rebuilt (cheap for small maps; catches writers that bypass the index).
   */
  constructor(
    private readonly records: (owner: Owner) => Record<string, unknown>,
    private readonly verifySize = false,
  ) {}

  /** The owner's names in code-unit order (AWS's ASCII order for the names it allows). */
  sorted(tracked: Owner): string[] {
    const owner = rawState(tracked);
    let names = this.indexes.get(owner);
    if (!names || (this.verifySize && names.length !== Object.keys(this.records(owner)).length)) {
      names = Object.keys(this.records(owner)).sort(compareCodeUnits);
      this.indexes.set(owner, names);
    }
    return names;
  }

  /** Records a created name, if the index has been built. */
  added(owner: Owner, name: string): void {
    const names = this.indexes.get(rawState(owner));
    if (!names) return;
    const at = lowerBound(names, name);
    if (names[at] !== name) names.splice(at, 0, name);
  }

  /** Removes a deleted name, if the index has been built. */
  removed(owner: Owner, name: string): void {
    const names = this.indexes.get(rawState(owner));
    if (!names) return;
    const at = lowerBound(names, name);
    if (names[at] === name) names.splice(at, 1);
  }
}

export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The first position in sorted `names` whose name is not less than `name`. */
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

/** The first position in sorted `names` whose name is greater than `name`. */
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
