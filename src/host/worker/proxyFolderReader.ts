import type { FolderReader } from '../../core/files/folderReader';
import { displayPathIn } from '../../core/files/sourcePath';
import type { HostRequests } from './hostRequests';
import type { ReaderRole } from './inputRecords';
import type { WorkerFolder } from './protocol';

/**
 * A folder's reader in the browser's source worker: `stat` and `read` are the host's reader's (workspaceFolderReader
 * over VS Code's file system, which keeps every containment check), asked through HostRequests; the names are made
 * here, synchronously, as the host's reader makes them. A file's URI is the folder's URI with the path's segments
 * encoded: the host spells every source's URI again as vscode.Uri does when it restores the corpus.
 */
export function proxyFolderReader(host: HostRequests, load: number, folder: WorkerFolder, role: ReaderRole): FolderReader {
  const root = role === 'catalog' ? folder.catalogRoot : folder.root;
  if (root === undefined) throw new Error(`${folder.label} has no catalog folder`);
  const displayPrefix = role === 'catalog' ? folder.label : folder.rootName;
  const question = { load, folder: folder.label, role };
  return {
    stat: (path) => host.file({ ...question, op: 'stat', path, maxBytes: 0 }),
    read: (path, maxBytes) => host.file({ ...question, op: 'read', path, maxBytes }),
    uriOf: (path) => fileUri(root, path),
    displayPathOf: (path) => displayPathIn(displayPrefix, path),
  };
}

/** The URI of `relativePath` (forward slashes) under the folder URI `root`, as vscode.Uri.joinPath would name it. */
export function fileUri(root: string, relativePath: string): string {
  return `${root.replace(/\/+$/u, '')}/${relativePath.split('/').filter(Boolean).map(encodeURIComponent).join('/')}`;
}
