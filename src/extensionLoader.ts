import * as path from 'node:path';
import type * as vscode from 'vscode';
import type * as Extension from './extension';
import { type CodeCacheStartup, NO_CODE_CACHE } from './host/codeCacheStartup';
import { requireWithCodeCache } from './node/codeCache';

/*
 * The desktop entry (package.json's `main`): loads the extension's bundle, dist/extension.js, compiled with V8's
 * code cache kept in the extension's global storage (src/node/codeCache.ts), which makes activation to ready
 * faster from the second start on. Anything wrong with the cache (unreadable folder, a failed compile) means a
 * plain require: the cache only ever speeds a start up. The browser build has no such step (package.json's
 * `browser` is dist/web/extension.js).
 */

let extension: typeof Extension | undefined;

export function activate(context: vscode.ExtensionContext): Extension.SourcebookApi {
  const bundle = path.join(__dirname, 'extension.js');
  let startup: CodeCacheStartup = NO_CODE_CACHE;
  if (context.globalStorageUri.scheme === 'file') {
    try {
      const compiled = requireWithCodeCache<typeof Extension>(bundle, path.join(context.globalStorageUri.fsPath, 'code-cache'), require);
      extension = compiled.exports;
      startup = compiled;
    } catch {
      extension = undefined;
    }
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  extension ??= require(bundle) as typeof Extension;
  return extension.activate(context, undefined, startup);
}

export function deactivate(): unknown {
  return extension?.deactivate();
}
