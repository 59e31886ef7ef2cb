import { existsSync, mkdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { writeFileAtomic } from '../../persist/atomic.js';
import { readJsonDocument } from '../../persist/document.js';
import { acquireLock } from '../../persist/lock.js';
import type { WorldData } from '../world.js';

/** The engine's state file: the world plus lineage (set once) and serial (+1 per write). */
export interface EngineDocument {
  format: 1;
  lineage: string;
  serial: number;
  world: WorldData;
}

/** Where the engine keeps its world: a directory on disk, or nowhere (in memory). */
export interface EngineStore {
  /** The persisted world, if any. */
  readonly initial: WorldData | undefined;
  readonly lineage: string;
  readonly serial: number;
  /** Notes that the world changed; the store writes it soon (coalescing bursts of changes). */
  changed(world: () => WorldData): void;
  /** Resolves when everything changed so far is on disk. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

/** No persistence: `serve --in-memory` and scratch engines for plan simulation. */
export class MemoryStore implements EngineStore {
  readonly initial = undefined;
  readonly lineage = randomUUID();
  serial = 0;
  changed(): void {
    this.serial++;
  }
  async flush(): Promise<void> {}
  async close(): Promise<void> {}
}

/**
 * The state directory store: `engine.json` written atomically, at most one write in flight and
 * bursts coalesced into one write; the directory's lock held from open to close.
 */
export class FileStore implements EngineStore {
  readonly initial: WorldData | undefined;
  readonly lineage: string;
  serial: number;
  private readonly file: string;
  private readonly release: () => void;
  private world: (() => WorldData) | undefined;
  /** Changes noted so far, and how many of them are on disk. */
  private changes = 0;
  private written = 0;
  private writing = false;
  private waiters: { upTo: number; resolve: () => void; reject: (e: unknown) => void }[] = [];

  /** `lockHeld`: the caller already holds the directory's lock (logwarden's workspace) and keeps it. */
  constructor(
    readonly dir: string,
    command = 'logwarden',
    lockHeld = false,
  ) {
    mkdirSync(dir, { recursive: true });
    this.release = lockHeld ? () => {} : acquireLock(dir, command);
    this.file = join(dir, 'engine.json');
    try {
      const doc = existsSync(this.file) ? parseDocument(this.file) : undefined;
      this.initial = doc?.world;
      this.lineage = doc?.lineage ?? randomUUID();
      this.serial = doc?.serial ?? 0;
    } catch (e) {
      this.release();
      throw e;
    }
  }

  changed(world: () => WorldData): void {
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
        await writeFileAtomic(this.file, this.serialize(this.world!()));
        this.written = upTo;
        this.settle((w) => w.upTo <= upTo, (w) => w.resolve());
      } catch (e) {
        this.written = upTo; // reported to everyone waiting; the next change tries again
        this.settle((w) => w.upTo <= upTo, (w) => w.reject(e));
      }
    }
    this.writing = false;
  }

  private settle(which: (w: FileStore['waiters'][number]) => boolean, how: (w: FileStore['waiters'][number]) => void): void {
    const done = this.waiters.filter(which);
    this.waiters = this.waiters.filter((w) => !which(w));
    done.forEach(how);
  }

  private serialize(world: WorldData): string {
    const doc: EngineDocument = { format: 1, lineage: this.lineage, serial: ++this.serial, world };
    return JSON.stringify(doc);
  }
}

function parseDocument(file: string): EngineDocument {
  return readJsonDocument<EngineDocument>(file, 'engine state file', (doc) => doc.format === 1 && typeof doc.lineage === 'string' && !!doc.world);
}
