import * as vscode from 'vscode';
import type { FolderReader } from '../core/kb/loadCollection';

/** A FolderReader over VS Code's file system API, so remote and virtual workspaces work too. */
export function workspaceFolderReader(root: vscode.Uri, displayPrefix: string): FolderReader {
  return {
    async readFile(relativePath) {
      try {
        return await vscode.workspace.fs.readFile(vscode.Uri.joinPath(root, ...relativePath.split('/')));
      } catch {
        return undefined;
      }
    },
    uriOf: (relativePath) => vscode.Uri.joinPath(root, ...relativePath.split('/')).toString(),
    displayPathOf: (relativePath) => (displayPrefix ? `${displayPrefix}/${relativePath}` : relativePath),
    async statOf(relativePath) {
      try {
        const { size, mtime } = await vscode.workspace.fs.stat(vscode.Uri.joinPath(root, ...relativePath.split('/')));
        return { size, mtime };
      } catch {
        return undefined;
      }
    },
  };
}
