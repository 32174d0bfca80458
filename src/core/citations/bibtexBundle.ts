import { parse } from '@retorquere/bibtex-parser';
import type { Bibliography } from './bibliography';
import { BibtexLibrary, parseBibliography } from './parseBibtex';

/**
 * The entry of the on-demand bundle dist/bibtex.js (esbuild.js): @retorquere/bibtex-parser, about 1 MB, loaded
 * by the extension only when a `.bib` is configured (src/host/bibtexBundle.ts) and by the CLI only for `bib`,
 * `--bib` and `--cite`.
 */
export const bibtexLibrary: BibtexLibrary = { parse };

/** Reads a BibTeX or CSL-JSON file's text (by its name); never throws. */
export function readBibliography(text: string, file: string): Bibliography {
  return parseBibliography(text, file, bibtexLibrary);
}
