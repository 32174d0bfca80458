import * as path from 'node:path';
import * as vscode from 'vscode';

/*
 * How the extension loads its on-demand bundles (dist/search.js, check.js, syntax.js… built by esbuild.js beside
 * dist/extension.js) in the Node extension host: a synchronous require of a local file by a computed path, so that
 * esbuild leaves the bundle out of dist/extension.js. The browser build gets bundleFiles.web.ts instead.
 */

/** package.json's publisher.name: how a copy of this module bundled elsewhere (the integration tests) finds dist/. */
const EXTENSION_ID = 'sourcebook.sourcebook';

/** The name of the error that the browser build throws for a bundle still being read (never thrown here). */
export const BUNDLE_NOT_LOADED = 'BundleNotLoaded';

/** The module exported by dist/<name>, checked for `entry`; throws why it could not be loaded. */
export function requireBundle<T>(name: string, entry: string, extensionUri?: vscode.Uri): T {
  const candidates = [path.join(__dirname, name)];
  const folder = extensionUri?.scheme === 'file' ? extensionUri.fsPath : vscode.extensions.getExtension(EXTENSION_ID)?.extensionPath;
  if (folder) candidates.push(path.join(folder, 'dist', name));
  let failure = `dist/${name} not found`;
  for (const file of candidates) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const module = require(file) as Record<string, unknown>;
      if (module[entry] !== undefined) return module as T;
      failure = `${file} does not export ${entry}`;
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
    }
  }
  throw new Error(failure);
}

/** The same, for callers that can wait (the browser build reads the file first). */
export async function loadBundle<T>(name: string, entry: string, extensionUri?: vscode.Uri): Promise<T> {
  return requireBundle<T>(name, entry, extensionUri);
}
