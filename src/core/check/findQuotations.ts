import type { TextRange } from '../kb/model';
import { OutputFormat, outputFormatFor } from '../format/formatQuote';
import { firstIndexWhere } from '../util/binarySearch';

/**
 * A passage a writer presents as someone's words: in quotation marks, or a blockquote (a LaTeX quote
 * environment counts as one). Offsets are UTF-16 offsets into the text that was scanned.
 */
export interface Quotation {
  /** The quoted words: inside the marks, without surrounding space and a trailing comma or colon. */
  readonly start: number;
  readonly end: number;
  /** Including the quotation marks (for a blockquote, the same as start/end). */
  readonly outerStart: number;
  readonly outerEnd: number;
  readonly kind: 'marks' | 'blockquote';
  /** The blockquote (or quote environment) this quotation is in, if any; for marks inside a blockquote too. */
  readonly block?: TextRange;
  /** An attribution line of the blockquote ("— Ilya Sutskever, *Title*"), inside it or right after it. */
  readonly attributionLine?: TextRange;
}

/**
 * Finds the quotations of a document: straight "…" and curly “…” marks (curly ones nest), LaTeX ``…'' and
 * \enquote{…}, Markdown blockquotes (consecutive `>` lines, one quotation per paragraph) and LaTeX quote
 * environments. Code in Markdown (fences, inline code, HTML comments) and LaTeX comments and verbatim are
 * ignored. Marks never pair across a blank line. A blockquote that contains quotation marks is not itself a
 * quotation: the marked passages are (`> "…," said X.`).
 *
 * Linear in the length of the text: no opening mark makes the scan read the rest of its paragraph again (a
 * draft of 100,000 unmatched “ or `-"a` took minutes), and no position is tested against every range.
 */
export function findQuotations(text: string, languageId: string): Quotation[] {
  // The same three families as insertion: a document is read the way its quotes are written.
  const language = outputFormatFor(languageId);
  const masked = language === 'markdown' ? maskMarkdown(text) : language === 'latex' ? maskLatex(text) : text;
  const blocks = language === 'markdown' ? markdownBlockquotes(masked) : language === 'latex' ? latexQuoteEnvironments(masked) : [];
  const marks = findMarkedSpans(masked, language);
  return [...markQuotations(text, marks, blocks), ...blockQuotations(text, marks, blocks)].sort((a, b) => a.start - b.start);
}

/** The marked passages, each with the block it is in. Marks and blocks are in order and do not overlap. */
function markQuotations(text: string, marks: readonly MarkedSpan[], blocks: readonly Block[]): Quotation[] {
  const result: Quotation[] = [];
  let b = 0;
  for (const span of marks) {
    const inner = trimContent(text, span.innerStart, span.innerEnd);
    if (inner.end <= inner.start) continue;
    while (b + 1 < blocks.length && blocks[b + 1].range.start <= span.outerStart) b++;
    const candidate = blocks[b];
    const block = candidate && candidate.range.start <= span.outerStart && span.outerEnd <= candidate.range.end ? candidate : undefined;
    result.push({
      start: inner.start,
      end: inner.end,
      outerStart: span.outerStart,
      outerEnd: span.outerEnd,
      kind: 'marks',
      block: block?.range,
      attributionLine: block?.attributionLine,
    });
  }
  return result;
}

/** The paragraphs of the blocks that contain no marked passage. */
function blockQuotations(text: string, marks: readonly MarkedSpan[], blocks: readonly Block[]): Quotation[] {
  const result: Quotation[] = [];
  let m = 0;
  for (const block of blocks) {
    // The first mark starting in the block ends before any later one: it alone tells whether one fits.
    while (m < marks.length && marks[m].outerStart < block.range.start) m++;
    if (m < marks.length && marks[m].outerEnd <= block.range.end) continue;
    for (const paragraph of block.paragraphs) {
      const inner = trimContent(text, paragraph.start, paragraph.end);
      if (inner.end <= inner.start) continue;
      result.push({ ...inner, outerStart: inner.start, outerEnd: inner.end, kind: 'blockquote', block: block.range, attributionLine: block.attributionLine });
    }
  }
  return result;
}

