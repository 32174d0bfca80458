import { normalizeSearchWord, searchWords } from './words';

/**
 * Typo-tolerant matching of short typed words against names and labels, for the places where a writer types a
 * few letters rather than a query: `@karpaty`, `#syntetic`, the sidebar filter ("fosil"), a term ("pre
 * trainng"). A typed word matches a word that it begins, or that it spells with one slip (two for long words):
 * a letter left out, added, changed or two swapped, counted against the word's start of the same length.
 */
export function typoBudget(typedLength: number): number {
  if (typedLength < 4) return 0;
  return typedLength < 8 ? 1 : 2;
}

/** Whether a typed (normalised) word is a prefix of `word` up to typos, or the whole of it. */
export function matchesWithTypos(typed: string, word: string): boolean {
  if (word.startsWith(typed)) return true;
  // A number is exact: "2999" must not find "2998".
  const budget = /\d/u.test(typed) ? 0 : typoBudget(typed.length);
  if (budget === 0) return false;
  // The typed word stands for a start of the word whose length differs by at most the budget.
  for (let length = typed.length - budget; length <= typed.length + budget; length++) {
    if (length <= 0 || length > word.length) continue;
    if (editDistanceWithin(typed, word.slice(0, length), budget)) return true;
  }
  return false;
}

/** Every word of `typed` matches, in any order, some word of one of the names (normalised as search does). */
export function phraseMatchesWithTypos(typed: string, names: readonly string[]): boolean {
  const wanted = searchWords(typed.replace(/[-_]/gu, ' '));
  if (wanted.length === 0) return true;
  return names.some((name) => {
    const words = searchWords(name.replace(/[-_]/gu, ' '));
    const closed = normalizeSearchWord(name.replace(/[\s\-_]/gu, ''));
    return wanted.every((w) => words.some((n) => matchesWithTypos(w, n))) || matchesWithTypos(wanted.join(''), closed);
  });
}

/**
 * Optimal string alignment distance (Damerau–Levenshtein with adjacent swaps) of two short strings, given up as
 * soon as every cell of a row exceeds the budget.
 */
export function editDistanceWithin(a: string, b: string, budget: number): boolean {
  if (Math.abs(a.length - b.length) > budget) return false;
  let previous2: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, previous2[j - 2] + 1);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > budget) return false;
    previous2 = previous;
    previous = current;
  }
  return previous[b.length] <= budget;
}
