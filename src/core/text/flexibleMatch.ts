/**
 * Finds text whose only differences from a needle are in whitespace (a quote copied across a line break, two
 * spaces for one). Returns [start, end) spans in the haystack.
 *
 * Both sides are compared with runs of whitespace collapsed to one space. Quotes are located by the thousand in
 * the same source body, so a body is prepared once (FlexibleText: the collapsed text and its offset map) and
 * each quote is then looked up in it; see FlexibleText for how the cost per quote stays independent of the
 * body's length. This function keeps the last few haystacks prepared, for callers that pass strings.
 */
export function findAllFlexible(haystack: string, needle: string): readonly Span[] {
  let prepared = cache.get(haystack);
  if (!prepared) {
    prepared = new FlexibleText(haystack);
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    cache.set(haystack, prepared);
  }
  return prepared.findAll(needle);
}

export interface Span {
  readonly start: number;
  readonly end: number;
}

const CACHE_SIZE = 8;
const cache = new Map<string, FlexibleText>();

/** Whitespace other than a single space between two other characters. */
const NOT_NORMAL = /^\s|[^\S ]|\s\s|\s$/u;

/** Collapses runs of whitespace to single spaces and trims: the form in which quotes are shown and compared. */
export function normalizeWhitespace(text: string): string {
  // Most quotes are already normal: testing is cheaper than rebuilding them (100,000 quotes per load).
  if (!NOT_NORMAL.test(text)) return text;
  return text.replace(/\s+/gu, ' ').trim();
}

/**
 * A haystack prepared for flexible search. The first lookups scan the collapsed text with indexOf (native and
 * fast, nothing to build); once a text has been scanned often enough that scanning would dominate, an index of
 * its 8-character grams is built (linear time), and each lookup then verifies only the places where the
 * needle's rarest gram occurs. Results per needle are memoised: a catalog may ask for the same words many
 * times (occurrence 1, 2, 3…), and extraction asks once per quotation.
 */
export class FlexibleText {
  private prepared?: Collapsed;
  private grams?: GramIndex;
  private scans = 0;
  private readonly memo = new Map<string, readonly Span[]>();

  constructor(readonly text: string) {}

  /**
   * The non-overlapping occurrences of the needle, in order, as spans of the original text. The same array
   * is returned for the same words again (a quote written 10,000 times is looked up 10,000 times).
   */
  findAll(needle: string): readonly Span[] {
    const wanted = normalizeWhitespace(needle);
    if (!wanted) return [];
    const known = this.memo.get(wanted);
    if (known) return known;
    const collapsed = this.collapsed();
    const last = wanted.length - 1;
    const spans = this.startsOf(wanted).map((at) => ({ start: collapsed.original[at], end: collapsed.original[at + last] + 1 }));
    this.memo.set(wanted, spans);
    return spans;
  }

  private collapsed(): Collapsed {
    this.prepared ??= collapseWhitespace(this.text);
    return this.prepared;
  }

  /** Starts (in the collapsed text) of the needle's non-overlapping occurrences, as a left-to-right indexOf finds them. */
  private startsOf(wanted: string): number[] {
    const text = this.collapsed().text;
    let starts: number[];
    if (wanted.length >= INDEXED_LENGTH && this.scans >= SCANS_BEFORE_INDEX && text.length >= INDEXED_LENGTH) {
      this.grams ??= new GramIndex(text);
      starts = nonOverlapping(this.grams.candidates(text, wanted), wanted.length);
    } else {
      this.scans++;
      starts = [];
      for (let at = text.indexOf(wanted); at >= 0; at = text.indexOf(wanted, at + wanted.length)) starts.push(at);
    }
    return starts;
  }
}

/**
 * Full scans before the gram index pays off: indexOf reads a body at native speed, while building the index
 * costs about as much as a few dozen scans (more in a cold process), so small catalogs never build one.
 */
const SCANS_BEFORE_INDEX = 48;

/** The greedy left-to-right choice of occurrences that do not overlap, from all occurrences in order. */
function nonOverlapping(starts: readonly number[], length: number): number[] {
  const kept: number[] = [];
  let free = 0;
  for (const at of starts) {
    if (at < free) continue;
    kept.push(at);
    free = at + length;
  }
  return kept;
}

// ---- Collapsing whitespace -------------------------------------------------------------------------------

interface Collapsed {
  readonly text: string;
  /** For each character of `text`, its offset in the original (a collapsed run maps to its first character). */
  readonly original: Int32Array;
}

