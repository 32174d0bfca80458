/**
 * Document sections for `sourcebook.hover.mode: firstOccurrence`: a term gets its card on its first occurrence
 * in each section only. A section runs from one heading to the next: a Markdown ATX heading (`#` to `######` at
 * the start of a line, outside fenced code), or a LaTeX sectioning command (`\part`, `\chapter`, `\section`,
 * `\subsection`, `\subsubsection`, `\paragraph`, starred or not, outside a comment). Plain text, and any text
 * before the first heading, is one section. Pure: no `vscode`.
 */
export interface Section {
  readonly start: number;
  readonly end: number;
}

const MARKDOWN_HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/u;
const MARKDOWN_FENCE = /^ {0,3}(`{3,}|~{3,})/u;
const LATEX_HEADING = /\\(?:part|chapter|section|subsection|subsubsection|paragraph)\*?\s*[[{]/u;

/** Offsets at which sections start, in order; always begins with 0. */
export function sectionStarts(text: string, languageId: string): number[] {
  const starts = [0];
  const family = languageId === 'markdown' ? 'markdown' : languageId === 'latex' || languageId === 'tex' ? 'latex' : 'plaintext';
  if (family === 'plaintext') return starts;
  let fence: string | undefined;
  let offset = 0;
  for (const line of text.split('\n')) {
    if (family === 'markdown') {
      const marker = MARKDOWN_FENCE.exec(line)?.[1];
      if (fence !== undefined) {
        if (marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = undefined;
      } else if (marker) {
        fence = marker;
      } else if (MARKDOWN_HEADING.test(line) && offset > 0) {
        starts.push(offset);
      }
    } else {
      const code = latexCode(line);
      const heading = LATEX_HEADING.exec(code);
      if (heading && offset + heading.index > 0) starts.push(offset + heading.index);
    }
    offset += line.length + 1;
  }
  return starts;
}

/** The part of a LaTeX line before an unescaped `%`. */
function latexCode(line: string): string {
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '\\') i++;
    else if (line[i] === '%') return line.slice(0, i);
  }
  return line;
}

/** The section containing `offset`. */
export function sectionAt(text: string, languageId: string, offset: number): Section {
  const starts = sectionStarts(text, languageId);
  let i = 0;
  while (i + 1 < starts.length && starts[i + 1] <= offset) i++;
  return { start: starts[i], end: i + 1 < starts.length ? starts[i + 1] : text.length };
}
