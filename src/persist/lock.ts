import { closeSync, openSync, readFileSync, statSync, unlinkSync, utimesSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { removeLeftoverTempFiles, STATE_FILE_MODE } from './atomic.js';

/** Who holds a state directory's lock, as written in its lock file. */
export interface LockHolder {
  pid: number;
  host: string;
  command: string;
  since: string;
}

/** The error a second writer of a state directory gets: names the holder. */
export class StateLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `state directory ${dir} is locked by ${holder.command} (pid ${holder.pid} on ${holder.host}, since ${holder.since}); ` +
        `wait for it to finish, or stop it. If that process is gone, delete ${join(dir, 'lock.json')}.`,
    );
    this.name = 'StateLockedError';
  }
}

/** A holder refreshes its lock file this often, so other hosts can tell a live lock from a stale one. */
export const LOCK_HEARTBEAT_MS = 15_000;
/** A lock held from another host and not refreshed for this long is stale (its holder is gone). */
export const LOCK_STALE_AFTER_MS = 120_000;

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Takes the exclusive lock of a state directory (O_EXCL create of lock.json) and keeps it fresh
 * with a heartbeat. A lock left by a dead process on this host, or by another host that stopped
 * refreshing it, is recovered; a live holder's lock is never stolen (a process alive on this host
 * keeps its lock however old, even when suspended). Temp files a killed writer left behind are
 * removed once the lock is held. Returns release().
 */
export function acquireLock(dir: string, command: string): () => void {
  const file = join(dir, 'lock.json');
  const me: LockHolder = { pid: process.pid, host: hostname(), command, since: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx', STATE_FILE_MODE);
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      removeLeftoverTempFiles(dir);
      let released = false;
      const heartbeat = setInterval(() => touch(file), LOCK_HEARTBEAT_MS).unref();
      return () => {
        if (released) return;
        released = true;
        clearInterval(heartbeat);
        try {
          const holder = JSON.parse(readFileSync(file, 'utf8')) as LockHolder;
          if (holder.pid === me.pid && holder.since === me.since) unlinkSync(file);
        } catch {
          // already gone
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const holder = readHolder(file);
    if (holder && !isStale(file, holder, me.host)) throw new StateLockedError(dir, holder);
    try {
      unlinkSync(file); // stale: its process is dead (or the file is unreadable garbage)
    } catch {
      // someone else recovered it first; try again
    }
  }
  const holder = readHolder(file);
  throw holder ? new StateLockedError(dir, holder) : new Error(`could not lock state directory ${dir}`);
}

/** Dead on this host, or silent from another host for longer than the stale limit. */
function isStale(file: string, holder: LockHolder, host: string): boolean {
  if (holder.host === host) return !alive(holder.pid);
  try {
    return Date.now() - statSync(file).mtimeMs > LOCK_STALE_AFTER_MS;
  } catch {
    return true; // gone already
  }
}

function touch(file: string): void {
  try {
    const now = new Date();
    utimesSync(file, now, now);
  } catch {
    // released or removed underneath us; release() copes
  }
}

function readHolder(file: string): LockHolder | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LockHolder;
  } catch {
    return undefined;
  }
}
