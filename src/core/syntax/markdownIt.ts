// The MarkdownBlockParser over markdown-it. The extension loads it on demand as its own bundle
// (dist/markdownSyntax.js, see esbuild.js and src/host/markdownSyntax.ts): markdown-it is as large as the rest of
// the extension, and most sessions never hover a Markdown term. Unit tests (and the CLI, if it needs it) import it
// directly.
import MarkdownIt from 'markdown-it';
import type { MarkdownBlockParser, MarkdownBlockStructure, MarkdownContentSpan, MarkdownInlineBlock, MarkdownLineBlock } from './markdown';
import { urlRegions } from './plainText';
import type { RegionKind } from './regions';

type Markdown = MarkdownIt.MarkdownIt;
type StateBlock = MarkdownIt.StateBlock;
type StateInline = MarkdownIt.StateInline;
type Token = MarkdownIt.Token;

/** A markdown-it configured as VS Code's preview reads Markdown: GFM tables, raw HTML, `$` math. */
export function createMarkdownBlockParser(): MarkdownBlockParser {
  const md: Markdown = new MarkdownIt('default', { html: true, linkify: false });
  const recorder = new SpanRecorder();
  md.block.ruler.before('fence', 'math_block', mathBlock, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
  md.inline.ruler.after('escape', 'math_inline', mathInline);
  recordReferenceDefinitions(md, recorder);
  for (const rule of Object.keys(INLINE_RULE_SPANS)) recordInlineRule(md, rule, recorder);
  return { parseBlocks: (text) => parseBlocks(md, recorder, text) };
}

function parseBlocks(md: Markdown, recorder: SpanRecorder, text: string): MarkdownBlockStructure {
  const env: Record<string, unknown> = {};
  const tokens: Token[] = [];
  const references = recorder.collectLines(() => md.block.parse(text, md, env, tokens));
  const { excluded, inline } = blocksOf(tokens);
  return {
    excluded: [...excluded, ...references],
    inline,
    inlineSpans: (content) => [...recorder.collectSpans(() => md.inline.parse(content, md, env, [])), ...urlSpans(md, content)],
  };
}

const EXCLUDED_BLOCKS: Readonly<Record<string, RegionKind>> = { fence: 'code', code_block: 'code', html_block: 'html', math_block: 'math' };

/** Walks the block tokens: excluded line ranges, and the inline blocks with their lines (a cell takes its row's). */
function blocksOf(tokens: readonly Token[]): { excluded: MarkdownLineBlock[]; inline: MarkdownInlineBlock[] } {
  const excluded: MarkdownLineBlock[] = [];
  const inline: MarkdownInlineBlock[] = [];
  let row: [number, number] | null = null;
  tokens.forEach((token, i) => {
    const kind = EXCLUDED_BLOCKS[token.type];
    if (kind && token.map) excluded.push({ startLine: token.map[0], endLine: token.map[1], kind });
    else if (token.type === 'tr_open') row = token.map;
    else if (token.type === 'inline') {
      const tableCell = tokens[i - 1]?.type === 'th_open' || tokens[i - 1]?.type === 'td_open';
      const map = tableCell ? row : token.map;
      if (map) inline.push({ startLine: map[0], endLine: map[1], content: token.content, tableCell });
    }
  });
  return { excluded, inline };
}

/**
 * Raw URLs and e-mail addresses as markdown-it's linkify makes them links, and `www.` hosts, which GitHub and
 * other renderers link although this linkify does not.
 */
function urlSpans(md: Markdown, content: string): MarkdownContentSpan[] {
  const linkified = (md.linkify.match(content) ?? []).map((m): MarkdownContentSpan => ({ start: m.index, end: m.lastIndex, kind: 'url' }));
  return [...linkified, ...urlRegions(content)];
}

// ---- Positions of inline constructs ----------------------------------------------------------------------------

/**
 * markdown-it's inline tokens carry no source positions, but its rules advance `state.pos` over exactly what
 * they read. Each rule of interest is wrapped to note where it started and ended when it produced tokens, and
 * this table says which part of that stretch is not prose: a link's text is prose, its destination is not.
 */
type SpanOf = (state: StateInline, start: number, newTokens: readonly Token[]) => MarkdownContentSpan | undefined;

const INLINE_RULE_SPANS: Readonly<Record<string, SpanOf>> = {
  // An unmatched backtick run is pushed as text: only a code_inline token means a code span.
  backticks: (state, start, pushed) => (pushed.some((t) => t.type === 'code_inline') ? { start, end: state.pos, kind: 'code' } : undefined),
  link: (state, start) => destination(state, start, state.md.helpers.parseLinkLabel(state, start, true)),
  image: (state, start) => destination(state, start, state.md.helpers.parseLinkLabel(state, start + 1, false)),
  autolink: (state, start, pushed) => (pushed.length > 0 ? { start, end: state.pos, kind: 'url' } : undefined),
  html_inline: (state, start, pushed) => (pushed.some((t) => t.type === 'html_inline') ? { start, end: state.pos, kind: 'html' } : undefined),
  math_inline: (state, start, pushed) => (pushed.length > 0 ? { start, end: state.pos, kind: 'math' } : undefined),
};

/** `](destination "title")` or `][label]` after a link's text, which ends at `labelEnd`. */
function destination(state: StateInline, start: number, labelEnd: number): MarkdownContentSpan | undefined {
  return labelEnd > start ? { start: labelEnd, end: state.pos, kind: 'link' } : undefined;
}

/** Collects spans (inline rules) and line ranges (reference definitions) while one parse runs. */
class SpanRecorder {
  private spans?: MarkdownContentSpan[];
  private lines?: MarkdownLineBlock[];

  collectSpans(parse: () => void): MarkdownContentSpan[] {
    const spans: MarkdownContentSpan[] = [];
    this.spans = spans;
    try {
      parse();
    } finally {
      this.spans = undefined;
    }
    return spans;
  }

  collectLines(parse: () => void): MarkdownLineBlock[] {
    const lines: MarkdownLineBlock[] = [];
    this.lines = lines;
    try {
      parse();
    } finally {
      this.lines = undefined;
    }
    return lines;
  }

  addSpan(span: MarkdownContentSpan | undefined): void {
    if (span && this.spans) this.spans.push(span);
  }

  addLines(block: MarkdownLineBlock): void {
    this.lines?.push(block);
  }
}

function recordInlineRule(md: Markdown, name: string, recorder: SpanRecorder): void {
  const ruler = md.inline.ruler;
  const index = ruler.__find__(name);
  if (index < 0) return;
  const original = ruler.__rules__[index].fn;
  const spanOf = INLINE_RULE_SPANS[name];
  ruler.at(name, (state, silent) => {
    const start = state.pos;
    const before = state.tokens.length;
    const ok = original(state, silent);
    // Silent runs only look ahead (link labels): the real run that follows is the one recorded.
    if (ok && !silent) recorder.addSpan(spanOf(state, start, state.tokens.slice(before)));
    return ok;
  });
}

/** Reference definitions (`[label]: https://… "title"`) leave no token in every markdown-it version: note their lines. */
function recordReferenceDefinitions(md: Markdown, recorder: SpanRecorder): void {
  const ruler = md.block.ruler;
  const index = ruler.__find__('reference');
  if (index < 0) return;
  const original = ruler.__rules__[index].fn;
  ruler.at('reference', (state, startLine, endLine, silent) => {
    const ok = original(state, startLine, endLine, silent);
    if (ok && !silent) recorder.addLines({ startLine, endLine: state.line, kind: 'link' });
    return ok;
  }, { alt: ruler.__rules__[index].alt });
}

// ---- Math --------------------------------------------------------------------------------------------------------

const DOLLAR = 0x24;

/**
 * A `$$` display math block: `$$` at the start of a line up to a line that ends with `$$` (or `$$ … $$` on one
 * line). Display math cannot contain a blank line, so a `$$` with no closer before one is not a block.
 */
function mathBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine] - state.blkIndent >= 4) return false;
  // Tried at every line of every paragraph (it may interrupt one): look at two characters before slicing anything.
  const pos = state.bMarks[startLine] + state.tShift[startLine];
  if (state.src.charCodeAt(pos) !== DOLLAR || state.src.charCodeAt(pos + 1) !== DOLLAR) return false;
  const first = lineOf(state, startLine);
  let last = startLine;
  if (!(first.length >= 4 && first.endsWith('$$'))) {
    last = closingMathLine(state, startLine + 1, endLine);
    if (last < 0) return false;
  }
  if (silent) return true;
  state.line = last + 1;
  const token = state.push('math_block', 'math', 0);
  token.map = [startLine, state.line];
  token.block = true;
  return true;
}

