import type { Quote, Source, Speaker } from '../kb/model';
import { displayDate, parseDate, sourceDate } from './dates';
import { isOwnOccasion } from '../kb/repeatedQuotes';
import { escapeLatex, escapeMarkdownInline, escapePlainText, latexUrl, markdownUrl } from './escape';
import { CiteStyle, citedPage, citeStyleFor, formatCite, safeKey, templateCiteStyle } from '../citations/citeStyles';

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

/** "Meta’s view", "Andrej Karpathy’s view", "Coding Chronicles’ view"; several: "the views of A, B and C". */
export function whoseView(people: readonly Speaker[]): string {
  if (people.length === 0) return 'a view';
  if (people.length === 1) return `${possessive(people[0].name)} view`;
  const names = people.map((p) => p.name);
  return `the views of ${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** "Ilya Sutskever’s", "Coding Chronicles’". */
export function possessive(name: string): string {
  return /s$/u.test(name) ? `${name}’` : `${name}’s`;
}

/** A speaker as named on every surface: a person or organisation by name, an unsigned source's writer as such. */
export function speakerName(speaker: Speaker): string {
  return speaker.kind === 'unsigned' ? 'Unsigned writer' : speaker.name;
}

/**
 * Who the words belong to, in the one phrase every surface uses (picker, cards, sidebar, insertions, checks). A
 * reported quote is never given to its subject: it is the writer's account of their view ("Chief AI Sharing
 * Circle, reporting Ilya Sutskever’s view"; "…, reporting the views of Google DeepMind and Ilya Sutskever").
 */
export function speakerPhrase(quote: Quote): string {
  const speaker = speakerName(quote.speaker);
  return quote.attribution === 'direct' ? speaker : `${speaker}, ${reportedView(quote)}`;
}

/** What a writer's account reports, in the words of speakerPhrase: "reporting Ilya Sutskever’s view". */
export function reportedView(quote: Quote): string {
  return `reporting ${whoseView(quote.about)}`;
}

/** What a reported quote is, said the same way wherever one is shown with its attribution. */
export const REPORTED_NOTE = 'A writer’s account, not their own words.';

/** Who wrote or published a source, as shown above it and in its tooltip: "Lovre Pešut", "Unsigned". */
export function sourceByline(source: Source): string {
  return [source.author?.kind === 'unsigned' ? 'Unsigned' : source.author?.name, source.publisher?.name].filter(Boolean).join(', ');
}

/**
 * Where the words were said, for attributions: the original occasion of words that several sources quote, and
 * "quoted in" when the source is someone else's piece quoting the speaker (an article's author quoting Sutskever
 * does not date his words).
 */
export function occasionOf(quote: Quote): { readonly source: Source; readonly quotedIn: boolean } {
  const occasion = quote.original ?? quote;
  return { source: occasion.source, quotedIn: !isOwnOccasion(occasion) };
}

/** "Title (17 Nov 2024)", "quoted in Title (14 Mar 2025)". */
export function sourcePhrase(quote: Quote): string {
  const { source, quotedIn } = occasionOf(quote);
  const date = source.date ? ` (${displayDate(source.date)})` : '';
  const page = pageOfQuote(quote);
  return `${quotedIn ? 'quoted in ' : ''}${source.title}${date}${page === undefined ? '' : `, p. ${page}`}`;
}

/** The page of a paged source (a PDF) the words stand on, on their original occasion. */
export function pageOfQuote(quote: Quote): number | undefined {
  return (quote.original ?? quote).page;
}

/**
 * A source named briefly, for messages that must show their point first (the Problems panel cuts long lines):
 * an event date stands for its occasion ("NeurIPS 2024"); otherwise the title up to its colon, at most about
 * 40 characters, with its date. Words quoted in someone else's piece say so.
 */
export function shortOccasion(quote: Quote): string {
  const { source, quotedIn } = occasionOf(quote);
  const date = source.date?.trim();
  if (date && !quotedIn && parseDate(date) === undefined) return date;
  const title = shortTitle(source.title);
  const named = date ? `${title}, ${displayDate(date)}` : title;
  return quotedIn ? `quoted in ${named}` : named;
}

const SHORT_TITLE_LENGTH = 40;

/** A title up to its colon when what precedes is a title of its own (12+ characters); cut at a word, with "…". */
export function shortTitle(title: string): string {
  const colon = title.search(/[:|–—]\s/u);
  const head = colon >= 12 ? title.slice(0, colon).trim() : title.trim();
  if (head.length <= SHORT_TITLE_LENGTH) return head;
  const cut = head.slice(0, SHORT_TITLE_LENGTH);
  const space = cut.lastIndexOf(' ');
  return `${(space > 20 ? cut.slice(0, space) : cut).replace(/[\s,;.]+$/u, '')}…`;
}

/** "Also quoted in A (date) and B": where else the same words stand; empty when nowhere. */
export function alsoQuotedIn(quote: Quote): string {
  const others = (quote.original ?? quote).quotedIn ?? [];
  if (others.length === 0) return '';
  const names = others.map((s) => (s.date ? `${s.title} (${displayDate(s.date)})` : s.title));
  return `Also quoted in ${names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`}`;
}

/** "— Ilya Sutskever, Title (date)" without markup: for tooltips, plain text and the CLI. */
export function attributionLine(quote: Quote): string {
  return `— ${speakerPhrase(quote)}, ${sourcePhrase(quote)}`;
}

export interface FormatOptions {
  /** A user template (setting sourcebook.insert.templates); must have passed validateTemplate. */
  readonly template?: string;
  /**
   * Cite the quote's source by key (setting sourcebook.citations.style; the key of citedSource(quote), from
   * core/citations). Style `attribution`, or none, keeps the attribution formats.
   */
  readonly cite?: { readonly style: CiteStyle; readonly key: string };
}

/** A quote as it is inserted into a document of the given language, with its attribution. */
export function formatQuote(quote: Quote, languageId: string, options: FormatOptions = {}): string {
  const format = outputFormatFor(languageId);
  if (options.template !== undefined) return applyTemplate(options.template, templateValues(quote, format, quotesText(options.template), options.cite), format);
  const style = options.cite ? citeStyleFor(options.cite.style, format) : 'attribution';
  if (options.cite && style !== 'attribution') return formatCited(quote, format, formatCite(style, options.cite.key, citedPage(quote)));
  switch (format) {
    case 'markdown':
      return formatMarkdown(quote);
    case 'latex':
      return formatLatex(quote);
    default:
      return formatPlain(quote);
  }
}

/** A title, name or date on one line: a line break inside `*…*` or `\\emph{…}` would end or break it. */
function oneLine(text: string): string {
  return text.replace(/\s*[\n\r\u2028\u2029]\s*/gu, ' ');
}

/** Every line of the quote inside the blockquote: a blank line without `>` would end it mid-quote. */
function inBlockquote(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) => (line ? `> ${line}` : '>'))
    .join('\n');
}

