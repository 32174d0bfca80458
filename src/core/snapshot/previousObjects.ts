import type { Corpus } from '../corpus';
import type { Quote, Source, Speaker, Term, Theme, TurnRegion } from '../kb/model';
import { PauseEvery, Steps } from '../util/steps';
import { KIND_CODES, ListColumn, QUOTE_FLAG, QuoteTable, SourceRecord, TermRecord } from './snapshotTypes';

/** The objects a restore refers to by position (readSnapshot.ts). */
export interface RestoredEntities {
  readonly sources: readonly Source[];
  readonly speakers: readonly Speaker[];
  readonly themes: readonly Theme[];
  readonly terms: readonly Term[];
}

/**
 * The corpus served now, as a restore may take from it (a reload after one file changed: nearly all of it is the
 * same). A speaker, theme, term, source, quote or passage whose record in the snapshot says exactly what that object
 * holds, down to the very objects it refers to, is that object; only what changed is made anew. So a reload makes
 * one file's share of objects rather than hundreds of thousands, and the garbage collector has little to collect.
 * Nothing of the served corpus is ever changed: an echo of a repeated quote, the one kind of row a restore completes
 * after making it, is always made anew.
 */
export class PreviousObjects {
  private readonly speakers: Map<string, Speaker>;
  private readonly themes: Map<string, Theme>;
  private readonly terms: Map<string, Term>;
  private readonly sources: Map<string, Source>;
  /** The served corpus's rows in the order a snapshot lists them: its quotes, then its passages. */
  private readonly quotes: readonly Quote[];
  private readonly passages: readonly Quote[];
  /** Where the next row is expected among the rows: a reload's rows follow the served ones, shifted where one file changed. */
  private cursor = 0;
  /** Where each source's quotes, and its passages, begin among the rows (each source's rows are together). */
  private readonly starts = new Map<string, number>();
  /** The source and kind of the last row asked about, as positions in the snapshot's tables. */
  private lastRun = { source: -1, kind: -1 };
  /** What the restore took from the served corpus, and what it made: for the tests and the bench. */
  readonly counts = { reused: 0, made: 0 };

  constructor(previous: Corpus) {
    const { kb } = previous;
    this.speakers = new Map(kb.speakers.map((s) => [s.id, s]));
    this.themes = new Map(kb.themes.map((t) => [t.id, t]));
    this.terms = new Map(kb.terms.map((t) => [t.id, t]));
    this.sources = new Map(kb.sources.map((s) => [s.id, s]));
    this.quotes = kb.allQuotes;
    this.passages = previous.passageCount === undefined ? [] : previous.passages;
  }

  private get rowCount(): number {
    return this.quotes.length + this.passages.length;
  }

  private rowAt(k: number): Quote {
    return k < this.quotes.length ? this.quotes[k] : this.passages[k - this.quotes.length];
  }

  /**
   * Goes over the served rows once, pausing as it goes: where each source's quotes and passages begin, and whom the
   * passages name that the knowledge base's lists do not (a source's unsigned writer, whom a restored passage names).
   */
  *prepare(): Steps<void> {
    const pause = new PauseEvery(2_000);
    let last: Quote | undefined;
    for (let k = 0; k < this.rowCount; k++) {
      if (pause.due()) yield;
      const row = this.rowAt(k);
      if (row.speaker !== last?.speaker) noteFirst(this.speakers, row.speaker);
      if (last === undefined || row.source !== last.source || (row.kind === 'passage') !== (last.kind === 'passage')) {
        const key = runKey(row.kind, row.source.id);
        if (!this.starts.has(key)) this.starts.set(key, k);
      }
      last = row;
    }
  }

  speaker(made: Speaker): Speaker {
    const kept = this.speakers.get(made.id);
    const same = kept !== undefined && kept.name === made.name && kept.kind === made.kind && kept.role === made.role && sameItems(kept.aliases, made.aliases);
    return this.counted(same ? kept : made, same);
  }

  theme(made: Theme): Theme {
    const kept = this.themes.get(made.id);
    const same = kept !== undefined && kept.label === made.label && kept.description === made.description;
    return this.counted(same ? kept : made, same);
  }

  term(record: TermRecord, themes: readonly Theme[], make: () => Term): Term {
    const kept = this.terms.get(record.id);
    const same =
      kept !== undefined &&
      kept.label === record.label &&
      kept.definition === record.definition &&
      kept.definingQuoteId === record.definingQuoteId &&
      sameItems(kept.variants, record.variants) &&
      kept.themes.length === record.themes.length &&
      kept.themes.every((theme, k) => theme === themes[record.themes[k]]);
    return this.counted(same ? kept : make(), same);
  }

  /** The served source when the record says exactly what it holds (its text, repair, body, turns, people). */
  source(record: SourceRecord, speakers: readonly Speaker[], uri: string, make: () => Source): Source {
    const kept = this.sources.get(record.id);
    const same = kept !== undefined && sameSource(record, kept, speakers, uri);
    return this.counted(same ? kept : make(), same);
  }

  /** The served quote or passage when row `row` says exactly what it holds; undefined when it must be made. */
  quote(table: QuoteTable, row: number, entities: RestoredEntities): Quote | undefined {
    this.followRun(table, row, entities);
    const at = this.served(table, row);
    const kept = at === undefined ? undefined : this.rowAt(at);
    const same = kept !== undefined && table.originals[row] < 0 && sameQuote(table, row, kept, entities);
    if (at !== undefined) this.cursor = at + 1;
    this.counts[same ? 'reused' : 'made']++;
    return same ? kept : undefined;
  }

