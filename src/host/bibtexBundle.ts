import type * as BibtexBundle from '../core/citations/bibtexBundle';
import type { Logger } from '../core/util/logger';
import { loadBundle } from './bundleFiles';
import { bundleState, BundleState } from './bundleState';

/*
 * The citation code (key tables, the citation finder and check, export) and the BibTeX parser
 * (@retorquere/bibtex-parser, about 1 MB) are their own bundle beside dist/extension.js, dist/bibtex.js
 * (esbuild.js), loaded on first use: when a bibliography is configured, a hover lands on something that looks
 * like a citation, or a bibliography is exported; never at activation. The parser inside is initialised only
 * when a `.bib` is read. (The browser build reads the file first, before activation ends when the writer cites;
 * until it is read citationsBundle answers undefined, and readers of bibliographies wait with loadCitationsBundle.)
 */

const BUNDLE = 'bibtex.js';
const ENTRY = 'readBibliography';
let state: BundleState<typeof BibtexBundle> | undefined;

/** The bundle, or undefined (logged once) when it cannot be loaded: citations are then not served. */
export function citationsBundle(logger: Logger): typeof BibtexBundle | undefined {
  if (!state) {
    state = bundleState<typeof BibtexBundle>(BUNDLE, ENTRY);
    if (state?.failure) logger.warn(`dist/${BUNDLE} could not be loaded (${state.failure}): citation keys and bibliographies are not served.`);
  }
  return state?.module;
}

/** The bundle once it has been loaded (at once in Node), or undefined (logged once) when it cannot be. */
export async function loadCitationsBundle(logger: Logger): Promise<typeof BibtexBundle | undefined> {
  await loadBundle<typeof BibtexBundle>(BUNDLE, ENTRY).catch(() => undefined);
  return citationsBundle(logger);
}
