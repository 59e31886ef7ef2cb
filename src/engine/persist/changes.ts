import { defineMember, ownMember, persistedValue, transientBelow, type PathPattern, type StatePath } from './paths.js';
import type { DirtyEntry } from './tracker.js';

/**
 * One logged change, replayed in order: `set` a location to a value (in place if the member is
 * there), `insert` it as the last member (key order is part of the state: tags list in it),
 * `delete` it, or `append` values to the array there.
 */
export type Change =
  | ['set' | 'insert', StatePath, unknown]
  | ['delete', StatePath]
  | ['append', StatePath, unknown[]]
  | ['trim', StatePath, number];

/**
 * The changes that bring the last committed world to `world` now, from the locations written since
 * (each as it is now, so the order of the writes does not matter). A location under another one
 * that is replaced or deleted is covered by it; one whose parent is gone was moved or deleted, and
 * its new place was written too.
 */
export function collectChanges(world: object, dirty: DirtyEntry[], transient: readonly PathPattern[]): Change[] {
  const sorted = [...dirty].sort((a, b) => a.path.length - b.path.length);
  const whole = new Set<string>();
  const changes: Change[] = [];
  for (const entry of sorted) {
    if (coveredBy(whole, entry.path)) continue;
    if (entry.from === undefined) whole.add(JSON.stringify(entry.path));
    changes.push(...changesAt(world, entry, transient));
  }
  return changes;
}

function coveredBy(whole: Set<string>, path: StatePath): boolean {
  for (let n = path.length - 1; n > 0; n--) if (whole.has(JSON.stringify(path.slice(0, n)))) return true;
  return false;
}

function changesAt(world: object, entry: DirtyEntry, transient: readonly PathPattern[]): Change[] {
  const parent = locate(world, entry.path.slice(0, -1));
  if (parent === undefined) return [];
  const key = entry.path[entry.path.length - 1]!;
  if (!Object.hasOwn(parent, key)) return [['delete', entry.path]];
  const value = (parent as Record<string, unknown>)[key];
  const { from, trimmed } = entry;
  if (from !== undefined && Array.isArray(value) && value.length >= from && transientBelow(entry.path, transient).length === 0) {
    const changes: Change[] = trimmed ? [['trim', entry.path, trimmed]] : [];
    if (value.length > from) changes.push(['append', entry.path, value.slice(from)]);
    return changes;
  }
  return [[entry.moved ? 'insert' : 'set', entry.path, persistedValue(value, entry.path, transient)]];
}

/** The object at `path`, or undefined when a step is missing. */
function locate(root: object, path: StatePath): object | undefined {
  let at: unknown = root;
  for (const key of path) {
    at = ownMember(at, key);
    if (at === null || typeof at !== 'object') return undefined;
  }
  return at as object;
}

/**
 * Replays logged changes onto a loaded world (plain JSON). Never refuses a log it could read: a
 * change under a location that is missing on disk (made by a write outside a tracked view, such
 * as a test seeding the world) creates the location, so the state always loads.
 */
export function applyChanges(world: object, changes: Change[]): void {
  for (const change of changes) {
    const path = change[1];
    const parent = reach(world, path.slice(0, -1));
    const key = path[path.length - 1]!;
    if (change[0] === 'append' || change[0] === 'trim') {
      const array = ownMember(parent, key);
      if (change[0] === 'trim') (Array.isArray(array) ? array : []).splice(0, change[2]);
      else if (Array.isArray(array)) for (const value of change[2]) array.push(value);
      else defineMember(parent, key, change[2]);
      continue;
    }
    if (change[0] !== 'set') delete parent[key];
    if (change[0] !== 'delete') defineMember(parent, key, change[2]);
  }
}

/** The object at `path`, made where missing. */
function reach(root: object, path: StatePath): Record<string, unknown> {
  let at = root as Record<string, unknown>;
  for (const key of path) {
    let next = ownMember(at, key);
    if (next === null || typeof next !== 'object') defineMember(at, key, (next = {}));
    at = next as Record<string, unknown>;
  }
  return at;
}
