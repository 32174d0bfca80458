import { constants, Dirent, Stats } from 'node:fs';
import { open, readdir, realpath, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FileProbe, FileRead, FolderReader, Refusal, refuse } from '../core/files/folderReader';
import { displayPathIn, isInsideFolder } from '../core/files/sourcePath';
import type { Problem } from '../core/kb/model';

/**
 * A FolderReader over the local disk, for the CLI, the benchmarks and the unit tests. `boundary` is the
 * folder files must resolve inside (by default the root); paths are relative to `root`.
 */
export function nodeFolderReader(root: string, displayPrefix = path.basename(root), boundary = root): FolderReader {
  let realBoundary: Promise<string> | undefined;
  const boundaryName = displayPrefix || path.basename(boundary);
  /** Where a path really leads, or why it is refused: every symbolic link on the way is followed. */
  const resolveInside = async (relativePath: string): Promise<{ ok: true; real: string } | Refusal> => {
    realBoundary ??= realpath(boundary).catch(() => path.resolve(boundary));
    let real: string;
    try {
      real = await realpath(path.resolve(root, relativePath));
    } catch (error) {
      return refusalForError(error);
    }
    return isInsideFolder(await realBoundary, real, path.sep) ? { ok: true, real } : refuse.outside(boundaryName);
  };
  return {
    async stat(relativePath): Promise<FileProbe> {
      const resolved = await resolveInside(relativePath);
      if (!resolved.ok) return resolved;
      try {
        const stats = await stat(resolved.real);
        return stats.isFile() ? { ok: true, size: stats.size, mtime: stats.mtimeMs } : refuse.notAFile(describeType(stats));
      } catch (error) {
        return refusalForError(error);
      }
    },
    async read(relativePath, maxBytes): Promise<FileRead> {
      const resolved = await resolveInside(relativePath);
      return resolved.ok ? readRegularFile(resolved.real, maxBytes) : resolved;
    },
    uriOf: (relativePath) => pathToFileURL(path.join(root, relativePath)).toString(),
    displayPathOf: (relativePath) => displayPathIn(displayPrefix, relativePath),
  };
}

/**
 * Opens without blocking (a FIFO would otherwise wait for a writer forever), checks the opened file's type
 * and size, and reads at most maxBytes + 1 bytes: a device or a sparse giant is refused, never read whole.
 */
async function readRegularFile(file: string, maxBytes: number): Promise<FileRead> {
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return refusalForError(error);
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) return refuse.notAFile(describeType(stats));
    if (stats.size > maxBytes) return refuse.tooLarge(stats.size, maxBytes);
    const buffer = new Uint8Array(Math.min(stats.size, maxBytes) + 1);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return { ok: true, bytes: buffer.subarray(0, filled) };
  } catch (error) {
    return refusalForError(error);
  } finally {
    await handle.close();
  }
}

function describeType(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isSocket()) return 'a socket';
  return 'something other than a file';
}

function refusalForError(error: unknown): Refusal {
  const code = (error as { code?: string }).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return refuse.missing();
  if (code === 'ELOOP') return refuse.unreadable('a loop of symbolic links');
  if (code === 'EISDIR') return refuse.notAFile('a folder');
  return refuse.unreadable(code ?? (error as Error).message);
}

export interface FolderListing {
  /** Relative paths with forward slashes, sorted. */
  readonly files: string[];
  readonly problems: Problem[];
}

/**
 * Everything under a folder that is not a folder, recursively, leaving out hidden folders and files and
 * node_modules; the core keeps those whose names are sources (formats.ts). A symbolic link to a file is
 * listed, so that the reader can serve it when it leads inside the folder and refuse it with a reason when it
 * does not; a link to a folder is not walked (it could loop).
 */
export async function listFolderFiles(root: string): Promise<FolderListing> {
  const listing: FolderListing = { files: [], problems: [] };
  const display = (relative: string): string => path.posix.join(path.basename(root), relative);
  const walk = async (relative: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(path.join(root, relative), { withFileTypes: true });
    } catch (error) {
      listing.problems.push({ severity: 'warning', file: display(relative), skipped: 'unreadable', message: `could not be listed (${(error as { code?: string }).code ?? 'error'}); skipped` });
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(child);
      // Whatever else has a source's name is listed: its type, its size and where a link leads are the
      // reader's to check, before it reads anything, and a refusal names the file.
      else listing.files.push(child);
    }
  };
  await walk('');
  return listing;
}
