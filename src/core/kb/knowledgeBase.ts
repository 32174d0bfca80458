import type { Quote, Source, Speaker, Term, Theme, Problem } from './model';
import { mergeRepeatedQuotes, mergeRepeatedQuotesSteps, RepeatedQuotes } from './repeatedQuotes';
import type { Steps } from '../util/steps';

/** The whole corpus, resolved and verified: lists, lookups by id and the relations the surfaces browse. */
export class KnowledgeBase {
  private readonly sourcesById = new Map<string, Source>();
  private readonly speakersById = new Map<string, Speaker>();
  private readonly themesById = new Map<string, Theme>();
  private readonly termsById = new Map<string, Term>();
  private readonly quotesById = new Map<string, Quote>();
  private readonly quotesBySpeaker = new Map<string, Quote[]>();
  private readonly quotesByTheme = new Map<string, Quote[]>();
  private readonly quotesByTerm = new Map<string, Quote[]>();
  private readonly quotesBySource = new Map<string, Quote[]>();
  /**
   * Every quote once: the same words of a speaker found in several sources are one quote, on their original
   * occasion (kb/repeatedQuotes.ts). Each source still lists what it says, echoes included.
   */
  readonly quotes: readonly Quote[];

  constructor(
    readonly sources: readonly Source[],
    readonly speakers: readonly Speaker[],
    readonly themes: readonly Theme[],
    readonly terms: readonly Term[],
    quotes: readonly Quote[],
    readonly problems: readonly Problem[] = [],
    /** The quotes' repeats, merged already (by build); otherwise merged here. */
    merged: RepeatedQuotes = mergeRepeatedQuotes(quotes),
  ) {
    this.quotes = merged.shown;
    index(sources, this.sourcesById);
    index(speakers, this.speakersById);
    index(themes, this.themesById);
    index(terms, this.termsById);
    index(merged.all, this.quotesById);
    for (const quote of merged.shown) {
      for (const speaker of new Set([quote.speaker, ...quote.about])) push(this.quotesBySpeaker, speaker.id, quote);
      for (const theme of quote.themes) push(this.quotesByTheme, theme.id, quote);
      for (const term of quote.terms) push(this.quotesByTerm, term.id, quote);
    }
    for (const quote of merged.all) push(this.quotesBySource, quote.source.id, quote);
    for (const list of this.quotesBySource.values()) list.sort((a, b) => a.bodyRange.start - b.bodyRange.start);
    for (const [termId, list] of this.quotesByTerm) {
      const term = this.termsById.get(termId);
      list.sort((a, b) => termQuoteRank(term, a) - termQuoteRank(term, b));
    }
  }

  /** The constructor's work, pausing while repeated quotes are merged (see core/util/steps.ts). */
  static *build(sources: readonly Source[], speakers: readonly Speaker[], themes: readonly Theme[], terms: readonly Term[], quotes: readonly Quote[], problems: readonly Problem[] = []): Steps<KnowledgeBase> {
    const merged = yield* mergeRepeatedQuotesSteps(quotes);
    yield;
    return new KnowledgeBase(sources, speakers, themes, terms, quotes, problems, merged);
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
