import { escapeLatex, escapeMarkdownInline } from '../format/escape';
import { overlapsRegion, type SyntaxRegion } from '../syntax/regions';
import { outputFormatFor, possessive, shortOccasion, speakerName, speakerPhrase } from '../format/formatQuote';
import type { Quote, Speaker, TextRange } from '../kb/model';
import { findAttribution } from '../attribution/attribution';
import { NAME_RUN, NameBook } from '../attribution/names';
import { QuotationContext, quotationContextAt } from '../attribution/sentences';
import { CancellationToken, noopToken, throwIfCancelled } from '../util/cancellation';
import { alignQuotation, Alignment } from './align';
import { findQuotations, Quotation } from './findQuotations';
import { CheckCorpus, MisquoteIndex, MisquoteIndexSnapshot } from './misquoteIndex';
import { Token, tokenize } from './tokens';
import type { Steps } from '../util/steps';

export type MisquoteKind = 'differs' | 'wrong-speaker';

export interface MisquoteFinding {
  /** What to mark in the document: the quoted words, or the wrong name. */
  readonly range: TextRange;
  readonly kind: MisquoteKind;
  readonly message: string;
  /** The source quote the quotation was matched to. */
  readonly quote: Quote;
  /** The quick fix: the exact source wording (formatted for the language), or the right name. */
  readonly replacement: { readonly range: TextRange; readonly text: string };
}

/** Quotations of fewer words are terms and scare quotes: too short to be a misquote of someone. */
export const MIN_CHECKED_WORDS = 4;
/** Word-level similarity from which a quotation that is not exact counts as a misquote of a source quote. */
export const SIMILARITY_THRESHOLD = 0.6;
/** Quotations of fewer words than this need SHORT_SIMILARITY_THRESHOLD. */
export const SHORT_QUOTATION_WORDS = 7;
export const SHORT_SIMILARITY_THRESHOLD = 0.85;

interface Match {
  readonly index: number;
  readonly quote: Quote;
  readonly alignment: Alignment;
  readonly tokens: readonly Token[];
  /** The quotation is verbatim in the quote's source, if not within the quote itself. */
  readonly exact: boolean;
}

/**
 * How much of one document is checked per pass. Checking is linear in the length of the text, but a pass runs
 * on every pause in typing and cannot be interrupted: a 5 MB document (a log, a data dump opened as plain
 * text) is checked in part rather than holding the extension host for seconds. A million characters is a
 * 500-page book; a draft of prose with a quotation now and then takes tens of milliseconds per pass, the worst
 * case (a quotation of a known quote on every line) one to two seconds.
 */
export const MAX_CHECKED_CHARACTERS = 1_000_000;

export interface CheckOptions {
  readonly token?: CancellationToken;
  /** At most this many characters from the start are checked (MAX_CHECKED_CHARACTERS unless given). */
  readonly maxCharacters?: number;
  /**
   * Where the document is not prose (code, comments, math, URLs, citation keys), sorted and non-overlapping,
   * as src/core/syntax computes it: a quotation that starts in one is an example or a key, not a quote.
   */
  readonly excluded?: readonly SyntaxRegion[];
}

/** Which part of a document was not checked, and how to say so. */
export interface SkippedPart {
  /** Offset from which the text was not checked (a paragraph or line start where possible). */
  readonly from: number;
  readonly characters: number;
  readonly message: string;
}

export interface CheckReport {
  readonly findings: MisquoteFinding[];
  /** Set when the document was longer than the limit and only its beginning was checked. */
  readonly skipped?: SkippedPart;
}

/**
 * Checks the quotations of a document against the corpus: a quotation that nearly matches a source quote
 * but differs in its words gets a 'differs' finding with the exact wording as its fix; a quotation of a
 * known quote whose nearby attribution names someone else gets a 'wrong-speaker' finding with the right name
 * as its fix. Typography (quotes, apostrophes, dashes, whitespace, punctuation), the case of a first letter,
 * Unicode composition (a draft in NFD checks like its NFC form), omissions marked with … or ... and
 * [editorial insertions] are not differences. Exact quotations give nothing. Pass a MisquoteIndex, or a
 * corpus (its index is built on first use and cached). A document longer than MAX_CHECKED_CHARACTERS is
 * checked in part: see checkDocumentReport, which says what was skipped.
 */
export function checkDocument(
  text: string,
  languageId: string,
  corpus: CheckCorpus | MisquoteIndex,
  token: CancellationToken = noopToken,
): MisquoteFinding[] {
  return checkDocumentReport(text, languageId, corpus, { token }).findings;
}

