import type { RegionKind, SyntaxRegion } from './regions';

/**
 * Excluded regions of a LaTeX document, found by one left-to-right scan that never moves backwards, so it is
 * linear in the length of the text whatever the input (an unclosed `$`, 100,000 backslashes, a 5 MB line):
 *
 * - comments: `%` to the end of the line, unless escaped (`\%`; `\\%` is a line break and then a comment);
 * - verbatim: the `verbatim`, `verbatim*`, `lstlisting`, `minted` and `comment` environments, `\verb|…|`;
 * - math: `$…$`, `$$…$$`, `\(…\)`, `\[…\]` and the display environments (`equation`, `align`, …);
 * - arguments that name things rather than say them: citation keys, labels, references, file names, packages,
 *   URLs (`\href`'s first argument only: its second is the link text), environment names.
 *
 * Inline math that is never closed ends at the next blank line, as TeX ends it with an error there, so one
 * stray `$` does not swallow the rest of the document.
 */
export function latexRegions(text: string): SyntaxRegion[] {
  return new LatexScanner(text).scan();
}

/** Commands whose first mandatory argument (after any `*` and `[…]` options) is not prose. */
const ARGUMENT_COMMANDS = new Set([
  'cite', 'citep', 'citet', 'autocite', 'textcite', 'parencite', 'footcite', 'nocite', 'Autocite', 'Textcite',
  'Parencite', 'citeauthor', 'citeyear', 'ref', 'eqref', 'autoref', 'cref', 'Cref', 'pageref', 'nameref', 'label',
  'url', 'href', 'input', 'include', 'includeonly', 'includegraphics', 'bibliography', 'bibliographystyle',
  'addbibresource', 'usepackage', 'RequirePackage', 'documentclass', 'end',
]);
/** Arguments read as they stand by their packages: a `%` inside is part of the URL, not a comment. */
const RAW_ARGUMENT_COMMANDS = new Set(['url', 'href']);
const VERBATIM_ENVIRONMENTS = new Set(['verbatim', 'verbatim*', 'lstlisting', 'minted', 'comment', 'Verbatim']);
const MATH_ENVIRONMENTS = new Set([
  'equation', 'equation*', 'align', 'align*', 'gather', 'gather*', 'multline', 'multline*', 'math', 'displaymath',
  'eqnarray', 'eqnarray*', 'flalign', 'flalign*', 'alignat', 'alignat*',
]);

/** How a math region ends: a `$`, `$$`, `\)`, `\]`, or `\end{name}` of its environment. */
type MathCloser = { readonly kind: 'dollar' | 'double' | 'paren' | 'bracket' } | { readonly kind: 'environment'; readonly name: string };

/** The characters the top level has to look at; everything between them is prose. */
const TOP_LEVEL_SPECIALS = /[\\%$]/gu;
const MATH_SPECIALS = /[\\%${}\n\r]/gu;
const LETTER = /[A-Za-z]/u;
/** A bound on an environment name, so a `\begin{` without its `}` reads no further than this. */
const MAX_ENVIRONMENT_NAME = 64;

class LatexScanner {
  private pos = 0;
  private readonly regions: SyntaxRegion[] = [];

  constructor(private readonly text: string) {}

  scan(): SyntaxRegion[] {
    const text = this.text;
    while (this.pos < text.length) {
      const next = indexOfPattern(TOP_LEVEL_SPECIALS, text, this.pos);
      if (next < 0) break;
      this.pos = next;
      const char = text[next];
      if (char === '%') this.comment();
      else if (char === '$') this.dollarMath();
      else this.controlSequence();
    }
    return this.regions;
  }

  private push(start: number, end: number, kind: RegionKind): void {
    if (end > start) this.regions.push({ start, end, kind });
  }

  private comment(): void {
    const end = lineEnd(this.text, this.pos);
    this.push(this.pos, end, 'comment');
    this.pos = end;
  }

  private dollarMath(): void {
    const start = this.pos;
    const double = this.text[start + 1] === '$';
    this.pos = start + (double ? 2 : 1);
    this.mathUntil(start, { kind: double ? 'double' : 'dollar' });
  }