  /** At the first row of another source (or of its passages), the cursor moves to where the served one's began. */
  private followRun(table: QuoteTable, row: number, entities: RestoredEntities): void {
    const source = table.sources[row];
    const kind = table.kinds[row];
    if (source === this.lastRun.source && kind === this.lastRun.kind) return;
    this.lastRun = { source, kind };
    const start = this.starts.get(runKey(KIND_CODES[kind], entities.sources[source].id));
    if (start !== undefined) this.cursor = start;
  }

  /**
   * Where the served row with row `row`'s id is: at the cursor, or a little further when the served corpus had rows
   * this one no longer has (a quote removed from a changed file). Ids are compared in place, without a copy.
   */
  private served(table: QuoteTable, row: number): number | undefined {
    const start = row === 0 ? 0 : table.idEnds[row - 1];
    const length = table.idEnds[row] - start;
    const end = Math.min(this.rowCount, this.cursor + LOOK_AHEAD);
    for (let k = this.cursor; k < end; k++) {
      const { id } = this.rowAt(k);
      if (id.length === length && table.ids.startsWith(id, start)) return k;
    }
    return undefined;
  }

  private counted<T>(value: T, reused: boolean): T {
    this.counts[reused ? 'reused' : 'made']++;
    return value;
  }
}

/**
 * How far past the cursor a row is looked for, within one source's rows: further than the quotes a changed file may
 * have lost at one place. A row not found is made anew, which is always right, only slower.
 */
const LOOK_AHEAD = 256;

/** A source's quotes, or its passages: the rows a snapshot keeps together. */
function runKey(kind: Quote['kind'], sourceId: string): string {
  return `${kind === 'passage' ? 'p' : 'q'}\u0000${sourceId}`;
}

/** The first object met under an id is the one the served corpus's lists and quotes share. */
function noteFirst<T extends { readonly id: string }>(map: Map<string, T>, item: T): void {
  if (!map.has(item.id)) map.set(item.id, item);
}

function sameSource(record: SourceRecord, kept: Source, speakers: readonly Speaker[], uri: string): boolean {
  return (
    kept.title === record.title &&
    kept.date === record.date &&
    kept.kind === record.kind &&
    kept.url === record.url &&
    kept.citekey === record.citekey &&
    kept.note === record.note &&
    kept.origin === record.origin &&
    kept.uri === uri &&
    kept.displayPath === record.displayPath &&
    kept.author === (record.author >= 0 ? speakers[record.author] : undefined) &&
    kept.publisher === (record.publisher >= 0 ? speakers[record.publisher] : undefined) &&
    kept.raw === record.raw &&
    kept.repair.text === (record.repaired ?? record.raw) &&
    kept.repair.repaired === record.repairedSequences &&
    kept.repair.unrecoverable === record.unrecoverable &&
    sameItems(kept.repair.map.toArray(), record.repairMap) &&
    sameItems(kept.body.segmentArray(), record.bodySegments) &&
    sameItems(kept.body.problems, record.bodyProblems) &&
    sameTurns(kept.turns, record.turns, speakers)
  );
}

function sameTurns(kept: readonly TurnRegion[] | undefined, records: SourceRecord['turns'], speakers: readonly Speaker[]): boolean {
  if (kept === undefined || records === undefined) return kept === records;
  return (
    kept.length === records.length &&
    kept.every((turn, k) => {
      const record = records[k];
      const asides = turn.asides.flatMap((a) => [a.start, a.end]);
      return turn.speaker === speakers[record.speaker] && turn.range.start === record.start && turn.range.end === record.end && sameItems(asides, record.asides);
    })
  );
}

/** Whether a row of the quote table says exactly what `kept` holds (its id is known to match). */
function sameQuote(table: QuoteTable, row: number, kept: Quote, { sources, speakers, themes, terms }: RestoredEntities): boolean {
  const flags = table.flags[row];
  const r = row * 4;
  const textStart = row === 0 ? 0 : table.textEnds[row - 1];
  return (
    kept.original === undefined &&
    kept.kind === KIND_CODES[table.kinds[row]] &&
    kept.text.length === table.textEnds[row] - textStart &&
    table.texts.startsWith(kept.text, textStart) &&
    kept.source === sources[table.sources[row]] &&
    kept.speaker === speakers[table.speakers[row]] &&
    kept.attribution === (flags & QUOTE_FLAG.reported ? 'reported' : 'direct') &&
    kept.bodyRange.start === table.ranges[r] &&
    kept.bodyRange.end === table.ranges[r + 1] &&
    kept.rawRange.start === table.ranges[r + 2] &&
    kept.rawRange.end === table.ranges[r + 3] &&
    kept.page === (flags & QUOTE_FLAG.hasPage && table.pages[row] !== 0 ? table.pages[row] : undefined) &&
    (flags & QUOTE_FLAG.hasQuotedIn ? kept.quotedIn !== undefined && sameList(kept.quotedIn, table.quotedIn, row, sources) : kept.quotedIn === undefined) &&
    sameList(kept.about, table.about, row, speakers) &&
    sameList(kept.themes, table.themes, row, themes) &&
    sameList(kept.terms, table.terms, row, terms)
  );
}

/** Whether a quote's list holds the very objects a list column names for its row. */
function sameList<T>(kept: readonly T[], column: ListColumn, row: number, items: readonly T[]): boolean {
  const start = row === 0 ? 0 : column.ends[row - 1];
  if (kept.length !== column.ends[row] - start) return false;
  for (let k = 0; k < kept.length; k++) if (kept[k] !== items[column.items[start + k]]) return false;
  return true;
}

function sameItems<T>(a: ArrayLike<T>, b: ArrayLike<T>): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}
