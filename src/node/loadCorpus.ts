import { stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { parseCatalog } from '../core/catalog/parseCatalog';
import { Corpus, SearchIndexFactory } from '../core/corpus';
import type { FormatReaders } from '../core/extract/formats';
import type { Extraction } from '../core/extract/loadExtractedCollection';
import { QuoteIndex } from '../core/search/quoteIndex';
import type { CollectionInput } from '../core/kb/buildKnowledgeBase';
import { DEFAULT_MAX_FILE_BYTES } from '../core/kb/decodeSourceFile';
import { CatalogParserLoader, loadCatalogCollection, loadSourceFolders, SourceFolder } from '../core/kb/loadCollection';
import type { Problem } from '../core/kb/model';
import { listFolderFiles, nodeFolderReader } from './folderReader';
import { defaultSeedsDir } from './loadSeeds';
import { buildCorpus } from '../core/buildCorpus';

export interface DiskCorpusOptions {
  readonly includeSeeds: boolean;
  readonly sourceDirs: readonly string[];
  readonly seedsDir?: string;
  readonly maxFileBytes?: number;
}

/** A folder named with --sources that is not there: the user's mistake, said with the path (exit 2). */
export class MissingSourceFolderError extends Error {}

/** The corpus the CLI serves: the embedded seeds and any folders named with --sources. */
export async function loadCorpusFromDisk(options: DiskCorpusOptions): Promise<Corpus> {
  await assertFoldersExist(options.sourceDirs);
  const collections: CollectionInput[] = [];
  const problems: Problem[] = [];
  if (options.includeSeeds) {
    // The user's limit is for the user's files; the embedded seeds are known to be small.
    const seeds = await loadCatalogCollection(nodeFolderReader(options.seedsDir ?? defaultSeedsDir(), 'seeds'), 'catalog.json', 'seed', { parser: loadCatalogParser });
    problems.push(...seeds.problems);
    if (seeds.collection) collections.push(seeds.collection);
  }
  const folders: SourceFolder[] = options.sourceDirs.map((dir) => {
    const root = path.resolve(dir);
    const reader = nodeFolderReader(root, path.basename(root));
    return { label: path.basename(root), catalogReader: reader, reader, list: () => listFolderFiles(root) };
  });
  const loaded = await loadSourceFolders(folders, collections, { maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, readers: loadNodeFormatReaders, extraction: loadNodeExtraction, parser: loadCatalogParser });
  const corpus = buildCorpus([...collections, ...loaded.collections], [...problems, ...loaded.problems], { createIndex: createQuoteIndex });
  return corpus;
}

/** The catalog parser, imported: the CLI validates every catalog it reads, the seeds' too. */
export const loadCatalogParser: CatalogParserLoader = async () => parseCatalog;

/** The search index, imported: the CLI is one bundle (only the extension loads it on demand, from dist/search.js). */
export const createQuoteIndex: SearchIndexFactory = (quotes, terms) => new QuoteIndex(quotes, terms);

/**
 * Extraction from folders without a catalog: dist/extract.js beside the bundled CLI, else the sources (under
 * tsx, in the tests and the benchmarks). A computed path, as for the readers below.
 */
export async function loadNodeExtraction(): Promise<Extraction> {
  return requireBeside<Extraction>('extract.js', path.join('..', 'core', 'extract', 'loadExtractedCollection'), 'loadExtractedCollection');
}

/**
 * The web page and PDF readers for Node: dist/formats.js beside the bundled CLI, else the sources (under
 * tsx, in the tests and the benchmarks). A computed path, so that esbuild leaves the readers out of cli.js.
 */
export async function loadNodeFormatReaders(): Promise<FormatReaders> {
  return requireBeside<{ formatReaders: FormatReaders }>('formats.js', path.join('..', 'core', 'extract', 'heavyReaders'), 'formatReaders').formatReaders;
}

/** A bundle beside this file (dist/), else the module it is built from, relative to src/node; checked for `entry`. */
function requireBeside<T>(bundle: string, source: string, entry: string): T {
  const bundled = path.join(__dirname, bundle);
  const candidate = existsSync(bundled) ? bundled : path.join(__dirname, source);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const module = require(candidate) as Record<string, unknown>;
  if (!module[entry]) throw new Error(`${candidate} does not export ${entry}`);
  return module as T;
}

async function assertFoldersExist(dirs: readonly string[]): Promise<void> {
  for (const dir of dirs) {
    const root = path.resolve(dir);
    let isDirectory = false;
    try {
      isDirectory = (await stat(root)).isDirectory();
    } catch {
      throw new MissingSourceFolderError(`--sources ${dir}: there is no folder at ${root}`);
    }
    if (!isDirectory) throw new MissingSourceFolderError(`--sources ${dir}: ${root} is a file, not a folder`);
  }
}
