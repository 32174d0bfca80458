import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import * as path from 'node:path';
import type { FolderReader } from '../../core/files/folderReader';
import { checkSourcePath, isInsideFolder } from '../../core/files/sourcePath';
import { contentHash } from '../../core/util/contentHash';
import { nodeFolderReader } from '../../node/folderReader';
import type { ReaderRole } from './inputRecords';
import type { WorkerFolder } from './protocol';

/** A folder's readers: its catalog's (where it may have one) and its files', inside its boundary. */
export function readersOf(folder: WorkerFolder): Partial<Record<ReaderRole, FolderReader>> & { files: FolderReader } {
  return {
    catalog: folder.catalogRoot ? nodeFolderReader(folder.catalogRoot, folder.label) : undefined,
    files: nodeFolderReader(folder.root, folder.rootName, folder.boundary),
  };
}


/** The content fingerprint of one file of a folder as its reader would read it; undefined when anything is off. */
export type ContentOutcome = (role: ReaderRole, relativePath: string, maxBytes: number) => string | undefined;

/**
 * The content fingerprints of a folder's files as its reader would read them (inside the folder, a regular file, at
 * most `maxBytes`), read synchronously: the worker has its own thread, and a thousand small files are read several
 * times faster this way than through the thread pool's round trips. The folder's boundaries are resolved once for
 * all its files, and each path with one realpath(3) call (realpathSync.native, as the reader's fs/promises
 * realpath): checking a thousand notes went from about 130 to about 60 ms. Undefined when anything is off (the
 * caller then asks the reader itself, which says what is off).
 */
export function contentOutcomesSync(folder: WorkerFolder): ContentOutcome {
  const boundaries = new Map<ReaderRole, string | undefined>();
  const realBoundary = (role: ReaderRole): string | undefined => {
    if (!boundaries.has(role)) boundaries.set(role, realPathOrUndefined(role === 'catalog' ? folder.catalogRoot : folder.boundary));
    return boundaries.get(role);
  };
  return (role, relativePath, maxBytes) => {
    const root = role === 'catalog' ? folder.catalogRoot : folder.root;
    const boundary = realBoundary(role);
    if (root === undefined || boundary === undefined || !checkSourcePath(relativePath).ok) return undefined;
    const real = realPathOrUndefined(path.resolve(root, relativePath));
    return real !== undefined && isInsideFolder(boundary, real, path.sep) ? fileOutcome(real, maxBytes) : undefined;
  };
}

function realPathOrUndefined(file: string | undefined): string | undefined {
  if (file === undefined) return undefined;
  try {
    return realpathSync.native(file);
  } catch {
    return undefined;
  }
}

/** A regular file's content fingerprint when it holds at most `maxBytes`; undefined otherwise. */
function fileOutcome(real: string, maxBytes: number): string | undefined {
  try {
    const fd = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const stats = fstatSync(fd);
      if (!stats.isFile() || stats.size > maxBytes) return undefined;
      const buffer = new Uint8Array(stats.size + 1);
      let filled = 0;
      for (let read = -1; read !== 0 && filled < buffer.length; filled += read) read = readSync(fd, buffer, filled, buffer.length - filled, filled);
      return `content:${contentHash(buffer.subarray(0, filled))}`;
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
}
