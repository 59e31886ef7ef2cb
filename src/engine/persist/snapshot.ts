import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readJsonDocument } from '../../persist/document.js';
import type { WorldData } from '../world.js';
import { applyChanges } from './changes.js';
import { scanLog, type ScannedLog } from './log.js';

/** The snapshot file and the log of changes since it, in the state directory. */
export const SNAPSHOT_FILE = 'engine.json';
export const LOG_FILE = 'engine.log';

/**
 * The engine's snapshot: the world plus lineage (set once) and serial (+1 per group commit).
 * Format 1 was the only file (rewritten whole on every commit); format 2 is followed by the log.
 */
export interface EngineDocument {
  format: 1 | 2;
  lineage: string;
  serial: number;
  world: WorldData;
}

/** A state directory as read: the world with every logged change replayed, and what to do next. */
export interface LoadedState {
  world: WorldData | undefined;
  lineage: string | undefined;
  serial: number;
  /** The next commit must write a snapshot: none yet, a format-1 one, or no usable log beside it. */
  needsSnapshot: boolean;
  snapshotBytes: number;
  log: ScannedLog;
}

/** Reads engine.json and replays engine.log onto it; changes nothing on disk. */
export function loadEngineState(dir: string): LoadedState {
  const snapshotFile = join(dir, SNAPSHOT_FILE);
  const doc = existsSync(snapshotFile) ? parseDocument(snapshotFile) : undefined;
  const log = scanLog(join(dir, LOG_FILE));
  const state: LoadedState = {
    world: doc?.world,
    lineage: doc?.lineage,
    serial: doc?.serial ?? 0,
    needsSnapshot: doc?.format !== 2 || log.header === undefined,
    snapshotBytes: doc ? statSync(snapshotFile).size : 0,
    log,
  };
  // a log is only ever written after a snapshot: without one (deleted to start over) it is stale
  if (doc?.format === 2 && log.header !== undefined) replay(state, doc, log, dir);
  return state;
}

function replay(state: LoadedState, doc: EngineDocument, log: ScannedLog, dir: string): void {
  if (log.header!.lineage !== doc.lineage) {
    throw new Error(`${join(dir, LOG_FILE)} belongs to another state (lineage ${log.header!.lineage}; ${SNAPSHOT_FILE} has ${doc.lineage})`);
  }
  // records up to the snapshot's serial are older than it: a crash between snapshot and log reset
  for (const record of log.records) {
    if (record.serial <= state.serial) continue;
    if (record.serial !== state.serial + 1) {
      throw new Error(`${join(dir, LOG_FILE)} skips from serial ${state.serial} to ${record.serial}`);
    }
    applyChanges(doc.world, record.changes);
    state.serial = record.serial;
  }
}

function parseDocument(file: string): EngineDocument {
  return readJsonDocument<EngineDocument>(
    file,
    'engine state file',
    (doc) => (doc.format === 1 || doc.format === 2) && typeof doc.lineage === 'string' && !!doc.world,
    '1 or 2',
  );
}