function closingMathLine(state: StateBlock, from: number, endLine: number): number {
  for (let line = from; line < endLine; line++) {
    if (state.isEmpty(line) || state.sCount[line] < state.blkIndent) return -1;
    if (lineOf(state, line).endsWith('$$')) return line;
  }
  return -1;
}

/** A line's text after its container prefixes and indentation, without trailing spaces. */
function lineOf(state: StateBlock, line: number): string {
  return state.src.slice(state.bMarks[line] + state.tShift[line], state.eMarks[line]).trimEnd();
}

/**
 * Inline math as Pandoc and VS Code's preview read it: `$…$` whose opening `$` is followed by a non-space and
 * whose closing `$` follows a non-space and is not followed by a digit ("$5 and $10" is not math), or `$$…$$`.
 * The closers of a content are found once, in one pass, so a thousand unclosed `$` cost one scan, not a thousand.
 */
function mathInline(state: StateInline, silent: boolean): boolean {
  const src = state.src;
  const start = state.pos;
  if (src.charCodeAt(start) !== DOLLAR) return false;
  const double = src.charCodeAt(start + 1) === DOLLAR;
  if (!double && (start + 1 >= state.posMax || /\s/u.test(src[start + 1]))) return false;
  const closers = mathClosers(state);
  const close = firstAtOrAfter(double ? closers.double : closers.single, start + (double ? 2 : 1));
  const end = close + (double ? 2 : 1);
  if (close < 0 || end > state.posMax) return false;
  if (!silent) {
    const token = state.push('math_inline', 'math', 0);
    token.content = src.slice(start + (double ? 2 : 1), close);
  }
  state.pos = end;
  return true;
}

