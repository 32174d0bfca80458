import * as vscode from 'vscode';
import { activate as activateSourcebook, type SourcebookApi } from './extension';
import { BIBLIOGRAPHY_SETTING, citationStyle, CITATION_STYLE_SETTING } from './host/bibliographies';
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
/** The citation code (and BibTeX parser), which inserts and checks ask for synchronously too, when the writer cites. */
const CITATIONS_BUNDLE = 'bibtex.js';

export type { SourcebookApi } from './extension';

export async function activate(context: vscode.ExtensionContext): Promise<SourcebookApi> {
  const logger = new OutputChannelLogger();
  logger.info(`Sourcebook runs in a web extension host: ${hostDescription()}.`);
  await preloadBundles(context.extensionUri, writerCites() ? [...SYNCHRONOUS_BUNDLES, CITATIONS_BUNDLE] : SYNCHRONOUS_BUNDLES);
  context.subscriptions.push(vscode.workspace.onDidChangeConfiguration((event) => {
    // A style chosen now: the citation code is read in the background, before the next insert asks for a key.
    if (event.affectsConfiguration(`sourcebook.${CITATION_STYLE_SETTING}`) && writerCites()) void preloadBundles(context.extensionUri, [CITATIONS_BUNDLE]);
  }));
  return activateSourcebook(context, logger);
}

/** Whether the writer cites by key somewhere: a citation style other than `attribution`, or a bibliography. */
function writerCites(): boolean {
  const scopes = [undefined, ...(vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri)];
  return scopes.some((scope) => {
    const bibliography = vscode.workspace.getConfiguration('sourcebook', scope).get<unknown>(BIBLIOGRAPHY_SETTING);
    return citationStyle(scope) !== 'attribution' || (Array.isArray(bibliography) && bibliography.length > 0);
  });
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
