import { KnowledgeBase } from './kb/knowledgeBase';
import type { CheckCorpus } from './check/misquoteIndex';
import type { Problem, Quote, Source, Speaker, Term } from './kb/model';
import { buildPassages, buildPassagesSteps, PassageInput } from './passages/buildPassages';
import type { PassageMemo } from './passages/passageMemo';
import type { Steps } from './util/steps';
import type { QuoteIndex } from './search/quoteIndex';
import { TermMatcher } from './terms/termMatcher';

/** What the picker, the CLI and the tests search with: a QuoteIndex (core/search/quoteIndex.ts). */
export type SearchIndex = Pick<QuoteIndex, 'quotes' | 'size' | 'search'>;

/**
 * Builds the search index. Injected rather than imported, so that the index and fuse.js stay out of the
 * extension's main bundle: the editor requires them from dist/search.js on the first search (src/host/lazyBundles.ts),
 * the CLI and the tests pass `(quotes, terms) => new QuoteIndex(quotes, terms)` (src/node/loadCorpus.ts).
 */
export type SearchIndexFactory = (quotes: readonly Quote[], terms: readonly Term[]) => SearchIndex;

/** The same, pausing as it goes (see core/util/steps.ts): QuoteIndex.build. */
export type SearchIndexStepsFactory = (quotes: readonly Quote[], terms: readonly Term[]) => Steps<SearchIndex>;

export interface CorpusOptions {
  /** How `index` is built; without it, `index` throws (a corpus that is never searched needs none). */
  readonly createIndex?: SearchIndexFactory;
  /** How `prepare` builds the index in steps; without it, `prepare` builds it with createIndex in one go. */
  readonly createIndexSteps?: SearchIndexStepsFactory;
  /** The previous build's passages, reused for unchanged sources (the source worker's rebuild; core/buildMemo.ts). */
  readonly passageMemo?: PassageMemo;
}

/**
 * What every surface works from: the knowledge base and the two indexes over it. Immutable; a change in the
 * sources builds a new Corpus and the surfaces swap to it.
 */
export class Corpus {
  private searchIndex?: SearchIndex;
  private passageList?: readonly Quote[];
  private passagesById?: ReadonlyMap<string, Quote>;
  private searchableList?: readonly Quote[];
  private termMatcher?: TermMatcher;

  constructor(
    readonly kb: KnowledgeBase,
    /** Problems found while loading, besides those of the knowledge base itself. */
    readonly loadProblems: readonly Problem[] = [],
    private readonly options: CorpusOptions = {},
  ) {}

  /**
   * Finds the terms in a draft: built on first use (the first hover or decoration), not when the corpus is, so that
   * activation does not wait for its spelling keys.
   */
  get matcher(): TermMatcher {
    this.termMatcher ??= new TermMatcher(this.kb.terms);
    return this.termMatcher;
  }

  /**
   * Builds the passages and the search index ahead of their first use, pausing as it goes, so the host can build
   * them in slices after a load. What a surface built meanwhile (synchronously, on first use) is kept.
   */
  *prepare(): Steps<void> {
    if (!this.passageList) {
      const passages = yield* buildPassagesSteps(this.passageInput());
      this.passageList ??= passages;
    }
    const create = this.options.createIndexSteps;
    if (!this.searchIndex && create) {
      const index = yield* create(this.searchable, this.kb.terms);
      this.searchIndex ??= index;
    }
    if (this.options.createIndex) void this.index;
  }

  /** A corpus whose passages were built elsewhere: restored from a snapshot (core/snapshot/readSnapshot.ts). */
  static withPassages(kb: KnowledgeBase, loadProblems: readonly Problem[], passages: readonly Quote[], options: CorpusOptions = {}): Corpus {
    const corpus = new Corpus(kb, loadProblems, options);
    corpus.passageList = passages;
    return corpus;
  }

  /** Serves a search index built elsewhere over `searchable` (restored from a snapshot); one built already stays. */
  adoptIndex(index: SearchIndex): void {
    if (index.quotes !== this.searchable) throw new Error('the search index was built over other quotes than this corpus');
    this.searchIndex ??= index;
  }

  static empty(options: CorpusOptions = {}): Corpus {
    return new Corpus(KnowledgeBase.empty(), [], options);
  }

  /**
   * Every other sentence of every source, attributed (core/passages): built on first use, by the first search or
   * check; hovers and the sidebar show quotes only and never pay for it.
   */
  get passages(): readonly Quote[] {
    this.passageList ??= buildPassages(this.passageInput());
    return this.passageList;
  }

  private passageInput(): PassageInput {
    return {
      sources: this.kb.sources,
      speakers: this.kb.speakers,
      quotesForSource: (id) => this.kb.quotesForSource(id),
      writerOf: (source) => this.writerOf(source),
      memo: this.options.passageMemo,
    };
  }

  /** How many passages there are, once something has needed them (counting them must not build them). */
  get passageCount(): number | undefined {
    return this.passageList?.length;
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

  /** Who wrote a source's own sentences: its author, else its publisher, else its unsigned writer. */
  writerOf(source: Source): Speaker {
    return writerOf(source, this.kb);
  }

  /** A quote or a passage by its id. */
  quote(id: string): Quote | undefined {
    const quote = this.kb.quote(id);
    if (quote) return quote;
    this.passagesById ??= new Map(this.passages.map((p) => [p.id, p]));
    return this.passagesById.get(id);
  }

  /** Built on first use, by the injected factory (CorpusOptions): hovers and the sidebar never pay for it. */
  get index(): SearchIndex {
    if (!this.searchIndex) {
      const create = this.options.createIndex;
      if (!create) throw new Error('this corpus has no search index: it was built without CorpusOptions.createIndex');
      this.searchIndex = create(this.searchable, this.kb.terms);
    }
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
