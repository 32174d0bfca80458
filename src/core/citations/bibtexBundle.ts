import type { Bibliography } from './bibliography';
import { isCslJsonFile } from './bibliography';
import { BibtexLibrary, parseBibliography } from './parseBibtex';
import { parseCslJson } from './parseCslJson';

/*
 * The entry of the on-demand bundle dist/bibtex.js (esbuild.js): everything of the citation feature that the
 * editor needs only once a citation key or a bibliography is in sight (key tables, the citation finder and
 * check, export), kept out of dist/extension.js, and @retorquere/bibtex-parser (about 1 MB), which the bundle
 * initialises only when the first `.bib` is read. src/host/bibtexBundle.ts requires it; the CLI imports it.
 */
export { CitekeyTable } from './citekeys';
export { checkCitations, sourceQuotes, sourcesQuotedIn } from './checkCitations';
export { citedKeyAt, findCitations } from './findCitations';
export { exportBibliography } from './exportBibliography';
export { parseCslJson } from './parseCslJson';
// The misquote check's index over the corpus, for sourceQuotes: built here so that it stays out of dist/extension.js.
export { MisquoteIndex } from '../check/misquoteIndex';

let library: Promise<BibtexLibrary> | undefined;

/** The BibTeX parser, initialised on first use. */
export function loadBibtexLibrary(): Promise<BibtexLibrary> {
  library ??= import('@retorquere/bibtex-parser').then((module) => ({ parse: module.parse }));
  return library;
}

/** Reads a BibTeX or CSL-JSON file's text (by its name); never rejects. */
export async function readBibliography(text: string, file: string): Promise<Bibliography> {
  if (isCslJsonFile(file)) return parseCslJson(text, file);
  try {
    return parseBibliography(text, file, await loadBibtexLibrary());
  } catch (error) {
    return { file, entries: [], brokenKeys: [], problems: [{ severity: 'error', file, message: `could not be read: ${(error as Error).message}` }] };
  }
}
