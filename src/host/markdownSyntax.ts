import type * as SyntaxBundle from '../core/syntax/excludedRegions';
import type { MarkdownBlockParser } from '../core/syntax/markdown';
import type * as MarkdownBundle from '../core/syntax/markdownIt';
import type { Logger } from '../core/util/logger';
import { bundleState, BundleState } from './bundleState';

/*
 * The syntax code is loaded on first use rather than at activation, as two bundles that esbuild.js builds beside
 * dist/extension.js: dist/syntax.js (the region scanners of src/core/syntax, on the first hover over a term) and
 * dist/markdownSyntax.js (markdown-it, as large as the rest of the extension, on the first Markdown one). Most
 * sessions never need the second, and activation needs neither. In Node, loading is a synchronous require of a local
 * file, once: about 1 ms for the first, 15 ms for the second (bundleFiles.ts); the browser build reads both before
 * activation ends (extension.web.ts), as a hover must answer synchronously.
 */

const loaded = new Map<string, BundleState<unknown>>();

/** The region scanners, or undefined (logged once) if their bundle cannot be loaded. */
export function syntaxBundle(logger: Logger): typeof SyntaxBundle | undefined {
  return loadBundle<typeof SyntaxBundle>('syntax.js', 'exclusionIndex', logger);
}

let markdownParser: MarkdownBlockParser | undefined;

/** The Markdown parser, or undefined (logged once): Markdown is then read as plain text, only URLs excluded. */
export function markdownBlockParser(logger: Logger): MarkdownBlockParser | undefined {
  markdownParser ??= loadBundle<typeof MarkdownBundle>('markdownSyntax.js', 'createMarkdownBlockParser', logger)?.createMarkdownBlockParser();
  return markdownParser;
}

function loadBundle<T>(name: string, entry: string, logger: Logger): T | undefined {
  let state = loaded.get(name);
  if (!state) {
    state = bundleState<unknown>(name, entry);
    if (!state) return undefined;
    loaded.set(name, state);
    if (state.failure) logger.warn(`${name} could not be loaded (${state.failure}): code, links and math may get hover cards.`);
  }
  return state.module as T | undefined;
}
