import type { Attribution, SourceKind, SpeakerKind } from '../catalog/catalogTypes';
import type { RepairResult } from '../text/mojibake';
import type { SourceBody } from '../text/sourceBody';

export type { Attribution, SourceKind, SpeakerKind };

/** Where a source comes from: the corpus embedded in the extension, or a folder of the user's. */
export type SourceOrigin = 'seed' | 'workspace';

export interface Speaker {
  readonly id: string;
  readonly name: string;
  readonly kind: SpeakerKind;
  readonly aliases: readonly string[];
  readonly role?: string;
}

export interface Theme {
  readonly id: string;
  readonly label: string;
  readonly description: string;
}

export interface Term {
  readonly id: string;
  readonly label: string;
  readonly variants: readonly string[];
  readonly definition: string;
  readonly themes: readonly Theme[];
  readonly definingQuoteId?: string;
}

export interface Source {
  readonly id: string;
  readonly title: string;
  readonly author?: Speaker;
  readonly publisher?: Speaker;
  readonly date?: string;
  readonly kind: SourceKind;
  readonly url?: string;
  /** The catalog's citation key for the source (core/citations/citekeys.ts decides the key in use). */
  readonly citekey?: string;
  readonly note?: string;
  readonly origin: SourceOrigin;
  /** The file's URI as the host gave it (file:///…, or a path for the CLI). */
  readonly uri: string;
  /** A short path to show, e.g. `seeds/002_….txt` or `notes/interview.md`. */
  readonly displayPath: string;
  /** The file as read (decoded as UTF-8), before any repair. */
  readonly raw: string;
  readonly repair: RepairResult;
  readonly body: SourceBody;
  /** Where the catalog says one person speaks (body offsets); passages there are theirs. */
  readonly turns?: readonly TurnRegion[];
}

export interface TextRange {
  readonly start: number;
  readonly end: number;
}

/** A region of a source body where one person speaks, as a catalog declares it (a talk's transcript). */
export interface TurnRegion {
  readonly speaker: Speaker;
  readonly range: TextRange;
  /** Parts of the region that are not the speaker's (an editor's parenthesis): sentences touching them are nobody's. */
  readonly asides: readonly TextRange[];
}

export interface Quote {
  readonly id: string;
  /**
   * A quote (curated in a catalog, or extracted from quotation marks) or a passage: any other sentence of a source,
   * attributed by speaker turn or to the source's writer (core/passages). Absent means a quote.
   */
  readonly kind?: 'quote' | 'passage';
  /** The verbatim words, as they stand in the repaired source, with runs of whitespace shown as one space. */
  readonly text: string;
  readonly source: Source;
  /** Whose words these are. For a reported quote: the writer who reports someone's view. */
  readonly speaker: Speaker;
  readonly attribution: Attribution;
  /** For a reported quote, whose view it reports; otherwise anyone the quote names. */
  readonly about: readonly Speaker[];
  readonly themes: readonly Theme[];
  readonly terms: readonly Term[];
  /** Where the quote is in the source body. */
  readonly bodyRange: TextRange;
  /** Where it is in the raw file as read (UTF-16 offsets), for opening the original at its place. */
  readonly rawRange: TextRange;
  /**
   * Set when the same words of the same speaker stand in another source that is their original occasion: this
   * quote is a later source quoting them, and is attributed and dated by the original (kb/repeatedQuotes.ts).
   */
  readonly original?: Quote;
  /** On the original occasion: the other sources that quote the same words, earliest first. */
  readonly quotedIn?: readonly Source[];
  /** The page (1-based) of a paged source (a PDF) the quote starts on. */
  readonly page?: number;
}

/**
 * Why a file was not served, as a code surfaces can count and test on (the message says it in words):
 * outside its folder, not a regular file, over the size limit, binary, not decodable, unreadable, missing;
 * a PDF with no text layer (scanned), an encrypted or a corrupt document; a format whose reader could not be
 * loaded.
 */
export type SkipCode =
  | 'outside-folder'
  | 'not-a-file'
  | 'too-large'
  | 'binary'
  | 'encoding'
  | 'unreadable'
  | 'missing'
  | 'no-text-layer'
  | 'encrypted'
  | 'corrupt'
  | 'no-reader';

/** Why a folder named in the settings or on the command line gave nothing to read. */
export type FolderProblemCode = 'no-source-files' | 'cancelled' | 'bad-setting';

/** Something wrong with the input, reported to the user with its place; the rest keeps working. */
export interface Problem {
  readonly severity: 'error' | 'warning' | 'info';
  readonly file: string;
  /** Set when the problem is that this file was skipped, and why. */
  readonly skipped?: SkipCode;
  /** Set when the problem is about a whole folder of sources. */
  readonly code?: FolderProblemCode;
  /** 1-based, when known. */
  readonly line?: number;
  readonly column?: number;
  readonly message: string;
}

export function formatProblem(p: Problem): string {
  const place = p.line !== undefined ? `:${p.line}${p.column !== undefined ? `:${p.column}` : ''}` : '';
  return `${p.file}${place}: ${p.message}`;
}
