import type { Quote, Source, Speaker, Term, Theme, Problem } from './model';
import { mergeRepeatedQuotes, mergeRepeatedQuotesSteps, RepeatedQuotes } from './repeatedQuotes';
import { PauseEvery, runToEnd, Steps } from '../util/steps';

/** The whole corpus, resolved and verified: lists, lookups by id and the relations the surfaces browse. */
export class KnowledgeBase {
  private readonly sourcesById: Map<string, Source>;
  private readonly speakersById: Map<string, Speaker>;
  private readonly themesById: Map<string, Theme>;
  private readonly termsById: Map<string, Term>;
  private readonly quotesById: Map<string, Quote>;
  private readonly quotesBySpeaker: Map<string, Quote[]>;
  private readonly quotesByTheme: Map<string, Quote[]>;
  private readonly quotesByTerm: Map<string, Quote[]>;
  private readonly quotesBySource: Map<string, Quote[]>;
  /**
   * Every quote once: the same words of a speaker found in several sources are one quote, on their original
   * occasion (kb/repeatedQuotes.ts). Each source still lists what it says, echoes included.
   */
  readonly quotes: readonly Quote[];
  /** Every quote, echoes of a repeated quote included (RepeatedQuotes.all). */
  readonly allQuotes: readonly Quote[];

  constructor(
    readonly sources: readonly Source[],
    readonly speakers: readonly Speaker[],
    readonly themes: readonly Theme[],
    readonly terms: readonly Term[],
    quotes: readonly Quote[],
    readonly problems: readonly Problem[] = [],
    /** The quotes' repeats, merged already (by build); otherwise merged here. */
    merged: RepeatedQuotes = mergeRepeatedQuotes(quotes),
    /** The lookups, built already (by build); otherwise built here. */
    indexes: Indexes = runToEnd(indexesOf(sources, speakers, themes, terms, merged)),
  ) {
    this.quotes = merged.shown;
    this.allQuotes = merged.all;
    ({
      sourcesById: this.sourcesById,
      speakersById: this.speakersById,
      themesById: this.themesById,
      termsById: this.termsById,
      quotesById: this.quotesById,
      quotesBySpeaker: this.quotesBySpeaker,
      quotesByTheme: this.quotesByTheme,
      quotesByTerm: this.quotesByTerm,
      quotesBySource: this.quotesBySource,
    } = indexes);
  }

  /** The constructor's work, pausing as repeated quotes are merged and the lookups built (see core/util/steps.ts). */
  static *build(
    sources: readonly Source[],
    speakers: readonly Speaker[],
    themes: readonly Theme[],
    terms: readonly Term[],
    quotes: readonly Quote[],
    problems: readonly Problem[] = [],
    /** How repeated quotes' words are compared (repeatedQuotes.ts wordsKey), from a memo in the source worker. */
    wordsKeyOf?: (text: string) => string,
  ): Steps<KnowledgeBase> {
    const merged = yield* mergeRepeatedQuotesSteps(quotes, wordsKeyOf);
    const indexes = yield* indexesOf(sources, speakers, themes, terms, merged);
    return new KnowledgeBase(sources, speakers, themes, terms, quotes, problems, merged, indexes);
  }

  /**
   * A knowledge base whose repeated quotes were merged and whose quote lists were made already: restored from a
   * snapshot (core/snapshot), which keeps both. Only the lookups by id are built, pausing as they go.
   */
  static *fromLists(sources: readonly Source[], speakers: readonly Speaker[], themes: readonly Theme[], terms: readonly Term[], merged: RepeatedQuotes, problems: readonly Problem[], lists: QuoteLists): Steps<KnowledgeBase> {
    const byId = yield* idLookupsOf(sources, speakers, themes, terms, merged);
    return new KnowledgeBase(sources, speakers, themes, terms, merged.all, problems, merged, { ...byId, ...lists });
  }

  static empty(): KnowledgeBase {
    return new KnowledgeBase([], [], [], [], []);
  }

  source(id: string): Source | undefined {
    return this.sourcesById.get(id);
  }
  speaker(id: string): Speaker | undefined {
    return this.speakersById.get(id);
  }
  theme(id: string): Theme | undefined {
    return this.themesById.get(id);
  }
  term(id: string): Term | undefined {
    return this.termsById.get(id);
  }
  quote(id: string): Quote | undefined {
    return this.quotesById.get(id);
  }

  /** Quotes in which the speaker speaks or whose view they report, in catalog order. */
  quotesForSpeaker(speakerId: string): readonly Quote[] {
    return this.quotesBySpeaker.get(speakerId) ?? [];
  }
  quotesForTheme(themeId: string): readonly Quote[] {
    return this.quotesByTheme.get(themeId) ?? [];
  }
  /** Best first: the term's defining quote, then a person's own words before reports of them. */
  quotesForTerm(termId: string): readonly Quote[] {
    return this.quotesByTerm.get(termId) ?? [];
  }
  /** In document order. */
  quotesForSource(sourceId: string): readonly Quote[] {
    return this.quotesBySource.get(sourceId) ?? [];
  }

