/**
 * Escaping for the places our text goes. Source text is data: whatever it contains (`*`, `[x](command:…)`,
 * `<img onerror>`, `54%`), it must come out as the same visible characters, never as markup.
 */

/**
 * For Markdown that VS Code renders (hover cards, tooltips): every ASCII punctuation character that CommonMark
 * lets a backslash escape is escaped, so no link, emphasis, HTML or autolink can form. Line breaks are kept.
 */
export function escapeMarkdownStrict(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~&:"'=$%^]/gu, '\\$&');
}

/**
 * For Markdown written into a user's document: escapes only what would change the rendering, so the inserted
 * source stays readable ("data, and" not "data\, and"). Inline markers everywhere; block markers only where a
 * line starts.
 */
export function escapeMarkdownInline(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|]/gu, '\\$&')
    .replace(/~~/gu, '\\~\\~')
    .replace(/^(\s*)([#+-]|\d+[.)])(?=\s|$)/gmu, (_m, space: string, marker: string) => `${space}${marker.replace(/[#+\-.)]/u, '\\$&')}`);
}

const LATEX_SPECIALS: Readonly<Record<string, string>> = {
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

/** Escapes the ten LaTeX special characters so that text typesets as itself ("54%" → "54\%"). */
export function escapeLatex(text: string): string {
  return text.replace(/[\\{}$&#%_~^]/gu, (ch) => LATEX_SPECIALS[ch]);
}
