import { readdirSync, unlinkSync } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';

/** State files hold log contents, policies and account ids: readable by their owner only. */
export const STATE_FILE_MODE = 0o600;

let counter = 0;
const tempName = (file: string) => join(dirname(file), `.${basename(file)}.${process.pid}.${++counter}.tmp`);

/** `.NAME.PID.N.tmp`, as `tempName` makes them. */
const TEMP_FILE = /^\..+\.(\d+)\.\d+\.tmp$/;

/**
 * Replaces `file` with `data` atomically: write a temp file beside it, fsync, rename over, fsync the
 * directory. A crash leaves the old file or the new one, never half of one. The file gets mode 0600.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const tmp = tempName(file);
  const handle = await open(tmp, 'w', STATE_FILE_MODE);
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

/**
 * Deletes the temp files a killed writer left in `dir` (a crash between create and rename). Run by
 * whoever just locked the directory: no other process writes there, and this one's own writes in
 * flight are spared.
 */
export function removeLeftoverTempFiles(dir: string): void {
  for (const name of readdirSync(dir)) {
    const m = TEMP_FILE.exec(name);
    if (!m || Number(m[1]) === process.pid) continue;
    try {
      unlinkSync(join(dir, name));
    } catch {
      // gone already
    }
  }
}

async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    await handle.sync().catch(() => {});
    await handle.close();
  } catch {
    // directory fsync is unsupported on some filesystems; the rename is still atomic
  }
}
