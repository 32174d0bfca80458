import { Corpus, CorpusOptions } from './corpus';
import { buildKnowledgeBaseSteps, BuildOptions, CollectionInput } from './kb/buildKnowledgeBase';
import type { KnowledgeBase } from './kb/knowledgeBase';
import type { Problem } from './kb/model';
import { runToEnd, Steps } from './util/steps';

/**
 * The classes a built corpus is made of, when the builder runs from a bundle of its own (dist/build.js, loaded by the
 * extension on demand: src/host/lazyBundles.ts): the extension's own, so that a corpus it built from files is made of
 * the same classes as every other (see buildMakers.ts). Without them, this module's.
 */
export interface BuildMakers {
  readonly knowledgeBase: typeof KnowledgeBase.build;
  readonly corpus: (kb: KnowledgeBase, loadProblems: readonly Problem[], options: CorpusOptions) => Corpus;
}

export type BuildCorpusOptions = BuildOptions & CorpusOptions & { readonly makers?: BuildMakers };

/**
 * Builds the corpus of these collections: decodes, repairs and cuts each file, locates every catalog quote (see
 * buildKnowledgeBase.ts), in one go. The CLI, the tests and the source worker build with it; the extension host only
 * where there is no worker (remote files), from dist/build.js.
 */
export function buildCorpus(collections: readonly CollectionInput[], loadProblems: readonly Problem[] = [], options: BuildCorpusOptions = {}): Corpus {
  return runToEnd(buildCorpusSteps(collections, loadProblems, options));
}

/** buildCorpus, pausing as the knowledge base is built (see core/util/steps.ts). */
export function* buildCorpusSteps(collections: readonly CollectionInput[], loadProblems: readonly Problem[] = [], options: BuildCorpusOptions = {}): Steps<Corpus> {
  const { makers } = options;
  const kb = yield* buildKnowledgeBaseSteps(collections, { ...options, makeKnowledgeBase: makers?.knowledgeBase });
  const corpusOptions: CorpusOptions = { createIndex: options.createIndex, createIndexSteps: options.createIndexSteps, passageMemo: options.passageMemo };
  return makers ? makers.corpus(kb, loadProblems, corpusOptions) : new Corpus(kb, loadProblems, corpusOptions);
}
