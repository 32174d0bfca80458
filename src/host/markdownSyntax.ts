import * as path from 'node:path';
import * as vscode from 'vscode';
import type * as SyntaxBundle from '../core/syntax/excludedRegions';
import type { MarkdownBlockParser } from '../core/syntax/markdown';
import type * as MarkdownBundle from '../core/syntax/markdownIt';
import { Logger, nullLogger } from '../core/util/logger';

/*
 * The syntax code is loaded on first use rather than at activation, as two bundles that esbuild.js builds beside
 * dist/extension.js: dist/syntax.js (the region scanners of src/core/syntax, on the first hover over a term) and
 * dist/markdownSyntax.js (markdown-it, as large as the rest of the extension, on the first Markdown one). Most
 * sessions never need the second, and activation needs neither. Loading is a synchronous require of a local file,
 * once: about 1 ms for the first, 15 ms for the second.
 */

/** package.json's publisher.name: how a copy of this module bundled elsewhere (the integration tests) finds dist/. */
const EXTENSION_ID = 'sourcebook.sourcebook';

const loaded = new Map<string, { module?: unknown; failure?: string }>();

/** The region scanners, or undefined (logged once) if their bundle cannot be loaded. */
export function syntaxBundle(logger: Logger = nullLogger): typeof SyntaxBundle | undefined {
  return loadBundle<typeof SyntaxBundle>('syntax.js', 'exclusionIndex', logger);
}

let markdownParser: MarkdownBlockParser | undefined;

/** The Markdown parser, or undefined (logged once): Markdown is then read as plain text, only URLs excluded. */
export function markdownBlockParser(logger: Logger = nullLogger): MarkdownBlockParser | undefined {
  markdownParser ??= loadBundle<typeof MarkdownBundle>('markdownSyntax.js', 'createMarkdownBlockParser', logger)?.createMarkdownBlockParser();
  return markdownParser;
}

function loadBundle<T>(name: string, entry: string, logger: Logger): T | undefined {
  let state = loaded.get(name);
  if (!state) {
    state = requireFirst(name, entry);
    loaded.set(name, state);
    if (state.failure) logger.warn(`${name} could not be loaded (${state.failure}): code, links and math may get hover cards.`);
  }
  return state.module as T | undefined;
}

function requireFirst(name: string, entry: string): { module?: unknown; failure?: string } {
  const candidates = [path.join(__dirname, name)];
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (extension) candidates.push(path.join(extension.extensionPath, 'dist', name));
  let failure = `${name} not found`;
  for (const file of candidates) {
    try {
      // A computed path, so that esbuild leaves this require alone instead of bundling the module in here; an
      // import() would be asynchronous, and a hover must answer synchronously.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const module = require(file) as Record<string, unknown>;
      if (typeof module[entry] === 'function') return { module };
      failure = `${file} does not export ${entry}`;
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
    }
  }
  return { failure };
}
