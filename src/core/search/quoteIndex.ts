import type { Quote, Term } from '../kb/model';
import { CancellationToken, noopToken, throwIfCancelled } from '../util/cancellation';
import { PauseEvery, runToEnd, Steps } from '../util/steps';
import { parseQuery, ParsedQuery } from './parseQuery';
import type { SearchWordsMemo } from './searchWordsMemo';
import { checkSnapshot, QUOTE_INDEX_SNAPSHOT_FORMAT, QuoteIndexSnapshot } from './quoteIndexSnapshot';
import { phraseMatchesWithTypos } from './typoMatch';
import { Vocabulary, Expansion } from './vocabulary';
import { closedCompounds, indexWords, memoizedNormalizer, rawWords, searchWords } from './words';

export type { QuoteIndexSnapshot } from './quoteIndexSnapshot';

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
  /** See IndexParts. */
  private readonly postingOffsets: Int32Array;
  private readonly postingQuotes: Int32Array;
  private readonly postingWeights: Float32Array;
  private readonly idf: Float64Array;
  private readonly textOffsets: Int32Array;
  private readonly textWordIds: Int32Array;
  private readonly termKeys: readonly TermKey[];
  /** For the snapshot, which names terms by position: a snapshot restores over the same terms only. */
  private readonly termCount: number;
  // Scratch buffers reused by every search, sized to the corpus.
  private readonly scores: Float64Array;
  private readonly tokenBest: Float64Array;
  /** How many query words each quote matched: as many as a pasted query has words (a byte wrapped at 256 and left scores behind). */
  private readonly matched: Uint32Array;
  private readonly touchedScratch: Int32Array;
  private readonly tokenTouchedScratch: Int32Array;

  constructor(
    readonly quotes: readonly Quote[],
    terms: readonly Term[] = [],
    /** The postings, built already (by build); otherwise built here. */
    parts: IndexParts = runToEnd(indexParts(quotes, terms)),
  ) {
    this.vocabulary = parts.vocabulary;
    this.postingOffsets = parts.postingOffsets;
    this.postingQuotes = parts.postingQuotes;
    this.postingWeights = parts.postingWeights;
    this.idf = parts.idf;
    this.textOffsets = parts.textOffsets;
    this.textWordIds = parts.textWordIds;
    this.termKeys = parts.termKeys;
    this.termCount = terms.length;
    this.scores = new Float64Array(quotes.length);
    this.tokenBest = new Float64Array(quotes.length);
    this.matched = new Uint32Array(quotes.length);
    this.touchedScratch = new Int32Array(quotes.length);
    this.tokenTouchedScratch = new Int32Array(quotes.length);
  }

  /** The constructor's work, pausing every few hundred quotes (see core/util/steps.ts). */
  static *build(quotes: readonly Quote[], terms: readonly Term[] = []): Steps<QuoteIndex> {
    const parts = yield* indexParts(quotes, terms);
    return new QuoteIndex(quotes, terms, parts);
  }

  /**
   * The constructor's work, reading the words of the texts the previous build read from `memo` (the source
   * worker's rebuild, core/buildMemo.ts): the same index.
   */
  static memoized(quotes: readonly Quote[], terms: readonly Term[], memo: SearchWordsMemo): QuoteIndex {
    return new QuoteIndex(quotes, terms, runToEnd(indexParts(quotes, terms, memo)));
  }

  /**
   * The index as plain data (quoteIndexSnapshot.ts), for another thread or a later session to restore with
   * fromSnapshot. Its arrays are copies: transferring them leaves this index whole.
   */
  toSnapshot(): QuoteIndexSnapshot {
    return {
      format: QUOTE_INDEX_SNAPSHOT_FORMAT,
      quoteCount: this.quotes.length,
      termCount: this.termCount,
      ...this.vocabulary.toSnapshot(),
      postingOffsets: this.postingOffsets.slice(),
      postingQuotes: this.postingQuotes.slice(),
      postingWeights: this.postingWeights.slice(),
      textOffsets: this.textOffsets.slice(),
      textWordIds: this.textWordIds.slice(),
    };
  }

  /**
   * The index a snapshot was made of, over the same quotes and terms (in the same order), answering every search
   * as the original did. Nothing is read per word of text: the postings are the snapshot's own arrays, and what is
   * derived (rarities, the letter-pair map, the glossary's words) costs one step per word or term, with pauses.
   * Throws if the snapshot does not fit (checkSnapshot).
   */
  static *fromSnapshot(quotes: readonly Quote[], terms: readonly Term[], snapshot: QuoteIndexSnapshot): Steps<QuoteIndex> {
    checkSnapshot(snapshot, quotes.length, terms.length);
    const vocabulary = yield* Vocabulary.fromSnapshot(snapshot);
    const { postingOffsets, postingQuotes, postingWeights, textOffsets, textWordIds } = snapshot;
    const idf = yield* rarities(vocabulary, postingOffsets, quotes.length);
    const termKeys = yield* termKeysOf(terms, vocabulary);
    return new QuoteIndex(quotes, terms, { vocabulary, postingOffsets, postingQuotes, postingWeights, idf, textOffsets, textWordIds, termKeys });
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
    const readings = expansions.map((list) => new Set(list.map((e) => e.wordId)));
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
    const { tokenBest, matched, scores, idf, postingOffsets, postingQuotes, postingWeights } = this;
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
        const end = postingOffsets[wordId + 1];
        for (let k = postingOffsets[wordId]; k < end; k++) {
          const qi = postingQuotes[k];
          const s = weight * postingWeights[k];
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
  private bonus(qi: number, readings: readonly Set<number>[], named: ReadonlySet<Term>): number {
    const quote = this.quotes[qi];
    let bonus = quote.attribution === 'direct' ? DIRECT_BONUS : 0;
    const words = this.textWordIds;
    const end = this.textOffsets[qi + 1];
    for (let i = 0; i + 1 < readings.length; i++) {
      for (let j = this.textOffsets[qi]; j + 1 < end; j++) {
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
  private termsNamedBy(readings: readonly Set<number>[]): Set<Term> {
    const named = new Set<Term>();
    for (const { term, wordIds } of this.termKeys) {
      if (wordIds.length === 0 || wordIds.length > readings.length) continue;
      for (let start = 0; start + wordIds.length <= readings.length; start++) {
        if (wordIds.every((w, k) => readings[start + k].has(w))) {
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

/**
 * What a QuoteIndex searches: built once per corpus, the expensive part of the index. The lists per word and per
 * quote are ranges of flat arrays (X[offsets[i] .. offsets[i + 1])), which a snapshot carries as they are and a
 * restored index uses as received: no array per word to allocate, clone or restore.
 */
interface IndexParts {
  readonly vocabulary: Vocabulary;
  /** Per word id: the quotes it occurs in, ascending, each with the weight of the best field it occurs in. */
  readonly postingOffsets: Int32Array;
  readonly postingQuotes: Int32Array;
  readonly postingWeights: Float32Array;
  readonly idf: Float64Array;
  /** Per quote: the word ids of its text in order, for the phrase bonus. */
  readonly textOffsets: Int32Array;
  readonly textWordIds: Int32Array;
  readonly termKeys: readonly TermKey[];
}

/** A glossary term's label or variant as vocabulary word ids; -1 for a word no quote has, which no query reads. */
interface TermKey {
  readonly term: Term;
  readonly wordIds: readonly number[];
}

/**
 * One pass over the quotes fills the postings; then the vocabulary is sealed and the lists are packed. `memo`: the
 * words of the texts the previous build read (the source worker's rebuild).
 */
function* indexParts(quotes: readonly Quote[], terms: readonly Term[], memo?: SearchWordsMemo): Steps<IndexParts> {
  const vocabulary = new Vocabulary();
  const normalize = memoizedNormalizer();
  const postings = new PostingLists(vocabulary, normalize);
  // A word as written → the id of its normalised form: one lookup per word of a quote's text.
  const byRaw = new Map<string, number>();
  const textWordIds: number[] = [];
  const textOffsets = new Int32Array(quotes.length + 1);
  const pause = new PauseEvery(100);
  for (let qi = 0; qi < quotes.length; qi++) {
    if (pause.due()) yield;
    const quote = quotes[qi];
    const kept = memo?.wordsOf(quote.text, normalize);
    // The same ids in the same order either way: idOf gives a word its id when first met.
    if (kept) {
      for (const word of kept.words) {
        const id = vocabulary.idOf(word);
        textWordIds.push(id);
        postings.add(id, qi, FIELD_WEIGHT.text);
      }
    } else {
      for (const raw of rawWords(quote.text)) {
        let id = byRaw.get(raw);
        if (id === undefined) byRaw.set(raw, (id = vocabulary.idOf(normalize(raw))));
        textWordIds.push(id);
        postings.add(id, qi, FIELD_WEIGHT.text);
      }
    }
    textOffsets[qi + 1] = textWordIds.length;
    for (const word of kept?.compounds ?? closedCompounds(quote.text, normalize)) postings.add(vocabulary.idOf(word), qi, FIELD_WEIGHT.text);
    const { speaker, source } = quote;
    postings.addShared(speaker, () => [speaker.name, ...speaker.aliases].join(' '), qi, FIELD_WEIGHT.speaker);
    for (const person of quote.about) postings.addShared(person, () => [person.name, ...person.aliases].join(' '), qi, FIELD_WEIGHT.about);
    for (const term of quote.terms) postings.addShared(term, () => [term.label, ...term.variants].join(' '), qi, FIELD_WEIGHT.term);
    for (const theme of quote.themes) postings.addShared(theme, () => theme.label, qi, FIELD_WEIGHT.theme);
    postings.addShared(source, () => source.title, qi, FIELD_WEIGHT.source);
  }
  yield* vocabulary.sealSteps();
  yield;
  const packed = yield* postings.pack();
  yield;
  const idf = yield* rarities(vocabulary, packed.postingOffsets, quotes.length);
  const termKeys = yield* termKeysOf(terms, vocabulary);
  return { vocabulary, ...packed, idf, textOffsets, textWordIds: new Int32Array(textWordIds), termKeys };
}

/**
 * Each word's rarity, from how many quotes it occurs in (the length of its posting list), which it also sets as
 * the vocabulary's document frequencies. Pauses every few thousand words.
 */
function* rarities(vocabulary: Vocabulary, postingOffsets: Int32Array, quoteCount: number): Steps<Float64Array> {
  const wordCount = postingOffsets.length - 1;
  const df = new Uint32Array(wordCount);
  const idf = new Float64Array(wordCount);
  const pause = new PauseEvery(5_000);
  for (let id = 0; id < wordCount; id++) {
    if (pause.due()) yield;
    df[id] = postingOffsets[id + 1] - postingOffsets[id];
    idf[id] = Math.log(1 + quoteCount / Math.max(1, df[id]));
  }
  vocabulary.documentFrequency = df;
  return idf;
}

/** The glossary's labels and variants as word ids of the sealed vocabulary. Pauses every few dozen terms. */
function* termKeysOf(terms: readonly Term[], vocabulary: Vocabulary): Steps<TermKey[]> {
  const keys: TermKey[] = [];
  const pause = new PauseEvery(50);
  for (const term of terms) {
    if (pause.due()) yield;
    for (const name of [term.label, ...term.variants]) keys.push({ term, wordIds: searchWords(name).map((w) => vocabulary.lookup(w) ?? -1) });
  }
  return keys;
}

/** Per word: the quotes it occurs in, ascending (quotes are added in order), with the best field weight. */
class PostingLists {
  private readonly quotes: number[][] = [];
  private readonly weights: number[][] = [];
  /** How many postings there are in all: the length of the packed arrays. */
  private total = 0;
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
      this.total++;
    }
  }

  /** Adds the words of a field shared by many quotes (a speaker, a source…), computed once per owner. */
  addShared(owner: object, text: () => string, quoteIndex: number, weight: number): void {
    let ids = this.sharedIds.get(owner);
    if (ids === undefined) this.sharedIds.set(owner, (ids = indexWords(text(), this.normalize).map((w) => this.vocabulary.idOf(w))));
    for (const id of ids) this.add(id, quoteIndex, weight);
  }

  /** The lists laid end to end in word id order, in flat typed arrays. Pauses every few thousand words. */
  *pack(): Steps<Pick<IndexParts, 'postingOffsets' | 'postingQuotes' | 'postingWeights'>> {
    const wordCount = this.vocabulary.size;
    const postingOffsets = new Int32Array(wordCount + 1);
    const postingQuotes = new Int32Array(this.total);
    const postingWeights = new Float32Array(this.total);
    const pause = new PauseEvery(5_000);
    let at = 0;
    for (let id = 0; id < wordCount; id++) {
      if (pause.due()) yield;
      const list = this.quotes[id] ?? [];
      postingQuotes.set(list, at);
      postingWeights.set(this.weights[id] ?? [], at);
      at += list.length;
      postingOffsets[id + 1] = at;
    }
    return { postingOffsets, postingQuotes, postingWeights };
  }
}