function collapseWhitespace(text: string): Collapsed {
  const original = new Int32Array(text.length);
  let out = '';
  let inSpace = false;
  let length = 0;
  let chunkStart = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const isSpace = isWhitespace(code);
    if (isSpace && inSpace) {
      out += text.slice(chunkStart, i);
      chunkStart = i + 1;
      continue;
    }
    if (isSpace && code !== 32) {
      out += text.slice(chunkStart, i) + ' ';
      chunkStart = i + 1;
    }
    original[length++] = i;
    inSpace = isSpace;
  }
  out += text.slice(chunkStart);
  return { text: out, original: original.subarray(0, length) };
}

/** Exactly the characters of the regular expression class \s (and of String.prototype.trim). */
export function isWhitespace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 ||
    code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff
  );
}

// ---- Gram index ------------------------------------------------------------------------------------------

/** Characters per gram: long enough that a gram of prose is rare, short enough for short quotes. */
const GRAM = 8;
/** Only every STRIDE-th position is indexed: a needle's grams at STRIDE consecutive offsets cover the rest. */
const STRIDE = 4;
/** Needles shorter than this are looked up by scanning. */
const INDEXED_LENGTH = GRAM + STRIDE - 1;
const BASE = 0x01000193;
const DROP = power(BASE, GRAM - 1);

/**
 * The positions 0, STRIDE, 2·STRIDE… of a text, bucketed by a hash of the GRAM characters that start there
 * (a counting sort, so each bucket lists its positions in ascending order). Built in linear time; two arrays
 * of a quarter of the text's length.
 */
class GramIndex {
  private readonly bucketStart: Int32Array;
  private readonly positions: Int32Array;
  private readonly shift: number;

  constructor(text: string) {
    const count = Math.floor((text.length - GRAM) / STRIDE) + 1;
    const bits = Math.max(8, Math.min(22, Math.ceil(Math.log2(count + 1)) - 1));
    this.shift = 32 - bits;
    const buckets = new Int32Array(count);
    const bucketStart = new Int32Array((1 << bits) + 1);
    for (let k = 0; k < count; k++) {
      const b = this.bucket(gramHash(text, k * STRIDE));
      buckets[k] = b;
      bucketStart[b + 1]++;
    }
    for (let b = 1; b < bucketStart.length; b++) bucketStart[b] += bucketStart[b - 1];
    const fill = bucketStart.slice(0, bucketStart.length - 1);
    const positions = new Int32Array(count);
    for (let k = 0; k < count; k++) positions[fill[buckets[k]]++] = k * STRIDE;
    this.bucketStart = bucketStart;
    this.positions = positions;
  }

  private bucket(hash: number): number {
    return Math.imul(hash, 0x9e3779b1) >>> this.shift;
  }

  /**
   * All starts of `wanted` in `text`, ascending. An occurrence at s has its gram at offset j indexed exactly
   * when s + j is a multiple of STRIDE, so for each residue of j the rarest gram is enough; only the places
   * those grams occur are verified. The work is proportional to their buckets, not to the text.
   */
  candidates(text: string, wanted: string): number[] {
    const grams = wanted.length - GRAM + 1;
    const bestBucket = new Int32Array(STRIDE).fill(-1);
    const bestOffset = new Int32Array(STRIDE);
    let h = gramHash(wanted, 0);
    for (let j = 0; j < grams; j++) {
      if (j > 0) h = rollHash(h, wanted.charCodeAt(j - 1), wanted.charCodeAt(j - 1 + GRAM));
      const b = this.bucket(h);
      const r = j % STRIDE;
      if (bestBucket[r] < 0 || this.size(b) < this.size(bestBucket[r])) {
        bestBucket[r] = b;
        bestOffset[r] = j;
      }
    }
    const starts: number[] = [];
    for (let r = 0; r < STRIDE; r++) {
      const b = bestBucket[r];
      for (let k = this.bucketStart[b]; k < this.bucketStart[b + 1]; k++) {
        const at = this.positions[k] - bestOffset[r];
        if (at >= 0 && text.startsWith(wanted, at)) starts.push(at);
      }
    }
    // Each occurrence is found once, through the residue of its own start (−start mod STRIDE); they interleave.
    return starts.sort((a, b) => a - b);
  }

  private size(bucket: number): number {
    return this.bucketStart[bucket + 1] - this.bucketStart[bucket];
  }
}

function gramHash(text: string, at: number): number {
  let h = 0;
  for (let i = 0; i < GRAM; i++) h = (Math.imul(h, BASE) + text.charCodeAt(at + i)) | 0;
  return h;
}

/** The hash of the gram one character further on: drop `leaving`, take `entering`. */
function rollHash(hash: number, leaving: number, entering: number): number {
  return (Math.imul(hash - Math.imul(leaving, DROP), BASE) + entering) | 0;
}

function power(base: number, exponent: number): number {
  let result = 1;
  for (let i = 0; i < exponent; i++) result = Math.imul(result, base);
  return result;
}
