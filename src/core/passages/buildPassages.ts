import type { Quote, Source, Speaker, TextRange, TurnRegion } from '../kb/model';
import { pageOfSource } from '../extract/pages';
import { normalizeWhitespace } from '../text/flexibleMatch';
import { CancellationToken, noopToken, throwIfCancelled } from '../util/cancellation';
import { runToEnd, Steps } from '../util/steps';
import { sentenceRanges } from './sentences';
import { findTurns, LabelResolver, speakerLabelResolver, Turn } from './turns';
import { firstIndexWhere } from '../util/binarySearch';
import type { PassageMemo } from './passageMemo';

/**
 * Passages: every sentence of every source body, quotable like a quote. Each is attributed, and never to a person
 * the text does not make certain:
 * - a sentence inside a quote (curated or extracted) is that quote's: it is not repeated as a passage;
 * - a sentence in a speaker turn ("Q:", "Ilya:") is that speaker's; in a turn region the catalog declares
 *   (a talk's transcript), the region's speaker's, except its declared asides;
 * - everything else is the writer's own: the source's author, else its publisher, else its unsigned writer.
 * Boilerplate is no passage: a sentence needs four words, and to end like a sentence unless it has eight.
 */

/** The source's own writer, for passages nobody else speaks: every source has one. */
export type WriterOf = (source: Source) => Speaker;

export interface PassageInput {
  readonly sources: readonly Source[];
  readonly speakers: readonly Speaker[];
  readonly quotesForSource: (sourceId: string) => readonly Quote[];
  readonly writerOf: WriterOf;
  readonly token?: CancellationToken;
  /** The previous build's passages of the sources that did not change (the source worker's rebuild); the same result. */
  readonly memo?: PassageMemo;
}

