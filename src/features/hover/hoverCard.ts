import { escapeMarkdownStrict } from '../../core/format/escape';
import { REPORTED_NOTE, sourcePhrase, speakerPhrase } from '../../core/format/formatQuote';
import type { Quote, Term } from '../../core/kb/model';

/** The only commands a hover card may run; the card's MarkdownString is trusted for these and nothing else. */
export const HOVER_COMMANDS = ['sourcebook.insertTreeQuote', 'sourcebook.openQuote', 'sourcebook.showQuotesForTerm'] as const;

/**
 * The most characters of visible text a card shows before its "more quotes" link: a card is read over the paragraph
 * being written, and must not cover it. Counted on what is shown (escapes and link targets are not seen).
 */
export const CARD_TEXT_BUDGET = 600;
/** Longer quotes are shortened in the card only; Open source and All quotes show them whole. */
const QUOTE_MAX = 280;
/** The first quote is never cut below this to fit the budget (the other limits keep it inside). */
const QUOTE_MIN = 80;
const DEFINITION_MAX = 200;
const LABEL_MAX = 60;
const SPEAKER_MAX = 80;
const SOURCE_MAX = 100;

const ACTIONS_TEXT = 'Insert quote · Open source';
/** A paragraph break shows as one line break. */
const BREAK = 1;

/** A piece of the card: its Markdown and how many characters it shows. */
interface CardPart {
  readonly markdown: string;
  readonly visible: number;
}

/**
 * The Markdown of a hover card: the term and its definition, then the best quotes as blockquotes with who
 * said them, where and when, and action links; as many quotes as fit in CARD_TEXT_BUDGET, then a link to the rest.
 * Every piece of source text is escaped, so a quote containing `[x](command:…)` or `<img onerror>` shows those
 * characters and does nothing.
 */
export function hoverCardMarkdown(term: Term, quotes: readonly Quote[], totalQuotes: number, budget = CARD_TEXT_BUDGET): string {
  const header = headerPart(term);
  const shown: CardPart[] = [];
  let used = header.visible;
  for (const quote of quotes) {
    // The first quote is always shown, shortened to what is left; the others only if they fit.
    const part = quotePart(quote, shown.length === 0 ? Math.max(QUOTE_MIN, budget - used - BREAK - framingLength(quote)) : QUOTE_MAX);
    if (shown.length > 0 && used + BREAK + part.visible > budget) break;
    shown.push(part);
    used += BREAK + part.visible;
  }
  const body = shown.length > 0 ? shown : [{ markdown: '*No quotes for this term yet.*', visible: 0 }];
  return [header, ...body, footerPart(term, totalQuotes, shown.length)].map((p) => p.markdown).join('\n\n');
}

function headerPart(term: Term): CardPart {
  const label = shortenAtWordBoundary(term.label, LABEL_MAX);
  const definition = shortenAtWordBoundary(term.definition, DEFINITION_MAX);
  return { markdown: `**${escapeMarkdownStrict(label)}** — ${escapeMarkdownStrict(definition)}`, visible: label.length + 3 + definition.length };
}

/** A quote, its attribution and its actions; the quote's text shortened to at most `maxText` (and QUOTE_MAX). */
function quotePart(quote: Quote, maxText: number): CardPart {
  const e = escapeMarkdownStrict;
  const text = shortenAtWordBoundary(quote.text, Math.min(maxText, QUOTE_MAX));
  const { speaker, source } = attributionOf(quote);
  const reported = quote.attribution === 'reported' ? ` · *${REPORTED_NOTE}*` : '';
  const actions = `${commandLink('Insert quote', 'sourcebook.insertTreeQuote', [quote.id], 'Insert this quote at the cursor')} · ${commandLink('Open source', 'sourcebook.openQuote', [quote.id], 'Open the source at this quote, in full')}`;
  return {
    markdown: `> ${e(text)}\n>\n> — ${e(speaker)}, *${e(source)}*${reported}\n\n${actions}`,
    visible: text.length + framingLength(quote),
  };
}

