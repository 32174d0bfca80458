/**
 * Finds text whose only differences from a needle are in whitespace (a quote copied across a line break, two
 * spaces for one). Returns [start, end) spans in the haystack.
 */
export function findAllFlexible(haystack: string, needle: string): { start: number; end: number }[] {
  const pattern = flexiblePattern(needle);
  if (!pattern) return [];
  const spans: { start: number; end: number }[] = [];
  const regex = new RegExp(pattern, 'gu');
  for (let m = regex.exec(haystack); m; m = regex.exec(haystack)) {
    spans.push({ start: m.index, end: m.index + m[0].length });
    if (m[0].length === 0) regex.lastIndex++;
  }
  return spans;
}

function flexiblePattern(needle: string): string | undefined {
  const words = needle.trim().split(/\s+/u).filter(Boolean);
  if (words.length === 0) return undefined;
  return words.map(escapeRegExp).join('\\s+');
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Collapses runs of whitespace to single spaces and trims: the form in which quotes are shown and compared. */
export function normalizeWhitespace(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}
