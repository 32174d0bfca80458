import * as fs from 'node:fs/promises';
import * as path from 'node:path';

/**
 * Writes a file whole through a temporary file beside it, then renames it over the old one, so that a reader (the
 * next window) sees the old file or the new one, never half of either. Its folder is made if need be.
 *
 * The temporary file is named by the process: two writes of one file in one process must not overlap. The source
 * worker makes its writes one at a time (storeWrites.ts), and a new worker starts only once the one before it has
 * stopped (sourceWorker.ts); a temporary file left by a write cut short is overwritten by the next.
 */
export async function replaceFile(file: string, data: string | Uint8Array): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    await fs.writeFile(temporary, data);
    await fs.rename(temporary, file);
  } catch (error) {
    // A write that failed (a full disk) leaves no part of a hundred megabytes behind.
    await fs.rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
}
