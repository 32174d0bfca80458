/**
 * Markdown front matter, read tolerantly: a `---` line at the very start, `key: value` lines, and a closing
 * `---` (or `...`). Values may be quoted ('…' or "…", with \" escapes in double quotes); lists, nesting and
 * anything else YAML can do are ignored, never an error. Keys are lower-cased.
 */
export interface FrontMatter {
  readonly fields: ReadonlyMap<string, string>;
  /** The whole block, from the opening `---` to the end of the closing line. */
  readonly start: number;
  readonly end: number;
}

export function parseFrontMatter(text: string): FrontMatter | undefined {
  const offset = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const open = /^---[ \t]*\r?\n/u.exec(text.slice(offset));
  if (!open) return undefined;
  const bodyStart = offset + open[0].length;
  const close = /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/mu.exec(text.slice(bodyStart));
  if (!close) return undefined;
  const block = text.slice(bodyStart, bodyStart + close.index);
  if (block.length > 8000) return undefined; // a thematic break at the top, not front matter
  const fields = new Map<string, string>();
  for (const line of block.split(/\r?\n/u)) {
    // (.*) and trimming blanks after, not a lazy (.*?) before [ \t]*$, which retries the blanks at every step.
    const m = /^([A-Za-z][\w-]*)[ \t]*:[ \t]*(.*)$/u.exec(line);
    if (!m) continue;
    const value = unquote(trimBlanksEnd(m[2]));
    if (value !== '' && !fields.has(m[1].toLowerCase())) fields.set(m[1].toLowerCase(), value);
  }
  return { fields, start: offset, end: bodyStart + close.index + close[0].length };
}

function unquote(raw: string): string {
  const double = /^"((?:[^"\\]|\\.)*)"/u.exec(raw);
  if (double) return double[1].replace(/\\(["\\])/gu, '$1');
  const single = /^'((?:[^']|'')*)'/u.exec(raw);
  if (single) return single[1].replace(/''/gu, "'");
  return withoutComment(raw).trim();
}

/** The value before a # comment (a # at the start or after a blank), as /(?:^|[ \t]+)#.*$/ would cut it. */
function withoutComment(raw: string): string {
  for (let hash = raw.indexOf('#'); hash >= 0; hash = raw.indexOf('#', hash + 1)) {
    if (hash === 0) return '';
    if (isBlank(raw.charCodeAt(hash - 1))) return trimBlanksEnd(raw.slice(0, hash));
  }
  return raw;
}

function trimBlanksEnd(text: string): string {
  let end = text.length;
  while (end > 0 && isBlank(text.charCodeAt(end - 1))) end--;
  return text.slice(0, end);
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9;
}
