import { readdir, stat } from 'node:fs/promises';
import type { Dirent } from 'node:fs';
import * as path from 'node:path';
import { Corpus } from '../core/corpus';
import type { KnownSpeaker } from '../core/extract/extractCatalog';
import { loadExtractedCollection } from '../core/extract/loadExtractedCollection';
import type { CollectionInput } from '../core/kb/buildKnowledgeBase';
import { DEFAULT_MAX_FILE_BYTES } from '../core/kb/decodeSourceFile';
import { LoadedCollection, loadCatalogCollection } from '../core/kb/loadCollection';
import type { Problem } from '../core/kb/model';
import { nodeFolderReader } from './folderReader';
import { defaultSeedsDir } from './loadSeeds';

export interface DiskCorpusOptions {
  readonly includeSeeds: boolean;
  readonly sourceDirs: readonly string[];
  readonly seedsDir?: string;
  readonly maxFileBytes?: number;
}

/** Extensions of the files a folder without a catalog is read from. */
const SOURCE_EXTENSIONS = new Set(['.md', '.markdown', '.txt']);
const CATALOG_FILE = 'sourcebook.json';

/** A folder named with --sources that is not there: the user's mistake, said with the path (exit 2). */
export class MissingSourceFolderError extends Error {}

/** The corpus the CLI serves: the embedded seeds and any folders named with --sources. */
export async function loadCorpusFromDisk(options: DiskCorpusOptions): Promise<Corpus> {
  await assertFoldersExist(options.sourceDirs);
  const collections: CollectionInput[] = [];
  const problems: Problem[] = [];
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  if (options.includeSeeds) {
    // The user's limit is for the user's files; the embedded seeds are known to be small.
    const seeds = await loadCatalogCollection(nodeFolderReader(options.seedsDir ?? defaultSeedsDir(), 'seeds'), 'catalog.json', 'seed');
    problems.push(...seeds.problems);
    if (seeds.collection) collections.push(seeds.collection);
  }
  // Folders with a sourcebook.json first, so that extraction knows the speakers every catalog names.
  const loaded = new Map<string, LoadedCollection>();
  const extractDirs: string[] = [];
  for (const dir of options.sourceDirs) {
    const root = path.resolve(dir);
    if (await isFile(path.join(root, CATALOG_FILE))) {
      loaded.set(dir, await loadCatalogCollection(nodeFolderReader(root, path.basename(root)), CATALOG_FILE, 'workspace', { maxFileBytes }));
    } else {
      extractDirs.push(dir);
    }
  }
  const known: KnownSpeaker[] = [...collections, ...[...loaded.values()].flatMap((l) => (l.collection ? [l.collection] : []))].flatMap((c) => c.catalog.speakers ?? []);
  for (const dir of extractDirs) {
    const root = path.resolve(dir);
    const name = path.basename(root);
    const listing = await listSourceFiles(root);
    const reader = nodeFolderReader(root, name);
    const extracted = await loadExtractedCollection(reader, listing.files, known, { origin: 'workspace', catalogFile: `${name} (extracted)`, maxFileBytes });
    loaded.set(dir, { collection: extracted.collection, problems: [...listing.problems, ...extracted.problems] });
  }
  for (const dir of options.sourceDirs) {
    const result = loaded.get(dir);
    if (!result) continue;
    problems.push(...result.problems);
    if (result.collection) collections.push(result.collection);
  }
  return Corpus.fromCollections(collections, problems);
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

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

interface Listing {
  /** Relative paths with forward slashes, sorted. */
  readonly files: string[];
  readonly problems: Problem[];
}

/**
 * The .md and .txt files under a folder, recursively, leaving out hidden folders and node_modules. A symbolic
 * link to a file is listed, so that the reader can serve it when it leads inside the folder and refuse it with a
 * reason when it does not; a link to a folder is not walked (it could loop).
 */
async function listSourceFiles(root: string): Promise<Listing> {
  const listing: Listing = { files: [], problems: [] };
  const display = (relative: string): string => path.posix.join(path.basename(root), relative);
  const walk = async (relative: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(path.join(root, relative), { withFileTypes: true });
    } catch (error) {
      listing.problems.push({ severity: 'warning', file: display(relative), skipped: 'unreadable', message: `could not be listed (${(error as { code?: string }).code ?? 'error'}); skipped` });
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(child);
      // Whatever else has a source's name is listed: its type, its size and where a link leads are the
      // reader's to check, before it reads anything, and a refusal names the file.
      else if (SOURCE_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) listing.files.push(child);
    }
  };
  await walk('');
  return listing;
}
