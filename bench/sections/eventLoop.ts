// The editor's responsiveness while the corpus loads (issue #19): the longest block of the event loop (the
// extension host's only thread) while a folder of the writer's own notes is loaded and indexed, and while it is
// reloaded after one file changed. "In one go" is the path before issue #19: the knowledge base, passages and
// indexes built synchronously. "In slices" is what CorpusService runs now: the same builders, paused every few
// milliseconds by src/host/timeSlices.ts. "Worker" is what the editor runs: the files read and extracted in the
// source worker (dist/sourceWorker.js), the rest in slices. A timer probe measures the longest gap between its ticks.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MisquoteIndex, MisquoteIndexSnapshot } from '../../src/core/check/misquoteIndex';
import { CORPUS_MAKERS } from '../../src/core/snapshot/corpusMakers';
import { PreviousObjects } from '../../src/core/snapshot/previousObjects';
import { restoreCorpus } from '../../src/core/snapshot/readSnapshot';
import type { CorpusSnapshot } from '../../src/core/snapshot/snapshotTypes';
import type { Steps } from '../../src/core/util/steps';
import type { CorpusOrigin } from '../../src/host/worker/protocol';
import { Corpus } from '../../src/core/corpus';
import type { ExtractionCache } from '../../src/core/extract/loadExtractedCollection';
import type { CollectionInput } from '../../src/core/kb/buildKnowledgeBase';
import { loadSourceFolders, SourceFolder } from '../../src/core/kb/loadCollection';
import { QuoteIndex, QuoteIndexSnapshot } from '../../src/core/search/quoteIndex';
import { runInSlices } from '../../src/host/timeSlices';
import { createSourceWorker, SourceWorker } from '../../src/host/worker/sourceWorker';
import { listFolderFiles, nodeFolderReader } from '../../src/node/folderReader';
import { loadCatalogParser, loadNodeExtraction } from '../../src/node/loadCorpus';
import { collectGarbage, now } from '../lib/stats';
import { generatedNote, NOTE_QUOTES } from '../../test/fixtures/generatedNotes';
import { buildCorpus, buildCorpusSteps } from '../../src/core/buildCorpus';

const QUOTES_PER_FILE = NOTE_QUOTES;

export interface EventLoopCell {
  readonly scenario: string;
  readonly files: number;
  readonly quotes: number;
  /** Longest block of the event loop, ms: in one go / in slices. */
  readonly oneGo: Run;
  readonly sliced: Run;
  /** Read and extracted in the source worker (dist/sourceWorker.js), then built in slices: what the editor runs. */
  readonly worker?: Run;
}

export interface Run {
  readonly longestBlock: number;
  readonly total: number;
}

/** A generated note (test/fixtures/generatedNotes.ts), with extra text at its end. */
function note(index: number, extra = ''): string {
  return generatedNote(index) + extra;
}

/** Measures the longest gap between the ticks of a 1 ms timer while `work` runs. */
async function longestBlock(work: () => Promise<unknown>): Promise<Run> {
  let last = now();
  let longest = 0;
  let running = true;
  const tick = (): void => {
    const t = now();
    longest = Math.max(longest, t - last);
    last = t;
    if (running) setTimeout(tick, 1);
  };
  setTimeout(tick, 1);
  const started = now();
  await work();
  const total = now() - started;
  running = false;
  tick();
  return { longestBlock: longest, total };
}

const NEVER_CANCELLED = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose: () => undefined }) };

/** Loads the folder and builds everything a first search and check need, in one go or in slices, or in the worker. */
interface InWorker {
  readonly worker: SourceWorker;
  readonly dir: string;
  readonly files: readonly string[];
  readonly store?: { readonly file: string; readonly version: string; readonly snapshotFile?: string };
  /** Told how many files the worker restored from the persistent cache, and where the corpus came from. */
  readonly restored?: (files: number, corpusFrom: CorpusOrigin) => void;
  /** The corpus served before this load: what the snapshot holds unchanged is taken from it (CorpusService). */
  readonly served?: Corpus;
}

