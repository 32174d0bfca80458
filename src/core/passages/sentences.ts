import type { TextRange } from '../kb/model';

/**
 * Sentences of a text, by the platform's Unicode sentence segmenter (Intl.Segmenter, UAX #29, in Node and every
 * browser) with what it gets wrong in English prose put right: a title or abbreviation before a name ("Dr. Smith",
 * "Mr. Brown") does not end a sentence, and a line break always does (a transcript line, a heading, a list item is
 * never glued to the next line).
 */

/** Abbreviations after which a period rarely ends a sentence (compared lowercased, without the period). */
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'sr', 'jr', 'st', 'mt', 'vs', 'e.g', 'i.e', 'cf', 'al', 'fig',
  'vol', 'pp', 'ch', 'sec', 'approx', 'u.s', 'u.k', 'jan', 'feb', 'mar', 'apr',
  'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'gen', 'col', 'lt', 'sgt', 'capt', 'rev', 'hon',
]);

const LINE_BREAK = /\r\n?|\n|\u2028|\u2029/gu;

let segmenter: Intl.Segmenter | undefined;

/** Sentence ranges of text[start, end), trimmed of surrounding whitespace, in order; empty ones dropped. */
export function sentenceRanges(text: string, start = 0, end = text.length): TextRange[] {
  segmenter ??= new Intl.Segmenter('en', { granularity: 'sentence' });
  const ranges: TextRange[] = [];
  for (const line of lineRanges(text, start, end)) {
    let pending: TextRange | undefined;
    for (const segment of segmenter.segment(text.slice(line.start, line.end))) {
      const range = trimmed(text, line.start + segment.index, line.start + segment.index + segment.segment.length);
      if (!range) continue;
      if (pending && endsWithAbbreviation(text, pending)) pending = { start: pending.start, end: range.end };
      else {
        if (pending) ranges.push(pending);
        pending = range;
      }
    }
    if (pending) ranges.push(pending);
  }
  return ranges;
}

function* lineRanges(text: string, start: number, end: number): Generator<TextRange> {
  LINE_BREAK.lastIndex = start;
  let from = start;
  for (let m = LINE_BREAK.exec(text); m && m.index < end; m = LINE_BREAK.exec(text)) {
    if (m.index > from) yield { start: from, end: m.index };
    from = m.index + m[0].length;
  }
  if (end > from) yield { start: from, end };
}

function trimmed(text: string, start: number, end: number): TextRange | undefined {
  while (start < end && /\s/u.test(text[start])) start++;
  while (end > start && /\s/u.test(text[end - 1])) end--;
  return end > start ? { start, end } : undefined;
}

/** "… Dr." or "… e.g.": the segment ends at a period after a known abbreviation or a single initial ("J."). */
function endsWithAbbreviation(text: string, range: TextRange): boolean {
  if (text[range.end - 1] !== '.') return false;
  let wordStart = range.end - 1;
  while (wordStart > range.start && /[\p{L}.]/u.test(text[wordStart - 1])) wordStart--;
  const word = text.slice(wordStart, range.end - 1).toLowerCase();
  if (word.length === 1 && /\p{Lu}/u.test(text[wordStart])) return true; // an initial: "J. R. R. Tolkien"
  return ABBREVIATIONS.has(word);
}
