import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SourcebookApi } from '../../src/extension';

export const EXTENSION_ID = 'sourcebook.sourcebook';

/** The activated extension's API, after its first load of the sources. */
export async function sourcebook(): Promise<SourcebookApi> {
  const extension = vscode.extensions.getExtension<SourcebookApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed`);
  const api = await extension.activate();
  await api.ready;
  return api;
}

/** A new untitled document in a language, shown in an editor. */
export async function openDocument(content: string, language: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument({ content, language });
  return vscode.window.showTextDocument(document);
}

/** A file of the test workspace (a copy of demo/), opened in an editor. */
export async function openWorkspaceFile(relativePath: string): Promise<vscode.TextEditor> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need a workspace folder');
  const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, relativePath));
  return vscode.window.showTextDocument(document);
}

/** Closes every editor without saving (untitled test documents would otherwise ask). */
export async function closeAllEditors(): Promise<void> {
  for (let i = 0; i < 50 && vscode.window.visibleTextEditors.length > 0; i++) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Markdown text of every hover at a position. */
export async function hoversAt(uri: vscode.Uri, position: vscode.Position): Promise<vscode.Hover[]> {
  return (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
}

export function hoverMarkdown(hover: vscode.Hover): vscode.MarkdownString[] {
  return hover.contents.filter((c): c is vscode.MarkdownString => typeof c === 'object' && 'appendMarkdown' in c);
}

/** Sourcebook's hover among all hovers (other extensions may add their own). */
export async function sourcebookHover(uri: vscode.Uri, position: vscode.Position): Promise<{ hover: vscode.Hover; markdown: string } | undefined> {
  for (const hover of await hoversAt(uri, position)) {
    const markdown = hoverMarkdown(hover).map((m) => m.value).join('\n');
    if (markdown.includes('command:sourcebook.')) return { hover, markdown };
  }
  return undefined;
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('sourcebook').update(key, value, vscode.ConfigurationTarget.Global);
}
