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
 * A sealed Vocabulary as plain data, part of a QuoteIndexSnapshot (quoteIndexSnapshot.ts): its own fields, as they
 * are. Letter pairs are in the order they were first met, each with its word ids ascending:
 * pairWordIds[pairOffsets[k] .. pairOffsets[k + 1]).
 */
export interface VocabularySnapshot {
  /** The words in id order, end to end; word id i is words.slice(wordStarts[i], wordStarts[i + 1]). */
  readonly words: string;
  readonly wordStarts: Int32Array;
  /** The word ids in the order of their words (UTF-16 code units). */
  readonly sortedWordIds: Int32Array;
  readonly pairKeys: Uint32Array;
  readonly pairOffsets: Int32Array;
  readonly pairWordIds: Int32Array;
}

/**
 * The distinct words of the corpus, and how a typed word maps onto them: exactly, as the prefix of a word
 * still being typed, or fuzzily (fuse.js ranks typo candidates). fuse.js only ever sees a few dozen
 * candidates, pre-selected by shared letter pairs and length, which keeps a keystroke far below a
 * millisecond however large the corpus is.
 */
export class Vocabulary {
  /** The words while they are added, and word → id; dropped once sealed (see `joined`, and lookup). */
  private adding: { readonly words: string[]; readonly ids: Map<string, number> } | undefined = { words: [], ids: new Map() };
  /**
   * Once sealed, the words in id order end to end, word id i from starts[i] to starts[i + 1]: one string instead of
   * one per word, so that a restored vocabulary allocates no word (tens of thousands of young strings would cost
   * the host's thread a garbage collection), and a search slices only the few words it looks at.
   */
  private joined = '';
  private starts: Int32Array = new Int32Array(1);
  /** The word ids in the order of their words (UTF-16 code units). */
  private sorted: Int32Array = new Int32Array(0);
  /**
   * Letter pair (two UTF-16 code units packed in one number) → the ids of the words that contain it, ascending:
   * arrays while built, views into one Int32Array when restored from a snapshot.
   */
  private bigramIndex = new Map<number, ArrayLike<number>>();
  private readonly cache = new Map<string, Expansion[]>();
  /** Scratch counters for typoCandidates, one per word, all zero between calls. */
  private pairCounts = new Uint32Array(0);
  /** How many quotes each word occurs in, filled by the index. */
  documentFrequency: Uint32Array = new Uint32Array(0);

  /** How many distinct words there are. */
  get size(): number {
    return this.adding ? this.adding.words.length : this.starts.length - 1;
  }

  /** The word with this id. */
  word(id: number): string {
    return this.adding ? this.adding.words[id] : this.joined.slice(this.starts[id], this.starts[id + 1]);
  }

  private wordLength(id: number): number {
    return this.adding ? this.adding.words[id].length : this.starts[id + 1] - this.starts[id];
  }

  idOf(word: string): number {
    // A sealed vocabulary has no word → id map any more: a word added now would get a second id.
    if (!this.adding) throw new Error('Vocabulary.idOf: the vocabulary is sealed');
    const { words, ids } = this.adding;
    let id = ids.get(word);
    if (id === undefined) {
      id = words.length;
      words.push(word);
      ids.set(word, id);
    }
    return id;
  }

  /** The id of a word of the corpus; once sealed, a binary search (a restored vocabulary never builds a map). */
  lookup(word: string): number | undefined {
    if (this.adding) return this.adding.ids.get(word);
    const sorted = this.sorted;
    const at = firstIndexWhere(sorted.length, (k) => this.word(sorted[k]) >= word);
    return at < sorted.length && this.word(sorted[at]) === word ? sorted[at] : undefined;
  }

  /** Call once all words are in: builds the sorted list for prefixes and the letter-pair index for typos. */
  seal(): void {
    runToEnd(this.sealSteps());
  }

  /** seal, pausing every few thousand words (see core/util/steps.ts). */
  *sealSteps(): Steps<void> {
    if (!this.adding) return;
    const { words, ids } = this.adding;
    // The words are distinct, so the default sort (UTF-16 code units, no comparator callback) gives the same
    // order as comparing with < and >, several times faster.
    this.sorted = Int32Array.from([...words].sort(), (word) => ids.get(word) as number);
    yield;
    // Each word's id once in the list of each of its letter pairs, ascending. A pair met twice in one word finds
    // the word's id already at the end of its list.
    const bigrams = new Map<number, number[]>();
    const starts = new Int32Array(words.length + 1);
    const pause = new PauseEvery(2_000);
    for (let id = 0; id < words.length; id++) {
      if (pause.due()) yield;
      starts[id + 1] = starts[id] + words[id].length;
      const padded = ` ${words[id]} `;
      for (let i = 0; i + 2 <= padded.length; i++) {
        const pair = padded.charCodeAt(i) * 0x10000 + padded.charCodeAt(i + 1);
        const list = bigrams.get(pair);
        if (list === undefined) bigrams.set(pair, [id]);
        else if (list[list.length - 1] !== id) list.push(id);
      }
    }
    this.bigramIndex = bigrams;
    yield;
    this.sealWith(words.join(''), starts);
  }

