import { open, rename, unlink } from 'node:fs/promises';
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

async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    await handle.sync().catch(() => {});
    await handle.close();
  } catch {
    // directory fsync is unsupported on some filesystems; the rename is still atomic
  }
}
