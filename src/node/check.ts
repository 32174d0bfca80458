import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { checkDocument, MisquoteFinding } from '../core/check/checkDocument';
import type { Corpus } from '../core/corpus';

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

export interface FileFindings {
  readonly file: string;
  readonly text: string;
  readonly findings: readonly MisquoteFinding[];
}

/** Thrown when a named file cannot be read: a usage error for the CLI (exit 2). */
export class UnreadableFileError extends Error {}

/** Reads and checks each file; an unreadable or non-UTF-8 file is an error, not a skipped file. */
export async function checkFiles(files: readonly string[], corpus: Corpus): Promise<FileFindings[]> {
  const results: FileFindings[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(await readFile(file));
    } catch (error) {
      const reason = (error as { code?: string }).code === 'ENOENT' ? 'no such file' : (error as { code?: string }).code === 'EISDIR' ? 'is a directory' : error instanceof TypeError ? 'is not valid UTF-8' : (error as Error).message;
      throw new UnreadableFileError(`cannot check ${file}: ${reason}`);
    }
    if (text.charCodeAt(0) === 0xfeff) text = ` ${text.slice(1)}`; // keep offsets and columns of the file
    results.push({ file, text, findings: checkDocument(text, languageIdForPath(file), corpus.kb) });
  }
  return results;
}

/** `path:line:col: message`, 1-based, columns in UTF-16 code units as editors count them. */
export function formatFinding(file: string, text: string, finding: MisquoteFinding): string {
  const before = text.slice(0, finding.range.start);
  const line = before.split('\n').length;
  const column = finding.range.start - (before.lastIndexOf('\n') + 1) + 1;
  return `${file}:${line}:${column}: ${finding.message}`;
}
