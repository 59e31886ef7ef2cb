/** A location in the world: the keys from the root (array indices as their decimal strings). */
export type StatePath = readonly string[];

/** A set of locations: keys, or `*` for any key at that depth. */
export type PathPattern = readonly string[];

/** Where a tracked object was reached: its key, and the object it was reached from. */
interface Reached {
  readonly parent: Reached | undefined;
  readonly key: string;
}

/** Whether `pattern` names the member `key` of the object reached at `at` (pattern length = depth + 1). */
export function matchesAt(pattern: PathPattern, at: Reached, key: string): boolean {
  let i = pattern.length - 1;
  if (pattern[i] !== '*' && pattern[i] !== key) return false;
  for (let node: Reached | undefined = at; node?.parent; node = node.parent) {
    i--;
    if (pattern[i] !== '*' && pattern[i] !== node.key) return false;
  }
  return i === 0;
}

const matchesPrefix = (pattern: PathPattern, path: StatePath): boolean =>
  path.every((key, i) => pattern[i] === '*' || pattern[i] === key);

/** The transient patterns that name something strictly inside `path`. */
export const transientBelow = (path: StatePath, transient: readonly PathPattern[]): PathPattern[] =>
  transient.filter((p) => p.length > path.length && matchesPrefix(p, path));

/** Sets an own member, also `__proto__` (which plain assignment would not create). */
export function defineMember(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** An own member only: a key of caller input never finds Object.prototype. */
export function ownMember(target: unknown, key: string): unknown {
  return target !== null && typeof target === 'object' && Object.hasOwn(target, key) ? (target as Record<string, unknown>)[key] : undefined;
}

/**
 * The value at `path` as persisted: members that match a transient pattern are replaced by an
 * empty one of their kind (copying only along the way down to them; the rest is shared).
 */
export function persistedValue(value: unknown, path: StatePath, transient: readonly PathPattern[]): unknown {
  const below = transientBelow(path, transient);
  return below.length === 0 ? value : stripped(value, path.length, below);
}

function stripped(value: unknown, depth: number, patterns: readonly PathPattern[]): unknown {
  if (value === null || typeof value !== 'object') return value;
  const source = value as Record<string, unknown>;
  const copy: Record<string, unknown> = Array.isArray(value) ? ([...value] as unknown as Record<string, unknown>) : { ...source };
  for (const key of Object.keys(source)) {
    const next = patterns.filter((p) => p[depth] === '*' || p[depth] === key);
    if (next.length === 0) continue;
    const child = source[key];
    const emptied = Array.isArray(child) ? [] : child !== null && typeof child === 'object' ? {} : child;
    defineMember(copy, key, next.some((p) => p.length === depth + 1) ? emptied : stripped(child, depth + 1, next));
  }
  return copy;
}
