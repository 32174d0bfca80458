import type { SyntaxRegion } from './regions';

/**
 * Bare web addresses: `http://`, `https://` and `www.` up to the next space or character that cannot be in a URL
 * written in running text. Trailing sentence punctuation and an unbalanced closing bracket are not part of it
 * ("see https://example.com/a."). One pass of a regex without nested quantifiers: linear in the text.
 */
const URL_PATTERN = /\b(?:https?:\/\/|www\.)[^\s<>"'`{}|\\^]+/giu;
const TRAILING_PUNCTUATION = '.,;:!?\'"”’»)]';

export function urlRegions(text: string): SyntaxRegion[] {
  const regions: SyntaxRegion[] = [];
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = trimTrailingPunctuation(match[0]);
    if (url.length > 0) regions.push({ start: match.index, end: match.index + url.length, kind: 'url' });
  }
  return regions;
}

/**
 * Drops sentence punctuation after a URL, but keeps closing parentheses that close ones inside it
 * (https://en.wikipedia.org/wiki/Data_(computing)). A backward loop, not a regex: `[.]+$` retried at every
 * position of a megabyte of dots would be quadratic.
 */
function trimTrailingPunctuation(url: string): string {
  let end = url.length;
  while (end > 0 && TRAILING_PUNCTUATION.includes(url[end - 1])) end--;
  let unclosed = count(url, '(', end) - count(url, ')', end);
  while (end < url.length && url[end] === ')' && unclosed > 0) {
    end++;
    unclosed--;
  }
  return url.slice(0, end);
}

function count(text: string, char: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf(char); i >= 0 && i < end; i = text.indexOf(char, i + 1)) n++;
  return n;
}
