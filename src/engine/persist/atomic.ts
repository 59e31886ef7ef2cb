import { open, rename, unlink } from 'node:fs/promises';
import { openSync, fsyncSync, closeSync, writeSync, renameSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';

let counter = 0;
const tempName = (file: string) => join(dirname(file), `.${basename(file)}.${process.pid}.${++counter}.tmp`);

/**
 * Replaces `file` with `data` atomically: write a temp file beside it, fsync, rename over, fsync the
 * directory. A crash leaves the old file or the new one, never half of one.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const tmp = tempName(file);
  const handle = await open(tmp, 'w', 0o644);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (e) {
    await handle.close();
    await unlink(tmp).catch(() => {});
    throw e;
  }
  await handle.close();
  await rename(tmp, file);
  await syncDir(dirname(file));
}

/** The synchronous twin, for exit paths that cannot await. */
export function writeFileAtomicSync(file: string, data: string | Uint8Array): void {
  const tmp = tempName(file);
  const fd = openSync(tmp, 'w', 0o644);
  try {
    if (typeof data === 'string') writeSync(fd, data);
    else writeSync(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  try {
    const dfd = openSync(dirname(file), 'r');
    fsyncSync(dfd);
    closeSync(dfd);
  } catch {
    // directory fsync is unsupported on some filesystems; the rename is still atomic
  }
}

async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    await handle.sync().catch(() => {});
    await handle.close();
  } catch {
    // see writeFileAtomicSync
  }
}
