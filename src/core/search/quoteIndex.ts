import type { Quote, Term } from '../kb/model';
import { CancellationToken, noopToken, throwIfCancelled } from '../util/cancellation';
import { PauseEvery, runToEnd, Steps } from '../util/steps';
import { parseQuery, ParsedQuery } from './parseQuery';
import { phraseMatchesWithTypos } from './typoMatch';
import { Vocabulary, Expansion } from './vocabulary';
import { closedCompounds, indexWords, memoizedNormalizer, rawWords, searchWords } from './words';

export interface SearchHit {
  readonly quote: Quote;
  /** Higher is better; comparable only within one search. */
  readonly score: number;
}

export interface SearchOptions {
  readonly limit?: number;
  readonly token?: CancellationToken;
}

/** How much a word counts depending on where it occurs in a quote's record. */
const FIELD_WEIGHT = { text: 1, speaker: 0.9, about: 0.7, term: 0.6, theme: 0.45, source: 0.35 } as const;
const DEFAULT_LIMIT = 50;
/** How many of the best candidates get the finer (phrase, term) scoring. */
const RERANK_POOL = 200;
const PHRASE_BONUS = 0.6;
const TERM_BONUS = 0.5;
const DEFINING_BONUS = 0.6;
const DIRECT_BONUS = 0.05;

/** How much a passage's score counts against a quote's (see search). */
const PASSAGE_WEIGHT = 0.95;

/**
 * Typo-tolerant quote search over quote text, speaker and aliases, whom it is about, source title, themes and
 * glossary terms. An inverted index finds the candidates for the words typed (exact, completions of the last
 * word, and fuse.js-ranked typo neighbours), scores them by rarity and field, and re-ranks the best few
 * hundred by phrase adjacency and glossary terms: "peek data" finds "We've reached peak data…" first.
 */
export class QuoteIndex {
  private readonly vocabulary: Vocabulary;
  /** Per word: the quotes it occurs in and the weight of the best field it occurs in. */
  private readonly postingQuotes: readonly Int32Array[];
  private readonly postingWeights: readonly Float32Array[];
  private readonly idf: Float64Array;
  private readonly textWords: string[][];
  private readonly termKeys: { term: Term; words: string[] }[];
  // Scratch buffers reused by every search, sized to the corpus.
  private readonly scores: Float64Array;
  private readonly tokenBest: Float64Array;
  private readonly matched: Uint8Array;
  private readonly touchedScratch: Int32Array;
  private readonly tokenTouchedScratch: Int32Array;

  constructor(
    readonly quotes: readonly Quote[],
    terms: readonly Term[] = [],
    /** The postings, built already (by build); otherwise built here. */
    parts: IndexParts = runToEnd(indexParts(quotes, terms)),
  ) {
    this.vocabulary = parts.vocabulary;
    this.postingQuotes = parts.postingQuotes;
    this.postingWeights = parts.postingWeights;
    this.idf = parts.idf;
    this.textWords = parts.textWords;
    this.termKeys = parts.termKeys;
    this.scores = new Float64Array(quotes.length);
    this.tokenBest = new Float64Array(quotes.length);
    this.matched = new Uint8Array(quotes.length);
    this.touchedScratch = new Int32Array(quotes.length);
    this.tokenTouchedScratch = new Int32Array(quotes.length);
  }

  /** The constructor's work, pausing every few hundred quotes (see core/util/steps.ts). */
  static *build(quotes: readonly Quote[], terms: readonly Term[] = []): Steps<QuoteIndex> {
    const parts = yield* indexParts(quotes, terms);
    return new QuoteIndex(quotes, terms, parts);
  }

  get size(): number {
    return this.quotes.length;
  }