  /** Every quote list, by the id it is kept under, in its order: what a snapshot writes (core/snapshot). */
  quoteLists(): { readonly [K in keyof QuoteLists]: ReadonlyMap<string, readonly Quote[]> } {
    return { quotesBySpeaker: this.quotesBySpeaker, quotesByTheme: this.quotesByTheme, quotesByTerm: this.quotesByTerm, quotesBySource: this.quotesBySource };
  }
}

function index<T extends { id: string }>(list: readonly T[], map: Map<string, T>): void {
  for (const item of list) map.set(item.id, item);
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Lower ranks first. Ties keep catalog order (Array.prototype.sort is stable). */
function termQuoteRank(term: Term | undefined, quote: Quote): number {
  if (term?.definingQuoteId === quote.id) return 0;
  return quote.attribution === 'direct' ? 1 : 2;
}

/**
 * A term's quotes by rank (termQuoteRank), catalog order within a rank: a stable partition into the three ranks,
 * linear and pausing, where a sort of a term named by a hundred thousand quotes held the thread for 100 ms.
 */
function* rankedForTerm(term: Term | undefined, quotes: readonly Quote[]): Steps<Quote[]> {
  const ranks: Quote[][] = [[], [], []];
  const pause = new PauseEvery(5_000);
  for (const quote of quotes) {
    if (pause.due()) yield;
    ranks[termQuoteRank(term, quote)].push(quote);
  }
  return ranks.flat();
}

/** The knowledge base's lookups by id. */
interface IdLookups {
  readonly sourcesById: Map<string, Source>;
  readonly speakersById: Map<string, Speaker>;
  readonly themesById: Map<string, Theme>;
  readonly termsById: Map<string, Term>;
  readonly quotesById: Map<string, Quote>;
}

/** Its quote lists by speaker, theme, term and source, each in its order (quotesForSpeaker and the others). */
export interface QuoteLists {
  readonly quotesBySpeaker: Map<string, Quote[]>;
  readonly quotesByTheme: Map<string, Quote[]>;
  readonly quotesByTerm: Map<string, Quote[]>;
  readonly quotesBySource: Map<string, Quote[]>;
}

type Indexes = IdLookups & QuoteLists;

function* idLookupsOf(sources: readonly Source[], speakers: readonly Speaker[], themes: readonly Theme[], terms: readonly Term[], merged: RepeatedQuotes): Steps<IdLookups> {
  const x: IdLookups = { sourcesById: new Map(), speakersById: new Map(), themesById: new Map(), termsById: new Map(), quotesById: new Map() };
  index(sources, x.sourcesById);
  index(speakers, x.speakersById);
  index(themes, x.themesById);
  index(terms, x.termsById);
  const pause = new PauseEvery(2_000);
  for (const quote of merged.all) {
    if (pause.due()) yield;
    x.quotesById.set(quote.id, quote);
  }
  return x;
}

function* indexesOf(sources: readonly Source[], speakers: readonly Speaker[], themes: readonly Theme[], terms: readonly Term[], merged: RepeatedQuotes): Steps<Indexes> {
  const byId = yield* idLookupsOf(sources, speakers, themes, terms, merged);
  return { ...byId, ...(yield* quoteListsOf(byId.termsById, merged)) };
}

function* quoteListsOf(termsById: ReadonlyMap<string, Term>, merged: RepeatedQuotes): Steps<QuoteLists> {
  const x: QuoteLists = { quotesBySpeaker: new Map(), quotesByTheme: new Map(), quotesByTerm: new Map(), quotesBySource: new Map() };
  const pause = new PauseEvery(2_000);
  for (const quote of merged.shown) {
    if (pause.due()) yield;
    push(x.quotesBySpeaker, quote.speaker.id, quote);
    // Once per person: a quote that names its own speaker is listed once under them.
    for (const [k, person] of quote.about.entries()) if (person !== quote.speaker && quote.about.indexOf(person) === k) push(x.quotesBySpeaker, person.id, quote);
    for (const theme of quote.themes) push(x.quotesByTheme, theme.id, quote);
    for (const term of quote.terms) push(x.quotesByTerm, term.id, quote);
  }
  for (const quote of merged.all) {
    if (pause.due()) yield;
    push(x.quotesBySource, quote.source.id, quote);
  }
  // A pause every few hundred lists: a source lists all it says, a few dozen quotes and their echoes.
  const sorting = new PauseEvery(200);
  for (const list of x.quotesBySource.values()) {
    if (sorting.due()) yield;
    list.sort((a, b) => a.bodyRange.start - b.bodyRange.start);
  }
  for (const [termId, list] of x.quotesByTerm) {
    yield;
    x.quotesByTerm.set(termId, yield* rankedForTerm(termsById.get(termId), list));
  }
  return x;
}