/** Trims whitespace, and a trailing comma, semicolon or colon that belongs to the sentence, not the quote. */
function trimContent(text: string, start: number, end: number): TextRange {
  while (start < end && /\s/u.test(text[start])) start++;
  while (end > start && /[\s,;:]/u.test(text[end - 1])) end--;
  return { start, end };
}

// ---- Helpers for scanning once ---------------------------------------------------------------------------

/**
 * text.indexOf(needle, from), remembering the last answer: every `from` between the last query and its answer
 * has the same answer, so a run of openings that all look for the same closing mark reads the text once.
 */
class NextOccurrence {
  private from = Infinity;
  private found = -1;

  constructor(
    private readonly text: string,
    private readonly needle: string,
  ) {}

  at(from: number): number {
    if (from >= this.from && (this.found < 0 || from <= this.found)) return this.found;
    this.from = from;
    this.found = this.text.indexOf(this.needle, from);
    return this.found;
  }
}

/**
 * Whether offsets fall in any of the given ranges (sorted by start, possibly overlapping), for offsets asked
 * in ascending order: the ranges that start at or before the offset are passed once, keeping their furthest end.
 */
class RangeCursor {
  private next = 0;
  private reach = -1;

  constructor(private readonly ranges: readonly (readonly [number, number])[]) {}

  contains(offset: number): boolean {
    while (this.next < this.ranges.length && this.ranges[this.next][0] <= offset) this.reach = Math.max(this.reach, this.ranges[this.next++][1]);
    return offset < this.reach;
  }
}

function byStart(ranges: readonly (readonly [number, number])[]): [number, number][] {
  return ranges.map(([s, e]): [number, number] => [s, e]).sort((a, b) => a[0] - b[0]);
}

// ---- Masking ---------------------------------------------------------------------------------------------

/**
 * The text with the given ranges blanked out: a space for every UTF-16 unit but line breaks, so offsets and
 * lines stay (an emoji is two spaces: blanking it as one character shifted every later offset by one).
 */
function blankRanges(text: string, ranges: readonly (readonly [number, number])[]): string {
  if (ranges.length === 0) return text;
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  if (sorted.length >= MANY_RANGES) return blankUnits(text, sorted);
  const pieces: string[] = [];
  let cursor = 0;
  for (const [start, end] of sorted) {
    if (end <= cursor) continue;
    const from = Math.max(start, cursor);
    // Without the u flag, [^\n\r] is one UTF-16 unit.
    pieces.push(text.slice(cursor, from), text.slice(from, end).replace(/[^\n\r]/g, ' '));
    cursor = end;
  }
  pieces.push(text.slice(cursor));
  return pieces.join('');
}

/** From this many ranges on (inline code all over a draft), blanking unit by unit beats slicing and joining. */
const MANY_RANGES = 512;

function blankUnits(text: string, ranges: readonly (readonly [number, number])[]): string {
  const units = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) units[i] = text.charCodeAt(i);
  for (const [start, end] of ranges) {
    for (let i = start; i < end; i++) if (units[i] !== 10 && units[i] !== 13) units[i] = 32;
  }
  const chunks: string[] = [];
  for (let i = 0; i < units.length; i += 8192) chunks.push(String.fromCharCode(...units.subarray(i, i + 8192)));
  return chunks.join('');
}

/** Markdown without fenced code, inline code and HTML comments (same length, same line breaks). */
export function maskMarkdown(text: string): string {
  const fences = fencedCodeBlocks(text);
  const comments = htmlComments(text, fences);
  const code = inlineCode(text, byStart([...fences, ...comments]));
  return blankRanges(text, [...fences, ...comments, ...code]);
}

