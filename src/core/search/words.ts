/**
 * Words as search sees them: lower case, without diacritics (so "pesut" finds "Pešut"), straight apostrophes,
 * no possessive and no plain plural -s. A hyphenated word is also indexed closed up ("pre-training" →
 * "pre", "training", "pretraining") so that every spelling a writer types finds it.
 */
// Combining marks belong to the word they follow ("pe\u0301ak" is one word), wherever text comes from.
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’][\p{L}\p{N}][\p{L}\p{M}\p{N}]*)*/gu;
const DIACRITICS = /\p{M}+/gu;

export function normalizeSearchWord(word: string): string {
  // Plain ASCII (most words) has nothing to decompose, no marks to drop and no curly apostrophe.
  let w = isAscii(word) ? word.toLowerCase() : word.normalize('NFKD').replace(DIACRITICS, '').toLowerCase().replace(/’/gu, "'");
  if (w.endsWith("'s")) w = w.slice(0, -2);
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') && !/\d/u.test(w)) w = w.slice(0, -1);
  return w;
}

const HYPHEN = /[-\u2010\u2011]/u;

/** The words of a text in order, normalised. `normalize` may be a memoised normalizeSearchWord (index builds). */
export function searchWords(text: string, normalize: (word: string) => string = normalizeSearchWord): string[] {
  return rawWords(text).map((w) => normalize(w));
}

/** The words of a text in order, as written (searchWords before normalisation). */
export function rawWords(text: string): string[] {
  // match() with a global regex gives the matched strings without building a match object per word.
  return text.match(WORD) ?? [];
}

/** The words of a text plus the closed-up forms of its hyphenated words: what a field is indexed under. */
export function indexWords(text: string, normalize: (word: string) => string = normalizeSearchWord): string[] {
  return [...searchWords(text, normalize), ...closedCompounds(text, normalize)];
}

/**
 * The closed-up forms of a text's hyphenated words ("pre-training" → "pretraining"), normalised: the matches of
 * /[\p{L}\p{N}]+(?:[-\u2010\u2011][\p{L}\p{N}]+)+/gu, found from the words without running that regex. Its runs
 * of letters and digits are the words' pieces between apostrophes, and a match is a maximal chain of runs joined
 * by exactly one hyphen. The regex would backtrack through every letter of every word, and compiling it costs
 * milliseconds on a cold start.
 */
export function closedCompounds(text: string, normalize: (word: string) => string = normalizeSearchWord): string[] {
  if (!HYPHEN.test(text)) return [];
  const spans: number[] = [];
  let chainStart = -1;
  let chainEnd = -1;
  let links = 0;
  const endChain = (): void => {
    if (links > 0) spans.push(chainStart, chainEnd);
  };
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    const token = m[0];
    let runStart = m.index;
    for (let i = 0; i <= token.length; i++) {
      if (i < token.length && token[i] !== "'" && token[i] !== '’') continue;
      const end = m.index + i;
      if (chainEnd >= 0 && runStart === chainEnd + 1 && isHyphen(text.charCodeAt(chainEnd))) {
        chainEnd = end;
        links++;
      } else {
        endChain();
        chainStart = runStart;
        chainEnd = end;
        links = 0;
      }
      runStart = end + 1;
    }
  }
  endChain();
  const result: string[] = [];
  for (let k = 0; k < spans.length; k += 2) result.push(normalize(text.slice(spans[k], spans[k + 1]).replace(/[-\u2010\u2011]/gu, '')));
  return result;
}

function isHyphen(code: number): boolean {
  return code === 0x2d || code === 0x2010 || code === 0x2011;
}

function isAscii(word: string): boolean {
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) > 0x7f) return false;
  return true;
}

/**
 * normalizeSearchWord with a memo: a corpus repeats its words over and over, and NFKD normalisation is the
 * dearest part of building an index. One per build; it grows with the vocabulary, then is dropped.
 */
export function memoizedNormalizer(): (word: string) => string {
  const memo = new Map<string, string>();
  return (word) => {
    let w = memo.get(word);
    if (w === undefined) {
      w = normalizeSearchWord(word);
      memo.set(word, w);
    }
    return w;
  };
}
