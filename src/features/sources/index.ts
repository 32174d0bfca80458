import * as vscode from 'vscode';
import { CONFIG_KEYS } from '../../host/config';

/** What Add Sources Folder did: the entry written, or why nothing was. */
export type AddSourcesResult = { readonly added: string; readonly alreadyThere: boolean } | { readonly refused: string } | { readonly cancelled: true };

/**
 * The `sourcebook.sources` entry for a folder: its path relative to the workspace folder that holds it, with
 * forward slashes; or why it cannot be one (outside every workspace folder, or the workspace folder itself, whose
 * drafts would then be read as sources).
 */
export function sourcesEntryFor(folder: vscode.Uri): { readonly entry: string; readonly workspaceFolder: vscode.WorkspaceFolder } | { readonly refused: string } {
  const workspaceFolder = vscode.workspace.getWorkspaceFolder(folder);
  if (!workspaceFolder || workspaceFolder.uri.scheme !== folder.scheme || workspaceFolder.uri.authority !== folder.authority) {
    return { refused: `${folder.fsPath || folder.toString()} is outside the workspace. Sourcebook reads sources inside a workspace folder only: copy or move the folder into the workspace, or add its parent folder to the workspace, then try again.` };
  }
  const root = workspaceFolder.uri.path.replace(/\/+$/u, '');
  const path = folder.path.replace(/\/+$/u, '');
  if (path === root) return { refused: `That is the workspace folder ${workspaceFolder.name} itself: pick the folder inside it that holds your sources, so that your drafts are not read as sources.` };
  if (!path.startsWith(`${root}/`)) return { refused: `${folder.fsPath} is outside the workspace folder ${workspaceFolder.name}.` };
  return { entry: path.slice(root.length + 1), workspaceFolder };
}

/**
 * Adds a folder to the workspace setting `sourcebook.sources` (relative to its workspace folder), unless it is
 * there already. The corpus reloads on the change.
 */
export async function addSourcesFolder(folder: vscode.Uri): Promise<AddSourcesResult> {
  const resolved = sourcesEntryFor(folder);
  if ('refused' in resolved) {
    void vscode.window.showErrorMessage(`Sourcebook: ${resolved.refused}`);
    return { refused: resolved.refused };
  }
  const { entry, workspaceFolder } = resolved;
  // The workspace setting: the loader reads sourcebook.sources once for the window and looks for each entry in
  // every workspace folder, so a workspace-folder value of a multi-root workspace would not be read.
  const section = vscode.workspace.getConfiguration('sourcebook', workspaceFolder.uri);
  const current = section.inspect<string[]>(CONFIG_KEYS.sources)?.workspaceValue ?? [];
  const normalize = (s: string): string => s.replace(/\\/gu, '/').replace(/^\.\/+/u, '').replace(/\/+$/u, '');
  if (current.some((s) => normalize(s) === entry)) {
    void vscode.window.showInformationMessage(`Sourcebook: ${entry} is already a sources folder.`);
    return { added: entry, alreadyThere: true };
  }
  await section.update(CONFIG_KEYS.sources, [...current, entry], vscode.ConfigurationTarget.Workspace);
  const untrusted = vscode.workspace.isTrusted ? '' : ' It will be read once you trust this workspace.';
  void vscode.window.showInformationMessage(`Sourcebook: added ${entry} to sourcebook.sources.${untrusted}`, 'Open Setting').then((choice) => {
    if (choice) void vscode.commands.executeCommand('workbench.action.openWorkspaceSettings', `sourcebook.${CONFIG_KEYS.sources}`);
  });
  return { added: entry, alreadyThere: false };
}

/** **Sourcebook: Add Sources Folder…**: a folder from the Explorer's context menu, or picked in a dialog. */
async function addSourcesFolderCommand(folder?: unknown): Promise<AddSourcesResult> {
  if (folder instanceof vscode.Uri) return addSourcesFolder(folder);
  const workspaceFolders = vscode.workspace.workspaceFolders ?? [];
  if (workspaceFolders.length === 0) {
    void vscode.window.showErrorMessage('Sourcebook: open a folder first; sources are read from inside the workspace.');
    return { refused: 'no workspace folder' };
  }
  const picked = await vscode.window.showOpenDialog({
    canSelectFolders: true,
    canSelectFiles: false,
    canSelectMany: false,
    defaultUri: workspaceFolders[0].uri,
    openLabel: 'Add Sources Folder',
    title: 'Sourcebook: folder of sources inside the workspace',
  });
  if (!picked || picked.length === 0) return { cancelled: true };
  return addSourcesFolder(picked[0]);
}

export function register(): vscode.Disposable {
  return vscode.commands.registerCommand('sourcebook.addSourcesFolder', addSourcesFolderCommand);
}
