import type { BuildMemo } from '../buildMemo';
import { MisquoteIndex } from '../check/misquoteIndex';
import { buildCorpus } from '../buildCorpus';
import type { CollectionInput } from '../kb/buildKnowledgeBase';
import { QuoteIndex } from '../search/quoteIndex';
import type { CorpusSnapshot } from './snapshotTypes';
import { snapshotCorpus } from './writeSnapshot';

/**
 * The corpus of these collections as a snapshot: the knowledge base, the passages, the search index and the check's
 * index, built in one go. Both source workers build with it (the Node one in src/host/worker/corpusBuilder.ts, the
 * browser's in src/host/worker/webWorkerMain.ts). With a memo (the worker's, kept between loads), the sources,
 * quotes, passages and texts that did not change since the previous build are reused rather than made again: a
 * reload after one file changed redoes that file's share, and gives the same snapshot as a full build.
 */
export function builtSnapshot(build: { readonly maxFileBytes: number }, collections: readonly CollectionInput[], memo?: BuildMemo): CorpusSnapshot {
  try {
    const corpus = buildCorpus(collections, [], {
      maxFileBytes: build.maxFileBytes,
      createIndex: (quotes, terms) => (memo ? QuoteIndex.memoized(quotes, terms, memo.searchWords) : new QuoteIndex(quotes, terms)),
      memo: memo?.knowledgeBase,
      passageMemo: memo?.passages,
    });
    const search = (corpus.index as QuoteIndex).toSnapshot();
    const check = MisquoteIndex.for(corpus.checkable, memo?.stems).toSnapshot();
    return snapshotCorpus(corpus, { search, check });
  } finally {
    // Also after a failure, so that the memo holds only what the latest build used.
    memo?.nextGeneration();
  }
}
