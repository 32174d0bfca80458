import { MisquoteIndex } from '../core/check/misquoteIndex';
import { QuoteIndex } from '../core/search/quoteIndex';
import type { CorpusSnapshot } from '../core/snapshot/snapshotTypes';
import { snapshotCorpus } from '../core/snapshot/writeSnapshot';
import { loadCorpusFromDisk } from './loadCorpus';

/** How a seed's URI is stored: relative to the extension's folder, where the extension finds the seeds (seedsUri). */
export const SEEDS_URI_PREFIX = 'seeds/';

/**
 * The embedded seeds, built as the extension builds them (the trusted catalog, every sentence, the search and check
 * indexes), as a snapshot: made at build time (scripts/seedsSnapshot.ts), so that activation only reads it back.
 * The seeds' URIs are stored relative to the extension, which is installed anywhere.
 */
export async function buildSeedsSnapshot(seedsDir: string): Promise<CorpusSnapshot> {
  const corpus = await loadCorpusFromDisk({ includeSeeds: true, sourceDirs: [], seedsDir });
  const search = (corpus.index as QuoteIndex).toSnapshot();
  const check = MisquoteIndex.for(corpus.checkable).toSnapshot();
  const snapshot = snapshotCorpus(corpus, { search, check });
  const sources = snapshot.sources.map((source) => ({ ...source, uri: `${SEEDS_URI_PREFIX}${source.displayPath.replace(/^seeds\//u, '')}` }));
  return { ...snapshot, sources };
}
