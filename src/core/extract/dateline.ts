import { parseDate } from '../format/dates';

/** Who published a plain-text article and when, as its second line says it. */
export interface Dateline {
  readonly author?: string;
  readonly publisher?: string;
  readonly date: string;
}

/** "By Hana Okafor, The Lattice Review, 2 April 2025" and its shorter forms: optional byline, optional publication, date. */
const DATELINE = /^(?:By\s+(?<author>[^,]{2,60}),\s*)?(?:(?<publisher>[^,]{2,60}),\s*)?(?<date>[^,]{4,40}|[A-Z][a-z]+ \d{1,2}, \d{4})\.?$/u;

/**
 * The dateline under a plain-text article's title: the first non-empty line after the title line, when it is a
 * date, optionally after "By Name," and a publication's name. Anything else (a lead sentence that happens to end
 * in a year) is no dateline: the date must parse as a calendar date, and the line must be short.
 */
export function findDateline(body: string): Dateline | undefined {
  const lines = body.split(/\r\n?|\n/u).map((l) => l.trim());
  const title = lines.findIndex((l) => l.length > 0);
  if (title < 0) return undefined;
  const next = lines.slice(title + 1).find((l) => l.length > 0);
  if (!next || next.length > 120) return undefined;
  const m = DATELINE.exec(next);
  if (!m?.groups || parseDate(m.groups.date.trim()) === undefined) return undefined;
  const { author, publisher } = m.groups;
  return { date: m.groups.date.trim(), author: author?.trim(), publisher: publisher?.trim() };
}
