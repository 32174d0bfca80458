import type { Corpus, CorpusOptions } from '../corpus';
import type { KnowledgeBase, QuoteLists } from '../kb/knowledgeBase';
import type { Problem, Quote, Source, Speaker, Term, Theme, TurnRegion } from '../kb/model';
import type { OffsetMap } from '../text/offsetMap';
import type { SourceBody } from '../text/sourceBody';
import { PauseEvery, Steps } from '../util/steps';
import { PreviousObjects, RestoredEntities } from './previousObjects';
import { CorpusSnapshot, KIND_CODES, ListColumn, QUOTE_FLAG, QuoteListsRecord, QuoteTable, SNAPSHOT_FORMAT, SourceRecord } from './snapshotTypes';

/**
 * The classes a restored corpus is made of, given by the caller (corpusMakers.ts): this module is also bundled on its
 * own (dist/snapshot.js, loaded on demand), and a restored corpus must be made of the extension's own classes.
 */
export interface CorpusMakers {
  readonly knowledgeBase: typeof KnowledgeBase.fromLists;
  readonly corpus: typeof Corpus.withPassages;
  readonly body: typeof SourceBody.fromSegments;
  readonly offsetMap: typeof OffsetMap.fromArray;
}

export interface RestoreOptions extends CorpusOptions {
  /** How a source's URI is spelled here (the editor re-spells the worker's file: URLs); as stored by default. */
  readonly uri?: (uri: string) => string;
  /** The problems of the load, when the host knows them better than the snapshot's writer (it reports its own). */
  readonly loadProblems?: readonly Problem[];
  /**
   * The corpus served now, whose objects are taken wherever the snapshot holds the very same (previousObjects.ts):
   * a reload after one file changed makes that file's share anew. It is never changed.
   */
  readonly previous?: PreviousObjects;
}

/**
 * The corpus a snapshot was written from (writeSnapshot.ts): the same sources, speakers, quotes and passages,
 * sharing objects as the original did. Pauses every few hundred sources and quotes, so that the extension host
 * restores a large corpus in slices. The indexes are restored by their own modules (QuoteIndex.fromSnapshot,
 * MisquoteIndex.restore).
 */
export function* restoreCorpus(snapshot: CorpusSnapshot, makers: CorpusMakers, options: RestoreOptions = {}): Steps<Corpus> {
  if (snapshot.format !== SNAPSHOT_FORMAT) throw new Error(`a corpus snapshot of format ${snapshot.format} cannot be read (this version reads ${SNAPSHOT_FORMAT})`);
  const pause = new PauseEvery(200);
  const { previous } = options;
  if (previous) yield* previous.prepare();
  const made = restoreNamed(snapshot, previous);
  const sources: Source[] = [];
  for (const record of snapshot.sources) {
    if (pause.due()) yield;
    const uri = options.uri ? options.uri(record.uri) : record.uri;
    const make = (): Source => restoreSource(record, made.speakers, makers, uri);
    sources.push(previous ? previous.source(record, made.speakers, uri, make) : make());
  }
  const { speakers, themes, terms } = made;
  const rows = yield* restoreQuotes(snapshot.quotes, { sources, speakers, themes, terms }, previous);
  const all = rows.slice(0, snapshot.kbQuoteCount);
  const shown: Quote[] = [];
  for (const row of snapshot.shown) {
    if (pause.due()) yield;
    shown.push(rows[row]);
  }
  const pick = <T>(list: readonly T[], positions: Int32Array): T[] => Array.from(positions, (p) => list[p]);
  const lists = yield* restoreQuoteLists(snapshot.kbLists, rows);
  const kb = yield* makers.knowledgeBase(pick(sources, snapshot.kbSources), pick(speakers, snapshot.kbSpeakers), pick(themes, snapshot.kbThemes), pick(terms, snapshot.kbTerms), { shown, all }, snapshot.problems, lists);
  // The corpus keeps its options: not the served corpus, which it would keep alive (and that one its own, and so on).
  const { createIndex, createIndexSteps } = options;
  return makers.corpus(kb, options.loadProblems ?? snapshot.loadProblems, rows.slice(snapshot.kbQuoteCount), { createIndex, createIndexSteps });
}

/** The knowledge base's quote lists, each a fresh array (the knowledge base owns them), pausing every few thousand quotes. */
function* restoreQuoteLists(records: CorpusSnapshot['kbLists'], rows: readonly Quote[]): Steps<QuoteLists> {
  const pause = new PauseEvery(5_000);
  function* lists(record: QuoteListsRecord): Steps<Map<string, Quote[]>> {
    const map = new Map<string, Quote[]>();
    const { ends, items } = record.rows;
    let start = 0;
    for (let k = 0; k < record.keys.length; k++) {
      // Pushed, as the lists were built: a packed array, where a preallocated one stays holey (slower to read).
      const list: Quote[] = [];
      for (let i = start; i < ends[k]; i++) {
        if (pause.due()) yield;
        list.push(rows[items[i]]);
      }
      map.set(record.keys[k], list);
      start = ends[k];
    }
    return map;
  }
  return {
    quotesBySpeaker: yield* lists(records.quotesBySpeaker),
    quotesByTheme: yield* lists(records.quotesByTheme),
    quotesByTerm: yield* lists(records.quotesByTerm),
    quotesBySource: yield* lists(records.quotesBySource),
  };
}