  /** At a backslash: a control symbol (`\%`, `\\`, `\(`, `\[`) or a control word (`\cite`, `\begin`, …). */
  private controlSequence(): void {
    const start = this.pos;
    const next = this.text[start + 1];
    if (next === undefined) {
      this.pos = start + 1;
      return;
    }
    if (!LETTER.test(next)) {
      this.pos = start + 2;
      if (next === '(') this.mathUntil(start, { kind: 'paren' });
      else if (next === '[') this.mathUntil(start, { kind: 'bracket' });
      return;
    }
    const nameEnd = skipLetters(this.text, start + 1);
    const name = this.text.slice(start + 1, nameEnd);
    this.pos = nameEnd;
    if (name === 'verb') this.verb(start);
    else if (name === 'begin') this.environment(start);
    else if (ARGUMENT_COMMANDS.has(name)) this.commandArgument(start, RAW_ARGUMENT_COMMANDS.has(name));
  }

  /** `\verb|…|` or `\verb*|…|`: any delimiter, closed on the same line (LaTeX reports an error otherwise). */
  private verb(start: number): void {
    const text = this.text;
    let p = this.pos;
    if (text[p] === '*') p++;
    const delimiter = text[p];
    if (delimiter === undefined || /[\sA-Za-z]/u.test(delimiter)) return;
    let end = p + 1;
    while (end < text.length && text[end] !== delimiter && text[end] !== '\n' && text[end] !== '\r') end++;
    if (text[end] === delimiter) end++;
    this.push(start, end, 'verbatim');
    this.pos = end;
  }

  /** `\begin{name}`: the name is excluded, and a verbatim or math environment with everything up to its end. */
  private environment(start: number): void {
    const name = this.braceWord();
    if (name === undefined) return;
    if (VERBATIM_ENVIRONMENTS.has(name)) {
      const closing = `\\end{${name}}`;
      const found = this.text.indexOf(closing, this.pos);
      const end = found < 0 ? this.text.length : found + closing.length;
      this.push(start, end, 'verbatim');
      this.pos = end;
    } else if (MATH_ENVIRONMENTS.has(name)) {
      this.mathUntil(start, { kind: 'environment', name });
    } else {
      this.push(start, this.pos, 'command');
    }
  }

  /** A `{name}` after optional spaces (an environment name): returns the name and moves past it, if there is one. */
  private braceWord(): string | undefined {
    const text = this.text;
    const open = skipArgumentSpace(text, this.pos);
    if (text[open] !== '{') return undefined;
    let close = open + 1;
    const limit = Math.min(text.length, close + MAX_ENVIRONMENT_NAME);
    while (close < limit && text[close] !== '}' && text[close] !== '{' && text[close] !== '\n') close++;
    if (text[close] !== '}') return undefined;
    this.pos = close + 1;
    return text.slice(open + 1, close).trim();
  }

  /** A command such as `\cite*[p.~3]{key}`: everything from the backslash to the end of its first argument. */
  private commandArgument(start: number, raw: boolean): void {
    const text = this.text;
    let p = this.pos;
    if (text[p] === '*') p++;
    for (;;) {
      const next = skipArgumentSpace(text, p);
      if (text[next] === '[') p = skipGroup(text, next, ']', false);
      else if (text[next] === '{') {
        p = skipGroup(text, next, '}', raw);
        break;
      } else break;
    }
    this.push(start, p, raw ? 'url' : 'command');
    this.pos = p;
  }

