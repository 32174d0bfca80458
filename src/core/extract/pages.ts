import type { Quote } from '../kb/model';

/**
 * Pages of a paged source (a PDF) are separated in its extracted text by a form feed, the character that has
 * meant "next page" since line printers: it is whitespace to every matcher (a quote may run across a page
 * break), it shows as a marker in the read-only view of the text, and it is never part of a quote's words.
 */
export const PAGE_BREAK = '\f';

/** The 1-based page of an offset in a paged text, or undefined when the text has no page breaks. */
export function pageAt(text: string, offset: number): number | undefined {
  if (!text.includes(PAGE_BREAK)) return undefined;
  let page = 1;
  for (let i = text.indexOf(PAGE_BREAK); i >= 0 && i < offset; i = text.indexOf(PAGE_BREAK, i + 1)) page++;
  return page;
}

/** Page start offsets of a paged text (the first is 0), for many lookups in one text. */
export function pageStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf(PAGE_BREAK); i >= 0; i = text.indexOf(PAGE_BREAK, i + 1)) starts.push(i + 1);
  return starts;
}

/**
 * Sets `page` on the quotes of paged sources, from where each starts in the text as read. Quotes are built
 * fresh for every knowledge base, so this runs once on a new corpus, before any surface sees it.
 * (Until buildKnowledgeBase sets the page itself; see the report of issue #17.)
 */
export function assignQuotePages(quotes: readonly Quote[]): void {
  const startsBySource = new Map<string, number[]>();
  for (const quote of quotes) {
    if (quote.page !== undefined || !quote.source.raw.includes(PAGE_BREAK)) continue;
    let starts = startsBySource.get(quote.source.id);
    if (!starts) startsBySource.set(quote.source.id, (starts = pageStarts(quote.source.raw)));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= quote.rawRange.start) lo = mid;
      else hi = mid - 1;
    }
    (quote as { page?: number }).page = lo + 1;
  }
}
