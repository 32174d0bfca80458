import { readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FolderReader } from '../core/kb/loadCollection';

/** A FolderReader over the local disk, for the CLI, the benchmarks and the unit tests. */
export function nodeFolderReader(root: string, displayPrefix = path.basename(root)): FolderReader {
  return {
    async readFile(relativePath) {
      try {
        return new Uint8Array(await readFile(path.join(root, relativePath)));
      } catch {
        return undefined;
      }
    },
    uriOf: (relativePath) => pathToFileURL(path.join(root, relativePath)).toString(),
    displayPathOf: (relativePath) => (displayPrefix ? `${displayPrefix}/${relativePath}` : relativePath),
    async statOf(relativePath) {
      try {
        const { size, mtimeMs } = await stat(path.join(root, relativePath));
        return { size, mtime: mtimeMs };
      } catch {
        return undefined;
      }
    },
  };
}
