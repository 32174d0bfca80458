import type * as vscode from 'vscode';
import type { SearchIndex, SearchIndexFactory, SearchIndexStepsFactory } from '../core/corpus';
import type * as CatalogBundle from '../core/catalog/parseCatalog';
import type { FormatReaders, FormatReadersLoader } from '../core/extract/formats';
import type { Extraction, ExtractionLoader } from '../core/extract/loadExtractedCollection';
import type { CatalogParserLoader } from '../core/kb/loadCollection';
import type * as SearchBundle from '../core/search/quoteIndex';
import type * as CheckBundle from '../core/check/checkDocument';
import type * as SnapshotBundle from '../core/snapshot/snapshotBundle';
import type * as BuildBundle from '../core/buildBundle';
import type { CheckCorpus, MisquoteIndexSnapshot } from '../core/check/misquoteIndex';
import type { Quote, Term } from '../core/kb/model';
import { CancelledError } from '../core/util/cancellation';
import type { Steps } from '../core/util/steps';
import { loadBundle, requireBundle } from './bundleFiles';

/*
 * Code the extension needs only sometimes, loaded on first use rather than at activation, from bundles that
 * esbuild.js builds beside dist/extension.js (scripts/package.ts checks that the VSIX ships them):
 *  - dist/search.js: the quote index with fuse.js, on the first search (or shortly after a load, see CorpusService);
 *  - dist/extract.js: extraction from folders without a sourcebook.json (attribution, names, front matter);
 *  - dist/catalog.js: the catalog parser with the JSON schema, when a folder with a sourcebook.json is read (the
 *    seeds' catalog, checked by the unit tests, is parsed without it: parseTrustedCatalog);
 *  - dist/formats.js: the web page and PDF readers (readability, linkedom, pdf.js), when such a file is read;
 *  - dist/check.js: the misquote check (alignment, attribution, names), on the first check of a draft;
 *  - dist/build.js: building a corpus from files (decoding, repair, catalogs, the knowledge base builder), where no
 *    source worker builds it.
 * (dist/syntax.js and dist/markdownSyntax.js are loaded the same way by markdownSyntax.ts.) How a bundle is loaded
 * is bundleFiles.ts's business: a require in Node, dist/web/<name> read through workspace.fs in the browser.
 */

/**
 * Builds the search index with dist/search.js, required on the first call. A search cancelled inside the bundle
 * throws the bundle's own CancelledError: it is thrown again as this one's, which the picker recognises.
 */
export function hostSearchIndexFactory(extensionUri: vscode.Uri): SearchIndexFactory {
  return (quotes, terms) => {
    const { QuoteIndex } = requireBundle<typeof SearchBundle>('search.js', 'QuoteIndex', extensionUri);
    return withOwnCancellation(new QuoteIndex(quotes, terms));
  };
}

/** The same, built in steps (QuoteIndex.build), for CorpusService to run in slices after a load. */
export function hostSearchIndexStepsFactory(extensionUri: vscode.Uri): SearchIndexStepsFactory {
  return function* (quotes, terms) {
    const { QuoteIndex } = requireBundle<typeof SearchBundle>('search.js', 'QuoteIndex', extensionUri);
    return withOwnCancellation(yield* QuoteIndex.build(quotes, terms));
  };
}

/** The search index the source worker built, read back from its snapshot (QuoteIndex.fromSnapshot), in steps. */
export function hostSearchIndexRestore(extensionUri: vscode.Uri): (quotes: readonly Quote[], terms: readonly Term[], snapshot: unknown) => Steps<SearchIndex> {
  return function* (quotes, terms, snapshot) {
    const { QuoteIndex } = requireBundle<typeof SearchBundle>('search.js', 'QuoteIndex', extensionUri);
    return withOwnCancellation(yield* QuoteIndex.fromSnapshot(quotes, terms, snapshot as SearchBundle.QuoteIndexSnapshot));
  };
}

function withOwnCancellation(index: SearchBundle.QuoteIndex): SearchIndex {
  return {
    quotes: index.quotes,
    get size() {
      return index.size;
    },
    search: (query, options) => {
      try {
        return index.search(query, options);
      } catch (error) {
        if (error instanceof Error && error.name === 'CancelledError' && !(error instanceof CancelledError)) throw new CancelledError();
        throw error;
      }
    },
  };
}

/** Extraction from folders without a catalog: dist/extract.js, required when the first such folder is read. */
export function hostExtraction(extensionUri: vscode.Uri): ExtractionLoader {
  return () => loadBundle<Extraction>('extract.js', 'loadExtractedCollection', extensionUri);
}

/** Reading corpus snapshots back (the seeds', the source worker's): dist/snapshot.js, loaded on the first. */
export function hostSnapshotReader(extensionUri: vscode.Uri): Promise<typeof SnapshotBundle> {
  return loadBundle<typeof SnapshotBundle>('snapshot.js', 'restoreCorpus', extensionUri);
}

/** Building a corpus from files on this thread: dist/build.js, loaded when there is no worker to build it. */
export function hostCorpusBuilder(extensionUri: vscode.Uri): Promise<typeof BuildBundle> {
  return loadBundle<typeof BuildBundle>('build.js', 'buildCorpusSteps', extensionUri);
}

/** The catalog parser and validator: dist/catalog.js, required when the first sourcebook.json is read. */
export function hostCatalogParser(extensionUri: vscode.Uri): CatalogParserLoader {
  return async () => (await loadBundle<typeof CatalogBundle>('catalog.js', 'parseCatalog', extensionUri)).parseCatalog;
}

/** The web page and PDF readers: dist/formats.js, required only when an .html, .htm or .pdf file is read. */
export function hostFormatReaders(extensionUri: vscode.Uri): FormatReadersLoader {
  return async () => (await loadBundle<{ formatReaders: FormatReaders }>('formats.js', 'formatReaders', extensionUri)).formatReaders;
}

/**
 * The misquote check from dist/check.js, required on the first check. A check cancelled inside the bundle throws
 * the bundle's own CancelledError: it is thrown again as this one's, which the checker recognises.
 */
export function hostCheckReport(extensionUri: vscode.Uri): typeof CheckBundle.checkDocumentReport {
  return (text, languageId, corpus, options) => {
    const { checkDocumentReport } = requireBundle<typeof CheckBundle>('check.js', 'checkDocumentReport', extensionUri);
    try {
      return checkDocumentReport(text, languageId, corpus, options);
    } catch (error) {
      if (error instanceof Error && error.name === 'CancelledError' && !(error instanceof CancelledError)) throw new CancelledError();
      throw error;
    }
  };
}

/** The misquote check's index the source worker built, read back from its snapshot, in steps (dist/check.js). */
export function hostCheckRestore(extensionUri: vscode.Uri): (corpus: CheckCorpus, snapshot: unknown) => Steps<unknown> {
  return (corpus, snapshot) => requireBundle<typeof CheckBundle>('check.js', 'restoreCheck', extensionUri).restoreCheck(corpus, snapshot as MisquoteIndexSnapshot);
}

/** Builds the misquote check's index ahead of the first check, in steps (dist/check.js, required on the first call). */
export function hostCheckPreparation(extensionUri: vscode.Uri): typeof CheckBundle.prepareCheck {
  return (corpus) => requireBundle<typeof CheckBundle>('check.js', 'prepareCheck', extensionUri).prepareCheck(corpus);
}
