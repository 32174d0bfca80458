import { alignQuotation } from '../check/align';
import { MIN_CHECKED_WORDS, SIMILARITY_THRESHOLD } from '../check/checkDocument';
import { findQuotations, Quotation } from '../check/findQuotations';
import { CheckCorpus, MisquoteIndex } from '../check/misquoteIndex';
import { tokenize } from '../check/tokens';
import { shortTitle } from '../format/formatQuote';
import type { Quote, Source, TextRange } from '../kb/model';
import { overlapsRegion, type SyntaxRegion } from '../syntax/regions';
import { CancellationToken, noopToken, throwIfCancelled } from '../util/cancellation';
import type { CitekeyTable } from './citekeys';
import { citedSource } from './citeStyles';
import { Citation, CitedKey, findCitations } from './findCitations';

export type CitationFindingKind = 'wrong-citation' | 'unknown-key';

/**
 * A citation problem, in the shape of the misquote check's findings (core/check/checkDocument.ts
 * MisquoteFinding), so the check feature and the CLI can show both alike. An unknown key has no quote and no fix.
 */
export interface CitationFinding {
  /** The key in the draft. */
  readonly range: TextRange;
  readonly kind: CitationFindingKind;
  readonly message: string;
  readonly key: string;
  /** wrong-citation: the source quote the quoted words are from. */
  readonly quote?: Quote;
  /** wrong-citation: the key of the source the words are from, in place of the cited one. */
  readonly replacement?: { readonly range: TextRange; readonly text: string };
}

export interface CitationCheckOptions {
  readonly token?: CancellationToken;
  /** Code, comments, math…: a quotation that starts in one is not checked (as in checkDocument). */
  readonly excluded?: readonly SyntaxRegion[];
}

/** How far after a quotation its citation may stand, in characters, when it is not on an attribution line. */
const CITATION_REACH = 160;

/**
 * Checks the citations of a draft against the sources:
 * - a quotation followed by a citation whose key names another source than the one its words come from gets a
 *   `wrong-citation` finding, "Cited @x, but these words are from @y (Title)", whose fix replaces the key;
 *   a key of any source that holds the words (the original occasion, or a piece that quotes it) is right;
 * - a key that is in no bibliography and names no source gets an `unknown-key` finding, once per document.
 * A citation of a writer's own entry that matches no source says nothing about the words and is not checked.
 */
export function checkCitations(
  text: string,
  languageId: string,
  corpus: CheckCorpus | MisquoteIndex,
  table: CitekeyTable,
  options: CitationCheckOptions = {},
): CitationFinding[] {
  const token = options.token ?? noopToken;
  const citations = findCitations(text, languageId);
  if (citations.length === 0) return [];
  const findings: CitationFinding[] = [];
  const reported = new Set<string>();
  for (const citation of citations) {
    for (const cited of citation.keys) {
      if (table.isKnown(cited.key) || reported.has(cited.key)) continue;
      reported.add(cited.key);
      findings.push({ range: cited.range, kind: 'unknown-key', key: cited.key, message: `Unknown citation key @${cited.key}: it is in no bibliography and names no source` });
    }
  }
  const index = corpus instanceof MisquoteIndex ? corpus : MisquoteIndex.for(corpus);
  const quotations = findQuotations(text, languageId);
  let c = 0;
  quotations.forEach((quotation, i) => {
    throwIfCancelled(token);
    if (options.excluded && overlapsRegion(options.excluded, quotation.start, quotation.start)) return;
    while (c < citations.length && citations[c].range.start < quotation.outerEnd) c++;
    const citation = citationAfter(text, quotation, quotations[i + 1], citations, c);
    if (!citation) return;
    const named = citation.keys.filter((k) => table.sourceOf(k.key) !== undefined);
    if (named.length === 0) return;
    const quotes = sourceQuotes(index, text, quotation);
    if (quotes.length === 0) return;
    const right = new Set<Source>(quotes.flatMap(sourcesOf));
    if (named.some((k) => right.has(table.sourceOf(k.key)!))) return;
    const wrong: CitedKey = named[0];
    const quote = quotes[0];
    const key = table.keyOf(citedSource(quote));
    findings.push({
      range: wrong.range,
      kind: 'wrong-citation',
      key: wrong.key,
      message: `Cited @${wrong.key}, but these words are from @${key} (${shortTitle(citedSource(quote).title)})`,
      quote,
      replacement: { range: wrong.range, text: key },
    });
  });
  return findings.sort((a, b) => a.range.start - b.range.start);
}

