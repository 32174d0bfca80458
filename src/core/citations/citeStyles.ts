import type { OutputFormat } from '../format/formatQuote';
import type { Quote, Source } from '../kb/model';

/**
 * How an inserted quote names its source: `attribution` ("— Speaker, *Title* (date)", the default), or a
 * citation key that the writer's toolchain resolves: Pandoc/Quarto (`[@key, p. 2]`), BibLaTeX
 * (`\autocite[2]{key}`), natbib (`\citep[p.~2]{key}`).
 */
export type CiteStyle = 'attribution' | 'pandoc' | 'biblatex' | 'natbib';
export const CITE_STYLES: readonly CiteStyle[] = ['attribution', 'pandoc', 'biblatex', 'natbib'];

export function isCiteStyle(value: unknown): value is CiteStyle {
  return typeof value === 'string' && (CITE_STYLES as readonly string[]).includes(value);
}

/**
 * The style a document gets once the writer opts in (any style but `attribution`): Markdown is always cited
 * the Pandoc way, LaTeX with natbib when asked for and BibLaTeX otherwise; plain text keeps its attribution.
 */
export function citeStyleFor(setting: CiteStyle, format: OutputFormat): CiteStyle {
  if (setting === 'attribution' || format === 'plaintext') return 'attribution';
  if (format === 'markdown') return 'pandoc';
  return setting === 'natbib' ? 'natbib' : 'biblatex';
}

/** The citation a `${cite}` template token gives: the chosen style, or the language's own under `attribution`. */
export function templateCiteStyle(setting: CiteStyle, format: OutputFormat): Exclude<CiteStyle, 'attribution'> {
  if (format === 'latex') return setting === 'natbib' ? 'natbib' : 'biblatex';
  return 'pandoc';
}

/**
 * The source a quote is cited to: the source its words were taken from as attributed, which for words that
 * several sources quote is their original occasion, and for a reported quote the reporting writer's piece.
 */
export function citedSource(quote: Quote): Source {
  return (quote.original ?? quote).source;
}

/** The page a quote of a paged source starts on, for the locator. */
export function citedPage(quote: Quote): number | undefined {
  return (quote.original ?? quote).page;
}

/** A key as it may be written into a document: no whitespace, braces, backslashes, commas or controls. */
export function safeKey(key: string): string {
  return key.replace(/[\s{}\\,%#~\u0000-\u001f\u007f-\u009f]/gu, '');
}

/** Pandoc's bare key form (letters, digits, `_`, inner punctuation); anything else needs `@{…}`. */
const PANDOC_BARE_KEY = /^[\p{L}\p{N}_](?:[\p{L}\p{N}_:.#$%&\-+?<>~/]*[\p{L}\p{N}_])?$/u;

/** `[@key]`, `[@key, p. 2]`; `\autocite{key}`, `\autocite[2]{key}`; `\citep{key}`, `\citep[p.~2]{key}`. */
export function formatCite(style: Exclude<CiteStyle, 'attribution'>, rawKey: string, page?: number): string {
  const key = safeKey(rawKey);
  switch (style) {
    case 'pandoc':
      return `[@${PANDOC_BARE_KEY.test(key) ? key : `{${key}}`}${page !== undefined ? `, p. ${page}` : ''}]`;
    case 'biblatex':
      return `\\autocite${page !== undefined ? `[${page}]` : ''}{${key}}`;
    case 'natbib':
      return `\\citep${page !== undefined ? `[p.~${page}]` : ''}{${key}}`;
  }
}
