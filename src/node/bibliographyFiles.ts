import { open, stat } from 'node:fs/promises';
import type { Bibliography } from '../core/citations/bibliography';
import { isCslJsonFile } from '../core/citations/bibliography';
import { parseCslJson } from '../core/citations/parseCslJson';
import { decodeText } from '../core/kb/decodeSourceFile';

/** A bibliography named on the command line that cannot be read: exit 2, like a missing draft. */
export class BibliographyFileError extends Error {}

/** Larger than any bibliography a writer keeps (Better BibTeX exports of 20,000 entries are about 10 MB). */
export const MAX_BIBLIOGRAPHY_BYTES = 32 * 1024 * 1024;

/**
 * Reads `--bib` files: BibTeX/BibLaTeX, or CSL-JSON by a `.json` name. A file that cannot be read at all is an
 * error; malformed entries inside one are problems of its Bibliography, and the rest of it serves. The BibTeX
 * parser is loaded only when a `.bib` is named.
 */
export async function readBibliographyFiles(files: readonly string[]): Promise<Bibliography[]> {
  const bibliographies: Bibliography[] = [];
  for (const file of files) {
    const text = await readText(file);
    if (isCslJsonFile(file)) {
      bibliographies.push(parseCslJson(text, file));
      continue;
    }
    const { readBibliography } = await import('../core/citations/bibtexBundle');
    bibliographies.push(await readBibliography(text, file));
  }
  return bibliographies;
}

async function readText(file: string): Promise<string> {
  let bytes: Uint8Array;
  try {
    // Its type and size before it is opened: a named pipe or a device is refused unread.
    const info = await stat(file);
    if (!info.isFile()) throw new BibliographyFileError(`cannot read the bibliography ${file}: not a regular file`);
    const handle = await open(file, 'r');
    try {
      if ((await handle.stat()).size > MAX_BIBLIOGRAPHY_BYTES) throw new BibliographyFileError(`cannot read the bibliography ${file}: larger than ${MAX_BIBLIOGRAPHY_BYTES / 1024 / 1024} MB`);
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof BibliographyFileError) throw error;
    const code = (error as { code?: string }).code;
    throw new BibliographyFileError(`cannot read the bibliography ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message}`);
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) throw new BibliographyFileError(`cannot read the bibliography ${file}: ${decoded.reason}`);
  return decoded.text;
}
