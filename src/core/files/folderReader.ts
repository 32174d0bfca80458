import { formatSize } from '../kb/decodeSourceFile';
import type { SkipCode } from '../kb/model';
import { checkSourcePath } from './sourcePath';

/**
 * How the core reaches the files of one folder; the host backs it with workspace.fs, the CLI with node:fs.
 * A reader is also the guard: it serves only regular files that resolve, after symbolic links, inside the
 * folder it was made for, and it never reads more than it was asked to.
 */
export interface FolderReader {
  /** Size and modification time of the file, or why it is refused; reads none of its content. */
  stat(relativePath: string): Promise<FileProbe>;
  /**
   * The file's bytes, after the same checks as `stat` made again on the file that is opened. A file over
   * `maxBytes` is refused from its size, unread; one that grows while it is read yields at most maxBytes + 1.
   */
  read(relativePath: string, maxBytes: number): Promise<FileRead>;
  /** The URI (or path) by which the host opens the file. */
  uriOf(relativePath: string): string;
  /** How the file is named in messages and in the UI. */
  displayPathOf(relativePath: string): string;
}

export interface FileStat {
  readonly size: number;
  /** Milliseconds since the epoch. */
  readonly mtime: number;
}

export interface Refusal {
  readonly ok: false;
  readonly code: SkipCode;
  /** Completes "<file> …": "is a device, not a file". */
  readonly reason: string;
}

export type FileProbe = ({ readonly ok: true } & FileStat) | Refusal;
export type FileRead = { readonly ok: true; readonly bytes: Uint8Array } | Refusal;

/** The reasons every reader gives, in the same words. */
export const refuse = {
  missing: (): Refusal => ({ ok: false, code: 'missing', reason: 'does not exist' }),
  outside: (folder: string): Refusal => ({ ok: false, code: 'outside-folder', reason: `resolves outside ${folder} (through a symbolic link); only files inside the folder are read` }),
  link: (): Refusal => ({ ok: false, code: 'outside-folder', reason: 'is a symbolic link, which this file system cannot resolve; only plain files inside the folder are read' }),
  path: (reason: string): Refusal => ({ ok: false, code: 'outside-folder', reason }),
  notAFile: (what: string): Refusal => ({ ok: false, code: 'not-a-file', reason: `is ${what}, not a regular file` }),
  tooLarge: (size: number, maxBytes: number): Refusal => ({
    ok: false,
    code: 'too-large',
    reason: `is ${formatSize(size)}, over the ${formatSize(maxBytes)} limit (setting sourcebook.maxFileSizeKB)`,
  }),
  unreadable: (why: string): Refusal => ({ ok: false, code: 'unreadable', reason: `could not be read (${why})` }),
};

/**
 * Reads a file named by a catalog or a listing: the path must stay inside the folder on its face, and the
 * reader checks where it really leads, its type and its size before a byte is read.
 */
export async function readContained(reader: FolderReader, relativePath: string, maxBytes: number): Promise<FileRead> {
  const checked = checkSourcePath(relativePath);
  if (!checked.ok) return refuse.path(checked.reason);
  const result = await reader.read(checked.path, maxBytes);
  if (result.ok && result.bytes.length > maxBytes) return refuse.tooLarge(result.bytes.length, maxBytes);
  return result;
}

/** `stat` with the same lexical check as readContained. */
export async function statContained(reader: FolderReader, relativePath: string): Promise<FileProbe> {
  const checked = checkSourcePath(relativePath);
  if (!checked.ok) return refuse.path(checked.reason);
  return reader.stat(checked.path);
}
