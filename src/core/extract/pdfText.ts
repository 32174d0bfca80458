import { PAGE_BREAK } from './pages';

/*
 * From a PDF's text layer (runs of text with positions) to clean text: runs grouped into lines, running
 * headers and footers and bare page numbers removed, lines joined into paragraphs, words hyphenated across a
 * line break joined while real compounds keep their hyphen, ligatures and soft hyphens normalised. Pure: the
 * pdf.js glue is in pdf.ts.
 */

/** One run of the text layer: its string, where it starts (PDF units, y up) and its font size. */
export interface TextRun {
  readonly str: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly size: number;
}

export interface PdfLine {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly size: number;
}

/** Groups a page's runs into lines, top to bottom, each left to right. */
export function linesOf(runs: readonly TextRun[]): PdfLine[] {
  const sorted = runs.filter((r) => r.str.length > 0).sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: { runs: TextRun[]; y: number; size: number }[] = [];
  for (const run of sorted) {
    const line = lines.find((l) => Math.abs(l.y - run.y) <= Math.max(1, Math.min(l.size, run.size) * 0.4));
    if (line) {
      line.runs.push(run);
      line.size = Math.max(line.size, run.size);
    } else {
      lines.push({ runs: [run], y: run.y, size: run.size });
    }
  }
  return lines
    .sort((a, b) => b.y - a.y)
    .map((line) => {
      const runsLtr = line.runs.sort((a, b) => a.x - b.x);
      let text = '';
      let end = -Infinity;
      for (const run of runsLtr) {
        const gap = run.x - end;
        if (text && gap > run.size * 0.15 && !/\s$/u.test(text) && !/^\s/u.test(run.str)) text += ' ';
        text += run.str;
        end = run.x + run.width;
      }
      return { text: text.replace(/\s+/gu, ' ').trim(), x: runsLtr[0].x, y: line.y, size: line.size };
    })
    .filter((line) => line.text.length > 0);
}

/** Ligatures as letters, soft hyphens and zero-width characters gone; other text as it is (NFC). */
export function normaliseGlyphs(text: string): string {
  return text
    .replace(/[\uFB00-\uFB06]/gu, (ligature) => ligature.normalize('NFKC'))
    .replace(/\u00AD|\u200B|\u200C|\u200D|\u2060|\uFEFF/gu, '')
    .normalize('NFC');
}

/** A line that is only a page number: "7", "- 7 -", "Page 7", "7 of 12", "vii". */
const BARE_PAGE_NUMBER = /^(?:[-–—([]\s*)?(?:(?:page|p\.|seite|pág\.?)\s*)?(?:\d{1,4}|[ivxlcdm]{1,7})(?:\s*(?:of|\/|von|de)\s*\d{1,4})?(?:\s*[-–—)\]])?$/iu;

/** A line with its digits as one mark: headers that carry the page number ("Report 2024 · 3") still repeat. */
function shape(text: string): string {
  return text.toLowerCase().replace(/\d+/gu, '#').replace(/\s+/gu, ' ').trim();
}

/** How many lines at the top and bottom of a page can be running headers or footers. */
const MARGIN_LINES = 2;

/**
 * Removes running headers and footers (the same line, digits aside, among the first or last lines of at
 * least half the pages, and of two pages at least) and bare page numbers at the top or bottom of a page.
 */
