import type { Source } from '../kb/model';

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

const startsBySource = new WeakMap<Source, readonly number[] | null>();

/**
 * The 1-based page of a paged source (a PDF) on which a raw offset lies, or undefined for a source without pages.
 * The page starts are found once per source: a source may have thousands of quotes and passages.
 */
export function pageOfSource(source: Source, rawOffset: number): number | undefined {
  let starts = startsBySource.get(source);
  if (starts === undefined) startsBySource.set(source, (starts = source.raw.includes(PAGE_BREAK) ? pageStarts(source.raw) : null));
  if (starts === null) return undefined;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= rawOffset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}
