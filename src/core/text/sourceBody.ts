import { findAllFlexible, isWhitespace } from './flexibleMatch';
import { firstIndexWhere } from '../util/binarySearch';

/** Where the body of a source is: the catalog's anchors when it has them, the generic heuristics otherwise. */
export interface BodySpec {
  readonly start?: string;
  readonly end?: string;
  readonly exclude?: readonly string[];
}

/** A piece of the body: `length` characters at `textStart` in the repaired text, at `bodyStart` in the body. */
interface Segment {
  readonly bodyStart: number;
  readonly textStart: number;
  readonly length: number;
}

/**
 * The body of a source: the repaired text without site chrome (calls to action, footers, a duplicated lead,
 * a timestamp glued to the headline). Quotes are located, searched and shown only within it, and every body
 * offset maps back to the repaired text (and from there to the raw file).
 */
export class SourceBody {
  constructor(
    readonly text: string,
    private readonly segments: readonly Segment[],
    /** Problems with the spec, e.g. an anchor that does not occur; the body then falls back to heuristics. */
    readonly problems: readonly string[],
  ) {}

  /** The segments as three numbers each (body start, text start, length): a snapshot's form (core/snapshot). */
  segmentArray(): Int32Array {
    const out = new Int32Array(this.segments.length * 3);
    this.segments.forEach((s, k) => out.set([s.bodyStart, s.textStart, s.length], k * 3));
    return out;
  }

  /** The body of `text` with these segments, as extractBody made it: its text is the segments joined. */
  static fromSegments(text: string, numbers: Int32Array, problems: readonly string[]): SourceBody {
    const segments: Segment[] = [];
    for (let k = 0; k + 2 < numbers.length; k += 3) segments.push({ bodyStart: numbers[k], textStart: numbers[k + 1], length: numbers[k + 2] });
    return new SourceBody(segments.map((s) => text.slice(s.textStart, s.textStart + s.length)).join(SEGMENT_SEPARATOR), segments, problems);
  }

  /** The offset in the repaired text of a body offset. */
  toText(bodyOffset: number): number {
    // The last segment starting at or before the offset (else the first); by binary search, as every quote
    // of a source asks and a body may have many segments.
    const segment = this.segments[Math.max(0, this.lastSegmentAtOrBefore((s) => s.bodyStart, bodyOffset))];
    if (!segment) return bodyOffset;
    return segment.textStart + Math.min(bodyOffset - segment.bodyStart, segment.length);
  }

  /** The body offset of a repaired-text offset, or undefined when that offset is outside the body. */
  fromText(textOffset: number): number | undefined {
    const i = this.lastSegmentAtOrBefore((s) => s.textStart, textOffset);
    // Segments do not overlap; one ending exactly where the next starts answers first, as a scan would.
    for (const k of [i - 1, i]) {
      const s = this.segments[k];
      if (s && textOffset >= s.textStart && textOffset <= s.textStart + s.length) return s.bodyStart + textOffset - s.textStart;
    }
    return undefined;
  }

  /** The index of the last segment whose key is ≤ offset (segments are in order), or -1. */
  private lastSegmentAtOrBefore(key: (s: Segment) => number, offset: number): number {
    return firstIndexWhere(this.segments.length, (k) => key(this.segments[k]) > offset) - 1;
  }
}

const SEGMENT_SEPARATOR = '\n\n';

export function extractBody(text: string, spec: BodySpec = {}): SourceBody {
  const problems: string[] = [];
  const start = spec.start !== undefined ? anchorStart(text, spec.start, 'body.start', problems) : undefined;
  const end = spec.end !== undefined ? anchorEnd(text, spec.end, 'body.end', problems) : undefined;
  const bodyStart = start ?? guessBodyStart(text);
  const bodyEnd = end ?? guessBodyEnd(text, bodyStart);
  if (bodyEnd <= bodyStart) {
    problems.push('body.end comes before body.start; using the whole text');
    return buildBody(text, [[0, text.length]], problems);
  }
  const excluded = [
    ...(spec.exclude ?? []).flatMap((anchor, i) => {
      const span = anchorSpan(text, anchor, `exclude[${i}]`, problems);
      return span ? [span] : [];
    }),
    ...truncatedDuplicateParagraphs(text, bodyStart, bodyEnd),
  ].sort((a, b) => a[0] - b[0]);
  return buildBody(text, subtractSpans([bodyStart, bodyEnd], excluded), problems);
}

function buildBody(text: string, spans: readonly (readonly [number, number])[], problems: string[]): SourceBody {
  const segments: Segment[] = [];
  let body = '';
  for (const [rawStart, rawEnd] of spans) {
    const [s, e] = trimSpan(text, rawStart, rawEnd);
    if (e <= s) continue;
    if (body.length > 0) body += SEGMENT_SEPARATOR;
    segments.push({ bodyStart: body.length, textStart: s, length: e - s });
    body += text.slice(s, e);
  }
  return new SourceBody(body, segments, problems);
}

