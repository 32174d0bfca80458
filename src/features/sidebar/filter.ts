import type { Quote } from '../../core/kb/model';
import { PauseEvery, Steps } from '../../core/util/steps';
import { matchesWithTypos, typoBudget } from '../../core/search/typoMatch';

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
  /**
   * Per filter word, whether it matches a word of some quote with typos, remembered: the corpus repeats its words.
   * One table per filter word, keyed by the quote's word alone (no key to build per lookup).
   */
  private readonly typoMatches: readonly Map<string, boolean>[];
  /**
   * Per filter word, the shortest word it can match: one it begins, or whose start it spells within its typo
   * budget. Most of a quote's words are shorter than a name typed in full, and are passed over without a lookup.
   */
  private readonly shortest: readonly number[];
  /** Each quote's verdict: the three views and the entities under them ask about the same quotes many times. */
  private readonly verdicts = new WeakMap<Quote, boolean>();

  constructor(readonly text: string) {
    this.words = foldForFilter(text).split(' ').filter((w) => w.length > 0);
    this.typoMatches = this.words.map(() => new Map<string, boolean>());
    this.shortest = this.words.map((w) => w.length - (/\d/u.test(w) ? 0 : typoBudget(w.length)));
  }

  /** An empty or all-blank filter is no filter. */
  static parse(text: string | undefined): QuoteFilter | undefined {
    const filter = new QuoteFilter((text ?? '').trim());
    return filter.words.length > 0 ? filter : undefined;
  }

  /**
   * Works out the verdict of each of `quotes` ahead of the views, pausing as it goes: over 30,000 quotes a filter
   * takes the better part of a second, which the views then read back at once.
   */
  *prepare(quotes: readonly Quote[]): Steps<void> {
    const pause = new PauseEvery(100);
    for (const quote of quotes) {
      if (pause.due()) yield;
      this.matches(quote);
    }
  }

  matches(quote: Quote): boolean {
    let verdict = this.verdicts.get(quote);
    if (verdict === undefined) {
      const h = haystack(quote);
      verdict = this.words.every((w, k) => h.includes(w) || haystackWords(quote).some((word) => word.length >= this.shortest[k] && this.matchesWithTypos(k, word)));
      this.verdicts.set(quote, verdict);
    }
    return verdict;
  }

  private matchesWithTypos(wordIndex: number, word: string): boolean {
    const known = this.typoMatches[wordIndex];
    let result = known.get(word);
    if (result === undefined) {
      result = matchesWithTypos(this.words[wordIndex], word);
      known.set(word, result);
    }
    return result;
  }
}
