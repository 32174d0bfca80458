import { StemMemo } from './check/stemMemo';
import { KnowledgeBaseMemo } from './kb/knowledgeBaseMemo';
import { PassageMemo } from './passages/passageMemo';
import { SearchWordsMemo } from './search/searchWordsMemo';

/**
 * What one corpus build keeps for the next in the same process, so that a rebuild after one file changed redoes
 * only that file's share (each source worker keeps one between loads: src/core/snapshot/buildSnapshot.ts): each
 * source's knowledge base share (decoding, repair, body, located quotes, their problems) and passages, and each
 * text's words for the search index and stems for the check's index. What depends on every source at once (ids
 * used twice, repeated quotes, word ids, rarities, the packed indexes) is computed fresh, so the result is the
 * same as a full build's. Each part holds only what the latest build used (MemoTable).
 */
export class BuildMemo {
  readonly knowledgeBase = new KnowledgeBaseMemo();
  readonly passages = new PassageMemo();
  readonly searchWords = new SearchWordsMemo();
  readonly stems = new StemMemo();

  /** Call once a build is complete: what it did not use is dropped. */
  nextGeneration(): void {
    this.knowledgeBase.nextGeneration();
    this.passages.nextGeneration();
    this.searchWords.nextGeneration();
    this.stems.nextGeneration();
  }
}
