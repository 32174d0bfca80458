import type { Term } from '../kb/model';
import { phraseMatchesWithTypos } from '../search/typoMatch';
import { normalizeSearchWord, searchWords } from '../search/words';

/**
 * The glossary terms a few typed words can mean, best first: the term spelled exactly, then terms whose label or
 * variants the words begin, then those they spell with a typo ("pre trainng" → pre-training). An empty query
 * gives every term, by label.
 */
export function rankTerms(terms: readonly Term[], query: string): Term[] {
  const byLabel = [...terms].sort((a, b) => a.label.localeCompare(b.label, 'en', { sensitivity: 'base' }));
  const typed = closedUp(query);
  if (!typed) return byLabel;
  const ranked: { term: Term; rank: number }[] = [];
  for (const term of byLabel) {
    const spellings = [term.label, ...term.variants];
    const closed = spellings.map(closedUp);
    const rank = closed.includes(typed) ? 0 : closed.some((s) => s.startsWith(typed)) ? 1 : phraseMatchesWithTypos(query, spellings) ? 2 : -1;
    if (rank >= 0) ranked.push({ term, rank });
  }
  return ranked.sort((a, b) => a.rank - b.rank).map((r) => r.term);
}

/** "Pre Training", "pre-training" and "pretraining" all read "pretraining". */
function closedUp(text: string): string {
  return searchWords(text).map(normalizeSearchWord).join('');
}
