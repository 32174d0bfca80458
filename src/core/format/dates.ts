import type { Source } from '../kb/model';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A source's date as every surface shows it: calendar dates as "17 Nov 2024", a month as "Nov 2024", and an
 * occasion ("NeurIPS 2024") or a year as given. One format everywhere, so that the picker, the cards, the
 * sidebar and an inserted attribution never disagree.
 */
export function displayDate(date: string): string {
  const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?(?:[T ].*)?$/u.exec(date.trim());
  if (!match) return date.trim();
  const [, year, month, day] = match;
  const name = MONTHS[Number(month) - 1];
  if (!name || (day !== undefined && (Number(day) < 1 || Number(day) > 31))) return date.trim();
  return day !== undefined ? `${Number(day)} ${name} ${year}` : `${name} ${year}`;
}

/** The displayed date, or "undated" when no source line gives one. */
export function sourceDate(source: Pick<Source, 'date'>): string {
  return source.date ? displayDate(source.date) : 'undated';
}
