import { buildKnowledgeBase, BuildOptions, CollectionInput } from './kb/buildKnowledgeBase';
import { KnowledgeBase } from './kb/knowledgeBase';
import type { CheckCorpus } from './check/misquoteIndex';
import type { Problem, Quote, Source, Speaker } from './kb/model';
import { buildPassages } from './passages/buildPassages';
import { QuoteIndex } from './search/quoteIndex';
import { TermMatcher } from './terms/termMatcher';

/**
 * What every surface works from: the knowledge base and the two indexes over it. Immutable; a change in the
 * sources builds a new Corpus and the surfaces swap to it.
 */
export class Corpus {
  private searchIndex?: QuoteIndex;
  private passageList?: readonly Quote[];
  private passagesById?: ReadonlyMap<string, Quote>;
  private searchableList?: readonly Quote[];
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

  /**
   * Every other sentence of every source, attributed (core/passages): built on first use, by the first search or
   * check; hovers and the sidebar show quotes only and never pay for it.
   */
  get passages(): readonly Quote[] {
    this.passageList ??= buildPassages({
      sources: this.kb.sources,
      speakers: this.kb.speakers,
      quotesForSource: (id) => this.kb.quotesForSource(id),
      writerOf: (source) => writerOf(source, this.kb),
    });
    return this.passageList;
  }

  /** Quotes, then passages: what the picker searches and the check compares a draft against. */
  get searchable(): readonly Quote[] {
    this.searchableList ??= [...this.kb.quotes, ...this.passages];
    return this.searchableList;
  }

  /** What the misquote check reads: every quote and passage, and the speakers it can name. */
  get checkable(): CheckCorpus {
    return { quotes: this.searchable, speakers: this.kb.speakers };
  }

  /** A quote or a passage by its id. */
  quote(id: string): Quote | undefined {
    const quote = this.kb.quote(id);
    if (quote) return quote;
    this.passagesById ??= new Map(this.passages.map((p) => [p.id, p]));
    return this.passagesById.get(id);
  }

  /** Built on first use: hovers and the sidebar never pay for it. */
  get index(): QuoteIndex {
    this.searchIndex ??= new QuoteIndex(this.searchable, this.kb.terms);
    return this.searchIndex;
  }

  get problems(): readonly Problem[] {
    return [...this.loadProblems, ...this.kb.problems];
  }
}

/** Who wrote a source's own sentences: its author, else its publisher, else its unsigned writer. */
function writerOf(source: Source, kb: KnowledgeBase): Speaker {
  return source.author ?? source.publisher ?? kb.speaker(`unsigned-${source.id}`) ?? { id: `unsigned-${source.id}`, name: `Unsigned writer (${source.title})`, kind: 'unsigned', aliases: [] };
}