interface MathClosers {
  readonly single: number[];
  readonly double: number[];
}

const closersByState = new WeakMap<StateInline, MathClosers>();

function mathClosers(state: StateInline): MathClosers {
  let closers = closersByState.get(state);
  if (!closers) {
    closers = findMathClosers(state.src);
    closersByState.set(state, closers);
  }
  return closers;
}

/** Every unescaped `$` that may close `$…$`, and every unescaped `$$`, in order. */
function findMathClosers(src: string): MathClosers {
  const single: number[] = [];
  const double: number[] = [];
  let backslashes = 0;
  for (let i = 0; i < src.length; i++) {
    const code = src.charCodeAt(i);
    if (code === DOLLAR && backslashes % 2 === 0) {
      if (i > 0 && !/\s/u.test(src[i - 1]) && !/\d/u.test(src[i + 1] ?? '')) single.push(i);
      if (src.charCodeAt(i + 1) === DOLLAR) double.push(i);
    }
    backslashes = code === 0x5c ? backslashes + 1 : 0;
  }
  return { single, double };
}

/** The first value >= `from` in an ascending list, or -1. */
function firstAtOrAfter(values: readonly number[], from: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] < from) lo = mid + 1;
    else hi = mid;
  }
  return lo < values.length ? values[lo] : -1;
}
