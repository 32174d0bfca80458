import * as path from 'node:path';
import { Corpus } from '../core/corpus';
import type { CollectionInput } from '../core/kb/buildKnowledgeBase';
import { loadCatalogCollection } from '../core/kb/loadCollection';
import type { Problem } from '../core/kb/model';
import { nodeFolderReader } from './folderReader';
import { defaultSeedsDir } from './loadSeeds';

export interface DiskCorpusOptions {
  readonly includeSeeds: boolean;
  readonly sourceDirs: readonly string[];
  readonly seedsDir?: string;
}

/** The corpus the CLI serves: the embedded seeds and any folders named with --sources. */
export async function loadCorpusFromDisk(options: DiskCorpusOptions): Promise<Corpus> {
  const collections: CollectionInput[] = [];
  const problems: Problem[] = [];
  if (options.includeSeeds) {
    const seeds = await loadCatalogCollection(nodeFolderReader(options.seedsDir ?? defaultSeedsDir(), 'seeds'), 'catalog.json', 'seed');
    problems.push(...seeds.problems);
    if (seeds.collection) collections.push(seeds.collection);
  }
  for (const dir of options.sourceDirs) {
    const reader = nodeFolderReader(path.resolve(dir), path.basename(path.resolve(dir)));
    const loaded = await loadCatalogCollection(reader, 'sourcebook.json', 'workspace');
    problems.push(...loaded.problems);
    if (loaded.collection) collections.push(loaded.collection);
  }
  return Corpus.fromCollections(collections, problems);
}
