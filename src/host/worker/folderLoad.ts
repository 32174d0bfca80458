import * as fs from 'node:fs/promises';
import { ExtractionCaches } from '../../core/extract/extractionCaches';
import { parseStore, serializeStore, StoredFolder } from '../../core/extract/extractionStore';
import type { SourceFolder } from '../../core/kb/loadCollection';
import type { Problem } from '../../core/kb/model';
import type { CorpusSnapshot } from '../../core/snapshot/snapshotTypes';
import { CancelledError } from '../../core/util/cancellation';
import { loadNodeFormatReaders } from '../../node/loadCorpus';
import { replaceFile } from '../../node/replaceFile';
import { corpusSnapshot } from './corpusBuilder';
import { inputsKey, writeStored } from './corpusStore';
import { cacheEntries, loadComplete, newSince, problemsForTheEditor, readFolders } from './folderLoadParts';
import { readersOf } from './folderReaders';
import { InputRecorder } from './inputRecords';
import type { CorpusOrigin, LoadRequest, WorkerFolder } from './protocol';
import type { Replies } from './replies';
import type { Cancellation } from './runningLoads';
import type { StoreWrite, StoreWrites } from './storeWrites';

/*
 * The source worker's heavy half (dist/sourceWorkerLoad.js, required by workerMain.ts on the first load that is not
 * answered by the stored corpus): reading and extracting the folders, and building the corpus (corpusBuilder.ts).
 * Extraction, the catalog parser and the file reader are bundled in; the web page and PDF readers are required
 * from dist/formats.js on the first such file.
 */

export { hasBuilt } from './corpusBuilder';

/** Per folder, extraction results kept between loads (and written to the persistent store after a complete load). */
const caches = new ExtractionCaches();

/** A folder as the core loader reads it: through node:fs, inside its boundary, its files as the host found them. */
function sourceFolder(folder: WorkerFolder, recorder: InputRecorder): SourceFolder {
  const readers = readersOf(folder);
  return {
    label: folder.label,
    catalogReader: readers.catalog && recorder.wrap(folder.label, 'catalog', readers.catalog),
    reader: recorder.wrap(folder.label, 'files', readers.files),
    list: async () => ({ files: folder.files }),
    cacheFor: (knownKey) => caches.for(folder.label, knownKey),
  };
}

/** The persistent cache files already read into `caches` (read once per worker, at its first load). */
const storesRead = new Set<string>();

/** Fills the caches from the persistent store at the first load; says why it was not used, if it was not. */
async function restoreStore(store: LoadRequest['store']): Promise<string | undefined> {
  if (!store || storesRead.has(store.file)) return undefined;
  storesRead.add(store.file);
  let text: string;
  try {
    text = await fs.readFile(store.file, 'utf8');
  } catch {
    return undefined; // none yet: the first start
  }
  const parsed = parseStore(text, store.version);
  if (!(parsed instanceof Map)) return `the extraction cache ${store.file} was not used: ${parsed.unusable}; it is rebuilt`;
  caches.adopt(parsed);
  return undefined;
}

/** Writes the extraction caches as a complete load left them, so that the next window starts from them. */
async function saveStore(store: NonNullable<LoadRequest['store']>, folders: ReadonlyMap<string, StoredFolder>): Promise<string | undefined> {
  try {
    await replaceFile(store.file, serializeStore(store.version, folders));
    return undefined;
  } catch (error) {
    return `the extraction cache ${store.file} could not be written: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** The caches as they are now. Their entries are replaced, never changed: copying the maps keeps this state. */
function cachesNow(): Map<string, StoredFolder> {
  return new Map([...caches.folders].map(([label, folder]) => [label, { knownKey: folder.knownKey, cache: new Map(folder.cache) }]));
}

/**
 * What a complete load has written after its reply, taken as the load leaves it (a newer load may change the caches
 * while these wait): the corpus when it was built now, with what the load read, and the extraction caches. The
 * corpus first: a new window served from it builds nothing, where the caches only spare it the extraction.
 */
function writesOf(request: LoadRequest, built: { snapshot: CorpusSnapshot; from: CorpusOrigin }, problems: readonly Problem[], recorder: InputRecorder): [string, StoreWrite][] {
  const store = request.store;
  if (!store) return [];
  const writes: [string, StoreWrite][] = [];
  const snapshotFile = store.snapshotFile;
  if (snapshotFile && built.from === 'built') {
    const stored = { key: inputsKey(request), records: recorder.records(caches, request.maxFileBytes), problems, snapshot: built.snapshot };
    writes.push([snapshotFile, () => writeStored(snapshotFile, stored)]);
  }
  const folders = cachesNow();
  writes.push([store.file, () => saveStore(store, folders)]);
  return writes;
}

/**
 * Reads and extracts the folders (from the caches where the files did not change), builds the corpus and replies;
 * after a complete load, has what the next window starts from written once the reply is out (`writes`).
 */
export async function loadFolders(request: LoadRequest, cancellation: Cancellation, note: string | undefined, replies: Replies, writes: StoreWrites): Promise<void> {
  const storeNote = (await restoreStore(request.store)) ?? note;
  const before = cacheEntries(caches);
  const recorder = new InputRecorder();
  const result = await readFolders(request, request.folders.map((folder) => sourceFolder(folder, recorder)), loadNodeFormatReaders, cancellation, replies);
  const { extractedFiles, restoredFiles } = newSince(caches, before);
  const complete = loadComplete(cancellation, result.problems);
  const problems = problemsForTheEditor(result.problems);
  if (cancellation.isCancellationRequested) throw new CancelledError();
  const built = corpusSnapshot(request, result.collections);
  const stores = complete ? writesOf(request, built, problems, recorder) : [];
  await replies.sendCorpus({ id: request.id, problems, extractedFiles, restoredFiles, storeNote }, built.snapshot, built.from);
  for (const [file, write] of stores) writes.schedule(file, write);
}
