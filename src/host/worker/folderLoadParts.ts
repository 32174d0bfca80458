import { parseCatalog } from '../../core/catalog/parseCatalog';
import type { ExtractionCaches } from '../../core/extract/extractionCaches';
import type { FormatReadersLoader } from '../../core/extract/formats';
import { CachedFile, loadExtractedCollection } from '../../core/extract/loadExtractedCollection';
import type { CollectionInput } from '../../core/kb/buildKnowledgeBase';
import { LoadedFolders, loadSourceFolders, SourceFolder, SourceFoldersOptions } from '../../core/kb/loadCollection';
import type { Problem } from '../../core/kb/model';
import type { LoadRequest } from './protocol';
import type { Replies } from './replies';
import type { Cancellation } from './runningLoads';

/*
 * What both source workers do around the core loader (loadSourceFolders) when they read a load's folders: the Node
 * worker's folderLoad.ts and the browser's webWorkerMain.ts. They differ in how files are read and in what is
 * stored between windows (the Node one only), not in this.
 */

/**
 * Reads and extracts a load's folders with the core loader, as both workers do: extraction and the catalog parser
 * bundled in, the web page and PDF readers from `readers`, each folder cancellable and its progress sent.
 */
export function readFolders(request: LoadRequest, folders: readonly SourceFolder[], readers: FormatReadersLoader, cancellation: Cancellation, replies: Replies): Promise<LoadedFolders> {
  return loadSourceFolders(folders, knownSpeakersCollection(request), {
    maxFileBytes: request.maxFileBytes,
    token: cancellation,
    readers,
    extraction: async () => ({ loadExtractedCollection }),
    parser: async () => parseCatalog,
    runExtraction: extractionWithProgress(request, cancellation, replies),
  });
}

/** The collection the load starts from: the speakers already known (the seeds'), whom extraction may name. */
function knownSpeakersCollection(request: LoadRequest): CollectionInput[] {
  return [{ origin: 'seed', catalogFile: 'known speakers', catalog: { version: 1, sources: [], speakers: [...request.knownSpeakers] }, files: [] }];
}

/**
 * How a folder's extraction runs: with a cancellation of its own (its notification's Cancel), and, for a large
 * folder, its progress sent to the host file by file.
 */
function extractionWithProgress(request: LoadRequest, cancellation: Cancellation, replies: Replies): NonNullable<SourceFoldersOptions['runExtraction']> {
  return (folder, fileCount, extract) => {
    const folderToken = { isCancellationRequested: false };
    cancellation.folders.set(folder.label, folderToken);
    const onProgress = (done: number, total: number, path: string): void => {
      if (fileCount >= request.progressFrom) replies.post({ type: 'progress', id: request.id, folder: folder.label, done, total, path });
    };
    return extract(onProgress, folderToken);
  };
}

/** Whether the load read every folder: neither it nor any folder of it was cancelled. */
export function loadComplete(cancellation: Cancellation, problems: readonly Problem[]): boolean {
  return !cancellation.isCancellationRequested && !problems.some((p) => p.code === 'cancelled');
}

/**
 * The problems the editor is told of: warnings and errors. The extraction's notes (severity info, several per file)
 * are for the CLI, and 50,000 notes took the host 130 ms to receive at 10,000 files.
 */
export function problemsForTheEditor(problems: readonly Problem[]): Problem[] {
  return problems.filter((problem) => problem.severity !== 'info');
}

/** Every cache entry now. Entries are replaced, never changed: an extracted or verified file gets a new one. */
export function cacheEntries(caches: ExtractionCaches): Set<CachedFile> {
  const entries = new Set<CachedFile>();
  for (const { cache } of caches.folders.values()) for (const entry of cache.values()) entries.add(entry);
  return entries;
}

/**
 * What a load did, from the entries it made: restored from the persistent store and verified, or extracted (an
 * entry that reuses an earlier extraction, the same text under a new time, is neither).
 */
export function newSince(caches: ExtractionCaches, before: ReadonlySet<CachedFile>): { extractedFiles: number; restoredFiles: number } {
  const earlierResults = new Set([...before].map((entry) => entry.result));
  let extractedFiles = 0;
  let restoredFiles = 0;
  for (const entry of cacheEntries(caches)) {
    if (before.has(entry)) continue;
    if (entry.origin === 'disk') restoredFiles++;
    else if (!earlierResults.has(entry.result)) extractedFiles++;
  }
  return { extractedFiles, restoredFiles };
}
