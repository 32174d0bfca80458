import { readdir, stat } from 'node:fs/promises';
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

/** The corpus the CLI serves: the embedded seeds and any folders named with --sources. */
export async function loadCorpusFromDisk(options: DiskCorpusOptions): Promise<Corpus> {
  const collections: CollectionInput[] = [];
  const problems: Problem[] = [];
  if (options.includeSeeds) {
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
      loaded.set(dir, await loadCatalogCollection(nodeFolderReader(root, path.basename(root)), CATALOG_FILE, 'workspace'));
    } else {
      extractDirs.push(dir);
    }
  }
  const known: KnownSpeaker[] = [...collections, ...[...loaded.values()].flatMap((l) => (l.collection ? [l.collection] : []))].flatMap((c) => c.catalog.speakers ?? []);
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
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

/** The .md and .txt files under a folder, recursively, leaving out hidden folders and node_modules. */
async function listSourceFiles(root: string): Promise<Listing> {
  const listing: Listing = { files: [], problems: [] };
  const walk = async (relative: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(path.join(root, relative), { withFileTypes: true });
    } catch (error) {
      listing.problems.push({ severity: 'warning', file: path.join(path.basename(root), relative), message: `could not be listed (${(error as { code?: string }).code ?? 'error'}); skipped` });
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(child);
      // Size limits are the loader's job: it refuses huge files from their size, unread.
      else if (entry.isFile() && SOURCE_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) listing.files.push(child);
    }
  };
  await walk('');
  return listing;
}
