import { maskLatex, maskMarkdown } from '../check/findQuotations';
import { outputFormatFor } from '../format/formatQuote';
import type { TextRange } from '../kb/model';

/** One key of a citation in a draft. Offsets are UTF-16 offsets into the text. */
export interface CitedKey {
  readonly key: string;
  /** The key itself (without `@`, braces or the command). */
  readonly range: TextRange;
}

/** A citation: `[@a, p. 2; @b]`, `@a`, `\autocite[2]{a,b}`. */
export interface Citation {
  readonly range: TextRange;
  readonly keys: readonly CitedKey[];
}

/** LaTeX citation commands of BibLaTeX and natbib (and plain \cite), starred or capitalised. */
const LATEX_CITE = new RegExp(
  String.raw`\\(?:[Cc]ite|[Cc]itep|[Cc]itet|citealp|citealt|[Aa]utocite|[Tt]extcite|[Pp]arencite|[Ff]ootcite|footcitetext|[Ss]martcite|supercite|fullcite|citeauthor|citeyear|citetitle|nocite)\*?` +
    String.raw`(?:\s*\[[^\]\n]*\]){0,2}\s*\{([^{}]*)\}`,
  'gu',
);

/** A Pandoc key: `@{anything}` or `@` and letters, digits and `_` with inner punctuation. */
const PANDOC_KEY = String.raw`@(?:\{([^{}\s]+)\}|([\p{L}\p{N}_](?:[\p{L}\p{N}_:.#$%&\-+?<>~/]*[\p{L}\p{N}_])?))`;
const PANDOC_BRACKET = new RegExp(String.raw`\[[^\[\]\n]*?-?${PANDOC_KEY}[^\[\]\n]*\](?!\()`, 'gu');
const PANDOC_KEY_GLOBAL = new RegExp(PANDOC_KEY, 'gu');

/**
 * The citations of a draft: LaTeX citation commands in LaTeX, Pandoc citations (bracketed, and bare `@key` in
 * the text) in Markdown and plain text. Code, HTML and LaTeX comments and verbatim are skipped; `a@b.com` is an
 * address, not a citation. Linear in the length of the text.
 */
export function findCitations(text: string, languageId: string): Citation[] {
  const format = outputFormatFor(languageId);
  if (format === 'latex') return latexCitations(maskLatex(text));
  return pandocCitations(format === 'markdown' ? maskMarkdown(text) : text);
}

function latexCitations(masked: string): Citation[] {
  const citations: Citation[] = [];
  for (const m of masked.matchAll(LATEX_CITE)) {
    const start = m.index ?? 0;
    const argStart = start + m[0].length - 1 - m[1].length;
    const keys: CitedKey[] = [];
    let offset = argStart;
    for (const part of m[1].split(',')) {
      const lead = part.length - part.trimStart().length;
      const key = part.trim();
      if (key) keys.push({ key, range: { start: offset + lead, end: offset + lead + key.length } });
      offset += part.length + 1;
    }
    if (keys.length > 0) citations.push({ range: { start, end: start + m[0].length }, keys });
  }
  return citations;
}

function pandocCitations(masked: string): Citation[] {
  const citations: Citation[] = [];
  const bracketed: TextRange[] = [];
  for (const m of masked.matchAll(PANDOC_BRACKET)) {
    const start = m.index ?? 0;
    const keys = keysIn(masked, start, start + m[0].length);
    if (keys.length === 0) continue;
    citations.push({ range: { start, end: start + m[0].length }, keys });
    bracketed.push({ start, end: start + m[0].length });
  }
  // Bare keys in the text ("@sutskever2024 says"), outside the bracketed ones.
  let b = 0;
  for (const key of keysIn(masked, 0, masked.length)) {
    while (b < bracketed.length && bracketed[b].end <= key.range.start) b++;
    if (b < bracketed.length && bracketed[b].start <= key.range.start) continue;
    const at = key.range.start - (masked[key.range.start - 1] === '{' ? 2 : 1);
    citations.push({ range: { start: at, end: key.range.end + (masked[key.range.end] === '}' ? 1 : 0) }, keys: [key] });
  }
  return citations.sort((x, y) => x.range.start - y.range.start);
}

function keysIn(text: string, from: number, to: number): CitedKey[] {
  const keys: CitedKey[] = [];
  PANDOC_KEY_GLOBAL.lastIndex = from;
  for (let m = PANDOC_KEY_GLOBAL.exec(text); m && m.index < to; m = PANDOC_KEY_GLOBAL.exec(text)) {
    const before = m.index > 0 ? text[m.index - 1] : '';
    // An e-mail address or a handle inside a word is not a citation; `[-@key]` (author suppressed) is.
    if (before && /[\p{L}\p{N}_.+@]/u.test(before)) continue;
    if (before === '-' && m.index > 1 && /[\p{L}\p{N}_]/u.test(text[m.index - 2])) continue;
    const key = m[1] ?? m[2];
    const start = m.index + (m[1] !== undefined ? 2 : 1);
    if (start + key.length > to) break;
    keys.push({ key, range: { start, end: start + key.length } });
  }
  return keys;
}

/** The key under an offset (its first character to just after its last), with its citation. */
export function citedKeyAt(citations: readonly Citation[], offset: number): { citation: Citation; key: CitedKey } | undefined {
  let lo = 0;
  let hi = citations.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (citations[mid].range.end < offset) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < citations.length && citations[i].range.start <= offset; i++) {
    for (const key of citations[i].keys) if (key.range.start <= offset && offset <= key.range.end) return { citation: citations[i], key };
  }
  return undefined;
}
