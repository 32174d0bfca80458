import type { Source } from '../kb/model';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A source's date as every surface shows it: calendar dates as "17 Nov 2024", a month as "Nov 2024", and an
 * occasion ("NeurIPS 2024") or a year as given. One format everywhere, so that the picker, the cards, the
 * sidebar and an inserted attribution never disagree.
 */
export function displayDate(date: string): string {
  const parsed = parseDate(date);
  if (!parsed) return date.trim();
  const name = MONTHS[parsed.month - 1];
  return parsed.day !== undefined ? `${parsed.day} ${name} ${parsed.year}` : `${name} ${parsed.year}`;
}

export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day?: number;
}

const MONTH_WORD = String.raw`(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?`;
const ISO = /^(\d{4})-(\d{2})(?:-(\d{2}))?(?:[T ].*)?$/u;
/** "Sun Nov 17 2024", "November 17, 2024". */
const MONTH_FIRST = new RegExp(String.raw`^(?:[A-Z][a-z]{2,8},?\s+)?${MONTH_WORD}\s+(\d{1,2}),?\s+(\d{4})$`, 'iu');
/** "2 April 2025", "17 Nov 2024". */
const DAY_FIRST = new RegExp(String.raw`^(\d{1,2})\s+${MONTH_WORD},?\s+(\d{4})$`, 'iu');

/** A calendar date in the forms sources write them; undefined for an occasion ("NeurIPS 2024") or a year. */
export function parseDate(text: string): CalendarDate | undefined {
  const date = text.trim();
  const iso = ISO.exec(date);
  if (iso) return valid(Number(iso[1]), Number(iso[2]), iso[3] === undefined ? undefined : Number(iso[3]));
  const monthFirst = MONTH_FIRST.exec(date);
  if (monthFirst) return valid(Number(monthFirst[3]), monthIndex(monthFirst[1]), Number(monthFirst[2]));
  const dayFirst = DAY_FIRST.exec(date);
  if (dayFirst) return valid(Number(dayFirst[3]), monthIndex(dayFirst[2]), Number(dayFirst[1]));
  return undefined;
}

function monthIndex(word: string): number {
  return MONTHS.findIndex((m) => m.toLowerCase() === word.slice(0, 3).toLowerCase()) + 1;
}

function valid(year: number, month: number, day?: number): CalendarDate | undefined {
  if (month < 1 || month > 12) return undefined;
  if (day !== undefined && (day < 1 || day > 31)) return undefined;
  return { year, month, day };
}

/** For ordering occasions: a year found anywhere ("NeurIPS 2024") counts, as its start. */
export function dateOrder(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const parsed = parseDate(text);
  if (parsed) return parsed.year * 10_000 + parsed.month * 100 + (parsed.day ?? 0);
  const year = /\b(1[89]\d{2}|2\d{3})\b/u.exec(text);
  return year ? Number(year[1]) * 10_000 : undefined;
}

/** The displayed date, or "undated" when no source line gives one. */
export function sourceDate(source: Pick<Source, 'date'>): string {
  return source.date ? displayDate(source.date) : 'undated';
}