  /** Best first. An empty query (after filters) gives the filtered quotes in catalog order. */
  search(rawQuery: string, options: SearchOptions = {}): SearchHit[] {
    const token = options.token ?? noopToken;
    const limit = options.limit ?? DEFAULT_LIMIT;
    const query = parseQuery(rawQuery);
    const allowed = this.filterByPrefixes(query);
    const words = searchWords(query.text);
    if (words.length === 0) {
      if (!allowed) return [];
      return [...allowed].slice(0, limit).map((i) => ({ quote: this.quotes[i], score: 0 }));
    }
    const endsMidWord = /[\p{L}\p{N}]$/u.test(query.text);
    const expansions = words.map((w, i) => this.vocabulary.expand(w, endsMidWord && i === words.length - 1));
    throwIfCancelled(token);
    let candidates = this.collect(expansions, words.length, allowed);
    if (candidates.length === 0 && words.length >= 2) candidates = this.collect(expansions, words.length - 1, allowed);
    if (token.isCancellationRequested) {
      // The scores are scratch space shared by every search: a cancelled one must leave them clean.
      this.resetScores(candidates);
      throwIfCancelled(token);
    }
    const pool = topByScore(candidates, this.scores, RERANK_POOL);
    // What the query can mean, worked out once for the whole pool rather than once per candidate.
    const readings = expansions.map((list) => new Set(list.map((e) => this.vocabulary.words[e.wordId])));
    const named = this.termsNamedBy(readings);
    const hits = pool.map((qi) => {
      const quote = this.quotes[qi];
      const score = this.scores[qi] + this.bonus(qi, readings, named);
      // A quote someone curated or that stood in quotation marks comes before a passage that matches as well.
      return { quote, score: quote.kind === 'passage' ? score * PASSAGE_WEIGHT : score };
    });
    this.resetScores(candidates);
    hits.sort((a, b) => b.score - a.score || a.quote.text.length - b.quote.text.length);
    return hits.slice(0, limit).map((h) => ({ quote: h.quote, score: Math.round(h.score * 1000) / 1000 }));
  }

  /**
   * Scores every quote that matches at least `required` of the query words; each word counts once, through
   * its best reading (exact beats typo) in its best field. Returns the quote indices touched.
   */
  private collect(expansions: readonly Expansion[][], required: number, allowed: Set<number> | undefined): number[] {
    // Locals for the hot loops: V8 does not hoist field loads out of loops that store into typed arrays.
    const { tokenBest, matched, scores, idf, postingQuotes, postingWeights } = this;
    const touched = this.touchedScratch;
    const tokenTouched = this.tokenTouchedScratch;
    let touchedCount = 0;
    for (const readings of expansions) {
      let tokenCount = 0;
      // A word typed correctly means itself: its typo neighbours may not outweigh it just by being rarer.
      const exact = readings.find((r) => r.similarity === 1);
      const ceiling = exact ? idf[exact.wordId] : Infinity;
      for (const { wordId, similarity } of readings) {
        const weight = similarity * Math.min(idf[wordId], ceiling);
        const quotesOfWord = postingQuotes[wordId];
        const fieldWeights = postingWeights[wordId];
        for (let k = 0; k < quotesOfWord.length; k++) {
          const qi = quotesOfWord[k];
          const s = weight * fieldWeights[k];
          const best = tokenBest[qi];
          if (best === 0) tokenTouched[tokenCount++] = qi;
          if (s > best) tokenBest[qi] = s;
        }
      }
      for (let k = 0; k < tokenCount; k++) {
        const qi = tokenTouched[k];
        if (matched[qi] === 0) touched[touchedCount++] = qi;
        scores[qi] += tokenBest[qi];
        matched[qi]++;
        tokenBest[qi] = 0;
      }
    }
    const result: number[] = [];
    for (let k = 0; k < touchedCount; k++) {
      const qi = touched[k];
      if (matched[qi] >= required && (!allowed || allowed.has(qi))) result.push(qi);
      else scores[qi] = 0;
      matched[qi] = 0;
    }
    return result;
  }

  private resetScores(indices: readonly number[]): void {
    for (const qi of indices) this.scores[qi] = 0;
  }

  /** Finer scoring for the few best: query words that stand side by side in the quote, glossary terms. */
  private bonus(qi: number, readings: readonly Set<string>[], named: ReadonlySet<Term>): number {
    const quote = this.quotes[qi];
    let bonus = quote.attribution === 'direct' ? DIRECT_BONUS : 0;
    const words = this.textWords[qi];
    for (let i = 0; i + 1 < readings.length; i++) {
      for (let j = 0; j + 1 < words.length; j++) {
        if (readings[i].has(words[j]) && readings[i + 1].has(words[j + 1])) {
          bonus += PHRASE_BONUS;
          break;
        }
      }
    }
    for (const term of named) {
      if (quote.terms.includes(term)) bonus += TERM_BONUS;
      if (term.definingQuoteId === quote.id) bonus += DEFINING_BONUS;
    }
    return bonus;
  }