const INDEX_OPTIONS = { createIndex: (q: Parameters<typeof QuoteIndex.build>[0], t: Parameters<typeof QuoteIndex.build>[1]) => new QuoteIndex(q, t), createIndexSteps: QuoteIndex.build };

async function loadAndIndex(folder: SourceFolder, seeds: readonly CollectionInput[], sliced: boolean, worker?: InWorker): Promise<Corpus> {
  if (worker) return await loadInWorker(worker, seeds);
  const loaded = await loadSourceFolders([folder], seeds, { extraction: loadNodeExtraction, parser: loadCatalogParser });
  const collections = [...seeds, ...loaded.collections];
  const options = INDEX_OPTIONS;
  if (!sliced) {
    const corpus = buildCorpus(collections, loaded.problems, options);
    void corpus.index;
    MisquoteIndex.for(corpus.checkable);
    return corpus;
  }
  const corpus = await runInSlices(buildCorpusSteps(collections, loaded.problems, options));
  await runInSlices(corpus.prepare());
  await runInSlices(MisquoteIndex.prepare(corpus.checkable));
  return corpus;
}

/**
 * What the editor runs (CorpusService): the worker reads, extracts and builds the corpus and its indexes, and
 * the host reads the snapshot back in slices (src/host/restoredCorpus.ts, here without the editor's URIs).
 */
async function loadInWorker(worker: InWorker, seeds: readonly CollectionInput[]): Promise<Corpus> {
  const maxFileBytes = 4 * 1024 * 1024;
  const reply = await worker.worker.load(
    {
      folders: [{ label: 'notes', root: worker.dir, rootName: 'notes', boundary: worker.dir, files: worker.files }],
      knownSpeakers: seeds.flatMap((c) => c.catalog.speakers ?? []),
      maxFileBytes,
      progressFrom: Infinity,
      store: worker.store,
      build: { earlier: seeds, maxFileBytes, version: 'bench' },
    },
    NEVER_CANCELLED,
  );
  worker.restored?.(reply.restoredFiles, reply.corpus.from);
  const corpus = await runInSlices(restored(reply.corpus.snapshot, worker.served));
  // A stored corpus is read back while the worker reads its files again: served only if they are unchanged.
  if (reply.checked && !(await reply.checked)) return await loadInWorker(worker, seeds);
  return corpus;
}

function* restored(snapshot: CorpusSnapshot, served: Corpus | undefined): Steps<Corpus> {
  const corpus = yield* restoreCorpus(snapshot, CORPUS_MAKERS, { ...INDEX_OPTIONS, previous: served && new PreviousObjects(served) });
  corpus.adoptIndex(yield* QuoteIndex.fromSnapshot(corpus.searchable, corpus.kb.terms, snapshot.search as QuoteIndexSnapshot));
  yield* MisquoteIndex.restore(corpus.checkable, snapshot.check as MisquoteIndexSnapshot);
  return corpus;
}

export interface StartCell {
  readonly files: number;
  readonly quotes: number;
  /** A new worker with no persistent cache: every file extracted, then indexed; ms to a corpus ready to search and check. */
  readonly cold: number;
  /** A new worker with the cache the cold start wrote: nothing extracted. */
  readonly warm: number;
  readonly restoredFiles: number;
  /** Where the warm start's corpus came from: 'disk', the snapshot the cold start stored. */
  readonly warmCorpusFrom?: CorpusOrigin;
  /** The JavaScript heap with the corpus loaded and indexed (passages, search and check indexes), MB. */
  readonly heapMB: number;
}