function fencedCodeBlocks(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  if (!text.includes('```') && !text.includes('~~~')) return ranges;
  const fence = /^ {0,3}(`{3,}|~{3,})[^\n]*$/gmu;
  for (let m = fence.exec(text); m; m = fence.exec(text)) {
    const marker = m[1];
    const close = new RegExp(`^ {0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}[ \\t]*$`, 'gmu');
    close.lastIndex = m.index + m[0].length;
    const end = close.exec(text);
    const stop = end ? end.index + end[0].length : text.length;
    ranges.push([m.index, stop]);
    fence.lastIndex = stop;
  }
  return ranges;
}

/** HTML comments outside fenced code (fences are in order and do not overlap). */
function htmlComments(text: string, fences: readonly [number, number][]): [number, number][] {
  const ranges: [number, number][] = [];
  const inFence = new RangeCursor(fences);
  for (let open = text.indexOf('<!--'); open >= 0; open = text.indexOf('<!--', open + 4)) {
    if (inFence.contains(open)) continue;
    const close = text.indexOf('-->', open + 4);
    const stop = close < 0 ? text.length : close + 3;
    ranges.push([open, stop]);
    open = stop - 4;
  }
  return ranges;
}

/**
 * Inline code: a run of n backticks up to the next run of exactly n, within a paragraph; runs inside fences
 * and comments open nothing. Each run's closing candidate, the next run of the same length, is found once.
 */
function inlineCode(text: string, masked: readonly [number, number][]): [number, number][] {
  const ranges: [number, number][] = [];
  const runs = backtickRuns(text);
  const inMasked = new RangeCursor(masked);
  const breaks = blankLineStarts(text, /[ \t]/u);
  let nextBreak = 0;
  let i = 0;
  for (let r = 0; r < runs.count; r++) {
    const start = runs.start[r];
    if (start < i) continue;
    i = start + runs.length[r];
    if (inMasked.contains(start)) continue;
    while (nextBreak < breaks.length && breaks[nextBreak] < start) nextBreak++;
    const limit = nextBreak < breaks.length ? breaks[nextBreak] : text.length;
    const close = runs.nextSameLength[r];
    if (close >= 0 && runs.start[close] < limit) {
      i = runs.start[close] + runs.length[close];
      ranges.push([start, i]);
    }
  }
  return ranges;
}

/** The maximal runs of backticks, in order: where each starts, its length, and the next run of that length (or -1). */
interface BacktickRuns {
  readonly count: number;
  readonly start: readonly number[];
  readonly length: readonly number[];
  readonly nextSameLength: Int32Array;
}

function backtickRuns(text: string): BacktickRuns {
  const starts: number[] = [];
  const lengths: number[] = [];
  for (let i = text.indexOf('`'); i >= 0; i = text.indexOf('`', i)) {
    let n = 1;
    while (text.charCodeAt(i + n) === 96) n++;
    starts.push(i);
    lengths.push(n);
    i += n;
  }
  const count = starts.length;
  const nextSameLength = new Int32Array(count).fill(-1);
  const lastOfLength = new Map<number, number>();
  for (let r = 0; r < count; r++) {
    const previous = lastOfLength.get(lengths[r]);
    if (previous !== undefined) nextSameLength[previous] = r;
    lastOfLength.set(lengths[r], r);
  }
  return { count, start: starts, length: lengths, nextSameLength };
}

/** Every offset where /\n[blank]*\n/ matches (overlapping ones too), in order: where paragraphs end. */
function blankLineStarts(text: string, blank: RegExp): number[] {
  const starts: number[] = [];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    let j = i + 1;
    while (j < text.length && blank.test(text[j])) j++;
    if (text[j] === '\n') starts.push(i);
  }
  return starts;
}

/** LaTeX without comments (an unescaped % to the end of the line) and verbatim material. */
export function maskLatex(text: string): string {
  const verbatim = [...verbatimEnvironments(text), ...verbSpans(text)];
  const inVerbatim = new RangeCursor(byStart(verbatim));
  const comments: [number, number][] = [];
  for (let i = text.indexOf('%'); i >= 0; i = text.indexOf('%', i + 1)) {
    let backslashes = 0;
    for (let j = i - 1; j >= 0 && text[j] === '\\'; j--) backslashes++;
    if (backslashes % 2 === 1 || inVerbatim.contains(i)) continue;
    let end = text.indexOf('\n', i);
    if (end < 0) end = text.length;
    comments.push([i, end]);
    i = end;
  }
  return blankRanges(text, [...verbatim, ...comments]);
}

/**
 * What /\\begin\{(verbatim|lstlisting|minted|comment)\*?\}[\s\S]*?\\end\{\1\*?\}/g matches, found without
 * the lazy scan that reads to the end of the text again for every unclosed \begin.
 */
function verbatimEnvironments(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  const begin = /\\begin\{(verbatim|lstlisting|minted|comment)\*?\}/gu;
  const ends = new Map<string, NextOccurrence>();
  for (let m = begin.exec(text); m; m = begin.exec(text)) {
    const name = m[1];
    let finder = ends.get(name);
    if (!finder) ends.set(name, (finder = new NextOccurrence(text, `\\end{${name}`)));
    const stop = environmentEnd(text, finder, begin.lastIndex, `\\end{${name}`.length);
    if (stop < 0) {
      begin.lastIndex = m.index + 1;
      continue;
    }
    ranges.push([m.index, stop]);
    begin.lastIndex = stop;
  }
  return ranges;
}

/** The end of the first `\end{name}` or `\end{name*}` from `from` (the finder looks for `\end{name`), or -1. */
function environmentEnd(text: string, finder: NextOccurrence, from: number, prefixLength: number): number {
  for (let at = finder.at(from); at >= 0; at = finder.at(at + 1)) {
    const after = at + prefixLength;
    if (text[after] === '}') return after + 1;
    if (text[after] === '*' && text[after + 1] === '}') return after + 2;
  }
  return -1;
}

/**
 * What /\\verb\*?([^\sa-zA-Z*])[^\n]*?\1/g matches: \verb, its delimiter, and the same delimiter again on the
 * same line. Each delimiter's occurrences are listed once, so a line of unclosed \verb is not read again for
 * each of them.
 */
function verbSpans(text: string): [number, number][] {
  const openings: { start: number; delimiter: string; contentStart: number }[] = [];
  const opening = /\\verb\*?([^\sa-zA-Z*])/uy;
  for (let at = text.indexOf('\\verb'); at >= 0; at = text.indexOf('\\verb', at + 1)) {
    opening.lastIndex = at;
    const m = opening.exec(text);
    if (m) openings.push({ start: at, delimiter: m[1], contentStart: at + m[0].length });
  }
  if (openings.length === 0) return [];
  const occurrences = codePointPositions(text, new Set(openings.map((o) => o.delimiter)));
  const newline = new NextOccurrence(text, '\n');
  const ranges: [number, number][] = [];
  let free = 0;
  for (const { start, delimiter, contentStart } of openings) {
    if (start < free) continue;
    const close = firstAtOrAfter(occurrences.get(delimiter) ?? [], contentStart);
    const lineEnd = newline.at(contentStart);
    if (close < 0 || (lineEnd >= 0 && close > lineEnd)) continue;
    ranges.push([start, close + delimiter.length]);
    free = close + delimiter.length;
  }
  return ranges;
}

/** Where each of the given characters (code points) occurs, in order; the text is read by code points. */
function codePointPositions(text: string, wanted: ReadonlySet<string>): Map<string, number[]> {
  const positions = new Map<string, number[]>();
  for (let i = 0; i < text.length; i++) {
    const width = isSurrogatePair(text, i) ? 2 : 1;
    const ch = width === 2 ? text.slice(i, i + 2) : text[i];
    if (wanted.has(ch)) {
      const list = positions.get(ch);
      if (list) list.push(i);
      else positions.set(ch, [i]);
    }
    i += width - 1;
  }
  return positions;
}

function isSurrogatePair(text: string, i: number): boolean {
  const high = text.charCodeAt(i);
  const low = text.charCodeAt(i + 1);
  return high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff;
}

/** The first element ≥ value of an ascending list, or -1. */
function firstAtOrAfter(sorted: readonly number[], value: number): number {
  const at = firstIndexWhere(sorted.length, (k) => sorted[k] >= value);
  return at < sorted.length ? sorted[at] : -1;
}

// ---- Quotation marks --------------------------------------------------------------------------------------

interface MarkedSpan {
  readonly outerStart: number;
  readonly outerEnd: number;
  readonly innerStart: number;
  readonly innerEnd: number;
}

const OPENING_CONTEXT = /[\s([{\u2014\u2013\-/:>*_~]/u;

function findMarkedSpans(text: string, language: OutputFormat): MarkedSpan[] {
  const breaks = blankLineStarts(text, /[ \t>]/u);
  let nextBreak = 0;
  // Openings are tried in ascending order, so the paragraph end moves forward only.
  const paragraphEnd = (from: number): number => {
    while (nextBreak < breaks.length && breaks[nextBreak] < from) nextBreak++;
    return nextBreak < breaks.length ? breaks[nextBreak] : text.length;
  };
  const closers = new Closers(text);
  const spans: MarkedSpan[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    let span: MarkedSpan | undefined;
    if (ch === '\u201C') {
      span = closers.curly(i, paragraphEnd(i));
    } else if (ch === '"') {
      span = closers.straight(i, paragraphEnd(i));
    } else if (language === 'latex' && ch === '`' && text[i + 1] === '`') {
      span = closers.latexDouble(i, paragraphEnd(i));
    } else if (language === 'latex' && ch === '\\' && text.startsWith('\\enquote', i)) {
      span = closers.enquote(i);
    } else if (ch === '\u00AB') {
      span = closers.guillemets(i, paragraphEnd(i));
    }
    if (span) {
      spans.push(span);
      i = span.outerEnd;
    } else {
      i++;
    }
  }
  return spans;
}

/**
 * The closing mark for an opening one, each kind found without rescanning: curly quotes and \enquote braces
 * are paired once for the whole text (a stack), the others remember where their next candidate is.
 */
class Closers {
  private curlyPairs?: Map<number, number>;
  private bracePairs?: Map<number, number>;
  private readonly straightCloser: StraightCloser;
  private readonly doubleApostrophe: NextOccurrence;
  private readonly closingGuillemet: NextOccurrence;

  constructor(private readonly text: string) {
    this.straightCloser = new StraightCloser(text);
    this.doubleApostrophe = new NextOccurrence(text, "''");
    this.closingGuillemet = new NextOccurrence(text, '\u00BB');
  }

  /** “ closes at the ” that brings its depth back to zero (curly quotes nest), within its paragraph. */
  curly(open: number, limit: number): MarkedSpan | undefined {
    this.curlyPairs ??= pairs(this.text, '\u201C', '\u201D', false);
    const close = this.curlyPairs.get(open);
    if (close === undefined || close >= limit) return undefined;
    return { outerStart: open, outerEnd: close + 1, innerStart: open + 1, innerEnd: close };
  }

  /** A straight " opens after space or opening punctuation and before a non-space; it closes after a non-space. */
  straight(open: number, limit: number): MarkedSpan | undefined {
    const before = open > 0 ? this.text[open - 1] : ' ';
    const after = this.text[open + 1] ?? ' ';
    if (!OPENING_CONTEXT.test(before) || /\s/u.test(after) || after === '"') return undefined;
    const close = this.straightCloser.from(open + 1);
    if (close < 0 || close >= limit || /\s/u.test(this.text[close - 1])) return undefined;
    return { outerStart: open, outerEnd: close + 1, innerStart: open + 1, innerEnd: close };
  }

  latexDouble(open: number, limit: number): MarkedSpan | undefined {
    const close = this.doubleApostrophe.at(open + 2);
    if (close < 0 || close >= limit) return undefined;
    return { outerStart: open, outerEnd: close + 2, innerStart: open + 2, innerEnd: close };
  }

  enquote(start: number): MarkedSpan | undefined {
    const m = /^\\enquote\*?\s*\{/u.exec(this.text.slice(start, start + 20));
    if (!m) return undefined;
    const innerStart = start + m[0].length;
    // The { right before innerStart is never escaped (it follows e, * or a space), so pairing the braces of
    // the whole text from its start, skipping escaped characters, pairs it exactly as a scan from it would.
    this.bracePairs ??= pairs(this.text, '{', '}', true);
    const close = this.bracePairs.get(innerStart - 1);
    if (close === undefined) return undefined;
    return { outerStart: start, outerEnd: close + 1, innerStart, innerEnd: close };
  }

  guillemets(open: number, limit: number): MarkedSpan | undefined {
    const close = this.closingGuillemet.at(open + 1);
    if (close > 0 && close < limit) return { outerStart: open, outerEnd: close + 1, innerStart: open + 1, innerEnd: close };
    return undefined;
  }
}

/**
 * Pairs opening and closing characters with a stack, in one pass: each opening maps to the closing that
 * brings the depth back to where it was. A closing with nothing open is ignored. With `escapes`, a backslash
 * hides the character after it.
 */
function pairs(text: string, opening: string, closing: string, escapes: boolean): Map<number, number> {
  const result = new Map<number, number>();
  const open: number[] = [];
  for (let j = 0; j < text.length; j++) {
    const ch = text[j];
    if (escapes && ch === '\\') j++;
    else if (ch === opening) open.push(j);
    else if (ch === closing && open.length > 0) result.set(open.pop() as number, j);
  }
  return result;
}

/**
 * The first straight " from an offset that decides a straight quotation: one after a space (nothing opened
 * before it closes; the quotation fails) or one not followed by a letter or digit (it closes). Marks followed
 * by a letter (12"screen) are passed over. Which mark decides does not depend on where the quotation opened,
 * so the answer is remembered for every later opening before it.
 */
class StraightCloser {
  private asked = Infinity;
  private found = -1;

  constructor(private readonly text: string) {}

  from(offset: number): number {
    if (offset >= this.asked && (this.found < 0 || offset <= this.found)) return this.found;
    this.asked = offset;
    this.found = -1;
    for (let j = this.text.indexOf('"', offset); j >= 0; j = this.text.indexOf('"', j + 1)) {
      if (/\s/u.test(this.text[j - 1]) || !/[\p{L}\p{N}]/u.test(this.text[j + 1] ?? ' ')) {
        this.found = j;
        break;
      }
    }
    return this.found;
  }
}

// ---- Blockquotes -----------------------------------------------------------------------------------------

interface Block {
  readonly range: TextRange;
  readonly paragraphs: TextRange[];
  readonly attributionLine?: TextRange;
}

const ATTRIBUTION_START = /^(?:\u2014|\u2013|\u2015|---?|-)\s*\S/u;

function markdownBlockquotes(text: string): Block[] {
  const lines: { start: number; end: number; contentStart: number; quoted: boolean }[] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    const m = /^ {0,3}(?:>[ \t]?)+/u.exec(line);
    lines.push({ start: offset, end: offset + line.length, contentStart: offset + (m ? m[0].length : 0), quoted: m !== null });
    offset += line.length + 1;
  }
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].quoted) continue;
    let j = i;
    while (j + 1 < lines.length && lines[j + 1].quoted) j++;
    const paragraphs: TextRange[] = [];
    let current: TextRange | undefined;
    for (let k = i; k <= j; k++) {
      const line = lines[k];
      const isBlank = text.slice(line.contentStart, line.end).trim() === '';
      if (isBlank) {
        if (current) paragraphs.push(current);
        current = undefined;
      } else {
        current = current ? { start: current.start, end: line.end } : { start: line.contentStart, end: line.end };
      }
    }
    if (current) paragraphs.push(current);
    let attributionLine: TextRange | undefined;
    const last = paragraphs[paragraphs.length - 1];
    const lastLine = lines[j];
    if (last && ATTRIBUTION_START.test(text.slice(lastLine.contentStart, lastLine.end).trim())) {
      // "> — Speaker, *Title*": the block's last line, a paragraph of its own or not.
      attributionLine = { start: lastLine.contentStart, end: lastLine.end };
      if (last.start >= lastLine.contentStart) paragraphs.pop();
      else paragraphs[paragraphs.length - 1] = { start: last.start, end: lines[j - 1].end };
    } else if (j + 1 < lines.length) {
      const next = lines[j + 1];
      if (ATTRIBUTION_START.test(text.slice(next.start, next.end).trim())) attributionLine = { start: next.start, end: next.end };
    }
    blocks.push({ range: { start: lines[i].start, end: lines[j].end }, paragraphs, attributionLine });
    i = j;
  }
  return blocks;
}

function latexQuoteEnvironments(text: string): Block[] {
  const blocks: Block[] = [];
  for (const env of quoteEnvironments(text)) {
    const { start, end, contentStart, contentEnd } = env;
    const content = text.slice(contentStart, contentEnd);
    const attribution = attributionAtEnd(content);
    const quotedEnd = attribution >= 0 ? contentStart + attribution : contentEnd;
    const paragraphs: TextRange[] = [];
    let cursor = contentStart;
    for (const part of text.slice(contentStart, quotedEnd).split(/\n[ \t]*\n|\\par\b/u)) {
      paragraphs.push({ start: cursor, end: cursor + part.length });
      cursor += part.length;
      const sep = /^(?:\n[ \t]*\n|\\par\b)/u.exec(text.slice(cursor, quotedEnd));
      if (sep) cursor += sep[0].length;
    }
    blocks.push({
      range: { start, end },
      paragraphs: paragraphs.filter((p) => text.slice(p.start, p.end).trim() !== ''),
      attributionLine: attribution >= 0 ? { start: contentStart + attribution, end: contentEnd } : undefined,
    });
  }
  return blocks;
}

interface Environment {
  readonly start: number;
  readonly end: number;
  readonly contentStart: number;
  readonly contentEnd: number;
}

/**
 * What /\\begin\{(quote|quotation|displayquote)\}(?:\[[^\]]*\])?([\s\S]*?)\\end\{\1\}/g matches (an optional
 * [argument], then up to the first \end of the same environment), found by remembered searches instead of a
 * lazy scan that reads to the end of the text again for every unclosed \begin.
 */
function quoteEnvironments(text: string): Environment[] {
  const found: Environment[] = [];
  const begin = /\\begin\{(quote|quotation|displayquote)\}/gu;
  const ends = new Map<string, NextOccurrence>();
  const closingBracket = new NextOccurrence(text, ']');
  for (let m = begin.exec(text); m; m = begin.exec(text)) {
    const endTag = `\\end{${m[1]}}`;
    let finder = ends.get(endTag);
    if (!finder) ends.set(endTag, (finder = new NextOccurrence(text, endTag)));
    const afterBegin = begin.lastIndex;
    // The [argument] is tried first, as the greedy ? does; without an \end after it, the content starts at [.
    const bracket = text[afterBegin] === '[' ? closingBracket.at(afterBegin + 1) : -1;
    const withArgument = bracket >= 0 ? finder.at(bracket + 1) : -1;
    const contentStart = withArgument >= 0 ? bracket + 1 : afterBegin;
    const contentEnd = withArgument >= 0 ? withArgument : finder.at(afterBegin);
    if (contentEnd < 0) continue;
    found.push({ start: m.index, end: contentEnd + endTag.length, contentStart, contentEnd });
    begin.lastIndex = contentEnd + endTag.length;
  }
  return found;
}

/**
 * Where the attribution at the end of a quote environment's content starts ("\par --- Speaker, \emph{Title}",
 * or a dash on the last line), or -1: the index of /(?:\\par\s*)?(?:---?|\u2014|\u2013)\s*\S[^\n]*\s*$/u. Its \S
 * must be on the last line with text, so no match starts before that line but for a dash (and a \par) with
 * only space between it and that line; the expression is run from there, not from every dash of the content.
 */
function attributionAtEnd(content: string): number {
  let last = content.length - 1;
  while (last >= 0 && /\s/u.test(content[last])) last--;
  if (last < 0) return -1;
  let from = content.lastIndexOf('\n', last) + 1;
  while (from > 0 && /\s/u.test(content[from - 1])) from--;
  for (let dashes = 0; dashes < 3 && from > 0 && /[-\u2014\u2013]/u.test(content[from - 1]); dashes++) from--;
  while (from > 0 && /\s/u.test(content[from - 1])) from--;
  if (content.startsWith('\\par', from - 4)) from -= 4;
  const m = /(?:\\par\s*)?(?:---?|\u2014|\u2013)\s*\S[^\n]*\s*$/u.exec(content.slice(Math.max(0, from)));
  return m ? Math.max(0, from) + m.index : -1;
}
