import type { TextRange } from '../kb/model';
import { firstIndexWhere } from '../util/binarySearch';

/**
 * Sentences around quotations, for attribution: where the sentences of a text start (a splitter that knows
 * quotation marks and Markdown lines), and each quotation's context of text before and after it in its sentence.
 * The passages of a source are split by core/passages/sentences.ts instead (the platform's segmenter).
 */

/** The places around one quotation: the text before it in its sentence, after it, and the sentences around. */
export interface QuotationContext {
  readonly before: TextRange;
  readonly after: TextRange;
  /** Whether the quotation is a sentence of its own (nothing but markup before and after it in its sentence). */
  readonly wholeSentence: boolean;
  readonly previousSentence?: TextRange;
  readonly nextSentence?: TextRange;
}

const ABBREVIATION = /(?:^|[^\p{L}])(?:Dr|Mr|Mrs|Ms|Prof|St|Jr|Sr|vs|etc|e\.g|i\.e|cf|Fig|No|U\.S|U\.K|\p{Lu})$/u;

/**
 * Sentence starts of a text, as sorted offsets. A sentence ends at . ! ? (and closing quotes or brackets)
 * followed by space, at a blank line, and at the start of a heading, list item or blockquote line. Text inside
 * the given quotations never ends a sentence, except that a quotation ending in . ! ? and followed by a
 * capital letter ends one.
 */
