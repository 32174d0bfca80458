import type * as vscode from 'vscode';
import type { ExclusionIndex, SyntaxRegion } from '../core/syntax/regions';
import type { Logger } from '../core/util/logger';
import { markdownBlockParser, syntaxBundle } from './markdownSyntax';

interface CachedExclusions {
  readonly version: number;
  readonly languageId: string;
  readonly index: ExclusionIndex;
}

/**
 * One index per open document, for its current version: hovers, decorations and checks of the same version
 * share one parse. Keyed by the document object, so a closed document's entry goes with it.
 */
const cache = new WeakMap<vscode.TextDocument, CachedExclusions>();

/** What is used when the syntax bundle cannot be loaded: every term gets its card, as before there were regions. */
const NOTHING_EXCLUDED: ExclusionIndex = Object.freeze({ excludes: () => false, regions: () => [] });

/**
 * Where a document is not prose (code, comments, math, URLs, link targets, citation keys…), for the version it
 * has now. Cheap to call per hover: the parse runs once per version, and Markdown's inline parse once per block.
 */
export function documentExclusions(document: vscode.TextDocument, logger: Logger): ExclusionIndex {
  const cached = cache.get(document);
  if (cached && cached.version === document.version && cached.languageId === document.languageId) return cached.index;
  const syntax = syntaxBundle(logger);
  if (!syntax) return NOTHING_EXCLUDED;
  const markdown = syntax.syntaxFamily(document.languageId) === 'markdown' ? markdownBlockParser(logger) : undefined;
  const index = syntax.exclusionIndex(document.getText(), document.languageId, markdown);
  cache.set(document, { version: document.version, languageId: document.languageId, index });
  return index;
}

/** Every excluded region of a document's current version, sorted by offset (e.g. for the misquote check). */
export function excludedRegionsOf(document: vscode.TextDocument, logger: Logger): readonly SyntaxRegion[] {
  return documentExclusions(document, logger).regions();
}
