import { BuildMemo } from '../../core/buildMemo';
import { ExtractionCaches } from '../../core/extract/extractionCaches';
import type { FormatReaders } from '../../core/extract/formats';
import type { SourceFolder } from '../../core/kb/loadCollection';
import { builtSnapshot } from '../../core/snapshot/buildSnapshot';
import { CancelledError } from '../../core/util/cancellation';
import { evaluateBundle } from '../commonJsBundle';
import { cacheEntries, newSince, problemsForTheEditor, readFolders } from './folderLoadParts';
import { HostRequests } from './hostRequests';
import type { LoadRequest, ToWorker, WorkerFolder } from './protocol';
import { proxyFolderReader } from './proxyFolderReader';
import { Replies } from './replies';
import { failedReply, RunningLoads } from './runningLoads';

/*
 * The source worker of the browser build (dist/web/sourceWorker.js, a Web Worker started by sourceWorker.web.ts):
 * extracts the writer's own folders (web pages and PDFs included) and builds the corpus (knowledge base, passages,
 * search and check indexes) off the web extension host's thread, answering as the Node worker does (replies.ts). It
 * cannot reach VS Code's API: every file is read by the host (proxyFolderReader.ts), and the web page and PDF readers,
 * 2 MB, are asked of the host as text on the first such file. Nothing is stored between windows (the browser has no
 * disk of ours); the extraction caches and the build memo are kept in memory between loads, as in Node.
 */

/** The Web Worker's global scope, as much of it as is used (the project's types have no DOM). */
interface WorkerScope {
  onmessage: ((event: { readonly data: ToWorker }) => void) | null;
  postMessage(message: unknown, transfer: ArrayBuffer[]): void;
}

const scope = globalThis as unknown as WorkerScope;
const replies = new Replies((message, transfer) => scope.postMessage(message, transfer));
const host = new HostRequests((request) => scope.postMessage(request, []));
const running = new RunningLoads();
/** Per folder, extraction results kept between loads: a reload after one change extracts one file. */
const caches = new ExtractionCaches();
/** What the last build made, for the next one to reuse where nothing changed. */
const memo = new BuildMemo();

let formatReaders: Promise<FormatReaders> | undefined;

/** The web page and PDF readers (dist/web/formats.js), from the host, on the first load with such a file. */
function loadFormatReaders(): Promise<FormatReaders> {
  formatReaders ??= host.bundle('formats.js').then((text) => {
    const readers = evaluateBundle(text, 'sourcebook-web/dist/web/formats.js').formatReaders as FormatReaders | undefined;
    if (!readers) throw new Error('dist/web/formats.js does not export formatReaders');
    return readers;
  });
  // A failure is not kept: the next load asks again.
  formatReaders.catch(() => (formatReaders = undefined));
  return formatReaders;
}

function sourceFolder(folder: WorkerFolder, load: number): SourceFolder {
  return {
    label: folder.label,
    catalogReader: folder.catalogRoot === undefined ? undefined : proxyFolderReader(host, load, folder, 'catalog'),
    reader: proxyFolderReader(host, load, folder, 'files'),
    list: async () => ({ files: folder.files }),
    cacheFor: (knownKey) => caches.for(folder.label, knownKey),
  };
}

/** Reads and extracts the folders (from the caches where the files did not change), builds the corpus, replies. */
async function load(request: LoadRequest): Promise<void> {
  const cancellation = running.start(request.id);
  try {
    const before = cacheEntries(caches);
    const result = await readFolders(request, request.folders.map((folder) => sourceFolder(folder, request.id)), loadFormatReaders, cancellation, replies);
    const counts = newSince(caches, before);
    const problems = problemsForTheEditor(result.problems);
    if (cancellation.isCancellationRequested) throw new CancelledError();
    const snapshot = builtSnapshot(request.build, [...request.build.earlier, ...result.collections], memo);
    await replies.sendCorpus({ id: request.id, problems, ...counts }, snapshot, 'built');
  } catch (error) {
    replies.post(failedReply(request.id, error));
  } finally {
    running.end(request.id);
  }
}

scope.onmessage = ({ data: message }) => {
  if (message.type === 'load') void load(message);
  else if (message.type === 'received') replies.acknowledge(message.id);
  else if (message.type === 'io-reply') host.settle(message);
  else if (message.type === 'cancel') running.cancel(message);
  // Nothing is stored in the browser: no write to wait for, and no stored corpus to read ahead (a PrefetchRequest).
  else if (message.type === 'flush') replies.post({ type: 'flushed', id: message.id });
};
