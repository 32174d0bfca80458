import type { Catalog } from '../catalog/catalogTypes';
import type { CatalogParseResult } from '../catalog/parseCatalog';
import type { KnownSpeaker } from '../extract/extractCatalog';
import { extractDocument, formatOf, FormatReadersLoader, memoizeReaders, onceReaders, CATALOG_FILE, SOURCE_EXTENSIONS_TEXT } from '../extract/formats';
import type { Extraction, ExtractionCache, ExtractionLoader } from '../extract/loadExtractedCollection';
import { FolderReader, readContained, statContained } from '../files/folderReader';
import type { CollectionInput, SourceFileInput } from './buildKnowledgeBase';
import { DEFAULT_MAX_FILE_BYTES } from './decodeSourceFile';
import type { Problem, SourceOrigin } from './model';
import { CancellationToken, CancelledError, noopToken, throwIfCancelled } from '../util/cancellation';

export type { FileStat, FolderReader } from '../files/folderReader';

/** A catalog larger than this is refused unread: the seeds' is 60 KB, a large hand-made one a few MB. */
export const MAX_CATALOG_BYTES = 16 * 1024 * 1024;

export interface LoadedCollection {
  readonly collection?: CollectionInput;
  readonly problems: readonly Problem[];
}

/** Parses and validates a catalog: parseCatalog (src/core/catalog/parseCatalog.ts). */
export type CatalogParser = (text: string, file: string) => CatalogParseResult;

/**
 * Loads the catalog parser: the JSON schema and its validator are needed only when a catalog is read, so the
 * editor requires them from the on-demand bundle dist/catalog.js when a folder has a sourcebook.json
 * (src/host/lazyBundles.ts); the CLI and the tests pass parseCatalog itself (src/node/loadCorpus.ts).
 */
export type CatalogParserLoader = () => Promise<CatalogParser>;

/**
 * The catalog the extension ships (seeds/catalog.json), trusted: validated against the schema and for its
 * references by the unit tests (test/unit/catalogVerification.test.ts), so activation only parses the JSON and
 * composes its strings (NFC), which is all parseCatalog changes in a valid catalog. Never for a user's catalog.
 */
export const parseTrustedCatalog: CatalogParser = (text, file) => {
  try {
    const data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as unknown;
    return { ok: true, catalog: composeStrings(data) as Catalog, problems: [] };
  } catch (error) {
    return { ok: false, problems: [{ file, path: '$', message: `is not valid JSON: ${(error as Error).message}` }] };
  }
};

function composeStrings(value: unknown): unknown {
  if (typeof value === 'string') return value.normalize('NFC');
  if (Array.isArray(value)) return value.map(composeStrings);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, composeStrings(child)]));
  return value;
}

export interface CatalogLoadOptions {
  readonly maxFileBytes?: number;
  readonly token?: CancellationToken;
  /** Reads the web pages and PDFs a catalog names (the on-demand bundle); loaded only if it names one. */
  readonly readers?: FormatReadersLoader;
  /** The catalog parser; without it (or when it does not load), the catalog is refused with one problem. */
  readonly parser?: CatalogParserLoader;
}

/**
 * Reads a catalog and the files it names. A catalog that does not parse gives problems and no collection. A
 * named file that leaves the folder, is not a regular file or is too large is refused unread, with one
 * problem naming it; the rest of the catalog is served.
 */
