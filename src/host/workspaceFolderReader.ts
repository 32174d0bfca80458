import * as vscode from 'vscode';
import { FileProbe, FileRead, FolderReader, Refusal, refuse } from '../core/files/folderReader';
import { displayPathIn, isInsideFolder } from '../core/files/sourcePath';

/**
 * Whether a file: URI resolves, after every symbolic link on its way, inside a folder; undefined when it does
 * not exist. Only the Node host can tell (src/node/realPath.ts); elsewhere links are refused.
 */
export type ResolvesInside = (folder: vscode.Uri, file: vscode.Uri) => Promise<boolean | undefined>;

export interface WorkspaceReaderOptions {
  /** The folder files must stay inside: the folder the setting names (by default the root). */
  readonly boundary?: vscode.Uri;
  readonly resolvesInside?: ResolvesInside;
}

/** A FolderReader over VS Code's file system API, so remote and virtual workspaces work too. */
export function workspaceFolderReader(root: vscode.Uri, displayPrefix: string, options: WorkspaceReaderOptions = {}): FolderReader {
  const boundary = options.boundary ?? root;
  const uriOf = (relativePath: string): vscode.Uri => vscode.Uri.joinPath(root, ...relativePath.split('/'));
  const probe = async (relativePath: string): Promise<FileProbe> => {
    const uri = uriOf(relativePath);
    if (uri.scheme !== boundary.scheme || uri.authority !== boundary.authority || !isInsideFolder(boundary.path.replace(/\/$/u, ''), uri.path)) {
      return refuse.path('leaves its folder');
    }
    let stat: vscode.FileStat;
    try {
      stat = await vscode.workspace.fs.stat(uri);
    } catch (error) {
      return refusalForError(error);
    }
    const contained = await checkLinks(uri, stat, boundary, displayPrefix, options.resolvesInside);
    if (contained) return contained;
    if (!(stat.type & vscode.FileType.File)) return refuse.notAFile(stat.type & vscode.FileType.Directory ? 'a folder' : 'a device, pipe or socket');
    return { ok: true, size: stat.size, mtime: stat.mtime };
  };
  return {
    stat: probe,
    async read(relativePath, maxBytes): Promise<FileRead> {
      const probed = await probe(relativePath);
      if (!probed.ok) return probed;
      // workspace.fs reads whole files only, so the size is checked first: a sparse giant is never read.
      if (probed.size > maxBytes) return refuse.tooLarge(probed.size, maxBytes);
      try {
        const bytes = await vscode.workspace.fs.readFile(uriOf(relativePath));
        return { ok: true, bytes: bytes.length > maxBytes ? bytes.subarray(0, maxBytes + 1) : bytes };
      } catch (error) {
        return refusalForError(error);
      }
    },
    uriOf: (relativePath) => uriOf(relativePath).toString(),
    displayPathOf: (relativePath) => displayPathIn(displayPrefix, relativePath),
  };
}

/**
 * On disk every link on the way is resolved; where the host cannot resolve links, a file that is a link is
 * refused (its target is unknown). Undefined when the file may be read.
 */
async function checkLinks(uri: vscode.Uri, stat: vscode.FileStat, boundary: vscode.Uri, folderName: string, resolvesInside?: ResolvesInside): Promise<Refusal | undefined> {
  if (uri.scheme === 'file' && resolvesInside) {
    const inside = await resolvesInside(boundary, uri);
    if (inside === undefined) return refuse.missing();
    return inside ? undefined : refuse.outside(folderName);
  }
  return stat.type & vscode.FileType.SymbolicLink ? refuse.link() : undefined;
}

function refusalForError(error: unknown): Refusal {
  if (error instanceof vscode.FileSystemError && (error.code === 'FileNotFound' || error.code === 'EntryNotFound')) return refuse.missing();
  if (error instanceof vscode.FileSystemError && error.code === 'FileIsADirectory') return refuse.notAFile('a folder');
  return refuse.unreadable(error instanceof vscode.FileSystemError ? error.code : (error as Error).message);
}
