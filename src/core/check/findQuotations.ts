import type { TextRange } from '../kb/model';
import { OutputFormat, outputFormatFor } from '../format/formatQuote';

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
 */
export function findQuotations(text: string, languageId: string): Quotation[] {
  // The same three families as insertion: a document is read the way its quotes are written.
  const language = outputFormatFor(languageId);
  const masked = language === 'markdown' ? maskMarkdown(text) : language === 'latex' ? maskLatex(text) : text;
  const blocks = language === 'markdown' ? markdownBlockquotes(masked) : language === 'latex' ? latexQuoteEnvironments(masked) : [];
  const marks = findMarkedSpans(masked, language);
  const result: Quotation[] = [];
  for (const span of marks) {
    const inner = trimContent(text, span.innerStart, span.innerEnd);
    if (inner.end <= inner.start) continue;
    const block = blocks.find((b) => b.range.start <= span.outerStart && span.outerEnd <= b.range.end);
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
  for (const block of blocks) {
    if (marks.some((m) => block.range.start <= m.outerStart && m.outerEnd <= block.range.end)) continue;
    for (const paragraph of block.paragraphs) {
      const inner = trimContent(text, paragraph.start, paragraph.end);
      if (inner.end <= inner.start) continue;
      result.push({ ...inner, outerStart: inner.start, outerEnd: inner.end, kind: 'blockquote', block: block.range, attributionLine: block.attributionLine });
    }
  }
  return result.sort((a, b) => a.start - b.start);
}

/** Trims whitespace, and a trailing comma, semicolon or colon that belongs to the sentence, not the quote. */
function trimContent(text: string, start: number, end: number): TextRange {
  while (start < end && /\s/u.test(text[start])) start++;
  while (end > start && /[\s,;:]/u.test(text[end - 1])) end--;
  return { start, end };
}

// ---- Masking ---------------------------------------------------------------------------------------------

/** The text with the given ranges blanked out: spaces for every character but line breaks (offsets stay). */
function blankRanges(text: string, ranges: readonly (readonly [number, number])[]): string {
  if (ranges.length === 0) return text;
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  let out = '';
  let cursor = 0;
  for (const [start, end] of sorted) {
    if (end <= cursor) continue;
    const from = Math.max(start, cursor);
    out += text.slice(cursor, from) + text.slice(from, end).replace(/[^\n\r]/gu, ' ');
    cursor = end;
  }
  return out + text.slice(cursor);
}

/** Markdown without fenced code, inline code and HTML comments (same length, same line breaks). */
export function maskMarkdown(text: string): string {
  const ranges: [number, number][] = [];
  // Fenced code blocks.
  if (text.includes('```') || text.includes('~~~')) {
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
  }
  const inFence = (offset: number): boolean => ranges.some(([s, e]) => s <= offset && offset < e);
  // HTML comments.
  for (let open = text.indexOf('<!--'); open >= 0; open = text.indexOf('<!--', open + 4)) {
    if (inFence(open)) continue;
    const close = text.indexOf('-->', open + 4);
    const stop = close < 0 ? text.length : close + 3;
    ranges.push([open, stop]);
    open = stop - 4;
  }
  // Inline code: a run of n backticks up to the next run of exactly n, within a paragraph.
  for (let i = text.indexOf('`'); i >= 0 && i < text.length; i = text.indexOf('`', i)) {
    let n = 1;
    while (text[i + n] === '`') n++;
    if (inFence(i)) {
      i += n;
      continue;
    }
    const paragraphEnd = text.slice(i).search(/\n[ \t]*\n/u);
    const limit = paragraphEnd < 0 ? text.length : i + paragraphEnd;
    let found = -1;
    for (let j = text.indexOf('`', i + n); j >= 0 && j < limit; ) {
      let k = 1;
      while (text[j + k] === '`') k++;
      if (k === n) {
        found = j;
        break;
      }
      j = text.indexOf('`', j + k);
    }
    if (found >= 0) {
      ranges.push([i, found + n]);
      i = found + n;
    } else {
      i += n;
    }
  }
  return blankRanges(text, ranges);
}

/** LaTeX without comments (an unescaped % to the end of the line) and verbatim material. */
export function maskLatex(text: string): string {
  const ranges: [number, number][] = [];
  for (const m of text.matchAll(/\\begin\{(verbatim|lstlisting|minted|comment)\*?\}[\s\S]*?\\end\{\1\*?\}/gu)) {
    ranges.push([m.index ?? 0, (m.index ?? 0) + m[0].length]);
  }
  for (const m of text.matchAll(/\\verb\*?([^\sa-zA-Z*])[^\n]*?\1/gu)) ranges.push([m.index ?? 0, (m.index ?? 0) + m[0].length]);
  const inVerbatim = (offset: number): boolean => ranges.some(([s, e]) => s <= offset && offset < e);
  for (let i = text.indexOf('%'); i >= 0; i = text.indexOf('%', i + 1)) {
    let backslashes = 0;
    for (let j = i - 1; j >= 0 && text[j] === '\\'; j--) backslashes++;
    if (backslashes % 2 === 1 || inVerbatim(i)) continue;
    let end = text.indexOf('\n', i);
    if (end < 0) end = text.length;
    ranges.push([i, end]);
    i = end;
  }
  return blankRanges(text, ranges);
}

// ---- Quotation marks --------------------------------------------------------------------------------------

interface MarkedSpan {
  readonly outerStart: number;
  readonly outerEnd: number;
  readonly innerStart: number;
  readonly innerEnd: number;
}

const OPENING_CONTEXT = /[\s([{\u2014\u2013\-/:>*_~]/u;

/** Ends of paragraphs (blank lines) as sorted offsets, so no pair crosses one. */
function paragraphBreaks(text: string): number[] {
  const breaks: number[] = [];
  for (const m of text.matchAll(/\n[ \t>]*\n/gu)) breaks.push(m.index ?? 0);
  return breaks;
}

function findMarkedSpans(text: string, language: OutputFormat): MarkedSpan[] {
  const breaks = paragraphBreaks(text);
  const paragraphEnd = (from: number): number => {
    let lo = 0;
    let hi = breaks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (breaks[mid] < from) lo = mid + 1;
      else hi = mid;
    }
    return lo < breaks.length ? breaks[lo] : text.length;
  };
  const spans: MarkedSpan[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    let span: MarkedSpan | undefined;
    if (ch === '\u201C') {
      span = matchCurly(text, i, paragraphEnd(i));
    } else if (ch === '"') {
      span = matchStraight(text, i, paragraphEnd(i));
    } else if (language === 'latex' && ch === '`' && text[i + 1] === '`') {
      span = matchLatexDouble(text, i, paragraphEnd(i));
    } else if (language === 'latex' && ch === '\\' && text.startsWith('\\enquote', i)) {
      span = matchEnquote(text, i);
    } else if (ch === '\u00AB') {
      const close = text.indexOf('\u00BB', i + 1);
      if (close > 0 && close < paragraphEnd(i)) span = { outerStart: i, outerEnd: close + 1, innerStart: i + 1, innerEnd: close };
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

function matchCurly(text: string, open: number, limit: number): MarkedSpan | undefined {
  let depth = 0;
  for (let j = open; j < limit; j++) {
    if (text[j] === '\u201C') depth++;
    else if (text[j] === '\u201D') {
      depth--;
      if (depth === 0) return { outerStart: open, outerEnd: j + 1, innerStart: open + 1, innerEnd: j };
    }
  }
  return undefined;
}

/** A straight " opens after space or opening punctuation and before a non-space; it closes after a non-space. */
function matchStraight(text: string, open: number, limit: number): MarkedSpan | undefined {
  const before = open > 0 ? text[open - 1] : ' ';
  const after = text[open + 1] ?? ' ';
  if (!OPENING_CONTEXT.test(before) || /\s/u.test(after) || after === '"') return undefined;
  for (let j = open + 1; j < limit; j++) {
    if (text[j] !== '"') continue;
    if (/\s/u.test(text[j - 1])) return undefined;
    const next = text[j + 1] ?? ' ';
    if (/[\p{L}\p{N}]/u.test(next)) continue; // 12"screen: not a closing mark
    return { outerStart: open, outerEnd: j + 1, innerStart: open + 1, innerEnd: j };
  }
  return undefined;
}

function matchLatexDouble(text: string, open: number, limit: number): MarkedSpan | undefined {
  const close = text.indexOf("''", open + 2);
  if (close < 0 || close >= limit) return undefined;
  return { outerStart: open, outerEnd: close + 2, innerStart: open + 2, innerEnd: close };
}

function matchEnquote(text: string, start: number): MarkedSpan | undefined {
  const m = /^\\enquote\*?\s*\{/u.exec(text.slice(start, start + 20));
  if (!m) return undefined;
  const innerStart = start + m[0].length;
  let depth = 1;
  for (let j = innerStart; j < text.length; j++) {
    if (text[j] === '\\') {
      j++;
      continue;
    }
    if (text[j] === '{') depth++;
    else if (text[j] === '}') {
      depth--;
      if (depth === 0) return { outerStart: start, outerEnd: j + 1, innerStart, innerEnd: j };
    }
  }
  return undefined;
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
  for (const m of text.matchAll(/\\begin\{(quote|quotation|displayquote)\}(?:\[[^\]]*\])?([\s\S]*?)\\end\{\1\}/gu)) {
    const start = m.index ?? 0;
    const contentStart = start + m[0].length - m[2].length - `\\end{${m[1]}}`.length;
    const content = m[2];
    // "\par --- Speaker, \emph{Title}" or a line that starts with a dash ends the quotation.
    const attribution = /(?:\\par\s*)?(?:---?|\u2014|\u2013)\s*\S[^\n]*\s*$/u.exec(content);
    const quotedEnd = attribution ? contentStart + attribution.index : contentStart + content.length;
    const paragraphs: TextRange[] = [];
    let cursor = contentStart;
    for (const part of text.slice(contentStart, quotedEnd).split(/\n[ \t]*\n|\\par\b/u)) {
      paragraphs.push({ start: cursor, end: cursor + part.length });
      cursor += part.length;
      const sep = /^(?:\n[ \t]*\n|\\par\b)/u.exec(text.slice(cursor, quotedEnd));
      if (sep) cursor += sep[0].length;
    }
    blocks.push({
      range: { start, end: start + m[0].length },
      paragraphs: paragraphs.filter((p) => text.slice(p.start, p.end).trim() !== ''),
      attributionLine: attribution ? { start: contentStart + attribution.index, end: contentStart + content.length } : undefined,
    });
  }
  return blocks;
}
