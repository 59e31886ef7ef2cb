/**
 * How the engine persists its world (`serve --state DIR`, the CLI's local target).
 *
 * On disk: `engine.json`, a snapshot of the world (format 2: lineage, serial, world), and
 * `engine.log`, the changes committed since, one checksummed line per group commit. A commit
 * appends one line and fsyncs it before any call it covers is acknowledged; so its cost follows the
 * size of the change, not of the world. When the log outgrows the snapshot, the commit writes a
 * new snapshot instead (temp file, fsync, rename) and starts the log afresh: compaction costs the
 * world's size once per world's size of changes. Opening replays the log onto the snapshot and
 * drops a torn last line (an append cut by a crash: never acknowledged, since not yet synced).
 * A format-1 `engine.json` (the whole world, rewritten per commit) loads as a snapshot and is
 * replaced by a format-2 one at the first commit.
 *
 * What a commit logs is found without any handler knowing: every call runs on a tracked view of
 * the world (tracker.ts), whose proxies note the path of each write (`x.a = 1`, `delete x.a`,
 * `Object.defineProperty`, array pushes and splices). At commit each noted path is logged with its
 * value as it is then. Reads are tracked too (they may make state lazily), except the bulk scans
 * of log events named in engine.ts (`UNTRACKED_READS`), which must write nothing. So new
 * operations and new state need no code here, provided they follow the world's rules:
 * - plain JSON only (records, arrays, strings, numbers, booleans), reached from `call.state`,
 *   `call.stateIn()`, `call.accountState` or `call.engine.world`; no Maps, Sets or class instances;
 * - state objects a call reaches are proxies: `structuredClone` them through `rawState(x)` first,
 *   and key identity caches (WeakMap) by `rawState(x)` (see sorted-names.ts);
 * - state that must not be persisted is named by a path pattern in engine.ts (`TRANSIENT_STATE`).
 * Code that only reads may work on `rawState(x)` to skip the proxies (hot read paths do).
 */
import { mkdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { writeFileAtomic } from '../../persist/atomic.js';
import { acquireLock } from '../../persist/lock.js';
import type { WorldData } from '../world.js';
import { collectChanges } from './changes.js';
import { ChangeLog, dropTornTail } from './log.js';
import { persistedValue, type PathPattern } from './paths.js';
import { LOG_FILE, SNAPSHOT_FILE, loadEngineState, type EngineDocument } from './snapshot.js';
import { ChangeTracker } from './tracker.js';

/** Where the engine keeps its world: a directory on disk, or nowhere (in memory). */
export interface EngineStore {
  /** The persisted world, if any. */
  readonly initial: WorldData | undefined;
  readonly lineage: string;
  readonly serial: number;
  /** Tracks what calls write, when the store persists changes (not in memory). */
  readonly tracker: ChangeTracker | undefined;
  /** Notes that the world changed; the store writes it soon (coalescing bursts of changes). */
  changed(world: WorldData): void;
  /** Resolves when everything changed so far is on disk. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

/** No persistence: `serve --in-memory` and scratch engines for plan simulation. */
export class MemoryStore implements EngineStore {
  readonly initial = undefined;
  readonly tracker = undefined;
  readonly lineage = randomUUID();
  serial = 0;
  changed(): void {
    this.serial++;
  }
  async flush(): Promise<void> {}
  async close(): Promise<void> {}
}

/** How to open a state directory. */
export interface FileStoreOptions {
  /** Names the lock holder in a lock conflict message. */
  command?: string;
  /** The caller already holds the directory's lock (logwarden's workspace) and keeps it. */
  lockHeld?: boolean;
  /** Parts of the world never persisted. */
  transient?: readonly PathPattern[];
}

/** The log is compacted once it is larger than the snapshot, and never below this size. */
const MIN_COMPACTION_BYTES = 1 << 20;

/**
 * The state directory store: group commit (at most one write in flight, bursts coalesced into one
 * log record), the directory's lock held from open to close.
 */
export class FileStore implements EngineStore {
  readonly initial: WorldData | undefined;
  readonly lineage: string;
  readonly tracker: ChangeTracker;
  serial: number;
  private readonly release: () => void;
  private readonly log: ChangeLog;
  private needsSnapshot: boolean;
  private snapshotBytes: number;
  private world: WorldData | undefined;
  /** Changes noted so far, and how many of them are on disk. */
  private changes = 0;
  private written = 0;
  private writing = false;
  private waiters: { upTo: number; resolve: () => void; reject: (e: unknown) => void }[] = [];

  constructor(
    readonly dir: string,
    options: FileStoreOptions = {},
  ) {
    mkdirSync(dir, { recursive: true });
    this.release = options.lockHeld ? () => {} : acquireLock(dir, options.command ?? 'logwarden');
    this.tracker = new ChangeTracker(options.transient ?? []);
    try {
      const state = loadEngineState(dir);
      if (state.log.validBytes < state.log.totalBytes && state.log.header) dropTornTail(join(dir, LOG_FILE), state.log.validBytes);
      this.initial = state.world;
      this.lineage = state.lineage ?? randomUUID();
      this.serial = state.serial;
      this.needsSnapshot = state.needsSnapshot;
      this.snapshotBytes = state.snapshotBytes;
      this.log = new ChangeLog(join(dir, LOG_FILE), state.log.validBytes);
    } catch (e) {
      this.release();
      throw e;
    }
  }

  changed(world: WorldData): void {
    this.world = world;
    this.changes++;
    if (!this.writing) void this.drain();
  }

  /** Group commit: resolves once a write that includes every change noted so far has landed. */
  flush(): Promise<void> {
    if (this.written >= this.changes) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ upTo: this.changes, resolve, reject }));
  }

  async close(): Promise<void> {
    try {
      await this.flush();
      await this.log.close();
    } finally {
      this.release();
    }
  }

  private async drain(): Promise<void> {
    this.writing = true;
    await new Promise((r) => setImmediate(r)); // let a burst of calls land in one write
    while (this.written < this.changes) {
      const upTo = this.changes;
      try {
        await this.commit();
        this.written = upTo;
        this.settle((w) => w.upTo <= upTo, (w) => w.resolve());
      } catch (e) {
        this.written = upTo; // reported to everyone waiting; the next change tries again
        this.settle((w) => w.upTo <= upTo, (w) => w.reject(e));
      }
    }
    this.writing = false;
  }

  /**
   * One group commit: a log record of what was written since the last one, or a snapshot when one
   * is due. Everything is serialized before the first await, so later calls land in the next one.
   * After a failure the next commit is a snapshot: a failed append may have left a partial line.
   */
  private async commit(): Promise<void> {
    const dirty = this.tracker.take();
    const serial = this.serial + 1;
    const compact = this.log.bytes >= Math.max(MIN_COMPACTION_BYTES, this.snapshotBytes);
    try {
      if (this.needsSnapshot || compact) await this.writeSnapshot(serial);
      else {
        await this.log.append({ serial, changes: collectChanges(this.world!, dirty, this.tracker.transient) });
        this.serial = serial;
      }
    } catch (e) {
      this.needsSnapshot = true;
      throw e;
    }
  }

  private async writeSnapshot(serial: number): Promise<void> {
    const world = persistedValue(this.world, [], this.tracker.transient) as WorldData;
    const text = JSON.stringify({ format: 2, lineage: this.lineage, serial, world } satisfies EngineDocument);
    await writeFileAtomic(join(this.dir, SNAPSHOT_FILE), text);
    this.serial = serial;
    this.snapshotBytes = Buffer.byteLength(text);
    await this.log.reset(this.lineage);
    this.needsSnapshot = false;
  }

  private settle(which: (w: FileStore['waiters'][number]) => boolean, how: (w: FileStore['waiters'][number]) => void): void {
    const done = this.waiters.filter(which);
    this.waiters = this.waiters.filter((w) => !which(w));
    done.forEach(how);
  }
}
