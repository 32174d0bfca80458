import type { Catalog, CatalogSpeaker } from '../catalog/catalogTypes';
import type { CollectionInput, SourceFileInput } from '../kb/buildKnowledgeBase';
import { FileStat, FolderReader, readContained, refuse, statContained } from '../files/folderReader';
import { DEFAULT_MAX_FILE_BYTES } from '../kb/decodeSourceFile';
import type { LoadedCollection } from '../kb/loadCollection';
import type { Problem, SkipCode, SourceOrigin } from '../kb/model';
import { CancellationToken, noopToken, throwIfCancelled } from '../util/cancellation';
import { contentHash } from '../util/contentHash';
import { extractCatalog, ExtractionResult, KnownSpeaker } from './extractCatalog';
import { extractDocument, formatOf, FormatReadersLoader, onceReaders, SOURCE_EXTENSIONS_TEXT } from './formats';

/** What was read and extracted from one file, kept between loads. */
export interface CachedFile {
  readonly stat?: FileStat;
  readonly text: string;
  readonly bytes: Uint8Array;
  readonly result: ExtractionResult;
  /** The file's content fingerprint (core/util/contentHash.ts) when it was extracted. */
  readonly hash?: string;
  /**
   * 'disk' for an entry restored from the persistent cache (extractionStore.ts): it is used only after the file's
   * bytes are read again and have the same fingerprint; until then `verified` is false.
   */
  readonly origin?: 'disk';
  readonly verified?: boolean;
}

export type ExtractionCache = Map<string, CachedFile>;

export interface ExtractedCollectionOptions {
  readonly origin: SourceOrigin;
  /** How the generated catalog is named in messages, e.g. "notes (extracted)". */
  readonly catalogFile: string;
  readonly maxFileBytes?: number;
  /**
   * Results of earlier loads, by file: a file whose size and modification time (or, without them, text) have
   * not changed is neither read nor extracted again, so a change to one file of a large folder re-indexes
   * that file only. Keep one cache per folder.
   */
  readonly cache?: ExtractionCache;
  /**
   * Loads the web page and PDF readers (the on-demand bundle); called only when such a file is read, once.
   * Without it, those files are skipped with the code 'no-reader'.
   */
  readonly readers?: FormatReadersLoader;
  /** Told as files are done (for a progress notification). */
  readonly onProgress?: (done: number, total: number, displayPath: string) => void;
}

/**
 * Extraction, as the core loader (loadSourceFolders) gets it: this module is the entry of the on-demand bundle
 * dist/extract.js (esbuild.js), with extractCatalog and the attribution, names and front matter it needs; the
 * editor requires it only when a folder without a sourcebook.json is read (src/host/lazyBundles.ts).
 */
export interface Extraction {
  readonly loadExtractedCollection: typeof loadExtractedCollection;
}

/** Loads extraction; called once, and only when a folder without a catalog has source files. */
export type ExtractionLoader = () => Promise<Extraction>;

/** Files read at once: the host's file system answers asynchronously, one round trip per call. */
const CONCURRENCY = 32;

/**
 * Reads the given files of a folder without a catalog and extracts one. A file that is binary, over the size
 * limit, not UTF-8 or unreadable is skipped with one warning line; the rest is served.
 */
export async function loadExtractedCollection(
  reader: FolderReader,
  relativePaths: readonly string[],
  knownSpeakers: readonly KnownSpeaker[],
  options: ExtractedCollectionOptions,
  token: CancellationToken = noopToken,
): Promise<LoadedCollection> {
  const cache: ExtractionCache = options.cache ?? new Map();
  const context: FileContext = { reader, knownSpeakers, cache, maxBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, readers: onceReaders(options.readers), token };
  const outcomes: (CachedFile | Problem)[] = new Array(relativePaths.length);
  for (let from = 0; from < relativePaths.length; from += CONCURRENCY) {
    throwIfCancelled(token);
    const batch = relativePaths.slice(from, from + CONCURRENCY);
    const results = await Promise.all(batch.map((relativePath) => loadFile(relativePath, context)));
    results.forEach((outcome, i) => {
      outcomes[from + i] = outcome;
      if (!('message' in outcome)) cache.set(batch[i], outcome);
    });
    options.onProgress?.(from + batch.length, relativePaths.length, reader.displayPathOf(batch[batch.length - 1]));
  }
  const wanted = new Set(relativePaths);
  for (const path of [...cache.keys()]) if (!wanted.has(path)) cache.delete(path);
  return collectionOf(reader, relativePaths, outcomes, options);
}

