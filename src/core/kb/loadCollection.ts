import { formatCatalogProblem, parseCatalog } from '../catalog/parseCatalog';
import { FolderReader, readContained } from '../files/folderReader';
import type { CollectionInput, SourceFileInput } from './buildKnowledgeBase';
import { DEFAULT_MAX_FILE_BYTES } from './decodeSourceFile';
import type { Problem, SourceOrigin } from './model';
import { CancellationToken, noopToken, throwIfCancelled } from '../util/cancellation';

export type { FileStat, FolderReader } from '../files/folderReader';

/** A catalog larger than this is refused unread: the seeds' is 60 KB, a large hand-made one a few MB. */
export const MAX_CATALOG_BYTES = 16 * 1024 * 1024;

export interface LoadedCollection {
  readonly collection?: CollectionInput;
  readonly problems: readonly Problem[];
}

export interface CatalogLoadOptions {
  readonly maxFileBytes?: number;
  readonly token?: CancellationToken;
}

/**
 * Reads a catalog and the files it names. A catalog that does not parse gives problems and no collection. A
 * named file that leaves the folder, is not a regular file or is too large is refused unread, with one
 * problem naming it; the rest of the catalog is served.
 */
export async function loadCatalogCollection(
  reader: FolderReader,
  catalogPath: string,
  origin: SourceOrigin,
  options: CatalogLoadOptions = {},
): Promise<LoadedCollection> {
  const token = options.token ?? noopToken;
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const catalogFile = reader.displayPathOf(catalogPath);
  const catalogBytes = await readContained(reader, catalogPath, MAX_CATALOG_BYTES);
  if (!catalogBytes.ok) return { problems: [{ severity: 'error', file: catalogFile, message: `the catalog ${catalogBytes.reason}` }] };
  let catalogText: string;
  try {
    catalogText = new TextDecoder('utf-8', { fatal: true }).decode(catalogBytes.bytes);
  } catch {
    return { problems: [{ severity: 'error', file: catalogFile, message: 'the catalog is not valid UTF-8' }] };
  }
  const parsed = parseCatalog(catalogText, catalogFile);
  if (!parsed.ok) {
    return { problems: parsed.problems.map((p) => ({ severity: 'error' as const, file: catalogFile, message: formatCatalogProblem(p).slice(catalogFile.length + 2) })) };
  }
  throwIfCancelled(token);
  // All at once: each read is a round trip to the host's file system.
  const contents = await Promise.all(parsed.catalog.sources.map((source) => readContained(reader, source.file, maxBytes)));
  throwIfCancelled(token);
  const files: SourceFileInput[] = [];
  const problems: Problem[] = [];
  const refused = new Set<string>();
  parsed.catalog.sources.forEach((source, i) => {
    const content = contents[i];
    const displayPath = reader.displayPathOf(source.file);
    if (content.ok) files.push({ name: source.file, uri: reader.uriOf(source.file), displayPath, bytes: content.bytes });
    else {
      refused.add(source.file);
      problems.push({ severity: 'warning', file: displayPath, skipped: content.code, message: `${content.reason} (named by ${catalogFile}); skipped` });
    }
  });
  return { collection: { origin, catalogFile, catalogText, catalog: parsed.catalog, files, refused }, problems };
}