/**
 * The citation that belongs to a quotation: on its blockquote's attribution line, or after its closing mark in
 * the same paragraph, within reach and before the next quotation.
 */
function citationAfter(text: string, quotation: Quotation, next: Quotation | undefined, citations: readonly Citation[], from: number): Citation | undefined {
  const line = quotation.attributionLine;
  const block = quotation.block;
  let limit = Math.min(text.length, quotation.outerEnd + CITATION_REACH);
  const paragraphEnd = text.indexOf('\n\n', quotation.outerEnd);
  if (paragraphEnd >= 0) limit = Math.min(limit, paragraphEnd);
  if (next && next.outerStart > quotation.outerEnd) limit = Math.min(limit, next.outerStart);
  if (line) limit = Math.max(limit, line.end);
  else if (block && quotation.kind === 'blockquote') limit = Math.max(limit, block.end + 1);
  for (let i = from; i < citations.length && citations[i].range.start <= limit; i++) {
    const citation = citations[i];
    if (citation.range.start < quotation.outerEnd) continue;
    return citation;
  }
  return undefined;
}

/** The source quotes the quotation's words come from: exact ones if any, else the nearest near miss. */
export function sourceQuotes(index: MisquoteIndex, text: string, quotation: Quotation): Quote[] {
  const writer = tokenize(text, quotation.start, quotation.end, true);
  const words = writer.filter((t) => t.kind === 'word');
  if (words.length < MIN_CHECKED_WORDS) return [];
  const exact: Quote[] = [];
  let best: { quote: Quote; similarity: number } | undefined;
  for (const candidate of index.candidates(words)) {
    const tokens = index.quoteTokens(candidate);
    if (words.length * 2 > tokens.length * 5) continue;
    const alignment = alignQuotation(writer, tokens);
    const quote = index.quotes[candidate];
    if (alignment.cost === 0) exact.push(quote);
    else if (alignment.equalWords >= MIN_CHECKED_WORDS && alignment.similarity >= SIMILARITY_THRESHOLD && (!best || alignment.similarity > best.similarity)) {
      best = { quote, similarity: alignment.similarity };
    }
  }
  return exact.length > 0 ? exact : best ? [best.quote] : [];
}

/**
 * The sources a draft quotes or cites: those its quotations' words come from (cited to their original occasion),
 * and those its citation keys name. For exporting only the bibliography a draft needs.
 */
export function sourcesQuotedIn(text: string, languageId: string, corpus: CheckCorpus | MisquoteIndex, table: CitekeyTable): Source[] {
  const index = corpus instanceof MisquoteIndex ? corpus : MisquoteIndex.for(corpus);
  const found = new Set<Source>();
  for (const quotation of findQuotations(text, languageId)) {
    for (const quote of sourceQuotes(index, text, quotation)) found.add(citedSource(quote));
  }
  for (const citation of findCitations(text, languageId)) {
    for (const cited of citation.keys) {
      const source = table.sourceOf(cited.key);
      if (source) found.add(source);
    }
  }
  return [...found];
}

/** Every source that holds a quote's words: its own, its original occasion, and the pieces quoting that. */
function sourcesOf(quote: Quote): Source[] {
  const original = quote.original ?? quote;
  return [quote.source, original.source, ...(original.quotedIn ?? [])];
}
