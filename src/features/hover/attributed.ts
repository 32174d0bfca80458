import { findQuotations, Quotation } from '../../core/check/findQuotations';
import type { Quote } from '../../core/kb/model';

/** Fewer words than this in a quotation are a term or a scare quote, not someone's words. */
const MIN_WORDS = 4;

/** Lower case, composed, letters and digits only, words separated by one space. */
export function normalizeForMatch(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc']/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const normalizedQuotes = new WeakMap<readonly Quote[], readonly string[]>();

/**
 * The known quote whose words a quotation of the writer's around `offset` gives: the quotation's words (each
 * part between omissions marked … or ..., [editorial insertions] left out) appear in this order in one quote,
 * ignoring case, punctuation and typography. Such a quotation is already quoted: its terms get a one-line
 * "from <source>" card instead of the full card. Quotations of fewer than four words never count.
 */
export function knownQuoteAt(
  text: string,
  languageId: string,
  offset: number,
  quotes: readonly Quote[],
  quotations: readonly Quotation[] = findQuotations(text, languageId),
): Quote | undefined {
  const quotation = quotations.find((q) => q.start <= offset && offset < q.end);
  if (!quotation) return undefined;
  const inner = text.slice(quotation.start, quotation.end).replace(/\[[^\]\n]*\]/gu, ' ');
  const parts = inner.split(/…|\.\.\./u).map(normalizeForMatch).filter((p) => p.length > 0);
  const words = parts.reduce((n, p) => n + p.split(' ').length, 0);
  if (words < MIN_WORDS) return undefined;
  let normalized = normalizedQuotes.get(quotes);
  if (!normalized) {
    normalized = quotes.map((q) => ` ${normalizeForMatch(q.text)} `);
    normalizedQuotes.set(quotes, normalized);
  }
  for (let i = 0; i < quotes.length; i++) {
    if (containsInOrder(normalized[i], parts)) return quotes[i];
  }
  return undefined;
}

/** Whether every part occurs as whole words in `haystack` (padded with spaces), each after the previous one. */
function containsInOrder(haystack: string, parts: readonly string[]): boolean {
  let from = 0;
  for (const part of parts) {
    const at = haystack.indexOf(` ${part} `, from);
    if (at < 0) return false;
    from = at + part.length + 1;
  }
  return true;
}
