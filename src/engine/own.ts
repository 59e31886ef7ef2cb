/**
 * Own-property access to plain records keyed by caller input. The world is plain JSON and
 * `constructor`, `toString` or `__proto__` are valid names of many AWS resources (and of regions,
 * tag keys, policy keys…), so a bare `record[name]` would find Object.prototype's members, and a
 * bare `record[name] = v` with `__proto__` would set the record's prototype instead of an entry.
 */

/** A record's own entry, never one inherited from Object.prototype. */
export function ownEntry<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Sets a record's own entry, also for `__proto__` (which plain assignment would not create). */
export function putEntry<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A record's own entry, created by `make` when it has none. */
export function entryOf<T>(record: Record<string, T>, key: string, make: () => T): T {
  if (Object.hasOwn(record, key)) return record[key]!;
  const value = make();
  putEntry(record, key, value);
  return value;
}
