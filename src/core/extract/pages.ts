import type { Source } from '../kb/model';
import { firstIndexWhere } from '../util/binarySearch';

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
  return Math.max(1, firstIndexWhere(starts.length, (k) => starts[k] > rawOffset));
}

/**
 * A paged text as a reader sees it: each page break shown as a line "— page N —", with offsets mapped both ways so
 * that a quote can be selected in the view and a selection in the view read back as body offsets.
 */
export class PagedView {
  readonly text: string;
  /** Offsets (in the original text) of the page breaks, ascending. */
  private readonly breaks: number[] = [];
  /** Extra characters the view has before the text after break i: cumulative. */
  private readonly shifts: number[] = [];

  constructor(original: string) {
    let view = '';
    let from = 0;
    let shift = 0;
    for (let i = original.indexOf(PAGE_BREAK); i >= 0; i = original.indexOf(PAGE_BREAK, i + 1)) {
      const marker = `\n— page ${this.breaks.length + 2} —\n`;
      view += original.slice(from, i) + marker;
      shift += marker.length - 1;
      this.breaks.push(i);
      this.shifts.push(shift);
      from = i + 1;
    }
    this.text = view + original.slice(from);
  }

  /** The view offset of an offset of the original text. */
  toView(offset: number): number {
    const k = this.breaksBefore(offset);
    return k === 0 ? offset : offset + this.shifts[k - 1];
  }

  /** The original offset of a view offset (inside a page marker: the page break itself). */
  fromView(viewOffset: number): number {
    // The number of breaks whose marker starts before viewOffset.
    const lo = firstIndexWhere(this.breaks.length, (k) => this.breaks[k] + (k === 0 ? 0 : this.shifts[k - 1]) >= viewOffset);
    if (lo === 0) return viewOffset;
    const markerStart = this.breaks[lo - 1] + (lo === 1 ? 0 : this.shifts[lo - 2]);
    const markerEnd = markerStart + this.shifts[lo - 1] - (lo === 1 ? 0 : this.shifts[lo - 2]) + 1;
    return viewOffset < markerEnd ? this.breaks[lo - 1] : viewOffset - this.shifts[lo - 1];
  }

  private breaksBefore(offset: number): number {
    return firstIndexWhere(this.breaks.length, (k) => this.breaks[k] >= offset);
  }
}