function formatMarkdown(quote: Quote): string {
  const e = (text: string): string => escapeMarkdownInline(oneLine(text));
  const { source, quotedIn } = occasionOf(quote);
  const date = source.date ? ` (${e(displayDate(source.date))})` : '';
  const page = pageOfQuote(quote) === undefined ? '' : `, p. ${pageOfQuote(quote)}`;
  return `${inBlockquote(escapeMarkdownInline(quote.text))}\n>\n> — ${e(speakerPhrase(quote))}, ${quotedIn ? 'quoted in ' : ''}*${e(source.title)}*${date}${page}\n`;
}

function formatLatex(quote: Quote): string {
  const e = (text: string): string => escapeLatex(oneLine(text));
  const { source, quotedIn } = occasionOf(quote);
  const date = source.date ? ` (${e(displayDate(source.date))})` : '';
  const page = pageOfQuote(quote) === undefined ? '' : `, p.~${pageOfQuote(quote)}`;
  return `\\begin{quote}\n${escapeLatex(quote.text)}\n\\par --- ${e(speakerPhrase(quote))}, ${quotedIn ? 'quoted in ' : ''}\\emph{${e(source.title)}}${date}${page}\n\\end{quote}\n`;
}

/**
 * A quote that cites its source by key: the words, then who said them and the citation, which the writer's
 * toolchain turns into the reference. A reported quote keeps "X, reporting Y’s view" and cites the report.
 */
function formatCited(quote: Quote, format: OutputFormat, cite: string): string {
  if (format === 'latex') return `\\begin{quote}\n${escapeLatex(quote.text)}\n\\par --- ${escapeLatex(oneLine(speakerPhrase(quote)))} ${cite}\n\\end{quote}\n`;
  return `${inBlockquote(escapeMarkdownInline(quote.text))}\n>\n> — ${escapeMarkdownInline(oneLine(speakerPhrase(quote)))} ${cite}\n`;
}

function formatPlain(quote: Quote): string {
  return `“${escapePlainText(nestQuotationMarks(quote.text))}”\n${escapePlainText(oneLine(attributionLine(quote)))}\n`;
}

/**
 * Quotation marks inside a quote that we put in double marks become single ones, as nested quotations are
 * written (“… ‘world models’ …”), so a reader can tell where the quote ends. Only double marks change: a single
 * mark inside a word is an apostrophe. Straight double quotes open after a space or bracket and close elsewhere.
 */
