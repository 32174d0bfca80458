import type { Quote, Source, Speaker } from '../kb/model';
import { escapeLatex, escapeMarkdownInline } from './escape';

export type OutputFormat = 'markdown' | 'latex' | 'plaintext';

/** Which of our formats a document language gets; anything we do not know is written as plain text. */
export function outputFormatFor(languageId: string): OutputFormat {
  switch (languageId) {
    case 'markdown':
    case 'mdx':
      return 'markdown';
    case 'latex':
    case 'tex':
    case 'bibtex':
      return 'latex';
    default:
      return 'plaintext';
  }
}

/** "Meta’s", "Andrej Karpathy’s"; several: "the views of A and B". */
function whoseView(people: readonly Speaker[]): string {
  if (people.length === 0) return 'a view';
  if (people.length === 1) return `${people[0].name}’s view`;
  const names = people.map((p) => p.name);
  return `the views of ${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * Who the words belong to. A reported quote is never given to its subject: it is the writer's account of
 * their view ("Chief AI Sharing Circle, reporting Ilya Sutskever’s view"). The unnamed writer of an unsigned
 * source is "Unsigned writer": the source title that follows says which.
 */
export function speakerPhrase(quote: Quote): string {
  const speaker = quote.speaker.kind === 'unsigned' ? 'Unsigned writer' : quote.speaker.name;
  return quote.attribution === 'direct' ? speaker : `${speaker}, reporting ${whoseView(quote.about)}`;
}

/** Who wrote or published a source, as shown above it and in its tooltip: "Lovre Pešut", "Unsigned". */
export function sourceByline(source: Source): string {
  return [source.author?.kind === 'unsigned' ? 'Unsigned' : source.author?.name, source.publisher?.name].filter(Boolean).join(', ');
}

export function sourcePhrase(quote: Quote): string {
  return quote.source.date ? `${quote.source.title} (${quote.source.date})` : quote.source.title;
}

/** "— Ilya Sutskever, Title (date)" without markup: for tooltips, plain text and the CLI. */
export function attributionLine(quote: Quote): string {
  return `— ${speakerPhrase(quote)}, ${sourcePhrase(quote)}`;
}

export interface FormatOptions {
  /** A user template (setting sourcebook.insert.templates); must have passed validateTemplate. */
  readonly template?: string;
}

/** A quote as it is inserted into a document of the given language, with its attribution. */
export function formatQuote(quote: Quote, languageId: string, options: FormatOptions = {}): string {
  const format = outputFormatFor(languageId);
  if (options.template !== undefined) return applyTemplate(options.template, templateValues(quote, format));
  switch (format) {
    case 'markdown':
      return formatMarkdown(quote);
    case 'latex':
      return formatLatex(quote);
    default:
      return formatPlain(quote);
  }
}

function formatMarkdown(quote: Quote): string {
  const e = escapeMarkdownInline;
  const date = quote.source.date ? ` (${e(quote.source.date)})` : '';
  return `> ${e(quote.text)}\n>\n> — ${e(speakerPhrase(quote))}, *${e(quote.source.title)}*${date}\n`;
}

function formatLatex(quote: Quote): string {
  const e = escapeLatex;
  const date = quote.source.date ? ` (${e(quote.source.date)})` : '';
  return `\\begin{quote}\n${e(quote.text)}\n\\par --- ${e(speakerPhrase(quote))}, \\emph{${e(quote.source.title)}}${date}\n\\end{quote}\n`;
}

function formatPlain(quote: Quote): string {
  return `“${quote.text}”\n${attributionLine(quote)}\n`;
}

// ---- Templates -----------------------------------------------------------------------------------------

export const TEMPLATE_TOKENS = ['text', 'speaker', 'source', 'date', 'url', 'attribution'] as const;
type TemplateToken = (typeof TEMPLATE_TOKENS)[number];

const TOKEN_PATTERN = /\$\{([^}]*)\}/gu;

/** Undefined when the template is usable, else a message naming the unknown token. */
export function validateTemplate(template: string): string | undefined {
  for (const match of template.matchAll(TOKEN_PATTERN)) {
    if (!(TEMPLATE_TOKENS as readonly string[]).includes(match[1])) {
      return `unknown token \${${match[1]}}; use ${TEMPLATE_TOKENS.map((t) => `\${${t}}`).join(', ')}`;
    }
  }
  if (!template.includes('${text}')) return 'the template has no ${text} token, so the quote itself would be left out';
  return undefined;
}

function templateValues(quote: Quote, format: OutputFormat): Record<TemplateToken, string> {
  const escape = format === 'markdown' ? escapeMarkdownInline : format === 'latex' ? escapeLatex : (s: string) => s;
  return {
    text: escape(quote.text),
    speaker: escape(speakerPhrase(quote)),
    source: escape(quote.source.title),
    date: escape(quote.source.date ?? 'undated'),
    url: quote.source.url ?? quote.source.uri,
    attribution: escape(attributionLine(quote)),
  };
}

function applyTemplate(template: string, values: Record<TemplateToken, string>): string {
  return template.replace(TOKEN_PATTERN, (whole, name: string) => (name in values ? values[name as TemplateToken] : whole));
}
