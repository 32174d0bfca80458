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


/**
 * The content fingerprint of a file as its reader would read it (inside the folder, a regular file, at most
 * `maxBytes`), read synchronously: the worker has its own thread, and a thousand small files are read several times
 * faster this way than through the thread pool's round trips. Undefined when anything is off (the caller then asks
 * the reader itself, which says what is off).
 */
export function contentOutcomeSync(folder: WorkerFolder, role: ReaderRole, relativePath: string, maxBytes: number): string | undefined {
  const root = role === 'catalog' ? folder.catalogRoot : folder.root;
  const boundary = role === 'catalog' ? folder.catalogRoot : folder.boundary;
  if (root === undefined || boundary === undefined || !checkSourcePath(relativePath).ok) return undefined;
  try {
    const real = realpathSync(path.resolve(root, relativePath));
    if (!isInsideFolder(realpathSync(boundary), real, path.sep)) return undefined;
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
