import * as path from 'node:path';
import * as vscode from 'vscode';
import type * as BibtexBundle from '../core/citations/bibtexBundle';
import { Logger, nullLogger } from '../core/util/logger';

/*
 * The citation code (key tables, the citation finder and check, export) and the BibTeX parser
 * (@retorquere/bibtex-parser, about 1 MB) are their own bundle beside dist/extension.js, dist/bibtex.js
 * (esbuild.js), required on first use: when a bibliography is configured, a hover lands on something that looks
 * like a citation, or a bibliography is exported; never at activation. The parser inside is initialised only
 * when a `.bib` is read.
 */

const EXTENSION_ID = 'sourcebook.sourcebook';
let state: { module?: typeof BibtexBundle; failure?: string } | undefined;

/** The bundle, or undefined (logged once) when it cannot be loaded: citations are then not served. */
export function citationsBundle(logger: Logger = nullLogger): typeof BibtexBundle | undefined {
  if (!state) {
    state = load();
    if (state.failure) logger.warn(`dist/bibtex.js could not be loaded (${state.failure}): citation keys and bibliographies are not served.`);
  }
  return state.module;
}

function load(): { module?: typeof BibtexBundle; failure?: string } {
  const candidates = [path.join(__dirname, 'bibtex.js')];
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (extension) candidates.push(path.join(extension.extensionPath, 'dist', 'bibtex.js'));
  let failure = 'bibtex.js not found';
  for (const file of candidates) {
    try {
      // A computed path, so that esbuild leaves the parser out of dist/extension.js.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const module = require(file) as typeof BibtexBundle;
      if (typeof module.readBibliography === 'function') return { module };
      failure = `${file} does not export readBibliography`;
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
    }
  }
  return { failure };
}