export async function loadCatalogCollection(
  reader: FolderReader,
  catalogPath: string,
  origin: SourceOrigin,
  options: CatalogLoadOptions = {},
): Promise<LoadedCollection> {
  const token = options.token ?? noopToken;
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const catalogFile = reader.displayPathOf(catalogPath);
  const catalogBytes = await readContained(reader, catalogPath, MAX_CATALOG_BYTES);
  if (!catalogBytes.ok) return { problems: [{ severity: 'error', file: catalogFile, message: `the catalog ${catalogBytes.reason}` }] };
  let catalogText: string;
  try {
    catalogText = new TextDecoder('utf-8', { fatal: true }).decode(catalogBytes.bytes);
  } catch {
    return { problems: [{ severity: 'error', file: catalogFile, message: 'the catalog is not valid UTF-8' }] };
  }
  let parse: CatalogParser;
  try {
    if (!options.parser) throw new Error('no catalog parser was provided');
    parse = await options.parser();
  } catch (error) {
    return { problems: [{ severity: 'error', file: catalogFile, message: `the catalog could not be read: its parser did not load (${error instanceof Error ? error.message : String(error)})` }] };
  }
  const parsed = parse(catalogText, catalogFile);
  if (!parsed.ok) {
    return { problems: parsed.problems.map((p) => ({ severity: 'error' as const, file: catalogFile, message: `${p.path}: ${p.message}` })) };
  }
  throwIfCancelled(token);
  // All at once: each read is a round trip to the host's file system.
  const contents = await Promise.all(parsed.catalog.sources.map((source) => readContained(reader, source.file, maxBytes)));
  throwIfCancelled(token);
  const files: SourceFileInput[] = [];
  const problems: Problem[] = [];
  const refused = new Set<string>();
  const readers = onceReaders(options.readers);
  for (const [i, source] of parsed.catalog.sources.entries()) {
    const read = contents[i];
    const displayPath = reader.displayPathOf(source.file);
    // A web page or a PDF is served as its extracted text, which the catalog's quotes are verified against.
    const format = formatOf(source.file);
    const content = read.ok && format?.heavy ? await extractDocument(format, read.bytes, maxBytes, readers) : read;
    if (content.ok) {
      const text = 'document' in content ? content.document.text : undefined;
      files.push({ name: source.file, uri: reader.uriOf(source.file), displayPath, bytes: read.ok ? read.bytes : new Uint8Array(), text });
    } else {
      refused.add(source.file);
      problems.push({ severity: 'warning', file: displayPath, skipped: content.code, message: `${content.reason} (named by ${catalogFile}); skipped` });
    }
  }
  return { collection: { origin, catalogFile, catalogText, catalog: parsed.catalog, files, refused }, problems };
}

/**
 * One folder (or glob) of sources, as the host or the CLI found it: the core decides whether it has a
 * catalog, lists and filters its files through the formats table, and reads them through the reader.
 */
export interface SourceFolder {
  /** How the folder is named in messages: "notes", "project/sources". */
  readonly label: string;
  /**
   * A reader rooted at the folder, where a sourcebook.json would be; undefined for a glob, which never has one.
   */
  readonly catalogReader?: FolderReader;
  /** The reader files are read with (for a glob or the editor: rooted at the workspace folder). */
  readonly reader: FolderReader;
  /** The folder's files, relative to `reader`'s root, forward slashes; any name: the core keeps the sources. */
  list(): Promise<{ readonly files: readonly string[]; readonly problems?: readonly Problem[] }>;
  /**
   * Extraction results kept between loads, one per folder; given the known speakers (as a key), since they
   * decide attributions: a host drops the cache when the key changes.
   */
  cacheFor?(knownSpeakersKey: string): ExtractionCache;
}

export interface SourceFoldersOptions {
  readonly origin?: SourceOrigin;
  readonly maxFileBytes?: number;
  readonly token?: CancellationToken;
  /** The web page and PDF readers, loaded once and only when such a file is present. */
  readonly readers?: FormatReadersLoader;
  /** The catalog parser, loaded only when a folder has a sourcebook.json (see CatalogParserLoader). */
  readonly parser?: CatalogParserLoader;
  /**
   * Extraction from folders without a catalog (src/core/extract/loadExtractedCollection.ts), loaded once and
   * only when such a folder has source files: in the editor, the on-demand bundle dist/extract.js. Without it,
   * or when it does not load, such a folder gives one problem and no collection.
   */
  readonly extraction?: ExtractionLoader;
  /**
   * Runs one folder's extraction; the editor puts a large folder under a cancellable progress notification.
   * By default it just runs. A CancelledError that `token` did not cause drops that folder with a problem.
   */
  readonly runExtraction?: (
    folder: SourceFolder,
    fileCount: number,
    extract: (onProgress?: (done: number, total: number, path: string) => void, token?: CancellationToken) => Promise<LoadedCollection>,
  ) => Promise<LoadedCollection>;
}

export interface LoadedFolders {
  /** In the order of the folders, those that gave a collection. */
  readonly collections: CollectionInput[];
  readonly problems: Problem[];
}

