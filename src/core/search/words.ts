/**
 * Words as search sees them: lower case, without diacritics (so "pesut" finds "Pešut"), straight apostrophes,
 * no possessive and no plain plural -s. A hyphenated word is also indexed closed up ("pre-training" →
 * "pre", "training", "pretraining") so that every spelling a writer types finds it.
 */
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;
const HYPHENATED = /[\p{L}\p{N}]+(?:[-\u2010\u2011][\p{L}\p{N}]+)+/gu;
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
  // match() with a global regex gives the matched strings without building a match object per word.
  const found = text.match(WORD);
  return found === null ? [] : found.map((w) => normalize(w));
}

/** The words of a text plus the closed-up forms of its hyphenated words: what a field is indexed under. */
export function indexWords(text: string, normalize: (word: string) => string = normalizeSearchWord): string[] {
  return [...searchWords(text, normalize), ...closedCompounds(text, normalize)];
}

/** The closed-up forms of a text's hyphenated words ("pre-training" → "pretraining"), normalised. */
export function closedCompounds(text: string, normalize: (word: string) => string = normalizeSearchWord): string[] {
  // The hyphenated-word regex is slow on long texts; most have no hyphen at all.
  if (!HYPHEN.test(text)) return [];
  return (text.match(HYPHENATED) ?? []).map((compound) => normalize(compound.replace(/[-\u2010\u2011]/gu, '')));
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