/** Time to ready of a new window on a folder of notes: without the persistent extraction cache, then with it. */
export async function runStart(seeds: readonly CollectionInput[], sizes: readonly number[], repo: string, log: (line: string) => void): Promise<StartCell[]> {
  const cells: StartCell[] = [];
  for (const files of sizes) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sourcebook-bench-start-'));
    const store = { file: path.join(dir, 'storage', 'extraction-cache.json'), version: 'bench', snapshotFile: path.join(dir, 'storage', 'corpus-snapshot.bin') };
    try {
      const notes = path.join(dir, 'notes');
      fs.mkdirSync(notes);
      for (let i = 0; i < files; i++) fs.writeFileSync(path.join(notes, `note-${String(i).padStart(5, '0')}.md`), note(i));
      const start = async (): Promise<{ ms: number; restored: number; corpusFrom?: CorpusOrigin; corpus: Corpus }> => {
        const worker = createSourceWorker(repo);
        if (!worker) throw new Error('dist/sourceWorker.js is not built (npm run build)');
        let restored = 0;
        let corpusFrom: CorpusOrigin | undefined;
        collectGarbage();
        const t0 = now();
        // As CorpusService does: the worker starts, and reads the stored corpus, while the files are listed.
        worker.prestart(store.snapshotFile);
        const names = fs.readdirSync(notes).sort();
        const corpus = await loadAndIndex({ label: 'notes', reader: nodeFolderReader(notes, 'notes'), list: () => listFolderFiles(notes) }, seeds, true, { worker, dir: notes, files: names, store, restored: (n, from) => ((restored = n), (corpusFrom = from)) });
        const ms = now() - t0;
        // Its writes made, as a window closing waits for them: the next start reads what this one stored.
        await worker.dispose();
        return { ms, restored, corpusFrom, corpus };
      };
      log(`start on ${files} files, cold then warm…`);
      const cold = await start();
      const warm = await start();
      collectGarbage();
      const heapMB = process.memoryUsage().heapUsed / 2 ** 20;
      cells.push({ files, quotes: warm.corpus.kb.quotes.length, cold: cold.ms, warm: warm.ms, restoredFiles: warm.restored, warmCorpusFrom: warm.corpusFrom, heapMB });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  return cells;
}

export async function runEventLoop(seeds: readonly CollectionInput[], sizes: readonly number[], repo: string, log: (line: string) => void): Promise<EventLoopCell[]> {
  const cells: EventLoopCell[] = [];
  // The worker as the extension ships it: dist/sourceWorker.js, built by `npm run build` (the activation section).
  const sourceWorker = createSourceWorker(repo);
  if (!sourceWorker) log('dist/sourceWorker.js is not built: the worker column is left out (run npm run build)');
  for (const files of sizes) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sourcebook-bench-notes-'));
    try {
      for (let i = 0; i < files; i++) fs.writeFileSync(path.join(dir, `note-${String(i).padStart(5, '0')}.md`), note(i));
      const caches = { oneGo: new Map() as ExtractionCache, sliced: new Map() as ExtractionCache };
      const folder = (cache: ExtractionCache): SourceFolder => ({ label: 'notes', reader: nodeFolderReader(dir, 'notes'), list: () => listFolderFiles(dir), cacheFor: () => cache });
      let served: Corpus | undefined;
      const measure = async (scenario: string): Promise<void> => {
        log(`event loop while ${scenario} (${files} files)…`);
        collectGarbage();
        const oneGo = await longestBlock(() => loadAndIndex(folder(caches.oneGo), seeds, false));
        collectGarbage();
        const sliced = await longestBlock(() => loadAndIndex(folder(caches.sliced), seeds, true));
        collectGarbage();
        const names = fs.readdirSync(dir).sort();
        // As the editor does, a reload reads the snapshot back against the corpus it serves.
        const worker = sourceWorker
          ? await longestBlock(async () => (served = await loadAndIndex(folder(caches.sliced), seeds, true, { worker: sourceWorker, dir, files: names, served })))
          : undefined;
        cells.push({ scenario, files, quotes: files * QUOTES_PER_FILE, oneGo, sliced, worker });
      };
      await measure('loading');
      fs.writeFileSync(path.join(dir, 'note-00007.md'), note(7, '\n"a new remark about the data wall entirely" Hana Okafor said.\n'));
      await measure('reloading after one file changed');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  sourceWorker?.dispose();
  return cells;
}
