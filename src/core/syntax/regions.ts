/**
 * Excluded regions: the parts of a document that are not prose (code, comments, math, URLs, link targets,
 * citation keys…). Hover cards, term decorations and the misquote check leave them alone.
 */

/** What a region is, for messages and tests; every kind is excluded alike. */
export type RegionKind =
  | 'code'
  | 'comment'
  | 'math'
  | 'url'
  | 'link'
  | 'html'
  | 'frontMatter'
  | 'verbatim'
  | 'command';

/** A span [start, end) of UTF-16 offsets into the document text. */
export interface SyntaxRegion {
  readonly start: number;
  readonly end: number;
  readonly kind: RegionKind;
}

/**
 * Answers "does [start, end) touch an excluded region?" for one version of a document. `start === end` asks
 * about the single character at `start`.
 */
export interface ExclusionIndex {
  excludes(start: number, end: number): boolean;
  /** Every region, sorted by start, none overlapping. */
  regions(): readonly SyntaxRegion[];
}

/**
 * Sorts regions by start and merges the ones that overlap (the first keeps its kind), so lookups can binary
 * search. Empty regions are dropped.
 */
export function normalizeRegions(regions: readonly SyntaxRegion[]): SyntaxRegion[] {
  const sorted = regions.filter((r) => r.end > r.start).sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: SyntaxRegion[] = [];
  for (const region of sorted) {
    const last = merged[merged.length - 1];
    if (last && region.start < last.end) {
      if (region.end > last.end) merged[merged.length - 1] = { ...last, end: region.end };
    } else {
      merged.push(region);
    }
  }
  return merged;
}

/** Index of the first region that ends after `offset` in sorted, non-overlapping regions (length if none). */
export function firstRegionEndingAfter(regions: readonly SyntaxRegion[], offset: number): number {
  let lo = 0;
  let hi = regions.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (regions[mid].end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether [start, end) (or the character at `start` when they are equal) overlaps a sorted region list. */
export function overlapsRegion(regions: readonly SyntaxRegion[], start: number, end: number): boolean {
  const last = Math.max(start + 1, end);
  const index = firstRegionEndingAfter(regions, start);
  return index < regions.length && regions[index].start < last;
}

/** An ExclusionIndex over regions known in full (LaTeX, plain text): a binary search per question. */
export function sortedRegionIndex(regions: readonly SyntaxRegion[]): ExclusionIndex {
  const sorted = normalizeRegions(regions);
  return {
    excludes: (start, end) => overlapsRegion(sorted, start, end),
    regions: () => sorted,
  };
}
