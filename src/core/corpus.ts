import { buildKnowledgeBase, BuildOptions, CollectionInput } from './kb/buildKnowledgeBase';
import { KnowledgeBase } from './kb/knowledgeBase';
import type { Problem } from './kb/model';
import { QuoteIndex } from './search/quoteIndex';
import { TermMatcher } from './terms/termMatcher';

/**
 * What every surface works from: the knowledge base and the two indexes over it. Immutable; a change in the
 * sources builds a new Corpus and the surfaces swap to it.
 */
export class Corpus {
  private searchIndex?: QuoteIndex;
  readonly matcher: TermMatcher;

  constructor(
    readonly kb: KnowledgeBase,
    /** Problems found while loading, besides those of the knowledge base itself. */
    readonly loadProblems: readonly Problem[] = [],
  ) {
    this.matcher = new TermMatcher(kb.terms);
  }

  static fromCollections(collections: readonly CollectionInput[], loadProblems: readonly Problem[] = [], options?: BuildOptions): Corpus {
    return new Corpus(buildKnowledgeBase(collections, options), loadProblems);
  }

  static empty(): Corpus {
    return new Corpus(KnowledgeBase.empty());
  }

  /** Built on first use: hovers and the sidebar never pay for it. */
  get index(): QuoteIndex {
    this.searchIndex ??= new QuoteIndex(this.kb.quotes, this.kb.terms);
    return this.searchIndex;
  }

  get problems(): readonly Problem[] {
    return [...this.loadProblems, ...this.kb.problems];
  }
}
