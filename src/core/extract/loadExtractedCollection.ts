import type { CollectionInput, SourceFileInput } from '../kb/buildKnowledgeBase';
import { decodeSourceFile, DEFAULT_MAX_FILE_BYTES, formatSize } from '../kb/decodeSourceFile';
import type { FolderReader, LoadedCollection } from '../kb/loadCollection';
import type { Problem, SourceOrigin } from '../kb/model';
import { CancellationToken, noopToken, throwIfCancelled } from '../util/cancellation';
import { extractCatalog, ExtractInputFile, KnownSpeaker } from './extractCatalog';

export interface ExtractedCollectionOptions {
  readonly origin: SourceOrigin;
  /** How the generated catalog is named in messages, e.g. "notes (extracted)". */
  readonly catalogFile: string;
  readonly maxFileBytes?: number;
  /** Told before each file is read (for a progress notification). */
  readonly onProgress?: (done: number, total: number, displayPath: string) => void;
}

/**
 * Reads the given files of a folder without a catalog and extracts one. A file that is binary, over the size
 * limit, not UTF-8 or unreadable is skipped with one warning line; the rest is served.
 */
export async function loadExtractedCollection(
  reader: FolderReader,
  relativePaths: readonly string[],
  knownSpeakers: readonly KnownSpeaker[],
  options: ExtractedCollectionOptions,
  token: CancellationToken = noopToken,
): Promise<LoadedCollection> {
  const problems: Problem[] = [];
  const inputs: ExtractInputFile[] = [];
  const files: SourceFileInput[] = [];
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  for (const [i, relativePath] of relativePaths.entries()) {
    throwIfCancelled(token);
    const displayPath = reader.displayPathOf(relativePath);
    options.onProgress?.(i, relativePaths.length, displayPath);
    const size = await reader.sizeOf?.(relativePath);
    if (size !== undefined && size > maxBytes) {
      problems.push({ severity: 'warning', file: displayPath, message: `is ${formatSize(size)}, over the ${formatSize(maxBytes)} limit (setting sourcebook.maxFileSizeKB); skipped` });
      continue;
    }
    const bytes = await reader.readFile(relativePath);
    if (!bytes) {
      problems.push({ severity: 'warning', file: displayPath, message: 'could not be read; skipped' });
      continue;
    }
    const decoded = decodeSourceFile(bytes, maxBytes);
    if (!decoded.ok) {
      problems.push({ severity: 'warning', file: displayPath, message: `${decoded.reason}; skipped` });
      continue;
    }
    inputs.push({ relativePath, text: decoded.text });
    files.push({ name: relativePath, uri: reader.uriOf(relativePath), displayPath, bytes });
  }
  const { catalog, notes } = extractCatalog(inputs, knownSpeakers, token);
  for (const note of notes) problems.push({ ...note, file: reader.displayPathOf(note.file) });
  const collection: CollectionInput = { origin: options.origin, catalogFile: options.catalogFile, catalog, files };
  return { collection, problems };
}