/**
 * Builds (and keeps) the index a check of this corpus needs, pausing as it goes: the host runs it in slices
 * after a load, so that the first check of a draft does not hold the thread for the whole corpus.
 */
export function prepareCheck(corpus: CheckCorpus): Steps<unknown> {
  return MisquoteIndex.prepare(corpus);
}

/** The check's index, built by the source worker, read back from its snapshot and kept as prepareCheck would. */
export function restoreCheck(corpus: CheckCorpus, snapshot: MisquoteIndexSnapshot): Steps<unknown> {
  return MisquoteIndex.restore(corpus, snapshot);
}

/** checkDocument, saying which part of a long document was skipped. */
export function checkDocumentReport(text: string, languageId: string, corpus: CheckCorpus | MisquoteIndex, options: CheckOptions = {}): CheckReport {
  const limit = options.maxCharacters ?? MAX_CHECKED_CHARACTERS;
  if (text.length <= limit) return { findings: checkText(text, languageId, corpus, options) };
  const cut = cutBefore(text, limit);
  const findings = checkText(text.slice(0, cut), languageId, corpus, options);
  const characters = text.length - cut;
  const message =
    `Sourcebook checked quotations in the first ${count(cut)} of ${count(text.length)} characters of this document; ` +
    `the remaining ${count(characters)} characters were not checked (at most ${count(limit)} are checked per pass).`;
  return { findings, skipped: { from: cut, characters, message } };
}

/** Where to stop checking, at most `limit`: a paragraph break, else a line break, in its second half if any. */
function cutBefore(text: string, limit: number): number {
  const paragraph = text.lastIndexOf('\n\n', limit - 2);
  if (paragraph >= limit / 2) return paragraph + 2;
  const line = text.lastIndexOf('\n', limit - 1);
  if (line >= limit / 2) return line + 1;
  const code = text.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit; // never between the halves of a surrogate pair
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

function checkText(text: string, languageId: string, corpus: CheckCorpus | MisquoteIndex, options: CheckOptions): MisquoteFinding[] {
  const token = options.token ?? noopToken;
  const excluded = options.excluded ?? [];
  const index = corpus instanceof MisquoteIndex ? corpus : MisquoteIndex.for(corpus);
  const quotations = findQuotations(text, languageId);
  const findings: MisquoteFinding[] = [];
  const names = new AttributionLineNames(text, index.names);
  quotations.forEach((quotation, i) => {
    throwIfCancelled(token);
    if (overlapsRegion(excluded, quotation.start, quotation.start)) return;
    if (!mayHaveWords(text, quotation.start, quotation.end, MIN_CHECKED_WORDS)) return;
    const writer = tokenize(text, quotation.start, quotation.end, true);
    const words = writer.filter((t) => t.kind === 'word');
    if (words.length < MIN_CHECKED_WORDS) return;
    const matches = matchQuotation(index, writer, words);
    if (matches.length === 0) return;
    const exact = matches.filter((m) => m.exact || m.alignment.cost === 0);
    const best = exact.length > 0 ? exact : [matches[0]];
    if (exact.length === 0) {
      const verbatimElsewhere = matches.some((m) => verbatimInSource(index, m, writer));
      if (verbatimElsewhere) return;
      findings.push(differsFinding(text, languageId, quotation, writer, matches[0]));
    }
    const named = namedSpeaker(text, quotation, quotationContextAt(text, quotations, i), index.names, names);
    if (!named) return;
    const acceptable = best.some((m) => m.quote.speaker.id === named.speaker.id);
    if (!acceptable) findings.push(wrongSpeakerFinding(languageId, named, best[0].quote));
  });
  return findings;
}

/** A cheap test before tokenizing: whether the range has at least `n` runs of non-space characters. */
function mayHaveWords(text: string, start: number, end: number, n: number): boolean {
  let runs = 0;
  let inRun = false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    const space = c === 32 || c === 10 || c === 9 || c === 13 || c === 0xa0;
    if (!space && !inRun && ++runs >= n) return true;
    inRun = !space;
  }
  return false;
}

