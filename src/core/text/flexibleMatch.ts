/**
 * Finds text whose only differences from a needle are in whitespace (a quote copied across a line break, two
 * spaces for one). Returns [start, end) spans in the haystack.
 *
 * Both sides are compared with runs of whitespace collapsed to one space; the collapsed haystack and its
 * offset map are cached for the last few haystacks, because quotes are located source by source and a
 * regular expression per quote scanning its source was the slowest step of loading a large corpus.
 */
export function findAllFlexible(haystack: string, needle: string): { start: number; end: number }[] {
  const wanted = needle.trim().replace(WHITESPACE_RUN, ' ');
  if (!wanted) return [];
  const collapsed = collapsedText(haystack);
  const spans: { start: number; end: number }[] = [];
  for (let at = collapsed.text.indexOf(wanted); at >= 0; at = collapsed.text.indexOf(wanted, at + wanted.length)) {
    spans.push({ start: collapsed.original[at], end: collapsed.original[at + wanted.length - 1] + 1 });
  }
  return spans;
}

const WHITESPACE_RUN = /\s+/gu;

interface Collapsed {
  readonly text: string;
  /** For each character of `text`, its offset in the original (a collapsed run maps to its first character). */
  readonly original: Int32Array;
}

const CACHE_SIZE = 8;
const cache = new Map<string, Collapsed>();

function collapsedText(text: string): Collapsed {
  const cached = cache.get(text);
  if (cached) return cached;
  const original = new Int32Array(text.length);
  let out = '';
  let inSpace = false;
  let length = 0;
  let chunkStart = 0;
  for (let i = 0; i < text.length; i++) {
    const isSpace = WHITESPACE_CHAR.test(text[i]);
    if (isSpace && inSpace) {
      out += text.slice(chunkStart, i);
      chunkStart = i + 1;
      continue;
    }
    if (isSpace && text[i] !== ' ') {
      out += text.slice(chunkStart, i) + ' ';
      chunkStart = i + 1;
    }
    original[length++] = i;
    inSpace = isSpace;
  }
  out += text.slice(chunkStart);
  const collapsed = { text: out, original: original.subarray(0, length) };
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(text, collapsed);
  return collapsed;
}

const WHITESPACE_CHAR = /\s/u;

/** Collapses runs of whitespace to single spaces and trims: the form in which quotes are shown and compared. */
export function normalizeWhitespace(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}
