import type * as vscode from 'vscode';
import { activate as activateSourcebook, type SourcebookApi } from './extension';
import { preloadBundles } from './host/bundleFiles.web';
import { OutputChannelLogger } from './host/logger';

/*
 * The entry of the browser build (dist/web/extension.js, package.json's `browser`), for vscode.dev, github.dev and
 * any web extension host. esbuild.js builds it with every module that has a `.web.ts` sibling swapped for that
 * sibling; the extension itself is the same as in Node.
 */

/**
 * The bundles that answer synchronously (a hover's syntax regions, a search, a check): read before the features
 * start, since the browser build can only read files asynchronously. The others load on first use.
 */
const SYNCHRONOUS_BUNDLES = ['syntax.js', 'markdownSyntax.js', 'search.js', 'check.js'];

export type { SourcebookApi } from './extension';

export async function activate(context: vscode.ExtensionContext): Promise<SourcebookApi> {
  const logger = new OutputChannelLogger();
  logger.info(`Sourcebook runs in a web extension host: ${hostDescription()}.`);
  await preloadBundles(context.extensionUri, SYNCHRONOUS_BUNDLES);
  return activateSourcebook(context, logger);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

/** Where this runs, for the log (and the e2e test that checks it is not the Node extension host). */
function hostDescription(): string {
  const scope = globalThis as { navigator?: { userAgent?: string } };
  const worker = 'WorkerGlobalScope' in globalThis ? 'in a web worker' : 'not in a worker';
  return `typeof process is "${typeof process}", ${worker}, ${scope.navigator?.userAgent ?? 'no navigator'}`;
}
