import * as path from 'node:path';
import { Corpus } from '../../../src/core/corpus';
import { loadCorpusFromDisk } from '../../../src/node/loadCorpus';

export const SEEDS_DIR = path.resolve(__dirname, '..', '..', '..', 'seeds');

let cached: Promise<Corpus> | undefined;

/** The seed corpus, loaded once per test run. */
export function seedCorpus(): Promise<Corpus> {
  cached ??= loadCorpusFromDisk({ includeSeeds: true, sourceDirs: [], seedsDir: SEEDS_DIR });
  return cached;
}
