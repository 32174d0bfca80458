import { parentPort } from 'node:worker_threads';
import { parseCatalog } from '../../core/catalog/parseCatalog';
import { ExtractionCache, loadExtractedCollection } from '../../core/extract/loadExtractedCollection';
import type { CollectionInput } from '../../core/kb/buildKnowledgeBase';
import { loadSourceFolders, SourceFolder } from '../../core/kb/loadCollection';
import { CancelledError } from '../../core/util/cancellation';
import { nodeFolderReader } from '../../node/folderReader';
import { loadNodeFormatReaders } from '../../node/loadCorpus';
import type { FromWorker, LoadRequest, ToWorker, WorkerFolder } from './protocol';

/*
 * The source worker (dist/sourceWorker.js, a worker_threads worker of the extension host): reads and extracts the
 * writer's own folders off the editor's thread. Extraction, the catalog parser and the file reader are bundled
 * in; the web page and PDF readers are required from dist/formats.js on the first such file.
 */

interface Cancellation {
  isCancellationRequested: boolean;
  readonly folders: Map<string, { isCancellationRequested: boolean }>;
}

const running = new Map<number, Cancellation>();
/** Per folder, extraction results kept between loads; dropped when the known speakers change. */
const caches = new Map<string, { knownKey: string; cache: ExtractionCache }>();

function cacheFor(label: string, knownKey: string): ExtractionCache {
  const existing = caches.get(label);
  if (existing && existing.knownKey === knownKey) return existing.cache;
  const cache: ExtractionCache = new Map();
  caches.set(label, { knownKey, cache });
  return cache;
}

function post(message: FromWorker): void {
  parentPort?.postMessage(message);
}

/** A folder as the core loader reads it: through node:fs, inside its boundary, its files as the host found them. */
function sourceFolder(folder: WorkerFolder): SourceFolder {
  return {
    label: folder.label,
    catalogReader: folder.catalogRoot ? nodeFolderReader(folder.catalogRoot, folder.label) : undefined,
    reader: nodeFolderReader(folder.root, folder.rootName, folder.boundary),
    list: async () => ({ files: folder.files }),
    cacheFor: (knownKey) => cacheFor(folder.label, knownKey),
  };
}

async function load(request: LoadRequest): Promise<void> {
  const cancellation: Cancellation = { isCancellationRequested: false, folders: new Map() };
  running.set(request.id, cancellation);
  let extractedFiles = 0;
  const earlier: CollectionInput[] = [{ origin: 'seed', catalogFile: 'known speakers', catalog: { version: 1, sources: [], speakers: [...request.knownSpeakers] }, files: [] }];
  try {
    const result = await loadSourceFolders(request.folders.map(sourceFolder), earlier, {
      maxFileBytes: request.maxFileBytes,
      token: cancellation,
      readers: loadNodeFormatReaders,
      extraction: async () => ({ loadExtractedCollection }),
      parser: async () => parseCatalog,
      runExtraction: (folder, fileCount, extract) => {
        const folderToken = { isCancellationRequested: false };
        cancellation.folders.set(folder.label, folderToken);
        const onProgress = (done: number, total: number, path: string): void => {
          if (fileCount >= request.progressFrom) post({ type: 'progress', id: request.id, folder: folder.label, done, total, path });
        };
        return extract(onProgress, folderToken);
      },
    });
    for (const { cache } of caches.values()) extractedFiles += countFresh(cache);
    post({ type: 'loaded', id: request.id, collections: result.collections.map(withoutDecodedBytes), problems: result.problems, extractedFiles });
  } catch (error) {
    const cancelled = error instanceof CancelledError || (error instanceof Error && error.name === 'CancelledError');
    post({ type: 'failed', id: request.id, cancelled, message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  } finally {
    running.delete(request.id);
  }
}

/** Files extracted since the last count: the cache entries not yet marked as counted. */
const counted = new WeakSet<object>();
function countFresh(cache: ExtractionCache): number {
  let fresh = 0;
  for (const entry of cache.values()) {
    if (counted.has(entry.result)) continue;
    counted.add(entry.result);
    fresh++;
  }
  return fresh;
}

/** A file's bytes are not sent back when its text was decoded already: the knowledge base reads the text. */
function withoutDecodedBytes(collection: CollectionInput): CollectionInput {
  return { ...collection, files: collection.files.map((file) => (file.text !== undefined ? { ...file, bytes: new Uint8Array(0) } : file)) };
}

parentPort?.on('message', (message: ToWorker) => {
  if (message.type === 'load') {
    void load(message);
    return;
  }
  const cancellation = running.get(message.id);
  if (!cancellation) return;
  if (message.folder === undefined) cancellation.isCancellationRequested = true;
  else {
    const folder = cancellation.folders.get(message.folder);
    if (folder) folder.isCancellationRequested = true;
  }
});
