import { Corpus } from '../corpus';
import { KnowledgeBase } from '../kb/knowledgeBase';
import { OffsetMap } from '../text/offsetMap';
import { SourceBody } from '../text/sourceBody';
import type { BuildMakers } from '../buildCorpus';
import type { CorpusMakers } from './readSnapshot';

/** The classes a restored corpus is made of (readSnapshot.ts): the extension's own. */
export const CORPUS_MAKERS: CorpusMakers = {
  knowledgeBase: (...args) => KnowledgeBase.fromLists(...args),
  corpus: (...args) => Corpus.withPassages(...args),
  body: (...args) => SourceBody.fromSegments(...args),
  offsetMap: (...args) => OffsetMap.fromArray(...args),
};

/** The classes a corpus built from files is made of (buildCorpus.ts, run from dist/build.js): the extension's own. */
export const BUILD_MAKERS: BuildMakers = {
  knowledgeBase: (...args) => KnowledgeBase.build(...args),
  corpus: (kb, loadProblems, options) => new Corpus(kb, loadProblems, options),
};