/** What a quote's block shows besides the quote: the attribution line, the reported note and the actions. */
function framingLength(quote: Quote): number {
  const { speaker, source } = attributionOf(quote);
  const reported = quote.attribution === 'reported' ? 3 + REPORTED_NOTE.length : 0;
  return BREAK + `— ${speaker}, ${source}`.length + reported + BREAK + ACTIONS_TEXT.length;
}

/** Who and where, shortened: a long title loses its end, never the date after it. */
function attributionOf(quote: Quote): { speaker: string; source: string } {
  const phrase = sourcePhrase(quote);
  const title = quote.source.title;
  const afterTitle = phrase.startsWith(title) ? phrase.slice(title.length) : '';
  const source = afterTitle.length < SOURCE_MAX / 2 ? shortenAtWordBoundary(title, SOURCE_MAX - afterTitle.length) + afterTitle : shortenAtWordBoundary(phrase, SOURCE_MAX);
  return { speaker: shortenAtWordBoundary(speakerPhrase(quote), SPEAKER_MAX), source };
}

/** "All quotes for “x” (n)", preceded by "n more quotes…" when the card left some out. */
function footerPart(term: Term, totalQuotes: number, shown: number): CardPart {
  const omitted = totalQuotes - shown;
  const label = shortenAtWordBoundary(term.label, LABEL_MAX);
  const total = commandLink(`All quotes for “${label}” (${totalQuotes})`, 'sourcebook.showQuotesForTerm', [term.id], 'Show every quote for this term in the Sourcebook sidebar');
  if (omitted <= 0) return { markdown: total, visible: 0 };
  const more = commandLink(`${omitted} more ${omitted === 1 ? 'quote' : 'quotes'}…`, 'sourcebook.showQuotesForTerm', [term.id], 'Show the quotes this card leaves out, in the Sourcebook sidebar');
  return { markdown: `${more} · ${total}`, visible: 0 };
}

/**
 * `text` cut to at most `max` characters, ellipsis included, at the last space in its second half (else mid-word,
 * never inside a surrogate pair), without a dangling comma or dash. For display only: insertions stay verbatim.
 */
export function shortenAtWordBoundary(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = Math.max(1, max - 1);
  let cut = room;
  while (cut > room / 2 && !/\s/u.test(text[cut])) cut--;
  if (cut <= room / 2) cut = room;
  let head = text.slice(0, cut).replace(/[\s,;:\-–—([{“‘"']+$/u, '');
  if (/[\uD800-\uDBFF]$/u.test(head)) head = head.slice(0, -1);
  return `${head}…`;
}

function commandLink(label: string, command: (typeof HOVER_COMMANDS)[number], args: readonly string[], title: string): string {
  const uri = `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;
  return `[${escapeMarkdownStrict(label)}](${uri} "${title.replace(/"/gu, '')}")`;
}

/** The command of a card's "Don't show for this term" link; its own MarkdownString is trusted for it alone. */
export const MUTE_COMMAND = 'sourcebook.muteTerm';

/** The card's last section: one click to mute the term (sourcebook.hover.mutedTerms, undoable in the settings). */
export function muteLinkMarkdown(term: Term): string {
  const label = shortenAtWordBoundary(term.label, LABEL_MAX).replace(/"/gu, '');
  const uri = `command:${MUTE_COMMAND}?${encodeURIComponent(JSON.stringify([term.id]))}`;
  return `[Don’t show for this term](${uri} "No more cards for ${label}; undo in the setting sourcebook.hover.mutedTerms")`;
}

/**
 * The one-line card over a term inside a quotation that already gives a known quote's words: the writer has
 * quoted it, so the card only says where the words are from, with a link to open the source there.
 */
export function fromSourceMarkdown(quote: Quote): string {
  const { speaker, source } = attributionOf(quote);
  return `from *${escapeMarkdownStrict(source)}* — ${escapeMarkdownStrict(speaker)} · ${commandLink('Open source', 'sourcebook.openQuote', [quote.id], 'Open the source at this quote, in full')}`;
}
