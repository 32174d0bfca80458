import { formatCatalogProblem, parseCatalog } from '../catalog/parseCatalog';
import type { CollectionInput, SourceFileInput } from './buildKnowledgeBase';
import type { Problem, SourceOrigin } from './model';
import { CancellationToken, noopToken, throwIfCancelled } from '../util/cancellation';

/** How the core reaches the files of one folder; the host backs it with workspace.fs, the CLI with node:fs. */
export interface FolderReader {
  /** Reads a file by its path relative to the folder; undefined when it does not exist or cannot be read. */
  readFile(relativePath: string): Promise<Uint8Array | undefined>;
  /** The URI (or path) by which the host opens the file. */
  uriOf(relativePath: string): string;
  /** How the file is named in messages and in the UI. */
  displayPathOf(relativePath: string): string;
  /**
   * Size and modification time without reading the file, when the host can tell: huge files are refused
   * unread, and unchanged files are not read again.
   */
  statOf?(relativePath: string): Promise<FileStat | undefined>;
}

export interface FileStat {
  readonly size: number;
  /** Milliseconds since the epoch. */
  readonly mtime: number;
}

export interface LoadedCollection {
  readonly collection?: CollectionInput;
  readonly problems: readonly Problem[];
}

/** Reads a catalog and the files it names. A catalog that does not parse gives problems and no collection. */
export async function loadCatalogCollection(
  reader: FolderReader,
  catalogPath: string,
  origin: SourceOrigin,
  token: CancellationToken = noopToken,
): Promise<LoadedCollection> {
  const catalogFile = reader.displayPathOf(catalogPath);
  const bytes = await reader.readFile(catalogPath);
  if (!bytes) return { problems: [{ severity: 'error', file: catalogFile, message: 'the catalog could not be read' }] };
  let catalogText: string;
  try {
    catalogText = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { problems: [{ severity: 'error', file: catalogFile, message: 'the catalog is not valid UTF-8' }] };
  }
  const parsed = parseCatalog(catalogText, catalogFile);
  if (!parsed.ok) {
    return { problems: parsed.problems.map((p) => ({ severity: 'error' as const, file: catalogFile, message: formatCatalogProblem(p).slice(catalogFile.length + 2) })) };
  }
  throwIfCancelled(token);
  // All at once: each read is a round trip to the host's file system.
  const contents = await Promise.all(parsed.catalog.sources.map((source) => reader.readFile(source.file)));
  throwIfCancelled(token);
  const files: SourceFileInput[] = [];
  parsed.catalog.sources.forEach((source, i) => {
    const content = contents[i];
    if (content) files.push({ name: source.file, uri: reader.uriOf(source.file), displayPath: reader.displayPathOf(source.file), bytes: content });
  });
  return { collection: { origin, catalogFile, catalogText, catalog: parsed.catalog, files }, problems: [] };
}