/** The speakers, themes and terms, taken from the served corpus where they are the same. */
function restoreNamed(snapshot: CorpusSnapshot, previous: PreviousObjects | undefined): Omit<RestoredEntities, 'sources'> {
  const speakers = snapshot.speakers.map((s): Speaker => {
    const made = { ...s, aliases: [...s.aliases] };
    return previous ? previous.speaker(made) : made;
  });
  const themes = snapshot.themes.map((t): Theme => (previous ? previous.theme({ ...t }) : { ...t }));
  const terms = snapshot.terms.map((record): Term => {
    const { themes: positions, ...term } = record;
    const make = (): Term => ({ ...term, variants: [...term.variants], themes: positions.map((p) => themes[p]) });
    return previous ? previous.term(record, themes, make) : make();
  });
  return { speakers, themes, terms };
}

function restoreSource(record: SourceRecord, speakers: readonly Speaker[], makers: CorpusMakers, uri: string): Source {
  const { author, publisher, repaired, repairMap, repairedSequences, unrecoverable, bodySegments, bodyProblems, turns, ...fields } = record;
  const text = repaired ?? record.raw;
  return {
    ...fields,
    ...(author >= 0 ? { author: speakers[author] } : {}),
    ...(publisher >= 0 ? { publisher: speakers[publisher] } : {}),
    uri,
    repair: { text, map: makers.offsetMap(repairMap), repaired: repairedSequences, unrecoverable },
    body: makers.body(text, bodySegments, bodyProblems),
    ...(turns ? { turns: turns.map((turn): TurnRegion => ({ speaker: speakers[turn.speaker], range: { start: turn.start, end: turn.end }, asides: pairs(turn.asides) })) } : {}),
  };
}

function pairs(numbers: Int32Array): { start: number; end: number }[] {
  const ranges: { start: number; end: number }[] = [];
  for (let k = 0; k + 1 < numbers.length; k += 2) ranges.push({ start: numbers[k], end: numbers[k + 1] });
  return ranges;
}

type Entities = RestoredEntities;

/**
 * The quotes, block by block and row by row (the served corpus's where they are the same); then each echo is pointed
 * at its original, which may come later (an echo is always made anew, so nothing served is changed).
 */
function* restoreQuotes(blocks: readonly QuoteTable[], entities: Entities, previous: PreviousObjects | undefined): Steps<Quote[]> {
  const pause = new PauseEvery(500);
  const rows: Quote[] = [];
  for (const block of blocks) {
    for (let row = 0; row < block.count; row++) {
      if (pause.due()) yield;
      rows.push(previous?.quote(block, row, entities) ?? restoreQuote(block, row, entities));
    }
  }
  let first = 0;
  for (const block of blocks) {
    for (let row = 0; row < block.count; row++) {
      const original = block.originals[row];
      if (original >= 0) (rows[first + row] as { original?: Quote }).original = rows[original];
    }
    first += block.count;
  }
  return rows;
}

function restoreQuote(table: QuoteTable, row: number, { sources, speakers, themes, terms }: Entities): Quote {
  const flags = table.flags[row];
  const r = row * 4;
  const kind = KIND_CODES[table.kinds[row]];
  const quote: { -readonly [K in keyof Quote]: Quote[K] } = {
    id: table.ids.slice(row === 0 ? 0 : table.idEnds[row - 1], table.idEnds[row]),
    text: table.texts.slice(row === 0 ? 0 : table.textEnds[row - 1], table.textEnds[row]),
    source: sources[table.sources[row]],
    speaker: speakers[table.speakers[row]],
    attribution: flags & QUOTE_FLAG.reported ? 'reported' : 'direct',
    about: listAt(table.about, row, speakers),
    themes: listAt(table.themes, row, themes),
    terms: listAt(table.terms, row, terms),
    bodyRange: { start: table.ranges[r], end: table.ranges[r + 1] },
    rawRange: { start: table.ranges[r + 2], end: table.ranges[r + 3] },
  };
  if (kind !== undefined) quote.kind = kind;
  if (flags & QUOTE_FLAG.hasPage) quote.page = table.pages[row] === 0 ? undefined : table.pages[row];
  if (flags & QUOTE_FLAG.hasQuotedIn) quote.quotedIn = listAt(table.quotedIn, row, sources);
  return quote;
}

/** One empty list for every quote that has none: most quotes name no one and carry no theme or term. */
const NONE: readonly never[] = Object.freeze([]);

function listAt<T>(column: ListColumn, row: number, items: readonly T[]): readonly T[] {
  const start = row === 0 ? 0 : column.ends[row - 1];
  const end = column.ends[row];
  if (start === end) return NONE;
  const list: T[] = [];
  for (let k = start; k < end; k++) list.push(items[column.items[k]]);
  return list;
}