  /** The last of sealing, built or restored: the words as one string; the word → id map is dropped. */
  private sealWith(joined: string, starts: Int32Array): void {
    this.adding = undefined;
    this.joined = joined;
    this.starts = starts;
    this.pairCounts = new Uint32Array(this.size);
    this.cache.clear();
  }

  /**
   * The sealed vocabulary as plain data (see quoteIndexSnapshot.ts): one string and a few typed arrays, which
   * structured clone and v8.deserialize copy in one go, where thousands of small arrays cost a clone each.
   */
  toSnapshot(): VocabularySnapshot {
    if (this.adding) throw new Error('Vocabulary.toSnapshot: seal the vocabulary first');
    let total = 0;
    for (const ids of this.bigramIndex.values()) total += ids.length;
    const pairKeys = new Uint32Array(this.bigramIndex.size);
    const pairOffsets = new Int32Array(this.bigramIndex.size + 1);
    const pairWordIds = new Int32Array(total);
    let pairIndex = 0;
    let at = 0;
    for (const [pair, ids] of this.bigramIndex) {
      pairKeys[pairIndex] = pair;
      pairWordIds.set(ids, at);
      at += ids.length;
      pairOffsets[++pairIndex] = at;
    }
    return { words: this.joined, wordStarts: this.starts.slice(), sortedWordIds: this.sorted.slice(), pairKeys, pairOffsets, pairWordIds };
  }

  /**
   * A sealed vocabulary from its snapshot, without looking at a letter of a word or making one: the words, their
   * order and the letter-pair lists are the snapshot's string and arrays (views, not copies); only the map of
   * letter pairs is built, pausing every few hundred. Its documentFrequency is the index's to set, as after seal.
   * The snapshot's consistency is checked by checkSnapshot (quoteIndexSnapshot.ts).
   */
  static *fromSnapshot(snapshot: VocabularySnapshot): Steps<Vocabulary> {
    const vocabulary = new Vocabulary();
    vocabulary.sorted = snapshot.sortedWordIds;
    const { pairKeys, pairOffsets, pairWordIds } = snapshot;
    const pause = new PauseEvery(500);
    for (let k = 0; k < pairKeys.length; k++) {
      if (pause.due()) yield;
      vocabulary.bigramIndex.set(pairKeys[k], pairWordIds.subarray(pairOffsets[k], pairOffsets[k + 1]));
    }
    vocabulary.sealWith(snapshot.words, snapshot.wordStarts);
    return vocabulary;
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
    const exact = this.lookup(word);
    if (exact !== undefined) offer(exact, 1);
    if (isPrefix) for (const e of this.prefixMatches(word)) offer(e.wordId, e.similarity);
    if (word.length >= 3) for (const e of this.fuzzyMatches(word)) offer(e.wordId, e.similarity);
    return [...best].map(([wordId, similarity]) => ({ wordId, similarity }));
  }

  private prefixMatches(prefix: string): Expansion[] {
    const matches: Expansion[] = [];
    const { sorted, joined, starts } = this;
    // A word begins with the prefix if it is no shorter and the joined words have the prefix where it starts.
    const startsWithPrefix = (id: number): boolean => this.wordLength(id) >= prefix.length && joined.startsWith(prefix, starts[id]);
    for (let i = firstIndexWhere(sorted.length, (k) => this.word(sorted[k]) >= prefix); i < sorted.length && startsWithPrefix(sorted[i]); i++) {
      const id = sorted[i];
      // A longer completion is a weaker reading of what was typed so far.
      matches.push({ wordId: id, similarity: 0.55 + 0.4 * (prefix.length / this.wordLength(id)) });
    }
    // For one or two letters, keep the completions that matter most: the most common words.
    matches.sort((a, b) => this.documentFrequency[b.wordId] - this.documentFrequency[a.wordId]);
    return matches.slice(0, MAX_PREFIX_EXPANSIONS);
  }

  private fuzzyMatches(word: string): Expansion[] {
    const candidates = this.typoCandidates(word);
    if (candidates.length === 0) return [];
    const fuse = new Fuse(candidates.map((id) => this.word(id)), {
      includeScore: true,
      threshold: FUZZY_THRESHOLD,
      ignoreLocation: true,
      isCaseSensitive: true,
      shouldSort: true,
    });
    return fuse
      .search(word, { limit: MAX_FUZZY_EXPANSIONS })
      .map((r) => {
        const candidate = this.word(candidates[r.refIndex]);
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
      const lengthGap = Math.abs(this.wordLength(id) - word.length);
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
