import type { Quote } from '../../core/kb/model';
import { matchesWithTypos } from '../../core/search/typoMatch';

/**
 * Text as the filter compares it: accents stripped ("Pešut" → "pesut"), case folded, typographic quotes and
 * apostrophes made plain, runs of whitespace made one space.
 */
export function foldForFilter(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[‘’ʼ′]/gu, "'")
    .replace(/[“”„″]/gu, '"')
    .replace(/[‐‑‒–—―]/gu, '-')
    .toLowerCase()
    .replace(/\s+/gu, ' ')
    .trim();
}

const haystacks = new WeakMap<Quote, string>();

/** Everything a typed filter can match in a quote: its words, who, where, and its theme and term labels. */
function haystack(quote: Quote): string {
  let text = haystacks.get(quote);
  if (text === undefined) {
    const parts = [
      quote.text,
      quote.speaker.name,
      ...quote.speaker.aliases,
      ...quote.about.flatMap((s) => [s.name, ...s.aliases]),
      quote.source.title,
      ...quote.themes.map((t) => t.label),
      ...quote.terms.flatMap((t) => [t.label, ...t.variants]),
    ];
    text = foldForFilter(parts.join('\n'));
    haystacks.set(quote, text);
  }
  return text;
}

const haystackWordLists = new WeakMap<Quote, readonly string[]>();

function haystackWords(quote: Quote): readonly string[] {
  let words = haystackWordLists.get(quote);
  if (words === undefined) {
    words = [...new Set(haystack(quote).split(/[^\p{L}\p{N}']+/u).filter((w) => w.length > 0))];
    haystackWordLists.set(quote, words);
  }
  return words;
}

/**
 * A typed filter: a quote matches when every word of it occurs somewhere in the quote's text, speaker, source
 * title, or theme and term labels ("sutskever peak" finds his quotes on peak data), as typed or with a typo
 * ("fosil" finds "fossil"), as the quote picker does.
 */
export class QuoteFilter {
  private readonly words: readonly string[];
  /** Whether a filter word matches a word of some quote with typos, remembered: the corpus repeats its words. */
  private readonly typoMatches = new Map<string, boolean>();

  constructor(readonly text: string) {
    this.words = foldForFilter(text).split(' ').filter((w) => w.length > 0);
  }

  /** An empty or all-blank filter is no filter. */
  static parse(text: string | undefined): QuoteFilter | undefined {
    const filter = new QuoteFilter((text ?? '').trim());
    return filter.words.length > 0 ? filter : undefined;
  }

  matches(quote: Quote): boolean {
    const h = haystack(quote);
    return this.words.every((w) => h.includes(w) || haystackWords(quote).some((word) => this.matchesWithTypos(w, word)));
  }

  private matchesWithTypos(typed: string, word: string): boolean {
    const key = `${typed}\u0000${word}`;
    let result = this.typoMatches.get(key);
    if (result === undefined) {
      result = matchesWithTypos(typed, word);
      this.typoMatches.set(key, result);
    }
    return result;
  }
}
