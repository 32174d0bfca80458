import Fuse from 'fuse.js';
import { PauseEvery, runToEnd, Steps } from '../util/steps';
import { firstIndexWhere } from '../util/binarySearch';

/** A word of the corpus that a query word may stand for, with how alike they are (1 = the same). */
export interface Expansion {
  readonly wordId: number;
  readonly similarity: number;
}

const FUZZY_THRESHOLD = 0.34;
const MAX_FUZZY_EXPANSIONS = 12;
const MAX_PREFIX_EXPANSIONS = 40;
const CACHE_SIZE = 512;

/**
 * The distinct words of the corpus, and how a typed word maps onto them: exactly, as the prefix of a word
 * still being typed, or fuzzily (fuse.js ranks typo candidates). fuse.js only ever sees a few dozen
 * candidates, pre-selected by shared letter pairs and length, which keeps a keystroke far below a
 * millisecond however large the corpus is.
 */
export class Vocabulary {
  readonly words: string[] = [];
  private readonly ids = new Map<string, number>();
  private sorted: number[] = [];
  /** Letter pair (two UTF-16 code units packed in one number) → the ids of the words that contain it. */
  private readonly bigramIndex = new Map<number, number[]>();
  private readonly cache = new Map<string, Expansion[]>();
  /** Scratch counters for typoCandidates, one per word, all zero between calls. */
  private pairCounts = new Uint32Array(0);
  /** How many quotes each word occurs in, filled by the index. */
  documentFrequency: Uint32Array = new Uint32Array(0);

  idOf(word: string): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      id = this.words.length;
      this.words.push(word);
      this.ids.set(word, id);
    }
    return id;
  }

  lookup(word: string): number | undefined {
    return this.ids.get(word);
  }

  /** Call once all words are in: builds the sorted list for prefixes and the letter-pair index for typos. */
  seal(): void {
    runToEnd(this.sealSteps());
  }

  /** seal, pausing every few thousand words (see core/util/steps.ts). */
  *sealSteps(): Steps<void> {
    // The words are distinct, so the default sort (UTF-16 code units, no comparator callback) gives the same
    // order as comparing with < and >, several times faster.
    this.sorted = [...this.words].sort().map((word) => this.ids.get(word) as number);
    yield;
    // Each word's id once in the list of each of its letter pairs, ascending. A pair met twice in one word finds
    // the word's id already at the end of its list.
    const pause = new PauseEvery(2_000);
    for (let id = 0; id < this.words.length; id++) {
      if (pause.due()) yield;
      const padded = ` ${this.words[id]} `;
      for (let i = 0; i + 2 <= padded.length; i++) {
        const pair = padded.charCodeAt(i) * 0x10000 + padded.charCodeAt(i + 1);
        const list = this.bigramIndex.get(pair);
        if (list === undefined) this.bigramIndex.set(pair, [id]);
        else if (list[list.length - 1] !== id) list.push(id);
      }
    }
    this.pairCounts = new Uint32Array(this.words.length);
    this.cache.clear();
  }

  /** The corpus words a query word may mean. `isPrefix`: the word is still being typed. */
  expand(word: string, isPrefix: boolean): Expansion[] {
    const key = `${isPrefix ? 'p' : 'w'}:${word}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const result = this.computeExpansions(word, isPrefix);
    if (this.cache.size >= CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(key, result);
    return result;
  }

  private computeExpansions(word: string, isPrefix: boolean): Expansion[] {
    const best = new Map<number, number>();
    const offer = (wordId: number, similarity: number): void => {
      if ((best.get(wordId) ?? 0) < similarity) best.set(wordId, similarity);
    };
    const exact = this.ids.get(word);
    if (exact !== undefined) offer(exact, 1);
    if (isPrefix) for (const e of this.prefixMatches(word)) offer(e.wordId, e.similarity);
    if (word.length >= 3) for (const e of this.fuzzyMatches(word)) offer(e.wordId, e.similarity);
    return [...best].map(([wordId, similarity]) => ({ wordId, similarity }));
  }

  private prefixMatches(prefix: string): Expansion[] {
    const matches: Expansion[] = [];
    for (let i = firstIndexWhere(this.sorted.length, (k) => this.words[this.sorted[k]] >= prefix); i < this.sorted.length && this.words[this.sorted[i]].startsWith(prefix); i++) {
      const id = this.sorted[i];
      // A longer completion is a weaker reading of what was typed so far.
      matches.push({ wordId: id, similarity: 0.55 + 0.4 * (prefix.length / this.words[id].length) });
    }
    // For one or two letters, keep the completions that matter most: the most common words.
    matches.sort((a, b) => this.documentFrequency[b.wordId] - this.documentFrequency[a.wordId]);
    return matches.slice(0, MAX_PREFIX_EXPANSIONS);
  }

  private fuzzyMatches(word: string): Expansion[] {
    const candidates = this.typoCandidates(word);
    if (candidates.length === 0) return [];
    const fuse = new Fuse(candidates.map((id) => this.words[id]), {
      includeScore: true,
      threshold: FUZZY_THRESHOLD,
      ignoreLocation: true,
      isCaseSensitive: true,
      shouldSort: true,
    });
    return fuse
      .search(word, { limit: MAX_FUZZY_EXPANSIONS })
      .map((r) => {
        const candidate = this.words[candidates[r.refIndex]];
        const lengthRatio = Math.min(word.length, candidate.length) / Math.max(word.length, candidate.length);
        return { wordId: candidates[r.refIndex], similarity: (1 - (r.score ?? 1)) * 0.85 * lengthRatio };
      })
      .filter((e) => e.similarity > 0.35);
  }

  /**
   * Words that could be the typed word with a typo or two: similar length, and sharing letter pairs with it
   * (one wrong letter destroys at most two pairs). Fuse.js then scores them.
   */
  private typoCandidates(word: string): number[] {
    // Counts in a typed array sized to the vocabulary, ids in the order first met (as a Map would keep them).
    const counts = this.pairCounts;
    const seen: number[] = [];
    const pairs = distinctBigrams(word);
    for (const pair of pairs) {
      const ids = this.bigramIndex.get(pair);
      if (ids === undefined) continue;
      for (let k = 0; k < ids.length; k++) {
        const id = ids[k];
        if (counts[id] === 0) seen.push(id);
        counts[id]++;
      }
    }
    const needed = Math.max(1, pairs.length - 2 - Math.floor(word.length / 6));
    const result: number[] = [];
    for (const id of seen) {
      const lengthGap = Math.abs(this.words[id].length - word.length);
      if (counts[id] >= needed && lengthGap <= 2) result.push(id);
      counts[id] = 0;
    }
    return result;
  }
}

/**
 * The distinct letter pairs of a word padded with a space on each side, in order of first occurrence. A pair
 * of UTF-16 code units is packed into one number: no substring to allocate and hash per pair.
 */
function distinctBigrams(word: string): number[] {
  const padded = ` ${word} `;
  const result: number[] = [];
  // Short words (nearly all): a linear check beats building a Set.
  const seen = padded.length > 32 ? new Set<number>() : undefined;
  for (let i = 0; i + 2 <= padded.length; i++) {
    const pair = padded.charCodeAt(i) * 0x10000 + padded.charCodeAt(i + 1);
    if (seen ? seen.has(pair) : result.includes(pair)) continue;
    seen?.add(pair);
    result.push(pair);
  }
  return result;
}