/** The quotes a quotation matches with at least the threshold similarity, best first. */
function matchQuotation(index: MisquoteIndex, writer: readonly Token[], words: readonly Token[]): Match[] {
  const matches: Match[] = [];
  for (const candidate of index.candidates(words)) {
    const tokens = index.quoteTokens(candidate);
    // A source word covers at most two writer words (a contraction spelled out, for 0.5) and every other
    // writer word costs 1, so a quotation of over 2.5 times the quote's words differs in more than 40% of
    // them: never a match. Skipping it spares aligning a quotation as long as a book (words × quote words).
    if (words.length * 2 > tokens.length * 5) continue;
    const text = index.quotes[candidate].text;
    const clauseEnd = (j: number): boolean => j === tokens.length || (j > 0 && /[,.;:!?\u2014\u2013)]/u.test(text.slice(tokens[j - 1].end, tokens[j].start)));
    const alignment = alignQuotation(writer, tokens, clauseEnd);
    if (alignment.cost === 0 || isNearMiss(alignment)) {
      matches.push({ index: candidate, quote: index.quotes[candidate], alignment, tokens, exact: alignment.cost === 0 });
    }
  }
  return matches.sort((a, b) => b.alignment.similarity - a.alignment.similarity || a.alignment.cost - b.alignment.cost);
}

/**
 * A near miss: similar enough, and long enough that the likeness is no accident. A short quotation ("the end
 * of pre-training" against "the limitations of pre-training") must be nearly the same to count.
 */
function isNearMiss(alignment: Alignment): boolean {
  if (alignment.equalWords < MIN_CHECKED_WORDS) return false;
  return alignment.similarity >= (alignment.writerWords >= SHORT_QUOTATION_WORDS ? SIMILARITY_THRESHOLD : SHORT_SIMILARITY_THRESHOLD);
}

/**
 * Whether the quotation is verbatim in the source around the matched quote: a writer may quote a longer
 * stretch than the catalog's quote (two quotes in a row), which is no misquote.
 */
function verbatimInSource(index: MisquoteIndex, match: Match, writer: readonly Token[]): boolean {
  const source = match.quote.source;
  const body = index.bodyTokens(source);
  const first = lowerBound(body, match.quote.bodyRange.start);
  const last = lowerBound(body, match.quote.bodyRange.end);
  const reach = writer.length + 20;
  const window = body.slice(Math.max(0, first - reach), Math.min(body.length, last + reach));
  return alignQuotation(writer, window).cost === 0;
}