/** What reading one file of the folder needs: where, the known speakers, the cache, the limits and readers. */
interface FileContext {
  readonly reader: FolderReader;
  readonly knownSpeakers: readonly KnownSpeaker[];
  readonly cache: ExtractionCache;
  readonly maxBytes: number;
  readonly readers: ReturnType<typeof onceReaders>;
  readonly token: CancellationToken;
}

/** One file's extraction (from the cache when its size, time and bytes say it is the same), or why it is skipped. */
async function loadFile(relativePath: string, { reader, knownSpeakers, cache, maxBytes, readers, token }: FileContext): Promise<CachedFile | Problem> {
  const displayPath = reader.displayPathOf(relativePath);
  const skip = (refusal: { code: SkipCode; reason: string }): Problem => ({ severity: 'warning', file: displayPath, skipped: refusal.code, message: `${refusal.reason}; skipped` });
  // Where the file leads, what it is and how large, before anything is read.
  const probe = await statContained(reader, relativePath);
  if (!probe.ok) return skip(probe);
  if (probe.size > maxBytes) return skip(refuse.tooLarge(probe.size, maxBytes));
  const stat: FileStat = { size: probe.size, mtime: probe.mtime };
  const cached = cache.get(relativePath);
  const sameStat = cached?.stat !== undefined && cached.stat.size === stat.size && cached.stat.mtime === stat.mtime;
  if (cached && sameStat && (cached.origin !== 'disk' || cached.verified)) return cached;
  const read = await readContained(reader, relativePath, maxBytes);
  if (!read.ok) return skip(read);
  const hash = contentHash(read.bytes);
  // Restored from disk: trusted only if the bytes are those it was extracted from.
  if (cached && sameStat && cached.hash === hash) return { ...cached, bytes: read.bytes, verified: true };
  const format = formatOf(relativePath);
  if (!format) return skip({ code: 'unreadable', reason: `is not a source format (${SOURCE_EXTENSIONS_TEXT})` });
  const extracted = await extractDocument(format, read.bytes, maxBytes, readers);
  if (!extracted.ok) return skip(extracted);
  const { document } = extracted;
  if (cached && cached.text === document.text && cached.origin !== 'disk') return { ...cached, stat, hash };
  const result = extractCatalog([{ relativePath, text: document.text, metadata: document.metadata, language: document.language }], knownSpeakers, token);
  return { stat, text: document.text, bytes: read.bytes, result, hash };
}

/** The collection of the files extracted, in the order asked, with the skipped files and the extractor's notes. */
function collectionOf(reader: FolderReader, relativePaths: readonly string[], outcomes: readonly (CachedFile | Problem)[], options: ExtractedCollectionOptions): LoadedCollection {
  const problems: Problem[] = [];
  const files: SourceFileInput[] = [];
  const results: ExtractionResult[] = [];
  outcomes.forEach((outcome, i) => {
    if ('message' in outcome) {
      problems.push(outcome);
      return;
    }
    const relativePath = relativePaths[i];
    files.push({ name: relativePath, uri: reader.uriOf(relativePath), displayPath: reader.displayPathOf(relativePath), bytes: outcome.bytes, text: outcome.text });
    results.push(outcome.result);
  });
  for (const note of results.flatMap((r) => r.notes)) problems.push({ ...note, file: reader.displayPathOf(note.file) });
  const collection: CollectionInput = { origin: options.origin, catalogFile: options.catalogFile, catalog: mergeCatalogs(results.map((r) => r.catalog)), files };
  return { collection, problems };
}

/**
 * One catalog from the per-file ones. A person named in several files gets the same id in each (ids are
 * made from names), so speakers are merged by id; sources and quotes have ids made from their file's path.
 */
function mergeCatalogs(catalogs: readonly Catalog[]): Catalog {
  const speakers = new Map<string, CatalogSpeaker>();
  for (const catalog of catalogs) for (const speaker of catalog.speakers ?? []) if (!speakers.has(speaker.id)) speakers.set(speaker.id, speaker);
  return {
    version: 1,
    sources: catalogs.flatMap((c) => c.sources),
    speakers: [...speakers.values()],
    quotes: catalogs.flatMap((c) => c.quotes ?? []),
  };
}
