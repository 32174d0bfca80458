/**
 * Escaping for the places our text goes. Source text is data: whatever it contains (`*`, `[x](command:…)`,
 * `<img onerror>`, `54%`, `--`, `\input{…}`), it must come out as the same visible characters, never as markup.
 * Every escaper first drops control characters (see stripControlChars); sources are cleaned when they are read
 * too, but text reaches these functions from settings, catalogs and tests as well.
 */

/** C0 controls except tab and line feed, DEL and the C1 controls. */
const CONTROL_CHARS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/gu;

/**
 * Drops the control characters that no document, label or terminal should receive (they are invisible, and some
 * move the cursor or switch a terminal's mode). Tabs and line feeds stay; a carriage return becomes a line feed,
 * so "a\rb" keeps its two lines instead of gluing "ab".
 */
export function stripControlChars(text: string): string {
  return text.replace(/\r\n?/gu, '\n').replace(CONTROL_CHARS, '');
}

/** Plain text has no markup to escape: only the control characters go. */
export function escapePlainText(text: string): string {
  return stripControlChars(text);
}

// ---- Markdown ------------------------------------------------------------------------------------------

/**
 * For Markdown that VS Code renders (hover cards, tooltips): every ASCII punctuation character that CommonMark
 * lets a backslash escape is escaped, so no link, emphasis, HTML or autolink can form. Line breaks are kept.
 */
