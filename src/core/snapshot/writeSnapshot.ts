import type { Corpus } from '../corpus';
import type { Quote, Source, Speaker, Term, Theme } from '../kb/model';
import { CorpusSnapshot, KIND_CODES, ListColumn, QUOTE_FLAG, QuoteListsRecord, QuoteTable, ROWS_PER_BLOCK, SNAPSHOT_FORMAT, SourceRecord, TermRecord } from './snapshotTypes';

/** What else a snapshot carries: the indexes, as their own modules write them (they live in on-demand bundles). */
export interface SnapshotExtras {
  readonly search?: unknown;
  readonly check?: unknown;
  /** Rows per block of the quote table (ROWS_PER_BLOCK; the tests make it small). */
  readonly rowsPerBlock?: number;
}

/**
 * A built corpus as plain data (snapshotTypes.ts), for the source worker to send and store. Runs in one go: the
 * worker has a thread of its own.
 */
export function snapshotCorpus(corpus: Corpus, extras: SnapshotExtras = {}): CorpusSnapshot {
  const { kb } = corpus;
  const tables = new Tables();
  const rows = [...kb.allQuotes, ...corpus.passages];
  const rowOf = new Map<Quote, number>(rows.map((quote, row) => [quote, row]));
  // Every source, speaker, theme and term a quote refers to is in the tables, also those no list names
  // (a passage's unsigned writer), so that a restored quote refers to the same object as its neighbours.
  for (const quote of rows) tables.noteQuote(quote);
  // The knowledge base's own lists may name what no quote does (a speaker with no quote yet): every table is
  // complete before it is written.
  const kbSources = Int32Array.from(kb.sources, (s) => tables.noteSource(s));
  const kbSpeakers = Int32Array.from(kb.speakers, (s) => tables.speakers.add(s));
  const kbThemes = Int32Array.from(kb.themes, (t) => tables.themes.add(t));
  const kbTerms = Int32Array.from(kb.terms, (t) => tables.noteTerm(t));
  const quotes: QuoteTable[] = [];
  const perBlock = extras.rowsPerBlock ?? ROWS_PER_BLOCK;
  for (let from = 0; from < rows.length; from += perBlock) quotes.push(quoteTable(rows.slice(from, from + perBlock), rowOf, tables));
  const terms = tables.terms.list.map((term) => termRecord(term, tables));
  const sources = tables.sources.list.map((source) => sourceRecord(source, tables));
  return {
    format: SNAPSHOT_FORMAT,
    speakers: tables.speakers.list.map(({ id, name, kind, aliases, role }) => (role === undefined ? { id, name, kind, aliases } : { id, name, kind, aliases, role })),
    themes: tables.themes.list.map(({ id, label, description }) => ({ id, label, description })),
    terms,
    sources,
    kbSources,
    kbSpeakers,
    kbThemes,
    kbTerms,
    quotes,
    kbQuoteCount: kb.allQuotes.length,
    shown: Int32Array.from(kb.quotes, (q) => rowOf.get(q) ?? fail(`a shown quote (${q.id}) is not among the knowledge base's quotes`)),
    kbLists: quoteListsRecords(kb.quoteLists(), rowOf),
    problems: kb.problems,
    loadProblems: corpus.loadProblems,
    ...(extras.search !== undefined ? { search: extras.search } : {}),
    ...(extras.check !== undefined ? { check: extras.check } : {}),
  };
}

function quoteListsRecords(lists: ReturnType<Corpus['kb']['quoteLists']>, rowOf: ReadonlyMap<Quote, number>): CorpusSnapshot['kbLists'] {
  const record = (map: ReadonlyMap<string, readonly Quote[]>): QuoteListsRecord => {
    const ends = new Int32Array(map.size);
    const items: number[] = [];
    let k = 0;
    for (const list of map.values()) {
      for (const quote of list) items.push(rowOf.get(quote) ?? fail(`a listed quote (${quote.id}) is not among the knowledge base's quotes`));
      ends[k++] = items.length;
    }
    return { keys: [...map.keys()], rows: { ends, items: Int32Array.from(items) } };
  };
  return { quotesBySpeaker: record(lists.quotesBySpeaker), quotesByTheme: record(lists.quotesByTheme), quotesByTerm: record(lists.quotesByTerm), quotesBySource: record(lists.quotesBySource) };
}

function fail(message: string): never {
  throw new Error(`the corpus cannot be written as a snapshot: ${message}`);
}

/** Objects by identity, in the order first met; their position is how the snapshot refers to them. */
class Table<T> {
  readonly list: T[] = [];
  private readonly positions = new Map<T, number>();

  add(item: T): number {
    let position = this.positions.get(item);
    if (position === undefined) {
      position = this.list.length;
      this.positions.set(item, position);
      this.list.push(item);
    }
    return position;
  }

  /** The position of an item noted already: the tables are complete before any record is written. */
  of(item: T): number {
    const position = this.positions.get(item);
    if (position === undefined) fail('an object is referred to that was not noted first');
    return position;
  }
}

class Tables {
  readonly speakers = new Table<Speaker>();
  readonly themes = new Table<Theme>();
  readonly terms = new Table<Term>();
  readonly sources = new Table<Source>();

