import Fuse, { IFuseOptions } from 'fuse.js';
import type { Quote, Term } from '../../src/core/kb/model';

/**
 * The baselines every figure is compared with, measured in the same process as our code:
 * - fuse.js with its default configuration over every field a quote has (what one gets by reaching for fuse.js
 *   without tuning it), with `includeMatches` and no limit;
 * - a plain case-insensitive substring scan over all fields of all quotes: the floor, since nothing that reads
 *   every quote per keystroke can be faster;
 * - for hover: a naive `indexOf` of every term spelling on the whole lowercased line.
 */

export const FUSE_KEYS = ['text', 'speaker.name', 'about.name', 'source.title', 'themes.label', 'terms.label'];

export function fuseDefault(quotes: readonly Quote[]): Fuse<Quote> {
  const options: IFuseOptions<Quote> = { keys: FUSE_KEYS, includeMatches: true };
  return new Fuse(quotes as Quote[], options);
}

/** Ids in fuse.js's order (all results: no limit). */
export function fuseSearch(fuse: Fuse<Quote>, query: string): Quote[] {
  return fuse.search(query).map((r) => r.item);
}

export class SubstringScan {
  private readonly haystacks: string[];
  constructor(private readonly quotes: readonly Quote[]) {
    this.haystacks = quotes.map((q) =>
      [q.text, q.speaker.name, ...q.about.map((p) => p.name), q.source.title, ...q.themes.map((t) => t.label), ...q.terms.map((t) => t.label)]
        .join('\n')
        .toLowerCase(),
    );
  }

  /** Every quote whose fields contain the query, in corpus order, cut to `limit` only after the full scan. */
  search(query: string, limit = 50): Quote[] {
    const needle = query.trim().toLowerCase();
    if (!needle) return [];
    const found: Quote[] = [];
    const haystacks = this.haystacks;
    for (let i = 0; i < haystacks.length; i++) if (haystacks[i].includes(needle)) found.push(this.quotes[i]);
    return found.length > limit ? found.slice(0, limit) : found;
  }
}

/** Hover baseline: lowercases the whole line and looks every spelling up with indexOf; longest covering match wins. */
export class NaiveTermLookup {
  private readonly spellings: { text: string; term: Term }[];
  constructor(terms: readonly Term[]) {
    this.spellings = terms.flatMap((term) => [term.label, ...term.variants].map((s) => ({ text: s.toLowerCase(), term })));
  }

  termAt(line: string, character: number): { term: Term; start: number; end: number } | undefined {
    const lower = line.toLowerCase();
    let best: { term: Term; start: number; end: number } | undefined;
    for (const { text, term } of this.spellings) {
      let i = lower.indexOf(text);
      while (i !== -1 && i <= character) {
        const end = i + text.length;
        if (end > character && (!best || end - i > best.end - best.start)) best = { term, start: i, end };
        i = lower.indexOf(text, i + 1);
      }
    }
    return best;
  }
}
