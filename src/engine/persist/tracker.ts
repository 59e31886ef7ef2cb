import { defineMember, matchesAt, type PathPattern, type StatePath } from './paths.js';

/**
 * What changed in the world since the last commit: one entry per written location. `from` is
 * absent when the value at `path` was replaced or deleted; a number when `path` is an array that
 * only lost `trimmed` items at its front (splice(0, n): a sliding window) and grew at its end,
 * from that index on: such arrays are logged as a trim and an append, not as the whole array.
 */
export interface DirtyEntry {
  path: StatePath;
  from?: number;
  trimmed?: number;
  /** The member was added or deleted since the last commit: if present now, it is last in key order. */
  moved?: boolean;
}

/**
 * A tracking proxy answers this key with its raw object (a proxy is never stored in the world).
 * A trap rather than a WeakMap from proxies: a call over a large region makes millions of proxies,
 * and a WeakMap that size made each insertion and every collection slower (minutes per plan).
 */
const RAW = Symbol('raw state');
const rawOf = (value: object): object | undefined => (value as { [RAW]?: object })[RAW];

/** The plain object behind a tracked one (itself when untracked), for identity-keyed caches and structuredClone. */
export function rawState<T>(value: T): T {
  return (value !== null && typeof value === 'object' ? (rawOf(value) as T | undefined) : undefined) ?? value;
}

const isTrackable = (v: object): boolean => {
  if (Array.isArray(v)) return true;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/** Replaces proxies inside a value about to be stored by their raw objects (values are plain JSON). */
function unwrap(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  const raw = rawOf(value);
  if (raw) return raw;
  if (!isTrackable(value)) return value;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const child = record[key];
    if (child !== null && typeof child === 'object') {
      const inner = unwrap(child);
      if (inner !== child) defineMember(record, key, inner);
    }
  }
  return value;
}

const isIndex = (key: string): boolean => /^(0|[1-9]\d*)$/.test(key);

/**
 * Records every write made through the views it hands out. A view is a tree of proxies over the
 * raw world, made afresh for each call (so a proxy's path is the one the call walked); reads pass
 * through, writes land on the raw objects and note their path. Paths matching a transient pattern
 * are neither tracked nor noted.
 */
export class ChangeTracker {
  private dirty = new Map<string, DirtyEntry>();

  constructor(readonly transient: readonly PathPattern[]) {}

  /** A tracked view of `root` for one call. */
  view<T extends object>(root: T): T {
    return new CallView(this).proxy(root, undefined, '') as T;
  }

  /** Whether anything was written since the last `take`. */
  get pending(): boolean {
    return this.dirty.size > 0;
  }

  /** The changes noted since the last call, and a fresh start. */
  take(): DirtyEntry[] {
    const entries = [...this.dirty.values()];
    this.dirty = new Map();
    return entries;
  }

  /** Notes a write that replaces or deletes the value at `path`; `moved` when it adds or deletes the member. */
  replaced(path: StatePath, moved: boolean): void {
    const key = JSON.stringify(path);
    const entry = this.dirty.get(key);
    if (entry && !moved) wholly(entry);
    else if (moved) {
      // last in the log as it is now last among its siblings: inserts replay in entry order
      this.dirty.delete(key);
      this.dirty.set(key, { path, moved });
    } else this.dirty.set(key, { path });
  }

  /** Notes a write into the array at `path`: `growsFrom` is the index it writes at or beyond, if it only appends. */
  arrayWritten(path: StatePath, length: number, growsFrom: number | undefined): void {
    const key = JSON.stringify(path);
    const entry = this.dirty.get(key);
    if (!entry) this.dirty.set(key, growsFrom === undefined || growsFrom < length ? { path } : { path, from: length });
    else if (entry.from !== undefined && (growsFrom === undefined || growsFrom < entry.from)) wholly(entry);
  }

  /** Notes that the array at `path` (of `length` items) loses its first `count`, if they were there at the last commit. */
  arrayTrimmed(path: StatePath, length: number, count: number): void {
    const key = JSON.stringify(path);
    const entry = this.dirty.get(key) ?? { path, from: length };
    this.dirty.set(key, entry);
    if (entry.from === undefined || count > entry.from) return wholly(entry);
    entry.from -= count;
    entry.trimmed = (entry.trimmed ?? 0) + count;
  }
}