export function nestQuotationMarks(text: string): string {
  return text
    .replace(/“/gu, '‘')
    .replace(/”/gu, '’')
    .replace(/"/gu, (_mark, offset: number) => (offset === 0 || /[\s([{\u2014\u2013-]/u.test(text[offset - 1]) ? '‘' : '’'));
}

/** Whether a template puts `${text}` between quotation marks of its own (“${text}”, "${text}", ``${text}''). */
function quotesText(template: string): boolean {
  return /(?:[“"«„]|``|\\enquote\{)\$\{text\}/u.test(template);
}

// ---- Templates -----------------------------------------------------------------------------------------

export const TEMPLATE_TOKENS = ['text', 'speaker', 'source', 'date', 'url', 'attribution'] as const;
/**
 * Citation tokens: `${citekey}` (the key of the quote's source), `${cite}` (the citation in the chosen style, or
 * the language's own: Pandoc in Markdown, BibLaTeX in LaTeX), `${page}` (the page of a paged source). Empty when
 * no key is known.
 */
export const CITATION_TEMPLATE_TOKENS = ['citekey', 'cite', 'page'] as const;
type TemplateToken = (typeof TEMPLATE_TOKENS)[number] | (typeof CITATION_TEMPLATE_TOKENS)[number];
/** Every token a template may use; the setting's description and the README list exactly these (a test checks). */
export const ALL_TEMPLATE_TOKENS: readonly string[] = [...TEMPLATE_TOKENS, ...CITATION_TEMPLATE_TOKENS];

const TOKEN_PATTERN = /\$\{([^}]*)\}/gu;

/** Undefined when the template is usable, else a message naming the unknown token. */
export function validateTemplate(template: string): string | undefined {
  for (const match of template.matchAll(TOKEN_PATTERN)) {
    if (!ALL_TEMPLATE_TOKENS.includes(match[1])) {
      return `unknown token \${${match[1]}}; use ${ALL_TEMPLATE_TOKENS.map((t) => `\${${t}}`).join(', ')}`;
    }
  }
  if (!template.includes('${text}')) return 'the template has no ${text} token, so the quote itself would be left out';
  return undefined;
}

interface Escapers {
  /** Source text: the quote, names, titles. */
  readonly text: (text: string) => string;
  /** The source's address, as a link where the language has one. */
  readonly url: (url: string) => string;
}

const ESCAPERS: Readonly<Record<OutputFormat, Escapers>> = {
  markdown: { text: escapeMarkdownInline, url: markdownUrl },
  latex: { text: escapeLatex, url: latexUrl },
  plaintext: { text: escapePlainText, url: escapePlainText },
};

/** Every value escaped for its language, the URL included: nothing a source or catalog says becomes markup. */
function templateValues(quote: Quote, format: OutputFormat, nested: boolean, cite?: FormatOptions['cite']): Record<TemplateToken, string> {
  const { text, url } = ESCAPERS[format];
  const field = (value: string): string => text(oneLine(value));
  const { source } = occasionOf(quote);
  return {
    text: text(nested ? nestQuotationMarks(quote.text) : quote.text),
    speaker: field(speakerPhrase(quote)),
    source: field(source.title),
    date: field(sourceDate(source)),
    url: url(source.url ?? source.uri),
    attribution: field(attributionLine(quote)),
    // Keys and citations are markup of their own: never escaped, only cleared of what could end them.
    citekey: cite ? safeKey(cite.key) : '',
    cite: cite ? formatCite(templateCiteStyle(cite.style, format), cite.key, citedPage(quote)) : '',
    page: citedPage(quote)?.toString() ?? '',
  };
}

function applyTemplate(template: string, values: Record<TemplateToken, string>, format: OutputFormat): string {
  return template.replace(TOKEN_PATTERN, (whole, name: string, offset: number) => {
    if (!(name in values)) return whole;
    const value = values[name as TemplateToken];
    return format === 'markdown' ? continueBlockquote(value, blockquotePrefix(template, offset)) : value;
  });
}

/** The `> ` (or `> > `) that starts the template's line before a token, if the token sits in a blockquote. */
function blockquotePrefix(template: string, offset: number): string {
  const lineStart = template.lastIndexOf('\n', offset - 1) + 1;
  return /^(?:[ \t]*>)+[ \t]?/u.exec(template.slice(lineStart, offset))?.[0] ?? '';
}

/** A value of several lines keeps all of them in the template's blockquote, not only the first. */
function continueBlockquote(value: string, prefix: string): string {
  if (!prefix) return value;
  return value.replace(/\n/gu, () => `\n${prefix}`).replace(/[ \t]+(?=\n|$)/gu, '');
}