function trimSpan(text: string, start: number, end: number): [number, number] {
  while (start < end && /\s/u.test(text[start])) start++;
  while (end > start && /\s/u.test(text[end - 1])) end--;
  return [start, end];
}

function subtractSpans(span: readonly [number, number], holes: readonly [number, number][]): [number, number][] {
  const result: [number, number][] = [];
  let cursor = span[0];
  for (const [hs, he] of holes) {
    if (he <= cursor || hs >= span[1]) continue;
    if (hs > cursor) result.push([cursor, hs]);
    cursor = Math.max(cursor, he);
  }
  if (cursor < span[1]) result.push([cursor, span[1]]);
  return result;
}

function anchorSpan(text: string, anchor: string, what: string, problems: string[]): [number, number] | undefined {
  const matches = findAllFlexible(text, anchor);
  if (matches.length === 0) {
    problems.push(`${what}: ${JSON.stringify(shorten(anchor))} does not occur in the text`);
    return undefined;
  }
  if (matches.length > 1) problems.push(`${what}: ${JSON.stringify(shorten(anchor))} occurs ${matches.length} times; using the first`);
  return [matches[0].start, matches[0].end];
}

function anchorStart(text: string, anchor: string, what: string, problems: string[]): number | undefined {
  return anchorSpan(text, anchor, what, problems)?.[0];
}

function anchorEnd(text: string, anchor: string, what: string, problems: string[]): number | undefined {
  return anchorSpan(text, anchor, what, problems)?.[1];
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** A timestamp glued to the start of the text, as scrapers write them: "Sun Nov 17 09:58:42 UTC 2024: ". */
const LEADING_TIMESTAMP =
  /^\s*(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,? +)?(?:[A-Z][a-z]{2,8} +\d{1,2} +\d{1,2}:\d{2}(?::\d{2})?(?: +[A-Z]{2,5})? +\d{4}|\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)\s*[:|–-]\s*/u;

function guessBodyStart(text: string): number {
  const timestamp = LEADING_TIMESTAMP.exec(text);
  return timestamp ? timestamp[0].length : 0;
}

/**
 * Lines with which site chrome begins at the end of a scraped article. Only lines that are nothing but such a
 * phrase count, and only in the last two thirds of the text, so an article that talks about them is safe.
 */
const CHROME_LINE =
  /^\s*(?:\*\s*)?(?:leave a (?:comment|reply)|read more|post navigation|more reading|back to top|share this(?: post| article)?|related (?:posts|articles)|you (?:might|may) also like|if you like this post|subscribe(?: to our newsletter)?|all rights reserved|may not be reproduced\b|image by\b|contact us|copyright\b|©)/iu;

function guessBodyEnd(text: string, from: number): number {
  const minimum = from + Math.floor((text.length - from) / 3);
  let offset = 0;
  for (const line of text.split('\n')) {
    const isChrome = CHROME_LINE.test(line) && (line.trim().length <= 80 || /may not be reproduced/iu.test(line));
    if (offset >= minimum && isChrome) return offset;
    offset += line.length + 1;
  }
  return text.length;
}

/**
 * A lead paragraph that a scraper kept twice, the first time cut off mid-word ("…lag behi"): the cut copy is a
 * prefix of the next paragraph and does not end a sentence.
 */
function truncatedDuplicateParagraphs(text: string, from: number, to: number): [number, number][] {
  const spans: [number, number][] = [];
  const paragraphs = paragraphsOf(text.slice(from, to), from);
  for (let i = 0; i + 1 < paragraphs.length; i++) {
    const current = paragraphs[i].text.trim();
    const next = paragraphs[i + 1].text.trim();
    const endsSentence = /[.!?…:"”’)\]]$/u.test(current);
    if (current.length >= 40 && !endsSentence && next.length > current.length && next.startsWith(current)) {
      spans.push([paragraphs[i].start, paragraphs[i].start + paragraphs[i].text.length]);
    }
  }
  return spans;
}

/**
 * What /[^\n]+(?:\n(?!\s*\n)[^\n]*)*\/g matches: runs of lines up to a line break followed by a blank line
 * (whitespace up to another \n). Computed with one backward pass for "is a blank line ahead", because the
 * lookahead re-read a whole block of whitespace-only lines at each of them (15 s for 400 KB of them).
 */
function paragraphsOf(text: string, offset: number): { start: number; text: string }[] {
  const n = text.length;
  const blankAhead = new Uint8Array(n + 1);
  for (let i = n - 1; i >= 0; i--) {
    const code = text.charCodeAt(i);
    blankAhead[i] = code === 10 ? 1 : isWhitespace(code) ? blankAhead[i + 1] : 0;
  }
  const paragraphs: { start: number; text: string }[] = [];
  let i = 0;
  while (i < n) {
    if (text.charCodeAt(i) === 10) {
      i++;
      continue;
    }
    const start = i;
    let end = lineEnd(text, i);
    while (end < n && blankAhead[end + 1] === 0) end = lineEnd(text, end + 1);
    paragraphs.push({ start: offset + start, text: text.slice(start, end) });
    i = end;
  }
  return paragraphs;
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end < 0 ? text.length : end;
}
