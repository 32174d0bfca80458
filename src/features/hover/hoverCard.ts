import { escapeMarkdownStrict } from '../../core/format/escape';
import { sourcePhrase, speakerPhrase } from '../../core/format/formatQuote';
import type { Quote, Term } from '../../core/kb/model';

/** The only commands a hover card may run; the card's MarkdownString is trusted for these and nothing else. */
export const HOVER_COMMANDS = ['sourcebook.insertTreeQuote', 'sourcebook.openQuote', 'sourcebook.showQuotesForTerm'] as const;

/**
 * The Markdown of a hover card: the term and its definition, then the best quotes as blockquotes with who
 * said them, where and when, and action links. Every piece of source text is escaped, so a quote containing
 * `[x](command:…)` or `<img onerror>` shows those characters and does nothing.
 */
export function hoverCardMarkdown(term: Term, quotes: readonly Quote[], totalQuotes: number): string {
  const e = escapeMarkdownStrict;
  const parts = [`**${e(term.label)}** — ${e(term.definition)}`];
  for (const quote of quotes) {
    const reported = quote.attribution === 'reported' ? ' · *reported: a writer’s account, not their own words*' : '';
    parts.push(
      `> ${e(quote.text)}\n>\n> — ${e(speakerPhrase(quote))}, *${e(sourcePhrase(quote))}*${reported}`,
      `${commandLink('Insert quote', 'sourcebook.insertTreeQuote', [quote.id], 'Insert this quote at the cursor')} · ${commandLink('Open source', 'sourcebook.openQuote', [quote.id], 'Open the source at this quote')}`,
    );
  }
  if (quotes.length === 0) parts.push('*No quotes for this term yet.*');
  parts.push(commandLink(`All quotes for “${term.label}” (${totalQuotes})`, 'sourcebook.showQuotesForTerm', [term.id], 'Show every quote for this term in the Sourcebook sidebar'));
  return parts.join('\n\n');
}

function commandLink(label: string, command: (typeof HOVER_COMMANDS)[number], args: readonly string[], title: string): string {
  const uri = `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;
  return `[${escapeMarkdownStrict(label)}](${uri} "${title.replace(/"/gu, '')}")`;
}