function lowerBound(tokens: readonly Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function escapeFor(languageId: string): (s: string) => string {
  const format = outputFormatFor(languageId);
  return format === 'latex' ? escapeLatex : format === 'markdown' ? escapeMarkdownInline : (s: string) => s;
}

function differsFinding(text: string, languageId: string, quotation: Quotation, writer: readonly Token[], match: Match): MisquoteFinding {
  const { quote, alignment, tokens } = match;
  const escape = escapeFor(languageId);
  const firstWord = writer.findIndex((t) => t.kind === 'word');
  let lastWord = writer.length - 1;
  while (lastWord >= 0 && writer[lastWord].kind !== 'word') lastWord--;
  const range = { start: writer[firstWord].start, end: writer[lastWord].end };

  // The exact wording, part by part: the writer's omission marks and insertions stay where they were.
  const parts: { w: [number, number]; s: [number, number] | undefined }[] = [];
  let current: { w: [number, number]; s: [number, number] | undefined } | undefined;
  for (const op of alignment.ops) {
    if (op.kind === 'gap') {
      if (current) parts.push(current);
      current = undefined;
      continue;
    }
    current ??= { w: [op.w[0], op.w[1]], s: undefined };
    current.w[1] = Math.max(current.w[1], op.w[1]);
    if (op.s[1] > op.s[0]) current.s = current.s ? [current.s[0], op.s[1]] : [op.s[0], op.s[1]];
  }
  if (current) parts.push(current);
  const sourceSlice = (s: [number, number]): string => quote.text.slice(tokens[s[0]].start, tokens[s[1] - 1].end);
  let replacement = '';
  let previous: { w: [number, number] } | undefined;
  for (const part of parts) {
    if (!part.s) continue;
    if (previous) replacement += text.slice(lastWordEnd(writer, previous.w), firstWordStart(writer, part.w));
    replacement += escape(sourceSlice(part.s));
    previous = part;
  }
  if (!replacement) replacement = escape(quote.text.slice(tokens[alignment.sourceStart].start, tokens[alignment.sourceEnd - 1].end));

  const writerSlice = (w: readonly [number, number]): string => normalize(text.slice(writer[w[0]].start, writer[w[1] - 1].end));
  const changes: string[] = [];
  for (const op of alignment.ops) {
    if (op.kind === 'change') changes.push(`“${sourceSlice([op.s[0], op.s[1]])}” → “${writerSlice(op.w)}”`);
    else if (op.kind === 'added') changes.push(`“${writerSlice(op.w)}” added`);
    else if (op.kind === 'dropped') changes.push(`“${sourceSlice([op.s[0], op.s[1]])}” left out`);
  }
  const diff = changes.length > 3 ? `${changes.slice(0, 3).join('; ')}; …` : changes.join('; ');
  return {
    range: { start: quotation.start, end: quotation.end },
    kind: 'differs',
    // The difference first: the Problems panel cuts a long message, and the change is its point.
    message: `${diff || 'Wording differs'} (${speakerPhrase(quote)}, ${shortOccasion(quote)})`,
    quote,
    replacement: { range, text: replacement },
  };
}

function firstWordStart(writer: readonly Token[], w: readonly [number, number]): number {
  for (let i = w[0]; i < w[1]; i++) if (writer[i].kind === 'word') return writer[i].start;
  return writer[w[0]].start;
}

function lastWordEnd(writer: readonly Token[], w: readonly [number, number]): number {
  for (let i = w[1] - 1; i >= w[0]; i--) if (writer[i].kind === 'word') return writer[i].end;
  return writer[w[1] - 1].end;
}

/** The writer's words as a message quotes them: whitespace collapsed, composed (NFC) like the source's. */
function normalize(s: string): string {
  return s.replace(/\s+/gu, ' ').trim().normalize('NFC');
}

interface Named {
  readonly speaker: Speaker;
  readonly range: TextRange;
}

/**
 * Who the document says is speaking: an explicit attribution next to the quotation, in the forms extraction
 * reads ("X said: “…”", "“…,” said X", "according to X", "X put it this way:", "— X", …), else a blockquote's
 * attribution line (— X). A known name that is merely near the quotation ("a critic of X said", "told X") names
 * no speaker: a quotation with no attribution is no finding (issue 15).
 */
function namedSpeaker(text: string, quotation: Quotation, context: QuotationContext, names: NameBook, lines: AttributionLineNames): Named | undefined {
  const hit = findAttribution(text, context, names, false);
  if (hit && hit.resolution.kind === 'known') return { speaker: hit.resolution.speaker as Speaker, range: hit.range };
  if (quotation.attributionLine) {
    const found = lines.nameIn(quotation.attributionLine);
    if (found) return found;
  }
  return undefined;
}

/** The first known name of each attribution line, read once: every quotation of a blockquote shares its line. */
class AttributionLineNames {
  private readonly found = new Map<TextRange, Named | undefined>();

  constructor(
    private readonly text: string,
    private readonly names: NameBook,
  ) {}

  nameIn(line: TextRange): Named | undefined {
    if (!this.found.has(line)) this.found.set(line, firstKnownName(this.text, line, this.names));
    return this.found.get(line);
  }
}

/**
 * Names after "reporting" are the subjects of a writer's account ("— Unsigned writer, reporting the views of
 * Dario Amodei and Anthropic", as our own insertions write it), never its speakers: only what precedes counts.
 */
const REPORTING = /\breporting\b/u;

function firstKnownName(text: string, range: TextRange, names: NameBook): Named | undefined {
  const regex = new RegExp(NAME_RUN, 'gu');
  const whole = text.slice(range.start, range.end);
  const reporting = whole.search(REPORTING);
  const slice = reporting < 0 ? whole : whole.slice(0, reporting);
  for (const m of slice.matchAll(regex)) {
    const resolution = names.resolve(m[0]);
    if (resolution.kind !== 'known') continue;
    const at = range.start + (m.index ?? 0) + resolution.at;
    return { speaker: resolution.speaker as Speaker, range: { start: at, end: at + resolution.length } };
  }
  return undefined;
}

function wrongSpeakerFinding(languageId: string, named: Named, quote: Quote): MisquoteFinding {
  const occasion = shortOccasion(quote);
  const fix = quote.speaker.kind === 'unsigned' ? `the writer of ${quote.source.title}` : quote.speaker.name;
  // The same phrase as the picker and the cards: a reported quote is the writer's account, never the subject's words.
  const phrase = quote.speaker.kind === 'unsigned' ? `an u${speakerPhrase(quote).slice(1)}` : speakerPhrase(quote);
  const whose = quote.attribution === 'reported' ? `this is ${phrase}` : `these are ${possessive(speakerName(quote.speaker))} words`;
  return {
    range: named.range,
    kind: 'wrong-speaker',
    message: `Attributed to ${named.speaker.name}, but ${whose} (${occasion})`,
    quote,
    replacement: { range: named.range, text: escapeFor(languageId)(fix) },
  };
}
