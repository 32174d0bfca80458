import * as vscode from 'vscode';
import { Corpus, CorpusOptions } from '../core/corpus';
import type { CollectionInput } from '../core/kb/buildKnowledgeBase';
import { formatProblem, Problem } from '../core/kb/model';
import type { Logger } from '../core/util/logger';
import { CancellationToken, CancelledError } from '../core/util/cancellation';
import { readConfig, onConfigChange, SourcebookConfig } from './config';
import { hostCorpusBuilder, hostSnapshotReader, hostCatalogParser, hostCheckPreparation, hostExtraction, hostFormatReaders, hostSearchIndexFactory, hostSearchIndexStepsFactory } from './lazyBundles';
import { runInSlices } from './timeSlices';
import { readSeedsIndexes, readSeedsSnapshot, restoredCorpus, restoredIndexes, restoredSeeds } from './restoredCorpus';
import type { SnapshotIndexes } from '../core/snapshot/snapshotJson';
import type { CorpusSnapshot } from '../core/snapshot/snapshotTypes';
import { ExtractionCaches } from '../core/extract/extractionCaches';
import { ExtractionStore, loadWorkspaceCollections, WorkerLoad, WorkspaceCollections } from './workspaceSources';
import { createSourceWorker, SourceWorker } from './worker/sourceWorker';
import { ResolvesInside, workspaceFolderReader } from './workspaceFolderReader';
import { BUILD_MAKERS } from '../core/snapshot/corpusMakers';

/** How long after the seeds are served their indexes are built: after the first hovers and tree renders. */
const SEARCH_INDEX_DELAY_MS = 500;

/** How the last load read the writer's own folders. */
export interface LoadReport {
  readonly ownFolders: boolean;
  /** Why the last load failed, when it did (the corpus before it goes on serving). */
  readonly failure?: string;
  /** How the seeds were loaded, when included: from the snapshot the build made, or from their files. */
  readonly seeds?: 'snapshot' | 'files';
  /** Set when they were read in the source worker: what it extracted, and what came from the persistent cache. */
  readonly worker?: WorkerLoad;
}

/**
 * Owns the current Corpus: the embedded seeds plus the user's source folders. Loads in the background,
 * reloads when settings or source files change, and tells the surfaces to refresh. The seeds' collection
 * is read once; user folders are re-read on change.
 */
export class CorpusService implements vscode.Disposable {
  private corpus: Corpus;
  private readonly changed = new vscode.EventEmitter<Corpus>();
  private readonly disposables: vscode.Disposable[] = [];
  private seeds?: Promise<{ collection?: CollectionInput; problems: readonly Problem[] }>;
  /** The seeds as the build made them (scripts/seedsSnapshot.ts), read once. */
  private seedsSnapshot?: Promise<CorpusSnapshot | undefined>;
  /** The seeds' indexes as the build made them, read once, when the first seeds-only corpus is prepared. */
  private seedsIndexes?: Promise<SnapshotIndexes | undefined>;
  /** The corpora restored from the seeds' snapshot, whose indexes prepare reads back rather than builds. */
  private readonly fromSeedsSnapshot = new WeakSet<Corpus>();
  private loading?: vscode.CancellationTokenSource;
  private watchers: vscode.Disposable[] = [];
  private reloadTimer?: ReturnType<typeof setTimeout>;
  private latestLoad?: Promise<void>;
  private indexTimer?: ReturnType<typeof setTimeout>;
  private readonly extractionCaches = new ExtractionCaches();
  /** Reads the writer's local folders off this thread; started on the first such load. */
  private sourceWorker?: SourceWorker | null;
  private lastLoad: LoadReport = { ownFolders: false };
  private disposed = false;
  /** Settles once every source worker stopped so far has finished its writes and stopped (restartWorker). */
  private workerStopped: Promise<void> = Promise.resolve();
  /** Resolves once the first load has finished (successfully or not). */
  readonly ready: Promise<void>;