export function removeRunningLines(pages: readonly PdfLine[][]): { pages: PdfLine[][]; removed: number } {
  const counts = new Map<string, number>();
  for (const lines of pages) {
    const seen = new Set<string>();
    for (const line of marginLines(lines)) seen.add(shape(line.text));
    for (const key of seen) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const repeated = (line: PdfLine): boolean => {
    const count = counts.get(shape(line.text)) ?? 0;
    return pages.length >= 2 && count >= 2 && count >= pages.length / 2;
  };
  let removed = 0;
  const cleaned = pages.map((lines) => {
    const margin = new Set(marginLines(lines));
    return lines.filter((line) => {
      const drop = margin.has(line) && (BARE_PAGE_NUMBER.test(line.text) || repeated(line));
      if (drop) removed++;
      return !drop;
    });
  });
  return { pages: cleaned, removed };
}

function marginLines(lines: readonly PdfLine[]): PdfLine[] {
  // On a short page, fewer: a page of four lines has one header and one footer at most.
  const k = Math.max(1, Math.min(MARGIN_LINES, Math.floor(lines.length / 3)));
  if (lines.length <= k * 2) return [...lines];
  return [...lines.slice(0, k), ...lines.slice(-k)];
}

/** First parts of compounds that keep their hyphen at a line break ("self-" + "evident"). */
const COMPOUND_HEADS = new Set(['self', 'well', 'ex', 'all', 'half', 'cross', 'non', 'anti', 'post', 'pre', 'so', 'long', 'short', 'high', 'low', 'large', 'small', 'state', 'world', 'open', 'end', 'third', 'second', 'first', 'real', 'full', 'part', 'one', 'two', 'three', 'four', 'five', 'ten', 'multi', 'semi', 'quasi', 'co']);

/**
 * Whether "head-" at the end of a line and "tail" at the start of the next are one word broken by the
 * typesetter (joined without the hyphen) rather than a compound (kept with it). Evidence first: the text
 * elsewhere writes the word joined, or hyphenated. Else: a tail that starts with a capital or a digit, a
 * head that is itself a compound ("state-of-the-"), or a known compound head keeps the hyphen.
 */
export function isLineBreakHyphenation(head: string, tail: string, wholeText: string): boolean {
  const headWord = /[\p{L}\p{M}-]+$/u.exec(head)?.[0] ?? '';
  const tailWord = /^[\p{L}\p{M}]+/u.exec(tail)?.[0] ?? '';
  if (!headWord || !tailWord) return false;
  const joined = `${headWord}${tailWord}`.toLowerCase();
  const hyphenated = `${headWord}-${tailWord}`.toLowerCase();
  const lower = wholeText.toLowerCase();
  const joinedElsewhere = new RegExp(`(?<![\\p{L}-])${escapeRegExp(joined)}(?![\\p{L}-])`, 'u').test(lower);
  const hyphenatedElsewhere = new RegExp(`(?<![\\p{L}-])${escapeRegExp(hyphenated)}(?![\\p{L}])`, 'u').test(lower);
  if (joinedElsewhere !== hyphenatedElsewhere) return joinedElsewhere;
  if (!/^\p{Ll}/u.test(tailWord)) return false;
  if (headWord.includes('-')) return false;
  return !COMPOUND_HEADS.has(headWord.toLowerCase());
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}

/** Lines of one page grouped into paragraphs (a larger gap, or a change of font size, starts one). */
export function paragraphsOf(lines: readonly PdfLine[]): PdfLine[][] {
  const paragraphs: PdfLine[][] = [];
  const gaps = lines.slice(1).map((line, i) => lines[i].y - line.y).filter((gap) => gap > 0).sort((a, b) => a - b);
  // The line spacing: the lower quartile of the gaps (paragraph gaps may be as many as the line gaps).
  const usual = gaps.length > 0 ? gaps[Math.floor(gaps.length / 4)] : 0;
  let current: PdfLine[] = [];
  for (const [i, line] of lines.entries()) {
    const previous = lines[i - 1];
    const gap = previous ? previous.y - line.y : 0;
    const breaks = previous && (gap > usual * 1.4 + 0.5 || Math.abs(previous.size - line.size) > 0.5);
    if (breaks && current.length > 0) {
      paragraphs.push(current);
      current = [];
    }
    current.push(line);
  }
  if (current.length > 0) paragraphs.push(current);
  return paragraphs;
}

/**
 * Joins lines: a word hyphenated across the break is joined (the hyphen dropped) unless it is a compound; a
 * line otherwise joins the next with a space. `separator` is what stands between the two lines when they are
 * joined with a space (a page break between pages).
 */
export function joinLine(text: string, next: string, wholeText: string, separator = ' '): string {
  if (/\p{L}-$/u.test(text) && /^\p{L}/u.test(next)) {
    if (isLineBreakHyphenation(text.slice(0, -1), next, wholeText)) {
      if (separator === ' ') return text.slice(0, -1) + next;
      // Across a page: the word stays whole, and the page break follows it.
      const word = /^\S+/u.exec(next)![0];
      return `${text.slice(0, -1)}${word}${separator}${next.slice(word.length).trimStart()}`;
    }
    return text + next;
  }
  return `${text}${separator}${next}`;
}

/** Whether a page's last paragraph runs on into the next page's first. */
function continues(last: string, first: string): boolean {
  return !/[.!?:;”"’)\]]$/u.test(last) && /^[\p{Ll}\d(“"‘']/u.test(first);
}

/**
 * The text of a document from its pages' lines (running lines already removed): paragraphs separated by a
 * blank line, pages by PAGE_BREAK (within a paragraph that runs on, in place of the space at the break).
 */
export function documentText(pages: readonly PdfLine[][]): string {
  const wholeText = pages.flatMap((lines) => lines.map((l) => l.text)).join('\n');
  let text = '';
  for (const [index, lines] of pages.entries()) {
    const paragraphs = paragraphsOf(lines).map((paragraph) => paragraph.map((l) => l.text).reduce((a, b) => joinLine(a, b, wholeText)));
    if (paragraphs.length === 0) {
      if (index > 0) text += PAGE_BREAK;
      continue;
    }
    if (index === 0 || text.length === 0) text += paragraphs[0];
    else if (continues(text.trimEnd(), paragraphs[0])) text = joinLine(text.trimEnd(), paragraphs[0], wholeText, PAGE_BREAK);
    else text = `${text.trimEnd()}\n\n${PAGE_BREAK}${paragraphs[0]}`;
    for (const paragraph of paragraphs.slice(1)) text += `\n\n${paragraph}`;
  }
  return text.length > 0 ? `${text}\n` : '';
}

/** The first page's heading: its lines in the largest type, when larger than the body's. */
export function firstPageHeading(lines: readonly PdfLine[]): string | undefined {
  if (lines.length < 2) return undefined;
  const sizes = lines.map((l) => l.size).sort((a, b) => a - b);
  const body = sizes[Math.floor(sizes.length / 2)];
  const largest = sizes[sizes.length - 1];
  if (largest <= body + 0.5) return undefined;
  const start = lines.findIndex((l) => l.size === largest);
  const heading: string[] = [];
  for (let i = start; i < lines.length && lines[i].size === largest && heading.length < 3; i++) heading.push(lines[i].text);
  const title = heading.join(' ').trim();
  return title.length > 0 && title.length <= 200 ? title : undefined;
}
