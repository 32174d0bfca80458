import type { VocabularySnapshot } from './vocabulary';

/*
 * A built QuoteIndex as plain data: what the source worker sends to the extension host (postMessage, structured
 * clone) and what is kept on disk (v8.serialize), so that the host restores the index (QuoteIndex.fromSnapshot)
 * instead of building it. A handful of typed arrays and one string: structured clone and v8.deserialize copy each
 * in one go, where an index made of thousands of small arrays costs a clone per array.
 */

/** Bumped whenever the layout changes: a snapshot kept on disk by another version is rebuilt, not misread. */
export const QUOTE_INDEX_SNAPSHOT_FORMAT = 1;

/**
 * Quotes are their positions in the `quotes` the index was built over, words their ids in the vocabulary. A list
 * per word or per quote is a range of one flat array: its items are X[offsets[i] .. offsets[i + 1]).
 */
export interface QuoteIndexSnapshot extends VocabularySnapshot {
  readonly format: number;
  /** The quotes and glossary terms the index was built over: restoring it over others is refused. */
  readonly quoteCount: number;
  readonly termCount: number;
  /** Per word id: the quotes it occurs in, ascending, each with the weight of the best field it occurs in. */
  readonly postingOffsets: Int32Array;
  readonly postingQuotes: Int32Array;
  readonly postingWeights: Float32Array;
  /** Per quote: the word ids of its text in order (for the phrase bonus of the best candidates). */
  readonly textOffsets: Int32Array;
  readonly textWordIds: Int32Array;
}

/** The typed arrays of a snapshot and their kinds. */
const ARRAY_KINDS = {
  wordStarts: Int32Array,
  sortedWordIds: Int32Array,
  pairKeys: Uint32Array,
  pairOffsets: Int32Array,
  pairWordIds: Int32Array,
  postingOffsets: Int32Array,
  postingQuotes: Int32Array,
  postingWeights: Float32Array,
  textOffsets: Int32Array,
  textWordIds: Int32Array,
} as const;

/**
 * Throws unless the snapshot is of this format and was made over as many quotes and terms, with arrays whose
 * lengths agree: a stale or truncated file must fail here, not answer searches with wrong quotes.
 */
export function checkSnapshot(snapshot: QuoteIndexSnapshot, quoteCount: number, termCount: number): void {
  const fail = (why: string): never => {
    throw new Error(`QuoteIndex snapshot: ${why}`);
  };
  if (snapshot.format !== QUOTE_INDEX_SNAPSHOT_FORMAT) fail(`format ${snapshot.format}, expected ${QUOTE_INDEX_SNAPSHOT_FORMAT}`);
  if (typeof snapshot.words !== 'string') fail('words is not a string');
  for (const [key, kind] of Object.entries(ARRAY_KINDS)) {
    if (!(snapshot[key as keyof typeof ARRAY_KINDS] instanceof kind)) fail(`${key} is not a ${kind.name}`);
  }
  if (snapshot.quoteCount !== quoteCount || snapshot.termCount !== termCount) {
    fail(`made over ${snapshot.quoteCount} quotes and ${snapshot.termCount} terms, restored over ${quoteCount} and ${termCount}`);
  }
  const wordCount = snapshot.sortedWordIds.length;
  const ranges: [string, Int32Array, number, number][] = [
    ['words', snapshot.wordStarts, wordCount, snapshot.words.length],
    ['postings', snapshot.postingOffsets, wordCount, snapshot.postingQuotes.length],
    ['text words', snapshot.textOffsets, quoteCount, snapshot.textWordIds.length],
    ['letter pairs', snapshot.pairOffsets, snapshot.pairKeys.length, snapshot.pairWordIds.length],
  ];
  for (const [name, offsets, lists, items] of ranges) {
    if (offsets.length !== lists + 1 || offsets[0] !== 0 || offsets[lists] !== items) fail(`the ${name} offsets do not match their arrays`);
  }
  if (snapshot.postingWeights.length !== snapshot.postingQuotes.length) fail('as many posting weights as postings expected');
}
