import { parseDate } from '../format/dates';
import { TEX_SPECIALS } from '../format/escape';
import type { Source, Speaker } from '../kb/model';
import type { CitekeyTable } from './citekeys';

export type BibliographyFormat = 'bibtex' | 'csl-json';
export const BIBLIOGRAPHY_FORMATS: readonly BibliographyFormat[] = ['bibtex', 'csl-json'];

export function isBibliographyFormat(value: string): value is BibliographyFormat {
  return (BIBLIOGRAPHY_FORMATS as readonly string[]).includes(value);
}

/** Writes the sources as BibTeX or CSL-JSON, one entry per source, keyed by the table. */
export function exportBibliography(sources: readonly Source[], table: CitekeyTable, format: BibliographyFormat): string {
  return format === 'bibtex' ? exportBibtex(sources, table) : exportCslJson(sources, table);
}

// ---- BibTeX --------------------------------------------------------------------------------------------

/**
 * The BibLaTeX entry type of a source kind: what biber and `pandoc --citeproc` file it as. A talk is @misc with
 * `howpublished` (no proceedings to name), news and opinion are articles of their publication, a blog post is
 * @online, a report @report.
 */
export function bibtexType(kind: string): string {
  switch (kind) {
    case 'news report':
    case 'opinion piece':
      return 'article';
    case 'blog post':
      return 'online';
    case 'report':
      return 'report';
    case 'talk transcript':
    case 'interview':
    case 'notes':
    default:
      return 'misc';
  }
}

/** One entry per source, sorted by key; UTF-8, LaTeX specials escaped, braces balanced. */
export function exportBibtex(sources: readonly Source[], table: CitekeyTable): string {
  const entries = unique(sources)
    .map((source) => ({ key: table.keyOf(source), source }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ key, source }) => bibtexEntry(source, key, table));
  return entries.join('\n');
}

function bibtexEntry(source: Source, key: string, table: CitekeyTable): string {
  const type = bibtexType(source.kind);
  const fields: [string, string][] = [];
  const author = authorField(source);
  if (author) fields.push(['author', author]);
  fields.push(['title', escapeBibtex(source.title)]);
  const publisher = source.publisher && source.publisher !== source.author ? source.publisher.name : undefined;
  if (publisher) {
    if (type === 'article') fields.push(['journaltitle', escapeBibtex(publisher)]);
    else if (type === 'online' || type === 'report') fields.push([type === 'report' ? 'institution' : 'organization', escapeBibtex(publisher)]);
    else fields.push(['publisher', escapeBibtex(publisher)]);
  }
  const date = source.date?.trim();
  const parsed = date ? parseDate(date) : undefined;
  const year = parsed ? String(parsed.year) : date ? /\b(1[5-9]\d\d|20\d\d)\b/u.exec(date)?.[1] : undefined;
  if (parsed) fields.push(['date', `${parsed.year}-${pad(parsed.month)}${parsed.day !== undefined ? `-${pad(parsed.day)}` : ''}`]);
  if (year) fields.push(['year', year]);
  if (source.kind === 'talk transcript') fields.push(['howpublished', escapeBibtex(date && !parsed ? `Talk, ${date}` : 'Talk')]);
  else if (source.kind === 'interview') fields.push(['howpublished', 'Interview']);
  else if (date && !parsed && !/^\d{4}$/u.test(date)) fields.push(['note', escapeBibtex(date)]);
  if (type === 'report') fields.push(['type', 'Report']);
  const doi = table.citationOf(source).entry?.doi;
  if (doi && safeVerbatim(doi)) fields.push(['doi', doi]);
  const url = source.url ?? table.citationOf(source).entry?.url;
  if (url && safeVerbatim(url)) fields.push(['url', url]);
  const body = fields.map(([name, value]) => `  ${name} = {${value}}`).join(',\n');
  return `@${type}{${key},\n${body}\n}\n`;
}

/** BibTeX names: "Family, Given" for a person, a braced literal for an organisation; "and" between. */
function authorField(source: Source): string | undefined {
  const author = source.author;
  if (!author || author.kind === 'unsigned') return undefined;
  return personField(author);
}

function personField(speaker: Speaker): string {
  const name = speaker.name.trim().replace(/\s+/gu, ' ');
  if (speaker.kind !== 'person') return `{${escapeBibtex(name)}}`;
  const words = name.split(' ');
  if (words.length === 1) return escapeBibtex(name);
  const family = words[words.length - 1];
  const given = words.slice(0, -1).join(' ');
  // A name with "and" or a comma in it would split: braced, it stays one name.
  const guard = (s: string): string => (/\band\b|,/iu.test(s) ? `{${escapeBibtex(s)}}` : escapeBibtex(s));
  return `${guard(family)}, ${guard(given)}`;
}

/**
 * A field value for BibTeX: the LaTeX specials escaped (so braces always balance and nothing is a command), on
 * one line, control characters dropped. Non-ASCII letters stay UTF-8, which biber and Pandoc read.
 */
export function escapeBibtex(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/[\\{}$&#%_~^]/gu, (ch) => TEX_SPECIALS[ch]);
}

/** A verbatim field (url, doi) is written as is: only a value without braces, backslashes or spaces is. */
function safeVerbatim(value: string): boolean {
  return /^[^\s{}\\]+$/u.test(value);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function unique(sources: readonly Source[]): Source[] {
  return [...new Set(sources)];
}

// ---- CSL-JSON ------------------------------------------------------------------------------------------

/** The CSL type of a source kind. */
export function cslType(kind: string): string {
  switch (kind) {
    case 'news report':
      return 'article-newspaper';
    case 'opinion piece':
      return 'article-magazine';
    case 'blog post':
      return 'post-weblog';
    case 'report':
      return 'report';
    case 'talk transcript':
      return 'speech';
    case 'interview':
      return 'interview';
    default:
      return 'document';
  }
}

export function exportCslJson(sources: readonly Source[], table: CitekeyTable): string {
  const items = unique(sources)
    .map((source) => cslItem(source, table.keyOf(source), table))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return `${JSON.stringify(items, null, 2)}\n`;
}

function cslItem(source: Source, key: string, table: CitekeyTable): { id: string } & Record<string, unknown> {
  const item: { id: string } & Record<string, unknown> = { id: key, type: cslType(source.kind), title: source.title };
  const author = source.author && source.author.kind !== 'unsigned' ? source.author : undefined;
  if (author) {
    const words = author.name.trim().split(/\s+/u);
    item.author = [author.kind === 'person' && words.length > 1 ? { family: words[words.length - 1], given: words.slice(0, -1).join(' ') } : { literal: author.name }];
  }
  if (source.publisher && source.publisher !== source.author) {
    item[source.kind === 'news report' || source.kind === 'opinion piece' || source.kind === 'blog post' ? 'container-title' : 'publisher'] = source.publisher.name;
  }
  const date = source.date?.trim();
  if (date) {
    const parsed = parseDate(date);
    const year = /\b(1[5-9]\d\d|20\d\d)\b/u.exec(date)?.[1];
    if (parsed) item.issued = { 'date-parts': [[parsed.year, parsed.month, ...(parsed.day !== undefined ? [parsed.day] : [])]] };
    else if (year) item.issued = { 'date-parts': [[Number(year)]] };
    if (!parsed && source.kind === 'talk transcript') item.event = date;
  }
  if (source.kind === 'talk transcript') item.genre = 'Talk';
  const entry = table.citationOf(source).entry;
  if (entry?.doi) item.DOI = entry.doi;
  const url = source.url ?? entry?.url;
  if (url) item.URL = url;
  return item;
}