  /**
   * Math from `start` (its opening delimiter, already passed) to the end of its closer. Comments inside are
   * skipped (a `$` in one does not close), escaped characters too, and a `$` inside braces (`\text{$x$}`)
   * belongs to nested math. Inline forms end at a blank line when unclosed; environments at the end of the text.
   */
  private mathUntil(start: number, closer: MathCloser): void {
    const text = this.text;
    let depth = 0;
    let p = this.pos;
    let end = text.length;
    while (p < text.length) {
      const next = indexOfPattern(MATH_SPECIALS, text, p);
      if (next < 0) break;
      const char = text[next];
      p = next + 1;
      if (char === '{') depth++;
      else if (char === '}') depth = Math.max(0, depth - 1);
      else if (char === '%') p = lineEnd(text, next);
      else if (char === '$') {
        if (closer.kind === 'dollar' && depth === 0) return this.closeMath(start, p);
        if (closer.kind === 'double' && text[p] === '$') return this.closeMath(start, p + 1);
        if (text[p] === '$') p++;
      } else if (char === '\\') {
        const closed = this.mathControl(next, closer);
        if (closed >= 0) return this.closeMath(start, closed);
        p = Math.max(p, this.pos);
      } else if (closer.kind !== 'environment' && isBlankLineAfter(text, next)) {
        end = next;
        break;
      }
    }
    this.closeMath(start, end);
  }

  /**
   * A backslash inside math: returns where the math ends if this is its closer (`\)`, `\]`, `\end{name}`), else -1
   * with `this.pos` after the control sequence.
   */
  private mathControl(at: number, closer: MathCloser): number {
    const text = this.text;
    const next = text[at + 1];
    this.pos = at + 2;
    if (next === undefined) return -1;
    if (!LETTER.test(next)) {
      if ((next === ')' && closer.kind === 'paren') || (next === ']' && closer.kind === 'bracket')) return at + 2;
      return -1;
    }
    this.pos = skipLetters(text, at + 1);
    if (closer.kind !== 'environment' || text.slice(at + 1, this.pos) !== 'end') return -1;
    const name = this.braceWord();
    return name === closer.name ? this.pos : -1;
  }

  private closeMath(start: number, end: number): void {
    this.push(start, end, 'math');
    this.pos = end;
  }
}

/** The next match of a global regex at or after `from`, or -1; the regex's state is reset each time. */
function indexOfPattern(pattern: RegExp, text: string, from: number): number {
  pattern.lastIndex = from;
  const match = pattern.exec(text);
  return match ? match.index : -1;
}

function skipLetters(text: string, from: number): number {
  let p = from;
  while (p < text.length && LETTER.test(text[p])) p++;
  return p;
}

/** The end of the line `from` is on: the offset of its line break, or of the end of the text. */
function lineEnd(text: string, from: number): number {
  let p = from;
  while (p < text.length && text[p] !== '\n' && text[p] !== '\r') p++;
  return p;
}

/** Whether the line break at `at` is followed by a blank line (or the end of the text): TeX's paragraph end. */
function isBlankLineAfter(text: string, at: number): boolean {
  let p = at + (text[at] === '\r' && text[at + 1] === '\n' ? 2 : 1);
  while (p < text.length && (text[p] === ' ' || text[p] === '\t')) p++;
  return p >= text.length || text[p] === '\n' || text[p] === '\r';
}

/**
 * Spaces between a command and its arguments: TeX skips spaces and one line break there (a blank line is a
 * paragraph, which ends the search).
 */
function skipArgumentSpace(text: string, from: number): number {
  let p = from;
  let breaks = 0;
  while (p < text.length) {
    const char = text[p];
    if (char === ' ' || char === '\t') p++;
    else if ((char === '\n' || char === '\r') && breaks === 0) {
      breaks++;
      p += char === '\r' && text[p + 1] === '\n' ? 2 : 1;
    } else break;
  }
  return p;
}

/**
 * The end of a `{…}` or `[…]` group starting at `open`: nested braces count, escaped characters and comments are
 * skipped (unless `raw`, for URLs). An unclosed group ends at a blank line, as TeX's "Runaway argument" does.
 */
function skipGroup(text: string, open: number, closer: string, raw: boolean): number {
  let braces = 0;
  let p = open + 1;
  while (p < text.length) {
    const char = text[p];
    if (char === '\\' && !raw) p += 2;
    else if (char === '%' && !raw) p = lineEnd(text, p);
    else if ((char === '\n' || char === '\r') && isBlankLineAfter(text, p)) return p;
    else if (char === closer && braces === 0) return p + 1;
    else {
      if (char === '{') braces++;
      else if (char === '}') braces = Math.max(0, braces - 1);
      p++;
    }
  }
  return text.length;
}