const MIN_WORDS = 4;
const MIN_WORDS_WITHOUT_END = 8;
const MIN_OWN_WORDS = 8;
const SENTENCE_END = /[.?!…]["”’)\]]*$/u;
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;

export function buildPassages(input: PassageInput): Quote[] {
  return runToEnd(buildPassagesSteps(input));
}

/** buildPassages, pausing after each source (see core/util/steps.ts). */
export function* buildPassagesSteps(input: PassageInput): Steps<Quote[]> {
  const resolve = speakerLabelResolver(input.speakers);
  const passages: Quote[] = [];
  for (const source of input.sources) {
    yield;
    throwIfCancelled(input.token ?? noopToken);
    const covered = coveringRanges(input.quotesForSource(source.id));
    const writer = input.writerOf(source);
    const made = input.memo
      ? input.memo.passagesOf(source, { covered, writer, speakers: input.speakers, resolve }, (noting) => passagesOf(source, covered, writer, noting))
      : passagesOf(source, covered, writer, resolve);
    for (const passage of made) passages.push(passage);
  }
  return passages;
}

function passagesOf(source: Source, covered: readonly TextRange[], writer: Speaker, resolve: LabelResolver): Quote[] {
  const body = source.body.text;
  const turns = findTurns(body, resolve);
  const regions = source.turns ?? [];
  const passages: Quote[] = [];
  let ordinal = 0;
  let turn = 0; // pieces come in order: the first turn that may hold the current piece
  for (const sentence of sentenceRanges(body)) {
    for (const piece of withoutLabels(sentence, turns)) {
      ordinal++; // counted before any filter: an id stays the same while the source text does
      if (isCovered(covered, piece) || !looksLikeASentence(body, piece) || isMostlyQuoted(body, covered, piece)) continue;
      while (turn < turns.length && turns[turn].range.end < piece.end) turn++;
      const holding = turn < turns.length && turns[turn].range.start <= piece.start && piece.end <= turns[turn].range.end ? turns[turn] : undefined;
      const speaker = speakerAt(piece, holding, regions, writer);
      if (speaker === null) continue;
      passages.push(passage(source, piece, speaker, ordinal));
    }
  }
  return passages;
}

function passage(source: Source, range: TextRange, speaker: Speaker, ordinal: number): Quote {
  const textStart = source.body.toText(range.start);
  const textEnd = source.body.toText(range.end);
  const rawRange = { start: source.repair.map.toOriginal(textStart, 'start'), end: source.repair.map.toOriginal(textEnd, 'end') };
  return {
    id: `${source.id}#s${ordinal}`,
    kind: 'passage',
    text: normalizeWhitespace(source.body.text.slice(range.start, range.end)),
    source,
    speaker,
    attribution: 'direct',
    about: [],
    themes: [],
    terms: [],
    bodyRange: range,
    rawRange,
    page: pageOfSource(source, rawRange.start),
  };
}

/**
 * Who speaks a piece: the speaker of the turn it lies in (the writer for a turn whose label names nobody for
 * certain), else of the declared region it lies in, else the writer. `null`: it touches a region's aside, or
 * straddles a region's edge, so nobody can be named for it.
 */
export function speakerAt(piece: TextRange, turn: Turn | undefined, regions: readonly TurnRegion[], writer: Speaker): Speaker | null {
  if (turn) return turn.speaker ?? writer;
  for (const region of regions) {
    const inside = region.range.start <= piece.start && piece.end <= region.range.end;
    if (!inside) {
      if (overlaps(region.range, piece)) return null;
      continue;
    }
    return region.asides.some((aside) => overlaps(aside, piece)) ? null : region.speaker;
  }
  return writer;
}

/** A sentence split around the turn labels inside it ("Thank you. Q: Hi Ilya" → "Thank you.", "Hi Ilya"). */
function withoutLabels(sentence: TextRange, turns: readonly Turn[]): TextRange[] {
  const pieces: TextRange[] = [];
  let start = sentence.start;
  for (const { label } of turns) {
    if (label.end <= start || label.start >= sentence.end) continue;
    if (label.start > start) pieces.push({ start, end: label.start });
    start = Math.max(start, label.end);
  }
  if (start < sentence.end) pieces.push({ start, end: sentence.end });
  return pieces;
}

/**
 * A sentence that is a quote and its attribution ("“…,” Mara Ellison said.") would only repeat the quote in search
 * and checks: it is a passage only when it says something of its own (MIN_OWN_WORDS words outside its quotes).
 */
function isMostlyQuoted(body: string, covered: readonly TextRange[], piece: TextRange): boolean {
  const first = firstEndingAfter(covered, piece.start);
  if (first >= covered.length || covered[first].start >= piece.end) return false;
  let own = '';
  let at = piece.start;
  for (let i = first; i < covered.length && covered[i].start < piece.end; i++) {
    own += ` ${body.slice(at, Math.max(at, covered[i].start))}`;
    at = Math.max(at, covered[i].end);
  }
  own += ` ${body.slice(at, Math.max(at, piece.end))}`;
  return (own.match(WORD)?.length ?? 0) < MIN_OWN_WORDS;
}

/** The index of the first merged range that ends after `offset` (binary search). */
function firstEndingAfter(covered: readonly TextRange[], offset: number): number {
  return firstIndexWhere(covered.length, (k) => covered[k].end > offset);
}

function looksLikeASentence(body: string, range: TextRange): boolean {
  const text = body.slice(range.start, range.end).trim();
  const words = text.match(WORD)?.length ?? 0;
  if (words < MIN_WORDS) return false;
  return words >= MIN_WORDS_WITHOUT_END || SENTENCE_END.test(text);
}

/** The body ranges of a source's quotes, sorted by start, each extended to the furthest end so far. */
function coveringRanges(quotes: readonly Quote[]): TextRange[] {
  const sorted = quotes.map((q) => q.bodyRange).sort((a, b) => a.start - b.start);
  const merged: TextRange[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range.start <= last.end) merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, range.end) };
    else merged.push(range);
  }
  return merged;
}

/** Whether a piece lies wholly inside one of the merged quote ranges: the one that holds its start, if any. */
function isCovered(covered: readonly TextRange[], piece: TextRange): boolean {
  const holding = covered[firstEndingAfter(covered, piece.start)];
  return holding !== undefined && holding.start <= piece.start && piece.end <= holding.end;
}

function overlaps(a: TextRange, b: TextRange): boolean {
  return a.start < b.end && b.start < a.end;
}
