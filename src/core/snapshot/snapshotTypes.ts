import type { Problem, SourceKind, SourceOrigin, SpeakerKind } from '../kb/model';

/*
 * A built corpus as plain data: what the source worker sends the extension host (structured clone, its typed
 * arrays transferred) and keeps on disk between sessions (issue #19). Objects the corpus shares (a speaker, a
 * source, a term) are stored once, in tables, and referred to by their position; quotes are stored by column,
 * a few typed arrays and two long strings, because cloning or deserializing tens of thousands of small objects
 * costs far more than copying a few large arrays.
 */

/** Bumped whenever the shape below changes: a snapshot of another format is rebuilt, never read. */
export const SNAPSHOT_FORMAT = 2;

/** Rows per block of the quote table: a block is sent as one message, received in a few milliseconds. */
export const ROWS_PER_BLOCK = 10_000;

export interface SpeakerRecord {
  readonly id: string;
  readonly name: string;
  readonly kind: SpeakerKind;
  readonly aliases: readonly string[];
  readonly role?: string;
}

export interface ThemeRecord {
  readonly id: string;
  readonly label: string;
  readonly description: string;
}

export interface TermRecord {
  readonly id: string;
  readonly label: string;
  readonly variants: readonly string[];
  readonly definition: string;
  /** Positions in CorpusSnapshot.themes. */
  readonly themes: readonly number[];
  readonly definingQuoteId?: string;
}

export interface TurnRecord {
  /** Position in CorpusSnapshot.speakers. */
  readonly speaker: number;
  readonly start: number;
  readonly end: number;
  /** Start and end of each aside, in pairs. */
  readonly asides: Int32Array;
}

export interface SourceRecord {
  readonly id: string;
  readonly title: string;
  /** Positions in CorpusSnapshot.speakers, or -1. */
  readonly author: number;
  readonly publisher: number;
  readonly date?: string;
  readonly kind: SourceKind;
  readonly url?: string;
  readonly citekey?: string;
  readonly note?: string;
  readonly origin: SourceOrigin;
  readonly uri: string;
  readonly displayPath: string;
  readonly raw: string;
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
}

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
  readonly problems: readonly Problem[];
  readonly loadProblems: readonly Problem[];
  /** The search index over the shown quotes then the passages (QuoteIndex.toSnapshot), when it was built. */
  readonly search?: unknown;
  /** The misquote check's index over the same list (MisquoteIndex.toSnapshot), when it was built. */
  readonly check?: unknown;
}