  /** Glossary terms whose words the query spells out, in order, with or without typos. */
  private termsNamedBy(readings: readonly Set<string>[]): Set<Term> {
    const named = new Set<Term>();
    for (const { term, words } of this.termKeys) {
      if (words.length === 0 || words.length > readings.length) continue;
      for (let start = 0; start + words.length <= readings.length; start++) {
        if (words.every((w, k) => readings[start + k].has(w))) {
          named.add(term);
          break;
        }
      }
    }
    return named;
  }

  /**
   * `@name` keeps quotes by or about a speaker; `#theme` keeps quotes on a theme, each typo-tolerant
   * (`@karpaty`, `#syntetic`). Undefined: no filter.
   */
  private filterByPrefixes(query: ParsedQuery): Set<number> | undefined {
    if (query.speakers.length === 0 && query.themes.length === 0) return undefined;
    // Each distinct filter is matched once against each distinct name, not once per quote: a query may repeat
    // a filter, and a corpus names the same few people and themes thousands of times.
    const speakerSets = [...new Set(query.speakers)].map((filter) => this.matchingIds(filter, this.quotes.flatMap((q) => [q.speaker, ...q.about]), (p) => [p.name, p.id, ...p.aliases]));
    const themeSets = [...new Set(query.themes)].map((filter) => this.matchingIds(filter, this.quotes.flatMap((q) => q.themes), (t) => [t.label, t.id]));
    const allowed = new Set<number>();
    this.quotes.forEach((quote, qi) => {
      const speakerOk = speakerSets.every((ids) => ids.has(quote.speaker.id) || quote.about.some((p) => ids.has(p.id)));
      const themeOk = themeSets.every((ids) => quote.themes.some((th) => ids.has(th.id)));
      if (speakerOk && themeOk) allowed.add(qi);
    });
    return allowed;
  }

  /** The ids of the distinct entities whose names a filter matches, typo-tolerantly. */
  private matchingIds<T extends { id: string }>(filter: string, entities: readonly T[], names: (entity: T) => string[]): Set<string> {
    const seen = new Map<string, T>();
    for (const entity of entities) if (!seen.has(entity.id)) seen.set(entity.id, entity);
    return new Set([...seen.values()].filter((entity) => phraseMatchesWithTypos(filter, names(entity))).map((entity) => entity.id));
  }

}

/** The indices with the highest scores, best first; a partial selection, so big candidate sets stay cheap. */
function topByScore(indices: readonly number[], scores: Float64Array, count: number): number[] {
  if (indices.length <= count) return [...indices].sort((a, b) => scores[b] - scores[a]);
  // Threshold by sampling is overkill here: a single pass keeping a sorted buffer of `count` is fast enough.
  const kept: number[] = [];
  let floor = -Infinity;
  for (const qi of indices) {
    const s = scores[qi];
    if (kept.length < count) {
      kept.push(qi);
      if (kept.length === count) {
        kept.sort((a, b) => scores[b] - scores[a]);
        floor = scores[kept[count - 1]];
      }
    } else if (s > floor) {
      let pos = count - 1;
      while (pos > 0 && scores[kept[pos - 1]] < s) pos--;
      kept.splice(pos, 0, qi);
      kept.pop();
      floor = scores[kept[count - 1]];
    }
  }
  return kept;
}

/** What a QuoteIndex searches: built once per corpus, the expensive part of the index. */
interface IndexParts {
  readonly vocabulary: Vocabulary;
  readonly postingQuotes: Int32Array[];
  readonly postingWeights: Float32Array[];
  readonly idf: Float64Array;
  readonly textWords: string[][];
  readonly termKeys: { term: Term; words: string[] }[];
}

