import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../persist/atomic.js';
import { readJsonDocument } from '../persist/document.js';
import { acquireLock } from '../persist/lock.js';
import { topLevel } from '../kinds/index.js';
import { addressKey, type Address } from '../model/address.js';
import type { Scope } from '../model/scope.js';
import type { Ownership } from '../plan/changes.js';

/** How logwarden came to manage a resource. */
export type Origin = 'created' | 'adopted';

/** One ownership record: what logwarden manages, and since when. */
export interface OwnershipRecord {
  origin: Origin;
  since: string;
  /**
   * A log group declared `protected: false` when last applied: deleting or replacing it while it
   * holds data needs no --allow-destroy, even once its declaration is gone. Absent: protected.
   */
  protected?: false;
}

/** Address key (`logGroup:/app/api`) → record, for one target. */
export type OwnedResources = Record<string, OwnershipRecord>;

/**
 * logwarden's own state, `state/logwarden.json` (the embedded engine's world is `engine.json`
 * beside it): ownership per target, lineage (set once) and serial (+1 on every write).
 */
export interface StateDocument {
  format: 1;
  lineage: string;
  serial: number;
  /** Keyed by target identity (see `targetKey`), so one state directory never confuses accounts. */
  targets: Record<string, OwnedResources>;
  /** The plans applied here, newest last (a saved plan applies once): plan id → when. */
  applied?: { plan: string; at: string }[];
  /** Per target (its kind and endpoint): the scope manifests that name none were first applied to. */
  pinned?: Record<string, Scope>;
}

/** How many applied plans the state remembers. */
const APPLIED_KEPT = 100;

export const STATE_FILE = 'logwarden.json';

/**
 * An open state directory: its lock is held from open to close (a concurrent apply gets a clear
 * error naming this process), its document read once and written atomically on every commit.
 */
export class Workspace {
  private doc: StateDocument;
  private writes: Promise<void> = Promise.resolve();

  private constructor(
    readonly dir: string,
    doc: StateDocument | undefined,
    private readonly release: () => void,
  ) {
    this.exists = doc !== undefined;
    // a fresh directory still has a lineage, so a plan made against it cannot be applied twice
    this.doc = doc ?? { format: 1, lineage: randomUUID(), serial: 0, targets: {} };
  }

  /** Whether the state file exists (false until the first apply writes it). */
  exists: boolean;

  /** Locks and reads DIR (created if missing). `command` names the holder in lock errors. */
  static open(dir: string, command: string): Workspace {
    mkdirSync(dir, { recursive: true });
    const release = acquireLock(dir, command);
    try {
      const file = join(dir, STATE_FILE);
      return new Workspace(dir, existsSync(file) ? readState(file) : undefined, release);
    } catch (e) {
      release();
      throw e;
    }
  }

  get lineage(): string {
    return this.doc.lineage;
  }

  get serial(): number {
    return this.doc.serial;
  }

  /** A saved plan made before the first write carries its own lineage: the state takes it on. */
  adoptLineage(lineage: string): void {
    if (this.exists) throw new Error('the state already has a lineage');
    this.doc.lineage = lineage;
  }

  /** The records of one target (a copy: change them through `commit`). */
  owned(target: string): OwnedResources {
    return { ...(Object.hasOwn(this.doc.targets, target) ? this.doc.targets[target] : {}) };
  }

  /** Where manifests without a scope were first applied, on this target (see `targetPrefix`). */
  pinnedScope(prefix: string): Scope | undefined {
    return this.doc.pinned && Object.hasOwn(this.doc.pinned, prefix) ? this.doc.pinned[prefix] : undefined;
  }

  /** Pins this target's default scope (with the next commit), unless one is pinned already. */
  pin(prefix: string, scope: Scope): void {
    if (this.pinnedScope(prefix) === undefined) this.doc.pinned = { ...this.doc.pinned, [prefix]: scope };
  }

  /** The target identities state/ holds records for. */
  targetKeys(): string[] {
    return Object.keys(this.doc.targets);
  }

  /** When a plan (by its id) was applied here; undefined if it never was. */
  appliedAt(plan: string): string | undefined {
    return this.doc.applied?.find((a) => a.plan === plan)?.at;
  }

  /**
   * Applies `update` to the target's records and writes the document (serial + 1), in order;
   * `appliedPlan`: the write is the start of that plan's apply, remembered from now on.
   */
  commit(target: string, update: (owned: OwnedResources) => void, appliedPlan?: string): Promise<void> {
    return this.commitAll(new Map([[target, update]]), appliedPlan);
  }

  /** `commit` of several targets' records (the scopes of a plan) in one write. */
  commitAll(updates: Map<string, (owned: OwnedResources) => void>, appliedPlan?: string): Promise<void> {
    for (const [target, update] of updates) {
      const records = { ...(Object.hasOwn(this.doc.targets, target) ? this.doc.targets[target] : {}) };
      update(records);
      this.doc.targets = { ...this.doc.targets, [target]: records };
    }
    if (appliedPlan !== undefined) this.doc.applied = [...(this.doc.applied ?? []), { plan: appliedPlan, at: new Date().toISOString() }].slice(-APPLIED_KEPT);
    this.doc.serial++;
    const text = `${JSON.stringify(this.doc, null, 1)}\n`;
    this.writes = this.writes.then(() => writeFileAtomic(join(this.dir, STATE_FILE), text));
    this.exists = true;
    return this.writes;
  }

  /** Waits for pending writes, then releases the lock. */
  async close(): Promise<void> {
    try {
      await this.writes;
    } finally {
      this.release();
    }
  }
}

function readState(file: string): StateDocument {
  return readJsonDocument<StateDocument>(
    file,
    'logwarden state file',
    (doc) => doc.format === 1 && typeof doc.lineage === 'string' && typeof doc.serial === 'number' && typeof doc.targets === 'object',
  );
}

/** The identity ownership is recorded under: kind of target, endpoint, account and region. */
export function targetKey(kind: string, account: string, region: string, endpoint?: string): string {
  return `${targetPrefix(kind, endpoint)}${account}|${region}`;
}

/** What every scope's identity of one target starts with: `local|`, `endpoint|http://…|`. */
export const targetPrefix = (kind: string, endpoint?: string): string => [kind, ...(endpoint ? [endpoint] : []), ''].join('|');

/**
 * Ownership as the differ asks for it. Nested resources belong to their top-level resource: they
 * are owned exactly when it is (and reconciled exhaustively while it is declared).
 */
export function ownershipOf(owned: OwnedResources): Ownership {
  return { isOwned: (address: Address) => Object.hasOwn(owned, addressKey(topLevel(address))) };
}

/** The top-level names owned per kind: refresh reads them in depth even when no longer declared. */
export function ownedNames(owned: OwnedResources, kind: string): string[] {
  const prefix = `${kind}:`;
  return Object.keys(owned)
    .filter((k) => k.startsWith(prefix))
    .map((k) => k.slice(prefix.length));
}
