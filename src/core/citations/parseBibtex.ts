import type { Creator, Entry, parse } from '@retorquere/bibtex-parser';
import type { Problem } from '../kb/model';
import { BibEntry, Bibliography, BibPerson, isCslJsonFile, lineOf } from './bibliography';
import { parseCslJson } from './parseCslJson';

/*
 * BibTeX/BibLaTeX with @retorquere/bibtex-parser, the parser Better BibTeX for Zotero imports with: TeX accents
 * ({\v{s}}), @string macros and concatenation, braces, @comment and % comments. It is large (a LaTeX parser and
 * its data, about 1 MB), so it is passed in rather than imported: bibtexBundle.ts is the entry of its own bundle
 * (dist/bibtex.js, esbuild.js), which the extension loads only when a .bib is configured; the CLI imports it
 * on demand.
 */

/** What parseBibtex needs of the library. */
export interface BibtexLibrary {
  readonly parse: typeof parse;
}

/** Reads a bibliography file: CSL-JSON by its `.json` name, BibTeX otherwise. Never throws. */
export function parseBibliography(text: string, file: string, library?: BibtexLibrary): Bibliography {
  if (isCslJsonFile(file)) return parseCslJson(text, file);
  if (!library) return { file, entries: [], brokenKeys: [], problems: [{ severity: 'error', file, message: 'could not be read: the BibTeX reader is not available' }] };
  return parseBibtex(text, file, library);
}

/**
 * Parses BibTeX. A malformed entry is reported with its file and line and left out; every other entry still
 * serves (a missing comma must not cost the writer the whole file). A key defined twice keeps its first entry.
 */
export function parseBibtex(text: string, file: string, library: BibtexLibrary): Bibliography {
  const problems: Problem[] = [];
  let parsed;
  try {
    // Titles as written: no sentence-casing, which is for Zotero's import; unknown commands give their text.
    parsed = library.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, { english: false, sentenceCase: false, unsupported: unsupportedCommand });
  } catch (error) {
    return { file, entries: [], brokenKeys: [], problems: [{ severity: 'error', file, message: `could not be read as BibTeX: ${(error as Error).message}` }] };
  }
  const brokenKeys: string[] = [];
  for (const error of parsed.errors) {
    const key = error.input ? /^@\s*\w+\s*[{(]\s*([^,\s{}()]+)/u.exec(error.input)?.[1] : undefined;
    if (key) brokenKeys.push(key);
    const line = Number(/\bat line (\d+)/u.exec(error.error)?.[1]) || (error.input ? lineOf(text, Math.max(0, text.indexOf(error.input))) : undefined);
    const reason = error.error.replace(/\s*\.\.\.\s*at line \d+, column \d+/u, '').replace(/\s+/gu, ' ');
    problems.push({ severity: 'warning', file, line, message: `${key ? `entry "${key}" ` : ''}is malformed and was left out: ${reason}` });
  }
  const entries: BibEntry[] = [];
  const seen = new Set<string>();
  let cursor = 0;
  for (const entry of parsed.entries) {
    // An entry the parser gave up on half-way comes back without its input: it was reported above.
    if (!entry.input) {
      if (!brokenKeys.includes(entry.key)) brokenKeys.push(entry.key);
      continue;
    }
    const at = text.indexOf(entry.input, cursor);
    if (at >= 0) cursor = at + entry.input.length;
    const line = lineOf(text, at >= 0 ? at : text.indexOf(`{${entry.key},`));
    if (seen.has(entry.key)) {
      problems.push({ severity: 'warning', file, line, message: `the key "${entry.key}" is defined again; the first entry is used` });
      continue;
    }
    seen.add(entry.key);
    entries.push(toEntry(entry, file, line));
  }
  return { file, entries, brokenKeys, problems };
}

/** TeX logos the parser does not know: they keep their word rather than vanishing from a title. */
const LOGOS = new Set(['TeX', 'BibTeX', 'XeTeX', 'LuaTeX', 'ConTeXt', 'LaTeXe', 'AmS', 'METAFONT']);

/** A command the parser does not know gives nothing (its arguments still give their text), a logo its name. */
function unsupportedCommand(_node: unknown, tex: string): string {
  const name = /^\\([A-Za-z]+)/u.exec(tex)?.[1];
  return name && LOGOS.has(name) ? name : '';
}

function toEntry(entry: Entry, file: string, line: number): BibEntry {
  const fields = entry.fields;
  const text = (name: string): string | undefined => {
    const value = (fields as Record<string, unknown>)[name];
    return typeof value === 'string' && value.trim() ? plain(value) : undefined;
  };
  const creators = fields.author ?? fields.editor ?? [];
  const year = /\b(\d{4})\b/u.exec(text('year') ?? text('date') ?? '')?.[1];
  return {
    key: entry.key,
    type: entry.type.toLowerCase(),
    title: text('title'),
    authors: creators.map(toPerson),
    year,
    doi: text('doi'),
    url: text('url'),
    file,
    line,
  };
}

function toPerson(creator: Creator): BibPerson {
  if (creator.name !== undefined) return { literal: plain(creator.name) };
  const family = [creator.prefix, creator.lastName].filter(Boolean).join(' ');
  return { family: family ? plain(family) : undefined, given: creator.firstName ? plain(creator.firstName) : undefined };
}

/** The parser marks up rich text (`<i>`, small caps spans); titles and names are compared and shown as text. */
function plain(value: string): string {
  return value.replace(/<\/?(?:i|b|sup|sub|sc|span|nc|ncx|em|strong)(?:\s[^>]*)?>/gu, '').replace(/\s+/gu, ' ').trim().normalize('NFC');
}
