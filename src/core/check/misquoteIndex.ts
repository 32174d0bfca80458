import type { Quote, Source, Speaker } from '../kb/model';
import { NameBook } from '../attribution/names';
import { stemForm, Token, tokenize } from './tokens';
import { distinctStems, StemMemo } from './stemMemo';
import { PauseEvery, runToEnd, Steps } from '../util/steps';

/** What the misquote check needs of a corpus; a KnowledgeBase fits as is. */
export interface CheckCorpus {
  readonly quotes: readonly Quote[];
  readonly speakers: readonly Speaker[];
}

const cache = new WeakMap<readonly Quote[], MisquoteIndex>();

/** The quotes a stem occurs in, ascending: an array when built here, a view of one typed array when restored. */
type Posting = readonly number[] | Int32Array;

/**
 * The index as plain data, for the source worker to send and store (core/snapshot): every stem joined, and every
 * posting list in one array, the stem k's ending at postingEnds[k].
 */
export interface MisquoteIndexSnapshot {
  readonly stems: string;
  readonly stemEnds: Int32Array;
  readonly postingEnds: Int32Array;
  readonly postings: Int32Array;
}

/**
 * The corpus prepared for checking: an inverted index from word stems to the quotes that contain them, so a
 * quotation is compared word by word only with the few quotes that share its rarest words. Built once per
 * corpus (MisquoteIndex.for caches it by the quotes array); quote and source tokens are made on first use.
 */
export class MisquoteIndex {
  private readonly quoteTokenCache = new Map<number, Token[]>();
  private readonly bodyTokenCache = new WeakMap<Source, Token[]>();
  private readonly scores: Float64Array;
  private readonly hits: Uint16Array;
  readonly names: NameBook;

  /** `memo`: the stems of the previous build's texts, for the source worker's rebuild (core/buildMemo.ts). */
  static for(corpus: CheckCorpus, memo?: StemMemo): MisquoteIndex {
    return runToEnd(MisquoteIndex.prepare(corpus, memo));
  }

  /** MisquoteIndex.for, pausing every few hundred quotes (see core/util/steps.ts): the host builds it ahead of the first check. */
  static *prepare(corpus: CheckCorpus, memo?: StemMemo): Steps<MisquoteIndex> {
    let index = cache.get(corpus.quotes);
    if (!index) {
      const postings = yield* stemPostings(corpus.quotes, memo);
      index = cache.get(corpus.quotes) ?? new MisquoteIndex(corpus.quotes, corpus.speakers, postings);
      cache.set(corpus.quotes, index);
    }
    return index;
  }

  /**
   * The index a snapshot holds (toSnapshot), over the corpus it was built from, cached as prepare would: the
   * source worker built it, the host only reads the stems back, pausing as it goes.
   */
  static *restore(corpus: CheckCorpus, snapshot: MisquoteIndexSnapshot): Steps<MisquoteIndex> {
    const postings = new Map<string, Posting>();
    const pause = new PauseEvery(500);
    let stemStart = 0;
    let postingStart = 0;
    for (let k = 0; k < snapshot.stemEnds.length; k++) {
      if (pause.due()) yield;
      postings.set(snapshot.stems.slice(stemStart, snapshot.stemEnds[k]), snapshot.postings.subarray(postingStart, snapshot.postingEnds[k]));
      stemStart = snapshot.stemEnds[k];
      postingStart = snapshot.postingEnds[k];
    }
    const index = cache.get(corpus.quotes) ?? new MisquoteIndex(corpus.quotes, corpus.speakers, postings);
    cache.set(corpus.quotes, index);
    return index;
  }

  constructor(
    readonly quotes: readonly Quote[],
    readonly speakers: readonly Speaker[],
    /** From word stems to the quotes that contain them (built by prepare, or here). */
    private readonly postings: ReadonlyMap<string, Posting> = runToEnd(stemPostings(quotes)),
  ) {
    this.scores = new Float64Array(quotes.length);
    this.hits = new Uint16Array(quotes.length);
    this.names = new NameBook(speakers.filter((s) => s.kind !== 'unsigned'));
  }