/** The entry's value is logged whole. */
function wholly(entry: DirtyEntry): void {
  delete entry.from;
  delete entry.trimmed;
}

/** `splice(0, n)` of a tracked array, run on the raw array and noted as a trim; any other splice goes through the traps. */
function trackedSplice(tracker: ChangeTracker, path: StatePath, target: unknown[], proxy: unknown[]) {
  return (...args: [number, number?, ...unknown[]]): unknown[] => {
    const [start, count] = args;
    if (args.length !== 2 || start !== 0 || !Number.isInteger(count) || count! < 0) return Array.prototype.splice.apply(proxy, args as [number, number]);
    tracker.arrayTrimmed(path, target.length, Math.min(count!, target.length));
    return target.splice(0, count);
  };
}

/** The proxies of one call: one per raw object reached, so identity holds within the call. */
class CallView {
  private readonly proxies = new Map<object, object>();

  constructor(readonly tracker: ChangeTracker) {}

  proxy(target: object, parent: Reached | undefined, key: string): object {
    let proxy = this.proxies.get(target);
    if (!proxy) {
      proxy = new Proxy(target, new Reached(this, target, parent, key));
      this.proxies.set(target, proxy);
    }
    return proxy;
  }
}

/** The proxy handler of one object of a call's view: knows where the object was reached. */
class Reached implements ProxyHandler<object> {
  private path_: StatePath | undefined;
  private readonly depth: number;

  constructor(
    private readonly view: CallView,
    private readonly target: object,
    readonly parent: Reached | undefined,
    readonly key: string,
  ) {
    this.depth = parent ? parent.depth + 1 : 0;
  }

  get path(): StatePath {
    return (this.path_ ??= this.parent ? [...this.parent.path, this.key] : []);
  }

  get(target: object, key: string | symbol, receiver: unknown): unknown {
    if (key === RAW) return target;
    if (key === 'splice' && Array.isArray(target)) return trackedSplice(this.view.tracker, this.path, target, receiver as unknown[]);
    const value = Reflect.get(target, key);
    if (typeof key === 'symbol' || value === null || typeof value !== 'object' || !isTrackable(value)) return value;
    if (Object.isFrozen(target) || this.isTransient(key)) return value;
    return this.view.proxy(value, this, key);
  }

  set(target: object, key: string | symbol, value: unknown): boolean {
    if (typeof key === 'string') {
      const newLength = Array.isArray(target) && key === 'length' ? Number(value) : undefined;
      this.noteWrite(key, newLength, !Object.hasOwn(target, key));
    }
    return Reflect.set(target, key, unwrap(value));
  }

  defineProperty(target: object, key: string | symbol, descriptor: PropertyDescriptor): boolean {
    if (typeof key === 'string') this.noteWrite(key, undefined, !Object.hasOwn(target, key));
    const stored = 'value' in descriptor ? { ...descriptor, value: unwrap(descriptor.value) } : descriptor;
    return Reflect.defineProperty(target, key, stored);
  }

  deleteProperty(target: object, key: string | symbol): boolean {
    if (typeof key === 'string' && Object.hasOwn(target, key)) this.noteWrite(key, -1, true);
    return Reflect.deleteProperty(target, key);
  }

  /** An object's member is replaced; an array is written as a whole, or appended to. */
  private noteWrite(key: string, newLength: number | undefined, moved: boolean): void {
    if (!Array.isArray(this.target)) {
      if (!this.isTransient(key)) this.view.tracker.replaced([...this.path, key], moved);
      return;
    }
    const length = this.target.length;
    const at = key === 'length' ? newLength : isIndex(key) && newLength !== -1 ? Number(key) : undefined;
    this.view.tracker.arrayWritten(this.path, length, at);
  }

  private isTransient(key: string): boolean {
    for (const pattern of this.view.tracker.transient) {
      if (pattern.length === this.depth + 1 && matchesAt(pattern, this, key)) return true;
    }
    return false;
  }
}