/**
 * The loader the editor and the CLI share: folders with a sourcebook.json are read first, as their catalog
 * says, so that extraction from the others knows every speaker a catalog (or an earlier collection, the
 * seeds) names; then every other folder's source files are extracted. Results and problems come back in
 * the order of the folders.
 */
export async function loadSourceFolders(
  folders: readonly SourceFolder[],
  earlier: readonly CollectionInput[],
  options: SourceFoldersOptions = {},
): Promise<LoadedFolders> {
  const token = options.token ?? noopToken;
  const origin = options.origin ?? 'workspace';
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const readers = options.readers ? memoizeReaders(options.readers) : undefined;
  const results = new Map<SourceFolder, LoadedCollection>();
  const extracted: SourceFolder[] = [];
  for (const folder of folders) {
    throwIfCancelled(token);
    const probe = folder.catalogReader ? await statContained(folder.catalogReader, CATALOG_FILE) : undefined;
    // A catalog that is there but refused (a link out of the folder, a device) is loaded, to say why.
    if (folder.catalogReader && probe && (probe.ok || probe.code !== 'missing')) {
      results.set(folder, await loadCatalogCollection(folder.catalogReader, CATALOG_FILE, origin, { maxFileBytes, token, readers, parser: options.parser }));
    } else {
      extracted.push(folder);
    }
  }
  const known: KnownSpeaker[] = [...earlier, ...[...results.values()].flatMap((r) => (r.collection ? [r.collection] : []))].flatMap((c) => c.catalog.speakers ?? []);
  const knownKey = known.map((s) => `${s.id}=${s.name}|${(s.aliases ?? []).join(',')}`).join(';');
  let extraction: Promise<Extraction | string> | undefined;
  for (const folder of extracted) {
    throwIfCancelled(token);
    const listing = await folder.list();
    const files = listing.files.filter((file) => formatOf(file) !== undefined);
    const listed = listing.problems ?? [];
    if (files.length === 0) {
      results.set(folder, { problems: [...listed, { severity: 'warning', file: folder.label, code: 'no-source-files', message: `no ${SOURCE_EXTENSIONS_TEXT} files found` }] });
      continue;
    }
    extraction ??= loadExtraction(options.extraction);
    const extractor = await extraction;
    if (typeof extractor === 'string') {
      results.set(folder, { problems: [...listed, { severity: 'error', file: folder.label, message: `could not be read: extraction did not load (${extractor})` }] });
      continue;
    }
    const extract = (onProgress?: (done: number, total: number, path: string) => void, progressToken?: CancellationToken): Promise<LoadedCollection> =>
      extractor.loadExtractedCollection(folder.reader, files, known, { origin, catalogFile: `${folder.label} (extracted)`, maxFileBytes, onProgress, cache: folder.cacheFor?.(knownKey), readers }, anyOf(token, progressToken));
    try {
      const loaded = options.runExtraction ? await options.runExtraction(folder, files.length, extract) : await extract();
      results.set(folder, { collection: loaded.collection, problems: [...listed, ...loaded.problems] });
    } catch (error) {
      // Only this folder's reading was cancelled (its notification): serve the rest, and say what is missing.
      if (!isCancelled(error) || token.isCancellationRequested) throw error;
      results.set(folder, { problems: [...listed, { severity: 'warning', file: folder.label, code: 'cancelled', message: 'reading was cancelled; this folder is not served until the sources are reloaded' }] });
    }
  }
  const collections: CollectionInput[] = [];
  const problems: Problem[] = [];
  for (const folder of folders) {
    const result = results.get(folder);
    if (!result) continue;
    problems.push(...result.problems);
    if (result.collection) collections.push(result.collection);
  }
  return { collections, problems };
}

/** The extraction bundle, or why it did not load (said once per folder, never thrown). */
async function loadExtraction(load: ExtractionLoader | undefined): Promise<Extraction | string> {
  if (!load) return 'no extraction was provided';
  try {
    return await load();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** A CancelledError, also one thrown by another bundle's copy of the class (dist/extract.js). */
function isCancelled(error: unknown): boolean {
  return error instanceof CancelledError || (error instanceof Error && error.name === 'CancelledError');
}

function anyOf(a: CancellationToken, b?: CancellationToken): CancellationToken {
  if (!b) return a;
  return { get isCancellationRequested() { return a.isCancellationRequested || b.isCancellationRequested; } };
}
