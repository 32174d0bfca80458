import { dateOrder } from '../format/dates';
import type { Quote, Source } from './model';
import { PauseEvery, runToEnd, Steps } from '../util/steps';

/**
 * The same words of the same speaker often stand in several sources: Sutskever's NeurIPS words, quoted again in
 * a 2025 interview. They are one quote, offered once, attributed to the original occasion and dated by it, with
 * the sources that quote them listed; a later source never dates a speaker's words.
 *
 * The original is, in this order: a source where the words are the speaker's own (no author, or the speaker is
 * the author: a transcript, their essay), then the earliest dated, then the first loaded. Only direct words are
 * merged: a report is its writer's own words, whoever else reports the same view.
 */
export interface RepeatedQuotes {
  /** One quote per group: what lists, search and hovers offer. */
  readonly shown: Quote[];
  /** Every quote, the echoes pointing at their original: what a source's own list and lookups by id use. */
  readonly all: Quote[];
}

export function mergeRepeatedQuotes(quotes: readonly Quote[]): RepeatedQuotes {
  return runToEnd(mergeRepeatedQuotesSteps(quotes));
}

/**
 * mergeRepeatedQuotes, pausing every few hundred quotes (see core/util/steps.ts). `keyOf`: a text's wordsKey, from
 * a memo in the source worker's rebuild (kb/knowledgeBaseMemo.ts).
 */
export function* mergeRepeatedQuotesSteps(quotes: readonly Quote[], keyOf: (text: string) => string = wordsKey): Steps<RepeatedQuotes> {
  const groups = new Map<string, Quote[]>();
  const pause = new PauseEvery(200);
  for (const quote of quotes) {
    if (pause.due()) yield;
    if (quote.attribution !== 'direct') continue;
    const key = `${quote.speaker.id}\u0000${keyOf(quote.text)}`;
    const group = groups.get(key);
    if (group) group.push(quote);
    else groups.set(key, [quote]);
  }
  const replaced = new Map<Quote, Quote>();
  for (const group of groups.values()) {
    if (group.length < 2 || new Set(group.map((q) => q.source)).size < 2) continue;
    const [first, ...later] = [...group].sort(occasionOrder);
    const original: Quote = { ...first, quotedIn: uniqueSources(later.map((q) => q.source)) };
    replaced.set(first, original);
    for (const echo of later) replaced.set(echo, { ...echo, original });
  }
  const all = quotes.map((q) => replaced.get(q) ?? q);
  return { all, shown: all.filter((q) => q.original === undefined) };
}

/** Whether the source is the speaker's own occasion rather than someone else's piece quoting them. */
export function isOwnOccasion(quote: Quote): boolean {
  const author = quote.source.author;
  return author === undefined || author.id === quote.speaker.id;
}

function occasionOrder(a: Quote, b: Quote): number {
  const own = Number(isOwnOccasion(b)) - Number(isOwnOccasion(a));
  if (own !== 0) return own;
  const da = dateOrder(a.source.date) ?? Number.MAX_SAFE_INTEGER;
  const db = dateOrder(b.source.date) ?? Number.MAX_SAFE_INTEGER;
  return da - db;
}

function uniqueSources(sources: readonly Source[]): Source[] {
  return [...new Set(sources)];
}

/** Words as a reader compares them: case, typographic quotes and apostrophes, spacing and end punctuation aside. */
export function wordsKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[‘’ʼ`]/gu, "'")
    .replace(/[“”„]/gu, '"')
    .replace(/\s+/gu, ' ')
    .replace(/^[\s"'(]+|[\s"'.,;:!?)…]+$/gu, '');
}