/** One pass over the quotes fills the postings; then the vocabulary is sealed and the lists are packed. */
function* indexParts(quotes: readonly Quote[], terms: readonly Term[]): Steps<IndexParts> {
  const vocabulary = new Vocabulary();
  const normalize = memoizedNormalizer();
  const postings = new PostingLists(vocabulary, normalize);
  // A word as written → its normalised form and id: one lookup per word of a quote's text.
  const byRaw = new Map<string, { word: string; id: number }>();
  const textWords: string[][] = [];
  const pause = new PauseEvery(100);
  for (let qi = 0; qi < quotes.length; qi++) {
    if (pause.due()) yield;
    const quote = quotes[qi];
    const raw = rawWords(quote.text);
    const words: string[] = new Array<string>(raw.length);
    for (let k = 0; k < raw.length; k++) {
      let known = byRaw.get(raw[k]);
      if (known === undefined) {
        const word = normalize(raw[k]);
        byRaw.set(raw[k], (known = { word, id: vocabulary.idOf(word) }));
      }
      words[k] = known.word;
      postings.add(known.id, qi, FIELD_WEIGHT.text);
    }
    textWords.push(words);
    for (const word of closedCompounds(quote.text, normalize)) postings.add(vocabulary.idOf(word), qi, FIELD_WEIGHT.text);
    const { speaker, source } = quote;
    postings.addShared(speaker, () => [speaker.name, ...speaker.aliases].join(' '), qi, FIELD_WEIGHT.speaker);
    for (const person of quote.about) postings.addShared(person, () => [person.name, ...person.aliases].join(' '), qi, FIELD_WEIGHT.about);
    for (const term of quote.terms) postings.addShared(term, () => [term.label, ...term.variants].join(' '), qi, FIELD_WEIGHT.term);
    for (const theme of quote.themes) postings.addShared(theme, () => theme.label, qi, FIELD_WEIGHT.theme);
    postings.addShared(source, () => source.title, qi, FIELD_WEIGHT.source);
  }
  yield* vocabulary.sealSteps();
  yield;
  const packed = yield* postings.pack(quotes.length);
  const termKeys = terms.flatMap((term) => [term.label, ...term.variants].map((s) => ({ term, words: searchWords(s) })));
  return { vocabulary, ...packed, textWords, termKeys };
}

/** Per word: the quotes it occurs in, ascending (quotes are added in order), with the best field weight. */
class PostingLists {
  private readonly quotes: number[][] = [];
  private readonly weights: number[][] = [];
  /** Speakers, themes, terms and sources are shared by many quotes: their words are looked up once each. */
  private readonly sharedIds = new Map<object, number[]>();

  constructor(
    private readonly vocabulary: Vocabulary,
    private readonly normalize: (word: string) => string,
  ) {}

  add(wordId: number, quoteIndex: number, weight: number): void {
    let list = this.quotes[wordId];
    if (list === undefined) {
      this.quotes[wordId] = list = [];
      this.weights[wordId] = [];
    }
    const last = list.length - 1;
    if (last >= 0 && list[last] === quoteIndex) {
      if (this.weights[wordId][last] < weight) this.weights[wordId][last] = weight;
    } else {
      list.push(quoteIndex);
      this.weights[wordId].push(weight);
    }
  }

  /** Adds the words of a field shared by many quotes (a speaker, a source…), computed once per owner. */
  addShared(owner: object, text: () => string, quoteIndex: number, weight: number): void {
    let ids = this.sharedIds.get(owner);
    if (ids === undefined) this.sharedIds.set(owner, (ids = indexWords(text(), this.normalize).map((w) => this.vocabulary.idOf(w))));
    for (const id of ids) this.add(id, quoteIndex, weight);
  }

  /** Typed arrays per word, and each word's rarity; sets the vocabulary's document frequencies. Pauses every few thousand words. */
  *pack(quoteCount: number): Steps<Pick<IndexParts, 'postingQuotes' | 'postingWeights' | 'idf'>> {
    const wordCount = this.vocabulary.words.length;
    const df = new Uint32Array(wordCount);
    const idf = new Float64Array(wordCount);
    const postingQuotes: Int32Array[] = [];
    const postingWeights: Float32Array[] = [];
    const pause = new PauseEvery(5_000);
    for (let id = 0; id < wordCount; id++) {
      if (pause.due()) yield;
      const list = this.quotes[id] ?? [];
      postingQuotes.push(Int32Array.from(list));
      postingWeights.push(Float32Array.from(this.weights[id] ?? []));
      df[id] = list.length;
      idf[id] = Math.log(1 + quoteCount / Math.max(1, list.length));
    }
    this.vocabulary.documentFrequency = df;
    return { postingQuotes, postingWeights, idf };
  }
}
