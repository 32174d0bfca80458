/**
 * Which workspace files are drafts for **Check All Drafts**, as plain data: the file extensions of each checked
 * language, the exclude glob (files.exclude, search.exclude, .gitignore, source folders), and how a .gitignore
 * reads as globs. Pure: no `vscode`, so the unit tests cover it.
 */

/** File extensions (without the dot) of the languages Sourcebook checks, as VS Code assigns them by default. */
export const LANGUAGE_EXTENSIONS: Readonly<Record<string, readonly string[]>> = {
  markdown: ['md', 'markdown', 'mdown', 'mkd', 'mkdn', 'mdwn', 'mdtxt', 'mdtext'],
  latex: ['tex', 'latex', 'ltx'],
  plaintext: ['txt'],
};

/** A file's language from its extension: `files.associations` entries of the form `*.ext` first, then the defaults. */
export function languageOfPath(path: string, associations: Readonly<Record<string, string>> = {}): string | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const extension = name.slice(dot + 1).toLowerCase();
  for (const [pattern, language] of Object.entries(associations)) {
    if (pattern.toLowerCase() === `*.${extension}` || pattern.toLowerCase() === `**/*.${extension}`) return language;
  }
  for (const [language, extensions] of Object.entries(LANGUAGE_EXTENSIONS)) if (extensions.includes(extension)) return language;
  return undefined;
}

/** The extensions to look for: those of the checked languages, plus any associated to one of them. */
export function draftExtensions(languages: readonly string[], associations: Readonly<Record<string, string>> = {}): string[] {
  const result = new Set<string>();
  for (const language of languages) for (const extension of LANGUAGE_EXTENSIONS[language] ?? []) result.add(extension);
  for (const [pattern, language] of Object.entries(associations)) {
    const match = /^(?:\*\*\/)?\*\.([\w-]+)$/u.exec(pattern);
    if (match && languages.includes(language)) result.add(match[1].toLowerCase());
  }
  return [...result].sort();
}

/** The include glob for a set of extensions. */
export function includeGlob(extensions: readonly string[]): string {
  return extensions.length === 1 ? `**/*.${extensions[0]}` : `**/*.{${extensions.join(',')}}`;
}

/** The patterns of an exclude setting (files.exclude, search.exclude) that are switched on (`true`; a `when` clause counts as on). */
export function enabledPatterns(setting: unknown): string[] {
  if (typeof setting !== 'object' || setting === null) return [];
  return Object.entries(setting as Record<string, unknown>)
    .filter(([, value]) => value === true || (typeof value === 'object' && value !== null))
    .map(([pattern]) => pattern);
}

/** One exclude glob from several patterns; undefined when there are none. Each pattern also excludes what is under it. */
export function combineExcludes(patterns: readonly string[]): string | undefined {
  const all = new Set<string>();
  for (const raw of patterns) {
    const pattern = raw.replace(/\/+$/u, '');
    if (pattern === '' || pattern.includes(',')) continue;
    all.add(pattern);
    if (!pattern.endsWith('/**')) all.add(`${pattern}/**`);
  }
  if (all.size === 0) return undefined;
  return all.size === 1 ? [...all][0] : `{${[...all].join(',')}}`;
}

/** The glob of one `sourcebook.sources` entry (a folder, or already a glob), relative to its workspace folder. */
export function sourceEntryGlob(entry: string): string | undefined {
  const slashed = entry.replace(/\\/gu, '/').replace(/^\.\/+/u, '').replace(/\/+$/u, '');
  if (slashed === '' || slashed === '.' || slashed.startsWith('/') || slashed.split('/').includes('..')) return undefined;
  return /[*?{}[\]]/u.test(slashed) ? slashed : `${slashed}/**`;
}

/**
 * A .gitignore as globs relative to the workspace folder, for the file at `dir/.gitignore` ("" at the top).
 * Lines follow git: `#` comments, a trailing `/` for folders only, a pattern with a `/` before its end anchored at
 * the .gitignore's folder, otherwise matched at any depth. Negations (`!pattern`) cannot be expressed as an
 * exclude and are left out: a file they re-include stays excluded.
 */
export function gitignoreGlobs(text: string, dir = ''): string[] {
  const base = dir === '' ? '' : `${dir.replace(/\/+$/u, '')}/`;
  const globs: string[] = [];
  for (const raw of text.split(/\r?\n/u)) {
    let line = raw.replace(/(?<!\\)\s+$/u, '');
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    line = line.replace(/^\\(?=[#!])/u, '');
    const folderOnly = line.endsWith('/');
    if (folderOnly) line = line.replace(/\/+$/u, '');
    if (line === '' || line.includes(',') || line.includes('{') || line.includes('}')) continue;
    const anchored = line.includes('/');
    const pattern = anchored ? line.replace(/^\/+/u, '') : line.startsWith('**/') ? line : `**/${line}`;
    const glob = `${base}${pattern}`;
    globs.push(`${glob}/**`);
    if (!folderOnly) globs.push(glob);
  }
  return globs;
}

/** A fix: replace a range of the text. */
export interface TextFix {
  readonly range: { readonly start: number; readonly end: number };
  readonly text: string;
}

/**
 * The fixes to apply together: in text order, and never two that touch the same text (the later of two
 * overlapping fixes is left for another pass: it is not unambiguous), nor one that changes nothing.
 */
export function compatibleFixes<T extends TextFix>(fixes: readonly T[], current?: (fix: T) => string): T[] {
  const sorted = [...fixes].sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  const chosen: T[] = [];
  let end = -1;
  for (const fix of sorted) {
    if (fix.range.start < end || (chosen.length > 0 && fix.range.start === end && fix.range.start === fix.range.end)) continue;
    if (current && current(fix) === fix.text) continue;
    chosen.push(fix);
    end = fix.range.end;
  }
  return chosen;
}