  noteQuote(quote: Quote): void {
    this.noteSource(quote.source);
    for (const source of quote.quotedIn ?? []) this.noteSource(source);
    this.speakers.add(quote.speaker);
    for (const person of quote.about) this.speakers.add(person);
    for (const theme of quote.themes) this.themes.add(theme);
    for (const term of quote.terms) this.noteTerm(term);
  }

  /** Adds the term and its themes; its position. */
  noteTerm(term: Term): number {
    for (const theme of term.themes) this.themes.add(theme);
    return this.terms.add(term);
  }

  /** Adds the source and whoever it names; its position. */
  noteSource(source: Source): number {
    if (source.author) this.speakers.add(source.author);
    if (source.publisher) this.speakers.add(source.publisher);
    for (const turn of source.turns ?? []) this.speakers.add(turn.speaker);
    return this.sources.add(source);
  }
}

function termRecord(term: Term, tables: Tables): TermRecord {
  const { id, label, variants, definition, definingQuoteId } = term;
  const themes = term.themes.map((theme) => tables.themes.of(theme));
  return definingQuoteId === undefined ? { id, label, variants, definition, themes } : { id, label, variants, definition, themes, definingQuoteId };
}

function sourceRecord(source: Source, tables: Tables): SourceRecord {
  const { id, title, date, kind, url, citekey, note, origin, uri, displayPath, raw, repair, body } = source;
  const bodySegments = body.segmentArray();
  return {
    id,
    title,
    author: source.author ? tables.speakers.of(source.author) : -1,
    publisher: source.publisher ? tables.speakers.of(source.publisher) : -1,
    ...defined({ date, url, citekey, note }),
    kind,
    origin,
    uri,
    displayPath,
    raw,
    ...(repair.text === raw ? {} : { repaired: repair.text }),
    repairMap: repair.map.toArray(),
    repairedSequences: repair.repaired,
    unrecoverable: repair.unrecoverable,
    bodySegments,
    bodyProblems: body.problems,
    ...(source.turns ? { turns: source.turns.map((turn) => ({ speaker: tables.speakers.of(turn.speaker), start: turn.range.start, end: turn.range.end, asides: Int32Array.from(turn.asides.flatMap((a) => [a.start, a.end])) })) } : {}),
  };
}

/** The fields of `fields` that have a value: a snapshot leaves absent what the source leaves absent. */
function defined<T extends Record<string, unknown>>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;
}

function quoteTable(rows: readonly Quote[], rowOf: ReadonlyMap<Quote, number>, tables: Tables): QuoteTable {
  const count = rows.length;
  const table = {
    count,
    ids: rows.map((q) => q.id).join(''),
    idEnds: runningEnds(rows, (q) => q.id.length),
    texts: rows.map((q) => q.text).join(''),
    textEnds: runningEnds(rows, (q) => q.text.length),
    kinds: new Uint8Array(count),
    flags: new Uint8Array(count),
    sources: new Int32Array(count),
    speakers: new Int32Array(count),
    ranges: new Int32Array(count * 4),
    pages: new Int32Array(count),
    originals: new Int32Array(count).fill(-1),
    about: listColumn(rows, (q) => q.about.map((p) => tables.speakers.of(p))),
    themes: listColumn(rows, (q) => q.themes.map((t) => tables.themes.of(t))),
    terms: listColumn(rows, (q) => q.terms.map((t) => tables.terms.of(t))),
    quotedIn: listColumn(rows, (q) => (q.quotedIn ?? []).map((s) => tables.sources.of(s))),
  };
  rows.forEach((quote, row) => fillRow(table, row, quote, rowOf, tables));
  return table;
}

function fillRow(table: QuoteTable, row: number, quote: Quote, rowOf: ReadonlyMap<Quote, number>, tables: Tables): void {
  table.kinds[row] = KIND_CODES.indexOf(quote.kind);
  table.flags[row] = (quote.attribution === 'reported' ? QUOTE_FLAG.reported : 0) | ('page' in quote ? QUOTE_FLAG.hasPage : 0) | (quote.quotedIn ? QUOTE_FLAG.hasQuotedIn : 0);
  table.sources[row] = tables.sources.of(quote.source);
  table.speakers[row] = tables.speakers.of(quote.speaker);
  table.ranges.set([quote.bodyRange.start, quote.bodyRange.end, quote.rawRange.start, quote.rawRange.end], row * 4);
  table.pages[row] = quote.page ?? 0;
  if (quote.original) table.originals[row] = rowOf.get(quote.original) ?? fail(`the original of ${quote.id} is not among the quotes`);
}

function runningEnds<T>(items: readonly T[], length: (item: T) => number): Int32Array {
  const ends = new Int32Array(items.length);
  let end = 0;
  items.forEach((item, k) => (ends[k] = end += length(item)));
  return ends;
}

function listColumn<T>(items: readonly T[], list: (item: T) => number[]): ListColumn {
  const lists = items.map(list);
  return { ends: runningEnds(lists, (l) => l.length), items: Int32Array.from(lists.flat()) };
}
