// The sidebar on a large corpus: expanding a theme of 30,000 or 300,000 quotes (its level of groups, then the last
// page), and a typed filter over all of them, the first time (each quote's haystack folded and kept) and again.
// Baselines in the same run: every row of the level made at once (no paging), and a plain lowercase `includes` over
// the quotes' texts (no accents, speakers, titles or typos). Moved here from the integration test, which asserted
// times (timings live in the bench, not in tests).
import type { Quote, Theme } from '../../src/core/kb/model';
import { QuoteFilter } from '../../src/features/sidebar/filter';
import { quoteChildren, SidebarNode, ThemeNode } from '../../src/features/sidebar/nodes';
import { collectGarbage, now, summarize, Summary } from '../lib/stats';

export interface SidebarCell {
  readonly quotes: number;
  /** The theme's level (groups), then the last group's page of rows. */
  readonly expand: Summary;
  /** Every row of the level made at once, as a tree without paging would. */
  readonly allRows: Summary;
  readonly firstFilter: number;
  /** The longest step of a filter worked out ahead of the views (the sidebar runs it in slices of a few ms). */
  readonly longestFilterStep: number;
  readonly filter: Summary;
  /** A lowercase `includes` over the texts alone. */
  readonly plainFilter: Summary;
  readonly matches: number;
}

const THEME: Theme = { id: 'bench', label: 'Bench', description: 'A theme of every quote' };
const FILTER = 'sutskever peak data';

function themeOf(quotes: readonly Quote[]): ThemeNode {
  return { kind: 'theme', id: 'theme:bench', view: 'themes', parent: undefined, quotes, total: quotes.length, theme: THEME };
}

function lastPage(nodes: readonly SidebarNode[]): number {
  let level = nodes;
  while (level.length > 0 && level[level.length - 1].kind === 'group') {
    const last = level[level.length - 1];
    level = last.kind === 'group' ? last.children() : [];
  }
  return level.length;
}

function timed(rounds: number, run: () => unknown): Summary {
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = now();
    run();
    samples.push(now() - t0);
  }
  return summarize(samples);
}

export function runSidebar(corpora: readonly (readonly Quote[])[], rounds: number, log: (line: string) => void): SidebarCell[] {
  return corpora.map((quotes) => {
    log(`sidebar over ${quotes.length.toLocaleString('en-US')} quotes…`);
    collectGarbage();
    const owner = themeOf(quotes);
    const expand = timed(rounds, () => lastPage(quoteChildren(owner)));
    const allRows = timed(rounds, () => quotes.map((quote) => ({ kind: 'quote', id: `${owner.id}/${quote.id}`, quote, owner })));
    const first = new QuoteFilter(FILTER);
    const t0 = now();
    let matches = quotes.filter((q) => first.matches(q)).length;
    const firstFilter = now() - t0;
    const filter = timed(rounds, () => {
      const typed = new QuoteFilter(FILTER);
      matches = quotes.filter((q) => typed.matches(q)).length;
    });
    let longestFilterStep = 0;
    const steps = new QuoteFilter(`${FILTER} again`).prepare(quotes);
    for (let done = false; !done; ) {
      const s0 = now();
      done = steps.next().done === true;
      longestFilterStep = Math.max(longestFilterStep, now() - s0);
    }
    const words = FILTER.split(' ');
    const plainFilter = timed(rounds, () => quotes.filter((q) => words.every((w) => q.text.toLowerCase().includes(w))).length);
    return { quotes: quotes.length, expand, allRows, firstFilter, longestFilterStep, filter, plainFilter, matches };
  });
}