export function escapeMarkdownStrict(text: string): string {
  return stripControlChars(text).replace(/[\\`*_{}[\]()#+\-.!|<>~&:"'=$%^]/gu, '\\$&');
}

/**
 * Characters that start inline markup anywhere in a line: escapes, code, emphasis, links and images, raw HTML
 * and autolinks, tables, strikethrough (GFM also strikes single tildes) and `$…$` math (on in VS Code's preview).
 */
const MARKDOWN_INLINE_SPECIALS = /[\\`*_[\]<>|~$]/gu;
/** Only an `&` that would start an entity (`&amp;`, `&#38;`) needs escaping; "Q&A" stays readable. */
const ENTITY_START = /&(?=#?[A-Za-z0-9]+;)/gu;

/**
 * Bare URLs become links in GFM and in VS Code's preview (markdown-it's linkify, which knows `http:`, `https:`,
 * `ftp:`, `//`, `mailto:` and e-mail addresses) and `www.` hosts on GitHub. A backslash in the right place keeps
 * each of them plain text: linkify only reads unbroken runs of text.
 */
function defuseBareLinks(text: string): string {
  return text
    .replace(/\/(?=\/)/gu, '\\/')
    .replace(/\b(mailto):/giu, '$1\\:')
    .replace(/(?<=[\p{L}\p{N}._%+-])@(?=[\p{L}\p{N}])/gu, '\\@')
    .replace(/\bwww\./giu, 'www\\.');
}

/**
 * What a line may start with that turns it into a block: an ATX heading (`#`…`######`), a bullet (`+`, `-`),
 * an ordered item (`1.`, `1)`), or a setext underline or thematic break (a line of `=` or `-`). Quote, fence,
 * `*`/`_` breaks and HTML blocks start with characters that are escaped everywhere already.
 */
function escapeLineStart(line: string): string {
  if (/^#{1,6}(?=[ \t]|$)/u.test(line) || /^[+-](?=[ \t]|$)/u.test(line) || /^[=-][=\-\s]*$/u.test(line)) return `\\${line}`;
  return line.replace(/^(\d{1,9})([.)])(?=[ \t]|$)/u, '$1\\$2');
}

/**
 * For Markdown written into a user's document: escapes only what would change the rendering, so the inserted
 * source stays readable ("data, and" not "data\, and"). Each line loses its leading whitespace (four spaces would
 * make a code block; a paragraph drops them anyway) and its trailing whitespace (two spaces make a hard break).
 */
export function escapeMarkdownInline(text: string): string {
  const inline = defuseBareLinks(stripControlChars(text).replace(MARKDOWN_INLINE_SPECIALS, '\\$&').replace(ENTITY_START, '\\&'));
  return inline
    .split('\n')
    .map((line) => escapeLineStart(line.replace(/^[ \t]+|[ \t]+$/gu, '')))
    .join('\n');
}

// ---- LaTeX ---------------------------------------------------------------------------------------------

/** TeX's ten special characters and how each is written as itself (BibTeX field values use these alone). */
export const TEX_SPECIALS: Readonly<Record<string, string>> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  $: '\\$',
  '&': '\\&',
  '#': '\\#',
  '%': '\\%',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
};

const LATEX_SPECIALS: Readonly<Record<string, string>> = {
  ...TEX_SPECIALS,
  // Not special to TeX, but typeset as something else: OT1 prints < > | " as ¡ ¿ — ”, and ` is an opening quote.
  '<': '\\textless{}',
  '>': '\\textgreater{}',
  '|': '\\textbar{}',
  // OT1, LaTeX's default encoding, has no straight " in its text fonts (and \textquotedbl stops the run there),
  // but every typewriter font has; \string keeps babel's active " (German "a for ä) from acting.
  '"': '{\\ttfamily\\string"}',
  '`': '\\textasciigrave{}',
  // Braced, so that a value placed after a command (\\, \item, \begin{displayquote}) is never its [option].
  '[': '{[}',
  ']': '{]}',
};
const LATEX_SPECIAL = /[\\{}$&#%_~^<>|"`[\]]/gu;

/**
 * Pairs of characters that the font's ligature table turns into another glyph: -- and --- into dashes (also
 * from Unicode hyphens and the en dash, which share the hyphen's slot), '' and ’’ into ”, ‘‘ into “, ,, into „,
 * and !‘ ?‘ into ¡ ¿. An empty group between them keeps both characters. (fi, fl, ff are the same letters.)
 */
const LATEX_LIGATURE_START = /[-\u2010\u2011\u2013](?=[-\u2010\u2011\u2013])|['\u2019](?=['\u2019])|,(?=,)|[!?\u2018](?=\u2018)/gu;

/**
 * LaTeX text that typesets as exactly the given characters: the ten specials, the characters that fonts print
 * as other glyphs, and the ligatures. A single straight apostrophe stays as it is and typesets as ’, which every
 * LaTeX writer expects. Characters outside ASCII are left to the document's engine (inputenc, XeLaTeX, LuaLaTeX).
 */
export function escapeLatex(text: string): string {
  return stripControlChars(text)
    .replace(LATEX_SPECIAL, (ch) => LATEX_SPECIALS[ch])
    .replace(LATEX_LIGATURE_START, '$&{}');
}

// ---- URLs ----------------------------------------------------------------------------------------------

/** The schemes we insert as links; anything else (javascript:, command:, data:…) is inserted as plain text. */
const LINK_SCHEME = /^(?:https?|file|mailto):/iu;
/** RFC 3986's unreserved and reserved characters, without `%`: what \url{} prints verbatim in any context. */
const TEX_URL_SAFE = /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]+$/u;

/**
 * A URL as the WHATWG parser reads it: tabs, line feeds and other controls dropped, surrounding spaces trimmed;
 * the spaces left inside are percent-encoded (that is what a browser sends), so the URL is one unbroken word.
 */
function cleanUrl(url: string): string {
  return url.replace(/[\u0000-\u001F\u007F-\u009F]/gu, '').trim().replace(/ /gu, '%20');
}

/**
 * A URL for a LaTeX document that typesets as itself and cannot break out. A URL of plain URL characters is
 * `\url{…}` (line breaks at slashes, a link with hyperref). url.sty cannot take `%` inside another command's
 * argument, nor braces, backslashes or non-ASCII characters, and re-encoding `%` would change the address, so
 * any other URL is typeset as escaped text in the same typewriter font. A URL of another scheme is plain text.
 */
export function latexUrl(url: string): string {
  const clean = cleanUrl(url);
  if (!LINK_SCHEME.test(clean)) return escapeLatex(clean);
  return TEX_URL_SAFE.test(clean) ? `\\url{${clean}}` : `\\texttt{${escapeLatex(clean)}}`;
}

/**
 * A URL for a Markdown document: an autolink `<…>`, inside which nothing but `<`, `>`, spaces and controls
 * could end it or change it (backslashes and entities are not read there). A URL of another scheme is plain text.
 */
export function markdownUrl(url: string): string {
  const clean = cleanUrl(url);
  if (!LINK_SCHEME.test(clean)) return escapeMarkdownInline(clean);
  return `<${clean.replace(/</gu, '%3C').replace(/>/gu, '%3E')}>`;
}

// ---- VS Code labels ------------------------------------------------------------------------------------

/** VS Code's own pattern for an icon in a label: `$(name)` or `$(name~modifier)`. */
const LABEL_ICON = /\$\([a-z0-9-]+?(?:~[a-z0-9-]*?)?\)/giu;

/**
 * For quick-pick labels, descriptions and details, where VS Code draws `$(name)` as an icon: a backslash in
 * front makes it print the characters (the documented escape). An existing backslash before it stays visible,
 * because the one we add is the one VS Code consumes.
 */
export function escapeLabelIcons(text: string): string {
  return text.replace(LABEL_ICON, '\\$&');
}

/**
 * For a quick-pick separator's label, which VS Code shows in two ways: as plain text above the first item of its
 * group (where a backslash would stay visible) and, while scrolling, as a label with icons. A zero-width space
 * between `$` and `(` reads the same in both and matches no icon.
 */
export function escapeSeparatorIcons(text: string): string {
  return text.replace(LABEL_ICON, (icon) => `$\u200B${icon.slice(1)}`);
}
