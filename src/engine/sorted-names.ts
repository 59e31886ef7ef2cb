import { rawState } from './persist/tracker.js';

/** One owner's index: the sorted names, and names added since they were last merged in. */
interface Index {
  names: string[];
  added: string[];
}

/**
 * Sorted name indexes kept beside the plain-JSON state (never in it): Describe* operations page
 * through thousands of names many times a second and must not sort per call. An index is built on
 * first use and maintained by create/delete; a state object loaded or reset is a new key, so it
 * starts afresh. Keyed by the raw state object: calls see it through a per-call tracking proxy.
 * Created names wait in `added` until the next listing merges them in, so a burst of creates in
 * a large region costs a merge per listing, not a shift of the whole array per create.
 */
export class NameIndex<Owner extends object> {
  private readonly indexes = new WeakMap<Owner, Index>();

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
    let index = this.indexes.get(owner);
    if (index?.added.length) index.names = merged(index.names, index.added.sort(compareCodeUnits));
    if (index) index.added = [];
    if (!index || (this.verifySize && index.names.length !== Object.keys(this.records(owner)).length)) {
      index = { names: Object.keys(this.records(owner)).sort(compareCodeUnits), added: [] };
      this.indexes.set(owner, index);
    }
    return index.names;
  }

  /** How many names the owner has (without merging what was added). */
  count(tracked: Owner): number {
    const index = this.indexes.get(rawState(tracked));
    return index ? index.names.length + index.added.length : this.sorted(tracked).length;
  }

  /** Records a created name (new to the owner), if the index has been built. */
  added(owner: Owner, name: string): void {
    this.indexes.get(rawState(owner))?.added.push(name);
  }

  /** Removes a deleted name, if the index has been built. */
  removed(owner: Owner, name: string): void {
    const index = this.indexes.get(rawState(owner));
    if (!index) return;
    const waiting = index.added.indexOf(name);
    if (waiting >= 0) {
      index.added.splice(waiting, 1);
      return;
    }
    const at = lowerBound(index.names, name);
    if (index.names[at] === name) index.names.splice(at, 1);
  }
}

/** Two sorted lists as one, each name once. */
function merged(a: readonly string[], b: readonly string[]): string[] {
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const next = j >= b.length || (i < a.length && a[i]! <= b[j]!) ? a[i++]! : b[j++]!;
    if (out[out.length - 1] !== next) out.push(next);
  }
  return out;
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
