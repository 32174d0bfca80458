import * as fs from 'node:fs/promises';
import { ExtractionCaches } from '../../core/extract/extractionCaches';
import { parseStore, serializeStore } from '../../core/extract/extractionStore';
import type { SourceFolder } from '../../core/kb/loadCollection';
import { CancelledError } from '../../core/util/cancellation';
import { loadNodeFormatReaders } from '../../node/loadCorpus';
import { replaceFile } from '../../node/replaceFile';
import { corpusSnapshot } from './corpusBuilder';
import { cacheEntries, loadComplete, newSince, problemsForTheEditor, readFolders } from './folderLoadParts';
import { readersOf } from './folderReaders';
import { InputRecorder } from './inputRecords';
import type { LoadRequest, WorkerFolder } from './protocol';
import type { Replies } from './replies';
import type { Cancellation } from './runningLoads';

/*
 * The source worker's heavy half (dist/sourceWorkerLoad.js, required by workerMain.ts on the first load that is not
 * answered by the stored corpus): reading and extracting the folders, and building the corpus (corpusBuilder.ts).
 * Extraction, the catalog parser and the file reader are bundled in; the web page and PDF readers are required
 * from dist/formats.js on the first such file.
 */

export { hasBuilt } from './corpusBuilder';

/** Per folder, extraction results kept between loads (and written to the persistent store). */
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

/** Writes the caches after a load that completed, so that the next window starts from them. */
function saveStore(store: NonNullable<LoadRequest['store']>): Promise<void> {
  return replaceFile(store.file, serializeStore(store.version, caches.folders));
}

/** Reads and extracts the folders (from the caches where the files did not change), then replies. */
export async function loadFolders(request: LoadRequest, cancellation: Cancellation, note: string | undefined, replies: Replies): Promise<void> {
  let storeNote = (await restoreStore(request.store)) ?? note;
  const before = cacheEntries(caches);
  const recorder = new InputRecorder();
  const result = await readFolders(request, request.folders.map((folder) => sourceFolder(folder, recorder)), loadNodeFormatReaders, cancellation, replies);
  const { extractedFiles, restoredFiles } = newSince(caches, before);
  const complete = loadComplete(cancellation, result.problems);
  if (request.store && complete) {
    storeNote = await saveStore(request.store).then(
      () => storeNote,
      (error: unknown) => `the extraction cache ${request.store?.file} could not be written: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const problems = problemsForTheEditor(result.problems);
  if (cancellation.isCancellationRequested) throw new CancelledError();
  const snapshotFile = complete ? request.store?.snapshotFile : undefined;
  const built = await corpusSnapshot(request, result.collections, { problems, records: recorder.records(caches, request.maxFileBytes), snapshotFile });
  await replies.sendCorpus({ id: request.id, problems, extractedFiles, restoredFiles, storeNote: storeNote ?? built.note }, built.snapshot, built.from);
}
