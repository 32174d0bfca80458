import * as fs from 'node:fs/promises';
import * as path from 'node:path';

/**
 * Writes a file whole through a temporary file beside it, then renames it over the old one, so that a reader (the
 * next window) sees the old file or the new one, never half of either. Its folder is made if need be.
 */
export async function replaceFile(file: string, data: string | Uint8Array): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temporary, data);
  await fs.rename(temporary, file);
}
