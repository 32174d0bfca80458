import * as path from 'node:path';
import { parentPort } from 'node:worker_threads';
import { inputsKey, prefetchStored, StoredCandidate, storedCandidate } from './corpusStore';
import type * as FolderLoad from './folderLoad';
import { ContentOutcome, contentOutcomesSync, readersOf } from './folderReaders';
import { inputsUnchanged, RecordChecks } from './inputRecords';
import type { LoadRequest, ToWorker, WorkerFolder } from './protocol';
import { Replies } from './replies';
import { failedReply, RunningLoads } from './runningLoads';
import { StoreWrites } from './storeWrites';
import { lowerThreadPriority } from './threadPriority';

/*
 * The source worker (dist/sourceWorker.js, a worker_threads worker of the extension host): reads and extracts the
 * writer's own folders and builds the corpus off the editor's thread. This entry is light, so that a new window's
 * worker answers from the stored corpus at once (corpusStore.ts); reading, extraction and building are in
 * dist/sourceWorkerLoad.js (folderLoad.ts), required on the first load that needs them.
 */

// Before any work: the editor's thread runs first whenever both want the processor (threadPriority.ts).
lowerThreadPriority();

const running = new RunningLoads();
let heavy: typeof FolderLoad | undefined;

/** The heavy half, beside this file once bundled. */
function folderLoad(): typeof FolderLoad {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first need, from beside this bundle
  heavy ??= require(path.join(__dirname, 'sourceWorkerLoad.js')) as typeof FolderLoad;
  return heavy;
}

const replies = new Replies((message, transfer) => parentPort?.postMessage(message, transfer));
/** The stored corpus and extraction cache, written after each reply; why one failed goes to the host's log. */
const writes = new StoreWrites((note) => replies.post({ type: 'store-note', note }));

async function load(request: LoadRequest): Promise<void> {
  const cancellation = running.start(request.id);
  try {
    // A corpus built in this worker is newer than the stored one; a new worker tries the stored one first, unless
    // it found its files changed already.
    const stored = heavy?.hasBuilt() || refusedKey === inputsKey(request) ? undefined : await storedCandidate(request);
    if (stored && typeof stored !== 'string') {
      await answerFromStore(request, stored);
      return;
    }
    await folderLoad().loadFolders(request, cancellation, stored, replies, writes);
  } catch (error) {
    replies.post(failedReply(request.id, error));
  } finally {
    running.end(request.id);
  }
}

/** The key of the stored corpus whose files were found changed: the host's next load of it is read and built. */
let refusedKey: string | undefined;

/**
 * Sends the stored corpus at once and reads its files again meanwhile (issue #19's warm start): the host reads the
 * corpus back while the files are checked, and serves it only when the CheckedReply says they are unchanged.
 */
async function answerFromStore(request: LoadRequest, stored: StoredCandidate): Promise<void> {
  const reply = { id: request.id, problems: [...stored.problems], extractedFiles: 0, restoredFiles: stored.files, checking: true };
  // Sent first and whole, so that the host's reading back overlaps the check rather than the sending.
  await replies.sendCorpus(reply, stored.snapshot, 'disk');
  // A check that fails to run is a check that failed: the corpus is then read and built.
  const unchanged = await inputsUnchanged(stored.records, recordChecks(request)).catch(() => false);
  if (!unchanged) refusedKey = stored.key;
  replies.post({ type: 'checked', id: request.id, unchanged });
}

/** How a stored corpus's records of what it read are checked against the folders of this request. */
function recordChecks(request: LoadRequest): RecordChecks {
  const folderOf = (label: string): WorkerFolder | undefined => request.folders.find((f) => f.label === label);
  const contentOutcomes = new Map<WorkerFolder, ContentOutcome>();
  return {
    readerOf: (label, role) => {
      const folder = folderOf(label);
      return folder && readersOf(folder)[role];
    },
    contentOf: (label, role, file, maxBytes) => {
      const folder = folderOf(label);
      if (!folder) return undefined;
      // One per folder for the whole check: it resolves the folder's boundaries once.
      let outcomes = contentOutcomes.get(folder);
      if (!outcomes) contentOutcomes.set(folder, (outcomes = contentOutcomesSync(folder)));
      return outcomes(role, file, maxBytes);
    },
  };
}

parentPort?.on('message', (message: ToWorker) => {
  if (message.type === 'load') {
    void load(message);
    return;
  }
  if (message.type === 'received') {
    replies.acknowledge(message.id);
    return;
  }
  if (message.type === 'prefetch') {
    if (!heavy?.hasBuilt()) void prefetchStored(message.file);
    return;
  }
  if (message.type === 'flush') {
    // The host stops this worker once answered (or after its timeout): every write asked for is made first.
    void writes.flush().then(() => replies.post({ type: 'flushed', id: message.id }));
    return;
  }
  if (message.type === 'cancel') running.cancel(message);
});
