import type { Quote, Source, Speaker, TextRange } from '../kb/model';
import { pageOfSource } from '../extract/pages';
import { normalizeWhitespace } from '../text/flexibleMatch';
import { speakerAt } from './buildPassages';
import { findTurns, speakerLabelResolver } from './turns';

/**
 * Quoting a stretch of a source that is not one catalogued item: a passage widened by its neighbour, or the text a
 * writer selected in the source view. The words are the body's, verbatim; the attribution is that of every
 * quote and passage the stretch touches, and a stretch whose items name more than one person is refused, never
 * given to one of them.
 */

export type Stretch = { readonly ok: true; readonly quote: Quote } | { readonly ok: false; readonly reason: string };

/** A passage of `source` over body[range] for `speaker`; its id names the range, so it is the same every time. */
function stretchQuote(source: Source, range: TextRange, like: Pick<Quote, 'speaker' | 'attribution' | 'about'>): Quote {
  const textStart = source.body.toText(range.start);
  const textEnd = source.body.toText(range.end);
  const rawRange = { start: source.repair.map.toOriginal(textStart, 'start'), end: source.repair.map.toOriginal(textEnd, 'end') };
  return {
    id: `${source.id}@${range.start}-${range.end}`,
    kind: 'passage',
    text: normalizeWhitespace(source.body.text.slice(range.start, range.end)),
    source,
    speaker: like.speaker,
    attribution: like.attribution,
    about: like.about,
    themes: [],
    terms: [],
    bodyRange: range,
    rawRange,
    page: pageOfSource(source, rawRange.start),
  };
}

/**
 * `item` extended by the next (or previous) sentence of its source, when that sentence is a passage of the same
 * speaker with nothing but whitespace and punctuation between them.
 */
export function widen(item: Quote, direction: 'next' | 'previous', items: readonly Quote[]): Stretch {
  const sameSource = items.filter((q) => q.source === item.source).sort((a, b) => a.bodyRange.start - b.bodyRange.start);
  const neighbour =
    direction === 'next'
      ? sameSource.find((q) => q.bodyRange.start >= item.bodyRange.end)
      : [...sameSource].reverse().find((q) => q.bodyRange.end <= item.bodyRange.start);
  if (!neighbour) return { ok: false, reason: `there is no ${direction} sentence in ${item.source.title}` };
  const range = direction === 'next' ? { start: item.bodyRange.start, end: neighbour.bodyRange.end } : { start: neighbour.bodyRange.start, end: item.bodyRange.end };
  const gap = direction === 'next' ? { start: item.bodyRange.end, end: neighbour.bodyRange.start } : { start: neighbour.bodyRange.end, end: item.bodyRange.start };
  if (/[\p{L}\p{N}]/u.test(item.source.body.text.slice(gap.start, gap.end))) {
    return { ok: false, reason: `the ${direction} sentence is not next to this one in ${item.source.title}` };
  }
  const speakers = distinctSpeakers([item.speaker, neighbour.speaker]);
  if (speakers.length > 1 || item.attribution !== neighbour.attribution) {
    return { ok: false, reason: `the ${direction} sentence is ${neighbour.speaker.name}’s, not ${item.speaker.name}’s` };
  }
  return { ok: true, quote: stretchQuote(item.source, range, item) };
}

/**
 * The text a writer selected in a source (body offsets), as a quote: attributed like the quotes and passages it
 * touches when they agree, refused when they name different people. A selection that touches nothing (a heading,
 * a line left out as boilerplate) is the writer's own.
 */
export function quoteSelection(source: Source, selection: TextRange, items: readonly Quote[], writer: Speaker, speakers: readonly Speaker[]): Stretch {
  const range = trimmed(source.body.text, selection);
  if (!range) return { ok: false, reason: 'the selection holds no words' };
  const touched = items.filter((q) => q.source === source && q.bodyRange.start < range.end && range.start < q.bodyRange.end);
  // Words between the touched items (a writer's "Sutskever said", a short line of a turn) are someone's too.
  const between = uncoveredSpeakers(source, range, touched, writer, speakers);
  if (between === null) return { ok: false, reason: 'part of the selection cannot be attributed to anyone for certain' };
  const everyone = distinctSpeakers([...touched.map((q) => q.speaker), ...between]);
  if (everyone.length > 1) {
    const names = everyone.map((s) => s.name);
    return { ok: false, reason: `the selection spans the words of ${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}: select one speaker’s words` };
  }
  const kinds = new Set(touched.map((q) => q.attribution));
  if (kinds.size > 1) return { ok: false, reason: 'the selection spans someone’s own words and a writer’s account of a view: select one of them' };
  if (touched.length > 0 && between.length > 0 && kinds.has('reported')) {
    return { ok: false, reason: 'the selection spans a writer’s account of a view and other words: select one of them' };
  }
  const like = touched[0] ?? { speaker: everyone[0] ?? writer, attribution: 'direct' as const, about: [] };
  return { ok: true, quote: stretchQuote(source, range, like) };
}

function distinctSpeakers(speakers: readonly Speaker[]): Speaker[] {
  const byId = new Map<string, Speaker>();
  for (const speaker of speakers) byId.set(speaker.id, speaker);
  return [...byId.values()];
}

/**
 * Who speaks the words of `range` that no touched item covers, as passages are attributed (turn, catalog region,
 * else the writer); `null` when a part touches a region's edge or aside, where nobody can be named.
 */
function uncoveredSpeakers(source: Source, range: TextRange, touched: readonly Quote[], writer: Speaker, speakers: readonly Speaker[]): Speaker[] | null {
  const body = source.body.text;
  const covered = touched.map((q) => q.bodyRange).sort((a, b) => a.start - b.start);
  const gaps: TextRange[] = [];
  let at = range.start;
  for (const c of covered) {
    if (c.start > at) gaps.push({ start: at, end: Math.min(c.start, range.end) });
    at = Math.max(at, c.end);
  }
  if (at < range.end) gaps.push({ start: at, end: range.end });
  const worded = gaps.filter((g) => /[\p{L}\p{N}]/u.test(body.slice(g.start, g.end)));
  if (worded.length === 0) return [];
  const turns = findTurns(body, speakerLabelResolver(speakers));
  const found: Speaker[] = [];
  for (const gap of worded) {
    const turn = turns.find((t) => t.range.start <= gap.start && gap.end <= t.range.end);
    const speaker = speakerAt(gap, turn, source.turns ?? [], writer);
    if (speaker === null) return null;
    found.push(speaker);
  }
  return found;
}

function trimmed(text: string, range: TextRange): TextRange | undefined {
  let { start, end } = range;
  start = Math.max(0, start);
  end = Math.min(text.length, end);
  while (start < end && /\s/u.test(text[start])) start++;
  while (end > start && /\s/u.test(text[end - 1])) end--;
  return /[\p{L}\p{N}]/u.test(text.slice(start, end)) ? { start, end } : undefined;
}
