import { closeSync, existsSync, fsyncSync, openSync, readFileSync, ftruncateSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { STATE_FILE_MODE, writeFileAtomic } from '../../persist/atomic.js';
import type { Change } from './changes.js';

/** One group commit in the log: the serial it brings the state to, and what changed. */
export interface LogRecord {
  serial: number;
  changes: Change[];
}

/** The first line of a log: which state it continues. */
interface LogHeader {
  format: 2;
  lineage: string;
}

/** A log as read from disk: its header, its whole records, and where the last whole line ends. */
export interface ScannedLog {
  header: LogHeader | undefined;
  records: LogRecord[];
  /** Bytes of whole, checksummed lines; anything after is a torn tail of an interrupted append. */
  validBytes: number;
  totalBytes: number;
}

/** One line: the CRC-32 of the JSON text in hex, a space, the JSON text (which has no newline). */
function line(value: unknown): string {
  const json = JSON.stringify(value);
  return `${crc32(json).toString(16).padStart(8, '0')} ${json}\n`;
}

function parseLine(bytes: Buffer): unknown {
  if (bytes.length < 10 || bytes[8] !== 0x20) return undefined;
  const json = bytes.subarray(9);
  if (crc32(json) !== Number.parseInt(bytes.subarray(0, 8).toString('latin1'), 16)) return undefined;
  try {
    return JSON.parse(json.toString('utf8'));
  } catch {
    return undefined;
  }
}

const isRecord = (v: unknown): v is LogRecord =>
  v !== null && typeof v === 'object' && typeof (v as LogRecord).serial === 'number' && Array.isArray((v as LogRecord).changes);

/** Reads a log, stopping at the first line that is not whole (a torn tail, dropped by `dropTornTail`). */
export function scanLog(file: string): ScannedLog {
  const bytes = existsSync(file) ? readFileSync(file) : Buffer.alloc(0);
  const scanned: ScannedLog = { header: undefined, records: [], validBytes: 0, totalBytes: bytes.length };
  for (let start = 0; start < bytes.length; ) {
    const end = bytes.indexOf(0x0a, start);
    if (end < 0) break;
    const value = parseLine(bytes.subarray(start, end));
    if (scanned.header === undefined) {
      if ((value as LogHeader | undefined)?.format !== 2 || typeof (value as LogHeader).lineage !== 'string') break;
      scanned.header = value as LogHeader;
    } else if (isRecord(value)) scanned.records.push(value);
    else break;
    start = end + 1;
    scanned.validBytes = start;
  }
  return scanned;
}

/** Cuts a log back to its whole lines (what was acknowledged is always whole: it was synced). */
export function dropTornTail(file: string, validBytes: number): void {
  const fd = openSync(file, 'r+');
  try {
    ftruncateSync(fd, validBytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The append side of the log: one record per group commit, synced before the commit is acknowledged. */
export class ChangeLog {
  private handle: FileHandle | undefined;

  constructor(
    readonly file: string,
    /** The log's size: compaction is due when it outgrows the snapshot. */
    public bytes: number,
  ) {}

  /** Appends one record and syncs it. */
  async append(record: LogRecord): Promise<void> {
    const text = line(record);
    this.handle ??= await open(this.file, 'a', STATE_FILE_MODE);
    await this.handle.appendFile(text);
    await this.handle.datasync();
    this.bytes += Buffer.byteLength(text);
  }

  /** Starts the log afresh after a snapshot: only a header naming the state's lineage. */
  async reset(lineage: string): Promise<void> {
    await this.close();
    const header = line({ format: 2, lineage } satisfies LogHeader);
    await writeFileAtomic(this.file, header);
    this.bytes = header.length;
  }

  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    await handle?.close();
  }
}