export function sentenceStarts(
  text: string,
  quotations: readonly { outerStart: number; outerEnd: number; start: number; end: number }[],
  from = 0,
  to = text.length,
): number[] {
  const starts = [from];
  let q = 0;
  const sorted = [...quotations].sort((a, b) => a.outerStart - b.outerStart);
  for (let i = from; i < to; i++) {
    while (q < sorted.length && sorted[q].outerEnd <= i) q++;
    if (q < sorted.length && sorted[q].outerStart <= i && i < sorted[q].outerEnd) {
      const quotation = sorted[q];
      const rest = /^[\s*_]+(?=\p{Lu})/u.exec(text.slice(quotation.outerEnd, quotation.outerEnd + 20));
      if (endsSentence(text, quotation.start, quotation.end) && rest && !/\n\s*$/u.test(text.slice(quotation.outerStart - 2, quotation.outerStart))) starts.push(quotation.outerEnd + rest[0].length);
      i = quotation.outerEnd - 1;
      continue;
    }
    const ch = text[i];
    if (ch === '\n') {
      const nextLine = /^\n([ \t]*\n)+[ \t]*/u.exec(text.slice(i, i + 200));
      if (nextLine) {
        starts.push(i + nextLine[0].length);
        i += nextLine[0].length - 1;
        continue;
      }
      const lineStart = /^\n[ \t]*(?=(?:[-*+]|\d+[.)])[ \t]|#|>|\|)/u.exec(text.slice(i, i + 12));
      const previousLine = text.slice(text.lastIndexOf('\n', i - 1) + 1, i);
      if (lineStart || /^\s*(?:#|>)/u.test(previousLine)) starts.push(i + 1);
      continue;
    }
    if (ch === '.' || ch === '!' || ch === '?') {
      if (ch === '.' && ABBREVIATION.test(text.slice(Math.max(0, i - 6), i))) continue;
      let j = i + 1;
      while (j < text.length && /[)\]"'”’*_]/u.test(text[j])) j++;
      if (j < text.length && !/\s/u.test(text[j])) continue;
      while (j < text.length && /[ \t]/u.test(text[j])) j++;
      if (j < text.length && text[j] !== '\n') starts.push(j);
    }
  }
  return [...new Set(starts)].sort((a, b) => a - b);
}

/** Whether text[start, end) ends, before trailing whitespace, with . ! ? or … (read from the end, not copied). */
function endsSentence(text: string, start: number, end: number): boolean {
  let last = end - 1;
  while (last >= start && /\s/u.test(text[last])) last--;
  return last >= start && /[.!?…]/u.test(text[last]);
}

/** The largest element ≤ offset (the start of the sentence containing offset), or 0. */
export function startAtOrBefore(starts: readonly number[], offset: number): number {
  const after = firstIndexWhere(starts.length, (k) => starts[k] > offset);
  return after > 0 ? starts[after - 1] : 0;
}

/** The smallest element > offset, or the text length. */
export function startAfter(starts: readonly number[], offset: number, textLength: number): number {
  const after = firstIndexWhere(starts.length, (k) => starts[k] > offset);
  return after < starts.length ? starts[after] : textLength;
}

/**
 * The context of each quotation (sorted by position): the text before it back to its sentence start or the
 * previous quotation, the text after it up to its sentence end or the next quotation, and its neighbours.
 */
export function quotationContexts(
  text: string,
  quotations: readonly { outerStart: number; outerEnd: number; start: number; end: number }[],
  maxReach = 300,
): QuotationContext[] {
  const starts = sentenceStarts(text, quotations);
  return quotations.map((_, i) => contextOf(text, quotations, i, starts, maxReach));
}

/**
 * The context of one quotation, looking only at the paragraphs around it: fast on a long document, where
 * only the few quotations that match a source quote need one.
 */
export function quotationContextAt(
  text: string,
  quotations: readonly { outerStart: number; outerEnd: number; start: number; end: number }[],
  i: number,
  maxReach = 300,
): QuotationContext {
  const q = quotations[i];
  const from = paragraphStartBefore(text, Math.max(0, q.outerStart - maxReach));
  const after = text.slice(q.outerEnd, q.outerEnd + 2 * maxReach).search(/\n[ \t]*\n/u);
  const tentative = after < 0 ? Math.min(text.length, q.outerEnd + 2 * maxReach) : q.outerEnd + after;
  const to = Math.min(text.length, tentative + 1);
  const nearby = quotationsBetween(quotations, from, to);
  const starts = sentenceStarts(text, nearby, from, to);
  return contextOf(text, nearby, nearby.indexOf(q), starts, maxReach);
}

/**
 * The quotations that overlap [from, to). Quotations come in order without overlapping, as findQuotations
 * gives them, so the window is found by binary search: a check asks for every quotation that matches a
 * source, and filtering all of them each time was quadratic in a draft of many quotations.
 */
function quotationsBetween<Q extends { outerStart: number; outerEnd: number }>(quotations: readonly Q[], from: number, to: number): Q[] {
  if (!inOrder(quotations)) return quotations.filter((other) => other.outerEnd > from && other.outerStart < to);
  const nearby: Q[] = [];
  for (let i = firstIndexWhere(quotations.length, (k) => quotations[k].outerEnd > from); i < quotations.length && quotations[i].outerStart < to; i++) nearby.push(quotations[i]);
  return nearby;
}

const checkedInOrder = new WeakSet<readonly object[]>();

/** Whether the quotations are sorted and do not overlap (checked once per array). */
function inOrder(quotations: readonly { outerStart: number; outerEnd: number }[]): boolean {
  if (checkedInOrder.has(quotations)) return true;
  for (let i = 1; i < quotations.length; i++) {
    if (quotations[i].outerStart < quotations[i - 1].outerEnd || quotations[i].outerEnd < quotations[i - 1].outerEnd) return false;
  }
  checkedInOrder.add(quotations);
  return true;
}

function paragraphStartBefore(text: string, offset: number): number {
  const windowStart = Math.max(0, offset - 2000);
  const slice = text.slice(windowStart, offset);
  let last = -1;
  for (const m of slice.matchAll(/\n[ \t]*\n/gu)) last = (m.index ?? 0) + m[0].length;
  return last < 0 ? windowStart : windowStart + last;
}

function contextOf(
  text: string,
  quotations: readonly { outerStart: number; outerEnd: number; start: number; end: number }[],
  i: number,
  starts: readonly number[],
  maxReach: number,
): QuotationContext {
  const q = quotations[i];
  {
    const sentenceStart = startAtOrBefore(starts, q.outerStart);
    const previousEnd = i > 0 ? quotations[i - 1].outerEnd : 0;
    const beforeStart = Math.max(sentenceStart, previousEnd, q.outerStart - maxReach);
    // The sentence end after the quotation; a boundary right at its closing mark does not count.
    let sentenceEnd = startAfter(starts, q.outerEnd, text.length);
    const nextStart = i + 1 < quotations.length ? quotations[i + 1].outerStart : text.length;
    const afterEnd = Math.min(sentenceEnd, nextStart, q.outerEnd + maxReach);
    const beforeText = text.slice(beforeStart, q.outerStart);
    const afterText = text.slice(q.outerEnd, afterEnd);
    const ownSentenceStart = sentenceStart;
    const wholeSentence = /^[\s*_>#-]*$/u.test(beforeText) && /^[\s*_.!?,]*$/u.test(afterText) && ownSentenceStart >= previousEnd;
    let previousSentence: TextRange | undefined;
    let nextSentence: TextRange | undefined;
    if (wholeSentence) {
      const prevStart = startAtOrBefore(starts, Math.max(0, ownSentenceStart - 1));
      if (prevStart < ownSentenceStart && prevStart >= previousEnd && !/\n[ \t]*\n/u.test(text.slice(prevStart, ownSentenceStart).trimEnd())) {
        previousSentence = { start: prevStart, end: ownSentenceStart };
      }
      if (sentenceEnd <= q.outerEnd) sentenceEnd = startAfter(starts, q.outerEnd, text.length);
      const after = startAfter(starts, sentenceEnd, text.length);
      if (sentenceEnd < text.length && after <= nextStart && !/\n[ \t]*\n/u.test(text.slice(q.outerEnd, sentenceEnd))) {
        nextSentence = { start: sentenceEnd, end: after };
      }
    }
    return { before: { start: beforeStart, end: q.outerStart }, after: { start: q.outerEnd, end: afterEnd }, wholeSentence, previousSentence, nextSentence };
  }
}