  readonly onDidChange = this.changed.event;
  private readonly stateChanged = new vscode.EventEmitter<void>();
  /** Fires when a load starts or ends, and when the search index (with the passages) has been built. */
  readonly onDidChangeState = this.stateChanged.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly logger: Logger,
    /** Resolves symbolic links of local files, so that a link leading outside a source folder is refused. */
    private readonly resolvesInside?: ResolvesInside,
    /** Where the source worker keeps its extraction cache between sessions: the workspace's storage, when local. */
    private readonly storage?: { readonly folder: vscode.Uri; readonly version: string },
  ) {
    this.corpus = Corpus.empty({ createIndex: hostSearchIndexFactory(extensionUri) });
    this.disposables.push(
      this.changed,
      this.stateChanged,
      onConfigChange(['includeSeeds', 'sources', 'maxFileSizeKB'], () => this.scheduleReload()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.scheduleReload()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.scheduleReload()),
    );
    this.ready = this.reload();
  }

  get current(): Corpus {
    return this.corpus;
  }

  /** Whether sources are being read and indexed now. */
  get isLoading(): boolean {
    return this.loading !== undefined;
  }

  /** How the last load read the writer's folders: in the source worker or on this thread (for the tests' API). */
  get loadReport(): LoadReport {
    return this.lastLoad;
  }

  /** How many files were skipped on the last load (binary, huge, unreadable, badly encoded). */
  get skippedFiles(): number {
    return this.corpus.problems.filter((p) => p.skipped !== undefined).length;
  }

  /**
   * Reloads everything now, cancelling a load in progress and any reload still waiting to start. Resolves
   * when the newest load has finished, so a caller never sees a corpus older than its request.
   */
  reload(): Promise<void> {
    if (this.reloadTimer) {
      clearTimeout(this.reloadTimer);
      this.reloadTimer = undefined;
    }
    this.latestLoad = this.loadNow();
    return this.latestLoad;
  }

  private async loadNow(): Promise<void> {
    this.loading?.cancel();
    const cancellation = new vscode.CancellationTokenSource();
    this.loading = cancellation;
    this.stateChanged.fire();
    try {
      const { corpus, report } = await this.load(cancellation.token);
      // The user's sources: the passages and indexes are built (in slices) before the corpus is served, while the
      // previous one goes on serving; the seeds alone are served at once and prepared shortly after.
      const ownSources = corpus.kb.sources.some((source) => source.origin === 'workspace');
      if (ownSources) await this.prepare(corpus, cancellation.token);
      // Superseded: the newer load's promise is the one that tells when the corpus is current.
      if (cancellation.token.isCancellationRequested) return this.latestLoad;
      this.corpus = corpus;
      this.lastLoad = report;
      this.report(corpus);
      this.changed.fire(corpus);
      if (!ownSources) this.prepareSoon(corpus);
    } catch (error) {
      if (cancellation.token.isCancellationRequested) return this.latestLoad;
      this.logger.error(`Loading sources failed: ${(error as Error).stack ?? error}`);
      this.lastLoad = { ...this.lastLoad, failure: error instanceof Error ? error.message : String(error) };
    } finally {
      if (this.loading === cancellation) this.loading = undefined;
      cancellation.dispose();
      this.stateChanged.fire();
    }
  }

  /**
   * Builds the passages, the search index and the misquote check's index in slices of a few milliseconds (see
   * timeSlices.ts), so that no surface pays for them on first use and the thread is never held for long.
   */
  private async prepare(corpus: Corpus, token: CancellationToken): Promise<void> {
    // The seeds' indexes come with their snapshot: read back rather than built.
    if (this.fromSeedsSnapshot.has(corpus)) {
      this.seedsIndexes ??= hostSnapshotReader(this.extensionUri).then((reader) => readSeedsIndexes(reader, this.extensionUri, this.logger));
      const indexes = await this.seedsIndexes;
      if (indexes) await runInSlices(restoredIndexes(corpus, indexes, this.extensionUri), token);
    }
    await runInSlices(corpus.prepare(), token);
    await runInSlices(hostCheckPreparation(this.extensionUri)(corpus.checkable), token);
  }

  /** Prepares a corpus shortly after it is served: after the first hovers and tree renders of activation. */
  private prepareSoon(corpus: Corpus): void {
    if (this.indexTimer) clearTimeout(this.indexTimer);
    this.indexTimer = setTimeout(() => {
      this.indexTimer = undefined;
      if (this.corpus !== corpus) return;
      // Stops when a newer corpus replaces this one.
      const isServed = (): boolean => this.corpus === corpus;
      const superseded: CancellationToken = {
        get isCancellationRequested() {
          return !isServed();
        },
      };
      this.prepare(corpus, superseded).then(
        () => this.stateChanged.fire(),
        (error: unknown) => {
          if (error instanceof CancelledError) return;
          this.logger.error(`The search index could not be built: ${error instanceof Error ? error.message : String(error)}`);
        },
      );
    }, SEARCH_INDEX_DELAY_MS);
  }

  /** Coalesces bursts of file and setting changes into one reload. */
  scheduleReload(delayMs = 300): void {
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => {
      this.reloadTimer = undefined;
      void this.reload();
    }, delayMs);
  }

  /** The persistent extraction cache, where the workspace has local storage. */
  private extractionStore(): ExtractionStore | undefined {
    if (!this.storage || this.storage.folder.scheme !== 'file') return undefined;
    return {
      file: vscode.Uri.joinPath(this.storage.folder, 'extraction-cache.json').fsPath,
      version: this.storage.version,
      snapshotFile: vscode.Uri.joinPath(this.storage.folder, 'corpus-snapshot.bin').fsPath,
    };
  }

  /**
   * Stops the source worker once it has written the stored corpus and extraction cache, which it writes after its
   * replies (a few seconds at most: SourceWorker.dispose). A next load starts a new one, with nothing in memory, as a
   * new window would, from what was written. For the tests' API, and for deactivate, which VS Code waits for.
   */
  restartWorker(): Promise<void> {
    const worker = this.sourceWorker;
    this.sourceWorker = undefined;
    // Kept, so that a later call waits for it too: deactivate's, after or before dispose's (whichever VS Code runs first).
    if (worker) this.workerStopped = Promise.all([this.workerStopped, worker.dispose()]).then(() => undefined);
    return this.workerStopped;
  }

  /** The source worker, started once; none where there is no worker (the browser build, a missing bundle). */
  private worker(): SourceWorker | undefined {
    if (this.sourceWorker === undefined) {
      this.sourceWorker = createSourceWorker(this.extensionUri.scheme === 'file' ? this.extensionUri.fsPath : undefined) ?? null;
      // A write that failed after the worker's reply, or was cut short when it stopped: the store is rebuilt later.
      // After dispose the log is closed (a worker stopping on deactivate may still tell): the host's console hears it.
      if (this.sourceWorker) this.sourceWorker.onStoreNote = (note) => (this.disposed ? console.warn(`Sourcebook: ${note}`) : this.logger.warn(note));
    }
    return this.sourceWorker ?? undefined;
  }

  private async load(token: vscode.CancellationToken): Promise<{ corpus: Corpus; report: LoadReport }> {
    const config = readConfig();
    const options = { createIndex: hostSearchIndexFactory(this.extensionUri), createIndexSteps: hostSearchIndexStepsFactory(this.extensionUri) };
    if (config.includeSeeds && config.sources.length === 0) {
      const corpus = await this.seedsFromSnapshot(options, token);
      if (corpus) {
        this.replaceWatchers([]);
        return { corpus, report: { ownFolders: false, seeds: 'snapshot' } };
      }
    }
    return this.loadFromFiles(config, options, token);
  }

  /** The seeds alone, from the snapshot the build made of them: nothing to read or build but one file. */
  private async seedsFromSnapshot(options: CorpusOptions, token: vscode.CancellationToken): Promise<Corpus | undefined> {
    const reader = await hostSnapshotReader(this.extensionUri);
    this.seedsSnapshot ??= readSeedsSnapshot(reader, this.extensionUri, this.logger);
    const snapshot = await this.seedsSnapshot;
    if (!snapshot) return undefined;
    const corpus = await runInSlices(restoredSeeds(reader, snapshot, this.extensionUri, options), token);
    this.fromSeedsSnapshot.add(corpus);
    return corpus;
  }

  /**
   * The seeds' files (when included) and the writer's folders: read, extracted and built, or built in the worker. A
   * stored corpus is read back while the worker reads its files again, and served only if none changed; otherwise
   * the load is made again (`retried`), and the worker then reads and builds.
   */
  private async loadFromFiles(config: SourcebookConfig, options: CorpusOptions, token: vscode.CancellationToken, retried = false): Promise<{ corpus: Corpus; report: LoadReport }> {
    // The worker's thread boots, and reads the stored corpus, while the seeds are read and the files found.
    if (config.sources.length > 0 && vscode.workspace.isTrusted) this.worker()?.prestart(this.extractionStore()?.snapshotFile);
    const collections: CollectionInput[] = [];
    const problems: Problem[] = [];
    if (config.includeSeeds) {
      this.seeds ??= hostCorpusBuilder(this.extensionUri).then((builder) =>
        builder.loadCatalogCollection(workspaceFolderReader(vscode.Uri.joinPath(this.extensionUri, 'seeds'), 'seeds'), 'catalog.json', 'seed', {
          parser: async () => builder.parseTrustedCatalog,
        }),
      );
      const seeds = await this.seeds;
      problems.push(...seeds.problems);
      if (seeds.collection) collections.push(seeds.collection);
    }
    this.replaceWatchers([]);
    const own = await this.loadOwnFolders(config, collections, problems, token);
    const report: LoadReport = { ownFolders: own !== undefined, seeds: config.includeSeeds ? 'files' : undefined, worker: own?.worker };
    // Built in the source worker: only read back here. Otherwise (no worker, remote files, no own folders) built here.
    const corpus = own?.snapshot
      ? await runInSlices(restoredCorpus(await hostSnapshotReader(this.extensionUri), own.snapshot, this.extensionUri, problems, options, this.corpus), token)
      : await runInSlices((await hostCorpusBuilder(this.extensionUri)).buildCorpusSteps(collections, problems, { maxFileBytes: config.maxFileSizeKB * 1024, token, ...options, makers: BUILD_MAKERS }), token);
    if (own?.checked && !(await own.checked)) {
      if (retried) throw new Error('the stored corpus was refused twice');
      this.logger.info('A source file changed since the stored corpus was written: it is read and built again.');
      return this.loadFromFiles(config, options, token, true);
    }
    return { corpus, report };
  }

  /** The writer's folders, when set and trusted: their collections (or the worker's snapshot) join `collections`. */
  private async loadOwnFolders(config: SourcebookConfig, collections: CollectionInput[], problems: Problem[], token: vscode.CancellationToken): Promise<WorkspaceCollections | undefined> {
    if (config.sources.length === 0) return undefined;
    if (!vscode.workspace.isTrusted) {
      problems.push({ severity: 'warning', file: 'settings', message: 'sourcebook.sources is ignored until you trust this workspace' });
      return undefined;
    }
    const loaders = {
      readers: hostFormatReaders(this.extensionUri),
      extraction: hostExtraction(this.extensionUri),
      parser: hostCatalogParser(this.extensionUri),
      sourceFolders: async () => (await hostCorpusBuilder(this.extensionUri)).loadSourceFolders,
    };
    const workspace = await loadWorkspaceCollections(config, collections, this.extractionCaches, token, this.resolvesInside, loaders, this.worker(), this.extractionStore());
    if (workspace.worker?.storeNote) this.logger.warn(workspace.worker.storeNote);
    if (workspace.worker) this.logger.info(`Your folders were read in ${this.sourceWorker?.kind} (corpus ${workspace.worker.corpusFrom}).`);
    collections.push(...workspace.collections);
    problems.push(...workspace.problems);
    this.replaceWatchers(workspace.watchPatterns.map((pattern) => this.watch(pattern)));
    return workspace;
  }

  private watch(pattern: vscode.RelativePattern): vscode.Disposable {
    const watcher = vscode.workspace.createFileSystemWatcher(pattern);
    const onChange = (): void => this.scheduleReload();
    return vscode.Disposable.from(watcher, watcher.onDidChange(onChange), watcher.onDidCreate(onChange), watcher.onDidDelete(onChange));
  }

  private replaceWatchers(next: vscode.Disposable[]): void {
    for (const watcher of this.watchers) watcher.dispose();
    this.watchers = next;
  }

  private report(corpus: Corpus): void {
    const { kb } = corpus;
    this.logger.info(`Loaded ${kb.sources.length} sources, ${kb.quotes.length} quotes, ${kb.terms.length} terms, ${kb.speakers.length} speakers.`);
    for (const problem of corpus.problems) {
      const line = formatProblem(problem);
      if (problem.severity === 'error') this.logger.error(line);
      else if (problem.severity === 'warning') this.logger.warn(line);
      else this.logger.info(line);
    }
  }

  dispose(): void {
    this.disposed = true;
    this.loading?.cancel();
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
    if (this.indexTimer) clearTimeout(this.indexTimer);
    this.replaceWatchers([]);
    // Not awaited: the worker finishes its writes on its own (deactivate, which VS Code waits for, awaits them).
    void this.restartWorker();
    for (const d of this.disposables) d.dispose();
  }
}
