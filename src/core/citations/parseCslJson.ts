import type { Problem } from '../kb/model';
import { BibEntry, Bibliography, BibPerson } from './bibliography';

/**
 * CSL-JSON (what Zotero, Pandoc and citeproc read): an array of items with `id`, `type`, `title`, `author`,
 * `issued`, `DOI`, `URL`. An item without an id is reported and left out; the rest serves. A line is found for
 * each item by its id, for messages.
 */
export function parseCslJson(text: string, file: string): Bibliography {
  let data: unknown;
  try {
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    return { file, entries: [], brokenKeys: [], problems: [{ severity: 'error', file, message: `is not valid CSL-JSON: ${(error as Error).message}` }] };
  }
  const items = Array.isArray(data) ? data : isObject(data) && Array.isArray(data.items) ? data.items : undefined;
  if (!items) return { file, entries: [], brokenKeys: [], problems: [{ severity: 'error', file, message: 'is not CSL-JSON: expected an array of items' }] };
  const problems: Problem[] = [];
  const entries: BibEntry[] = [];
  const seen = new Set<string>();
  items.forEach((item: unknown, i: number) => {
    const id = isObject(item) && (typeof item.id === 'string' || typeof item.id === 'number') ? String(item.id) : undefined;
    const line = id === undefined ? undefined : lineOfId(text, id);
    if (!isObject(item) || id === undefined || !id.trim()) {
      problems.push({ severity: 'warning', file, message: `item ${i + 1} has no "id" and was left out` });
      return;
    }
    if (seen.has(id)) {
      problems.push({ severity: 'warning', file, line, message: `the id "${id}" is used again; the first item is used` });
      return;
    }
    seen.add(id);
    const year = dateYear(item.issued);
    entries.push({
      key: id,
      type: str(item.type) ?? 'document',
      title: str(item.title),
      authors: (Array.isArray(item.author) ? item.author : Array.isArray(item.editor) ? item.editor : []).filter(isObject).map(toPerson),
      year,
      doi: str(item.DOI),
      url: str(item.URL),
      file,
      line: line ?? 1,
    });
  });
  return { file, entries, brokenKeys: [], problems };
}

function toPerson(name: Record<string, unknown>): BibPerson {
  const literal = str(name.literal);
  if (literal) return { literal };
  const family = [str(name['non-dropping-particle']), str(name.family)].filter(Boolean).join(' ');
  return { family: family || undefined, given: str(name.given) };
}

function dateYear(value: unknown): string | undefined {
  if (!isObject(value)) return undefined;
  const parts = value['date-parts'];
  if (Array.isArray(parts) && Array.isArray(parts[0]) && /^\d{4}$/u.test(String(parts[0][0]))) return String(parts[0][0]);
  const raw = str(value.raw) ?? str(value.literal);
  return raw ? /\b(\d{4})\b/u.exec(raw)?.[1] : undefined;
}

function lineOfId(text: string, id: string): number | undefined {
  const at = text.search(new RegExp(`"id"\\s*:\\s*"?${id.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}"?`, 'u'));
  if (at < 0) return undefined;
  let line = 1;
  for (let i = 0; i < at; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim().normalize('NFC') : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