  /**
   * The quotes most likely to be the source of a quotation: those that share the most of its rarest words
   * (at most `limit`, best first). Very common words are only used when a quotation has nothing rarer. Each
   * candidate is aligned word by word, the check's main cost: four were as good as eight on every test and on the
   * bench's draft (the same findings), at 40% less time once passages doubled the items compared against.
   */
  candidates(words: readonly Token[], limit = 4): number[] {
    const total = this.quotes.length;
    const stems = [...new Set(words.filter((t) => t.kind === 'word').map((t) => stemForm(t.loose)))];
    const withDf = stems
      .map((stem) => ({ stem, list: this.postings.get(stem) }))
      .filter((e): e is { stem: string; list: Posting } => e.list !== undefined)
      .sort((a, b) => a.list.length - b.list.length);
    const common = Math.max(200, total * 0.05);
    let picked = withDf.filter((e) => e.list.length <= common).slice(0, 6);
    if (picked.length < 2) picked = withDf.slice(0, Math.max(2, picked.length));
    if (picked.length === 0) return [];
    const touched: number[] = [];
    for (const { list } of picked) {
      const weight = 1 / (1 + Math.log(list.length));
      for (const q of list) {
        if (this.hits[q] === 0) touched.push(q);
        this.hits[q]++;
        this.scores[q] += weight;
      }
    }
    const needed = Math.min(2, picked.length);
    const result = this.best(touched, needed, limit);
    for (const q of touched) {
      this.hits[q] = 0;
      this.scores[q] = 0;
    }
    return result;
  }

  /**
   * The `limit` touched quotes with the highest scores among those with at least `needed` hits, best first, ties
   * in the order they were touched (as a stable sort would give): one pass, since thousands may be touched.
   */
  private best(touched: readonly number[], needed: number, limit: number): number[] {
    const best: number[] = [];
    for (const q of touched) {
      if (this.hits[q] < needed) continue;
      const score = this.scores[q];
      if (best.length === limit && score <= this.scores[best[limit - 1]]) continue;
      let at = best.length;
      while (at > 0 && this.scores[best[at - 1]] < score) at--;
      best.splice(at, 0, q);
      if (best.length > limit) best.pop();
    }
    return best;
  }

  /** The index as plain data (MisquoteIndexSnapshot). */
  toSnapshot(): MisquoteIndexSnapshot {
    const stems = [...this.postings.keys()];
    const lists = [...this.postings.values()];
    const postings = new Int32Array(lists.reduce((n, list) => n + list.length, 0));
    let at = 0;
    for (const list of lists) {
      postings.set(list, at);
      at += list.length;
    }
    let stemEnd = 0;
    let postingEnd = 0;
    return {
      stems: stems.join(''),
      stemEnds: Int32Array.from(stems, (stem) => (stemEnd += stem.length)),
      postingEnds: Int32Array.from(lists, (list) => (postingEnd += list.length)),
      postings,
    };
  }

  quoteTokens(index: number): Token[] {
    let tokens = this.quoteTokenCache.get(index);
    if (!tokens) {
      const text = this.quotes[index].text;
      tokens = tokenize(text, 0, text.length, false);
      this.quoteTokenCache.set(index, tokens);
    }
    return tokens;
  }

  /** The words of a quote's source body, for telling a longer verbatim quotation from a misquote. */
  bodyTokens(source: Source): Token[] {
    let tokens = this.bodyTokenCache.get(source);
    if (!tokens) {
      tokens = tokenize(source.body.text, 0, source.body.text.length, false);
      this.bodyTokenCache.set(source, tokens);
    }
    return tokens;
  }
}

/** Each word stem → the quotes it occurs in, ascending; the stems of unchanged texts from the memo (the worker's rebuild). */
function* stemPostings(quotes: readonly Quote[], memo?: StemMemo): Steps<Map<string, number[]>> {
  const postings = new Map<string, number[]>();
  const pause = new PauseEvery(100);
  for (let i = 0; i < quotes.length; i++) {
    if (pause.due()) yield;
    const text = quotes[i].text;
    for (const stem of memo ? memo.stemsOf(text) : distinctStems(text)) {
      const list = postings.get(stem);
      if (list) list.push(i);
      else postings.set(stem, [i]);
    }
  }
  return postings;
}
