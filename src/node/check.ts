import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { checkDocumentReport, type MisquoteFinding } from '../core/check/checkDocument';
import type { DraftFinding } from '../core/check/draftFinding';
import { checkCitations } from '../core/citations/checkCitations';
import type { CitekeyTable } from '../core/citations/citekeys';
import type { Corpus } from '../core/corpus';
import { decodeText } from '../core/kb/decodeSourceFile';
import { excludedRegions } from '../core/syntax/excludedRegions';
import { createMarkdownBlockParser } from '../core/syntax/markdownIt';
import type { MarkdownBlockParser } from '../core/syntax/markdown';
import { LineTable } from '../core/text/lineTable';

/** The language id VS Code would give a file, from its extension. */
export function languageIdForPath(file: string): string {
  switch (path.extname(file).toLowerCase()) {
    case '.md':
    case '.markdown':
    case '.mdx':
      return 'markdown';
    case '.tex':
    case '.latex':
    case '.ltx':
      return 'latex';
    default:
      return 'plaintext';
  }
}

export interface FileFindings<F extends DraftFinding = DraftFinding> {
  readonly file: string;
  readonly text: string;
  /** Misquotes, wrong speakers and (with a key table) citation problems, in text order. */
  readonly findings: readonly F[];
}

/** Thrown when a named file cannot be read: a usage error for the CLI (exit 2). */
export class UnreadableFileError extends Error {}

/**
 * A draft's text as an editor would show it: UTF-8, or UTF-16 with a byte-order mark (the mark dropped, as
 * editors do not count it as a column). Anything else, or a NUL anywhere, is refused: checking the wrong
 * characters would call a draft clean that was never read.
 */
async function readDraft(file: string): Promise<string> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
    throw new UnreadableFileError(`cannot check ${file}: ${reason}`);
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) throw new UnreadableFileError(`cannot check ${file}: ${decoded.reason}`);
  if (decoded.text.includes('\u0000')) throw new UnreadableFileError(`cannot check ${file}: looks binary (it contains NUL bytes)`);
  return decoded.text;
}

let parser: MarkdownBlockParser | undefined;

/** One Markdown parser for every file of a run (it is built on first use). */
function markdownParser(): MarkdownBlockParser {
  return (parser ??= createMarkdownBlockParser());
}

/**
 * Reads and checks each file; an unreadable or non-UTF-8 file is an error, not a skipped file. With a key table
 * (`--bib`), citations are checked too: a quotation cited to another source than its words', a key in no
 * bibliography and naming no source.
 */
export async function checkFiles(files: readonly string[], corpus: Corpus): Promise<FileFindings<MisquoteFinding>[]>;
export async function checkFiles(files: readonly string[], corpus: Corpus, citekeys: CitekeyTable | undefined): Promise<FileFindings[]>;
export async function checkFiles(files: readonly string[], corpus: Corpus, citekeys?: CitekeyTable): Promise<FileFindings[]> {
  const results: FileFindings[] = [];
  for (const file of files) {
    const text = await readDraft(file);
    // The whole file: a batch check has no keystrokes to keep up with (the editor checks a long one in part).
    const languageId = languageIdForPath(file);
    // The same regions as the editor's check: quotations in code, comments and math are not checked.
    const excluded = excludedRegions(text, languageId, markdownParser());
    const { findings } = checkDocumentReport(text, languageId, corpus.checkable, { maxCharacters: Infinity, excluded });
    const citations = citekeys ? checkCitations(text, languageId, corpus.checkable, citekeys, { excluded }) : [];
    results.push({ file, text, findings: citations.length === 0 ? findings : [...findings, ...citations].sort((a, b) => a.range.start - b.range.start) });
  }
  return results;
}

/**
 * `path:line:col: message`, 1-based, columns in UTF-16 code units as editors count them. Lines end at \r\n,
 * \r or \n, as editors read them (an old Mac draft has only \r). The text's line starts are computed once
 * and kept for the next finding of the same text, so a file with thousands of findings is not re-read
 * from its start for each.
 */
export function formatFinding(file: string, text: string, finding: DraftFinding): string {
  const { line, column } = lineStartsFor(text).position(finding.range.start);
  return `${file}:${line}:${column}: ${finding.message}`;
}

let lastText: string | undefined;
let lastLines: LineTable | undefined;

function lineStartsFor(text: string): LineTable {
  if (text !== lastText || !lastLines) {
    lastText = text;
    lastLines = new LineTable(text);
  }
  return lastLines;
}
