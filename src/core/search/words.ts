/**
 * Words as search sees them: lower case, without diacritics (so "pesut" finds "Pešut"), straight apostrophes,
 * no possessive and no plain plural -s. A hyphenated word is also indexed closed up ("pre-training" →
 * "pre", "training", "pretraining") so that every spelling a writer types finds it.
 */
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;
const HYPHENATED = /[\p{L}\p{N}]+(?:[-\u2010\u2011][\p{L}\p{N}]+)+/gu;
const DIACRITICS = /\p{M}+/gu;

export function normalizeSearchWord(word: string): string {
  let w = word.normalize('NFKD').replace(DIACRITICS, '').toLowerCase().replace(/’/gu, "'");
  if (w.endsWith("'s")) w = w.slice(0, -2);
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') && !/\d/u.test(w)) w = w.slice(0, -1);
  return w;
}

/** The words of a text in order, normalised. */
export function searchWords(text: string): string[] {
  return Array.from(text.matchAll(WORD), (m) => normalizeSearchWord(m[0]));
}

/** The words of a text plus the closed-up forms of its hyphenated words: what a field is indexed under. */
export function indexWords(text: string): string[] {
  const words = searchWords(text);
  for (const m of text.matchAll(HYPHENATED)) words.push(normalizeSearchWord(m[0].replace(/[-\u2010\u2011]/gu, '')));
  return words;
}
