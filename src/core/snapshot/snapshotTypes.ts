import type { Problem, Source, Speaker, Term, Theme } from '../kb/model';

/*
 * A built corpus as plain data: what the source worker sends the extension host (structured clone, its typed
 * arrays transferred) and keeps on disk between sessions (issue #19). Objects the corpus shares (a speaker, a
 * source, a term) are stored once, in tables, and referred to by their position; quotes are stored by column,
 * a few typed arrays and two long strings, because cloning or deserializing tens of thousands of small objects
 * costs far more than copying a few large arrays.
 */

/** Bumped whenever the shape below changes: a snapshot of another format is rebuilt, never read. */
export const SNAPSHOT_FORMAT = 3;

/** Rows per block of the quote table: a block is sent as one message, received in a few milliseconds. */
export const ROWS_PER_BLOCK = 10_000;

/** Speakers and themes are plain data already. */
export type SpeakerRecord = Speaker;
export type ThemeRecord = Theme;

/** A term, its themes by their positions in CorpusSnapshot.themes. */
export type TermRecord = Omit<Term, 'themes'> & { readonly themes: readonly number[] };

export interface TurnRecord {
  /** Position in CorpusSnapshot.speakers. */
  readonly speaker: number;
  readonly start: number;
  readonly end: number;
  /** Start and end of each aside, in pairs. */
  readonly asides: Int32Array;
}

/**
 * A source: its plain fields as they are, the speakers it names by position in CorpusSnapshot.speakers (-1 for
 * none), its repair and body as numbers.
 */
export type SourceRecord = Pick<Source, 'id' | 'title' | 'date' | 'kind' | 'url' | 'citekey' | 'note' | 'origin' | 'uri' | 'displayPath' | 'raw'> & {
  readonly author: number;
  readonly publisher: number;
  /** The repaired text; absent when it is the raw text itself (nothing was repaired). */
  readonly repaired?: string;
  /** OffsetMap.toArray(). */
  readonly repairMap: Int32Array;
  readonly repairedSequences: number;
  readonly unrecoverable: number;
  /** SourceBody.segmentArray(): the body text is those segments of the repaired text, joined. */
  readonly bodySegments: Int32Array;
  readonly bodyProblems: readonly string[];
  readonly turns?: readonly TurnRecord[];
};

/** A list of positions per quote, all in one array: quote k's are items[ends[k-1] .. ends[k]). */
export interface ListColumn {
  readonly ends: Int32Array;
  readonly items: Int32Array;
}

/** Quote.kind: absent, 'quote' or 'passage'. */
export const KIND_CODES = [undefined, 'quote', 'passage'] as const;

/** Which optional fields a quote has (QuoteTable.flags). */
export const QUOTE_FLAG = { reported: 1, hasPage: 2, hasQuotedIn: 4 } as const;

/** A block of the quotes, by column: its row k is row k of every array. */
export interface QuoteTable {
  readonly count: number;
  /** Every id, joined; id k ends at idEnds[k]. */
  readonly ids: string;
  readonly idEnds: Int32Array;
  readonly texts: string;
  readonly textEnds: Int32Array;
  /** Positions in KIND_CODES. */
  readonly kinds: Uint8Array;
  readonly flags: Uint8Array;
  /** Positions in CorpusSnapshot.sources and .speakers. */
  readonly sources: Int32Array;
  readonly speakers: Int32Array;
  /** Body start, body end, raw start, raw end: four per quote. */
  readonly ranges: Int32Array;
  readonly pages: Int32Array;
  /** Row of the original among all the quotes (every block), or -1. */
  readonly originals: Int32Array;
  readonly about: ListColumn;
  readonly themes: ListColumn;
  readonly terms: ListColumn;
  /** Positions in CorpusSnapshot.sources. */
  readonly quotedIn: ListColumn;
}

/** Lists of quotes under keys (ids), in order: key k's are the rows rows.items[rows.ends[k-1] .. rows.ends[k]). */
export interface QuoteListsRecord {
  readonly keys: readonly string[];
  readonly rows: ListColumn;
}

export interface CorpusSnapshot {
  readonly format: number;
  readonly speakers: readonly SpeakerRecord[];
  readonly themes: readonly ThemeRecord[];
  readonly terms: readonly TermRecord[];
  readonly sources: readonly SourceRecord[];
  /** The knowledge base's own lists, as positions in the tables above. */
  readonly kbSources: Int32Array;
  readonly kbSpeakers: Int32Array;
  readonly kbThemes: Int32Array;
  readonly kbTerms: Int32Array;
  /**
   * Every quote of the knowledge base (echoes included), then the passages, in blocks of ROWS_PER_BLOCK rows; a
   * quote's row is counted across the blocks.
   */
  readonly quotes: readonly QuoteTable[];
  /** How many rows of `quotes` are the knowledge base's; the rest are passages. */
  readonly kbQuoteCount: number;
  /** The quotes offered (one per repeated group), as rows of `quotes`, in order. */
  readonly shown: Int32Array;
  /**
   * The knowledge base's quote lists by speaker, theme, term and source (KnowledgeBase.quoteLists), as rows of
   * `quotes`: read back as they are, where grouping, sorting and ranking them again took a third of a restore.
   */
  readonly kbLists: { readonly [K in 'quotesBySpeaker' | 'quotesByTheme' | 'quotesByTerm' | 'quotesBySource']: QuoteListsRecord };
  readonly problems: readonly Problem[];
  readonly loadProblems: readonly Problem[];
  /** The search index over the shown quotes then the passages (QuoteIndex.toSnapshot), when it was built. */
  readonly search?: unknown;
  /** The misquote check's index over the same list (MisquoteIndex.toSnapshot), when it was built. */
  readonly check?: unknown;
}
