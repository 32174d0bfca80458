import * as vscode from 'vscode';
import type { ExtractionCaches } from '../core/extract/extractionCaches';
import { SOURCE_EXTENSIONS, SOURCE_GLOB } from '../core/extract/formats';
import type { CollectionInput } from '../core/kb/buildKnowledgeBase';
import type { loadSourceFolders, SourceFolder, SourceFoldersOptions } from '../core/kb/loadCollection';
import type { Problem } from '../core/kb/model';
import type { SourcebookConfig } from './config';
import { normalizeInside } from '../core/files/sourcePath';
import { ResolvesInside, workspaceFolderReader } from './workspaceFolderReader';
import type { CorpusSnapshot } from '../core/snapshot/snapshotTypes';
import type { CorpusOrigin, ProgressReply, WorkerFolder } from './worker/protocol';
import type { SourceWorker } from './worker/sourceWorker';
import { WORKER_UNAVAILABLE } from './worker/workerUnavailable';

/** Above this many files, loading shows a cancellable progress notification. */
const PROGRESS_THRESHOLD = 150;

export interface WorkspaceCollections {
  readonly collections: CollectionInput[];
  readonly problems: Problem[];
  /** What to watch for changes. */
  readonly watchPatterns: vscode.RelativePattern[];
  /** Set when the folders were read in the source worker: what it did this time. */
  readonly worker?: WorkerLoad;
  /** The whole corpus (the collections loaded before included), when the worker built it: then `collections` is empty. */
  readonly snapshot?: CorpusSnapshot;
  /** Set when `snapshot` is the stored corpus, whose files the worker is still reading: serve it only if this says true. */
  readonly checked?: Promise<boolean>;
}

/** What the source worker did in one load. */
export interface WorkerLoad {
  /** Files read and extracted. */
  readonly extractedFiles: number;
  /** Files whose extraction came from the persistent cache (verified against the file). */
  readonly restoredFiles: number;
  /** Why the persistent cache was not used or not written, when that happened. */
  readonly storeNote?: string;
  /** Where the corpus came from: built in the worker, kept from the previous load, or read from the stored snapshot. */
  readonly corpusFrom: CorpusOrigin;
}

/** The persistent extraction cache's file and the extension's version (core/extract/extractionStore.ts). */
export interface ExtractionStore {
  readonly file: string;
  readonly version: string;
  /** Where the worker keeps the corpus it built (worker/corpusBuilder.ts). */
  readonly snapshotFile?: string;
}

/** One entry of sourcebook.sources in one workspace folder. */
interface Entry {
  readonly folder: vscode.WorkspaceFolder;
  readonly setting: string;
  readonly label: string;
  readonly base: vscode.Uri;
  readonly pattern: vscode.RelativePattern;
  readonly isGlob: boolean;
}

/**
 * Reads the folders and globs of `sourcebook.sources` in every workspace folder through the core loader
 * (loadSourceFolders): folders with a sourcebook.json first, then extraction from the rest. Here only what
 * VS Code knows: the settings, finding files, progress, watching.
 */
export async function loadWorkspaceCollections(
  config: SourcebookConfig,
  loaded: readonly CollectionInput[],
  caches: ExtractionCaches,
  token: vscode.CancellationToken,
  resolvesInside: ResolvesInside | undefined,
  /**
   * The on-demand bundles (src/host/lazyBundles.ts): the web page and PDF readers, extraction, the catalog parser, and
   * the loader itself (dist/build.js), for folders read here.
   */
  loaders: Pick<SourceFoldersOptions, 'readers' | 'extraction' | 'parser'> & { readonly sourceFolders: () => Promise<typeof loadSourceFolders> },
  /** Reads the folders off the extension host's thread, where it can (SourceWorker.reads); without it, here. */
  worker?: SourceWorker,
  store?: ExtractionStore,
): Promise<WorkspaceCollections> {
  const problems: Problem[] = [];
  const entries: Entry[] = [];
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    for (const setting of config.sources) {
      const entry = entryFor(folder, setting);
      if (typeof entry === 'string') problems.push({ severity: 'warning', file: `${folder.name}/${setting}`, code: 'bad-setting', message: `${entry} (setting sourcebook.sources); ignored` });
      else entries.push(entry);
    }
  }
  const watchPatterns = entries.map((entry) => (entry.isGlob ? entry.pattern : new vscode.RelativePattern(entry.base, `**/*.{${[...SOURCE_EXTENSIONS, 'json'].join(',')}}`)));
  if (worker && entries.length > 0 && entries.every((entry) => worker.reads(entry.folder.uri.scheme))) {
    try {
      const { problems: loadProblems, snapshot, checked, ...load } = await loadInWorker(worker, entries, config, loaded, token, store);
      return { collections: [], problems: [...problems, ...forTheUser(loadProblems)], watchPatterns, worker: load, snapshot, checked };
    } catch (error) {
      // A worker that cannot start here (the browser's, where workers may be refused): the folders are read below.
      // By the error's name: the browser's client is a bundle of its own, whose classes are not this bundle's.
      if ((error as Error).name !== WORKER_UNAVAILABLE) throw error;
    }
  }
  const folders: SourceFolder[] = entries.map((entry) => ({
    label: entry.label,
    // A glob has no catalog; a folder's catalog paths are relative to the folder.
    catalogReader: entry.isGlob ? undefined : workspaceFolderReader(entry.base, entry.label, { resolvesInside }),
    // Paths (and so source ids) are relative to the workspace folder; files must stay inside the entry's folder.
    reader: workspaceFolderReader(entry.folder.uri, entry.folder.name, { boundary: entry.base, resolvesInside }),
    list: async () => ({ files: await filesOf(entry, token) }),
    cacheFor: (knownKey) => caches.for(entry.label, knownKey),
  }));
  const { sourceFolders, ...readers } = loaders;
  const result = await (await sourceFolders())(folders, loaded, {
    maxFileBytes: config.maxFileSizeKB * 1024,
    token,
    ...readers,
    runExtraction: (folder, fileCount, extract) => (fileCount < PROGRESS_THRESHOLD ? extract() : withProgress(folder.label, extract)),
  });
  return { collections: result.collections, problems: [...problems, ...forTheUser(result.problems)], watchPatterns };
}

/** The loader's problems as the editor reports them: notes left out, a setting named where it is the cause. */
function forTheUser(problems: readonly Problem[]): Problem[] {
  return problems
    .filter((problem) => problem.severity !== 'info')
    .map((problem) => (problem.code === 'no-source-files' ? { ...problem, message: `${problem.message} (setting sourcebook.sources)` } : problem));
}

/**
 * The folders read by the source worker: the files are found here (VS Code's globs, exclusions and file system),
 * read and extracted there. A large folder's progress shows in a notification that cancels that folder alone.
 */
async function loadInWorker(
  worker: SourceWorker,
  entries: readonly Entry[],
  config: SourcebookConfig,
  loaded: readonly CollectionInput[],
  token: vscode.CancellationToken,
  store: ExtractionStore | undefined,
): Promise<{ problems: Problem[]; snapshot: CorpusSnapshot; checked?: Promise<boolean> } & WorkerLoad> {
  const folders: WorkerFolder[] = [];
  for (const entry of entries) {
    const base = worker.locationOf(entry.base);
    folders.push({ label: entry.label, root: worker.locationOf(entry.folder.uri), rootName: entry.folder.name, boundary: base, catalogRoot: entry.isGlob ? undefined : base, files: await filesOf(entry, token) });
  }
  const notifications = new FolderNotifications(worker);
  try {
    const knownSpeakers = loaded.flatMap((collection) => collection.catalog.speakers ?? []);
    const maxFileBytes = config.maxFileSizeKB * 1024;
    // The worker builds the whole corpus, the collections loaded here before (the seeds') included.
    const build = { earlier: loaded, maxFileBytes, version: store?.version ?? 'unversioned' };
    const request = { folders, knownSpeakers, maxFileBytes, progressFrom: PROGRESS_THRESHOLD, store, build };
    const reply = await worker.load(request, token, (progress) => notifications.report(progress));
    const counts = { extractedFiles: reply.extractedFiles, restoredFiles: reply.restoredFiles, storeNote: reply.storeNote, corpusFrom: reply.corpus.from };
    return { problems: reply.problems, snapshot: reply.corpus.snapshot, checked: reply.checked, ...counts };
  } finally {
    notifications.close();
  }
}

/** One cancellable progress notification per large folder the worker reads. */
class FolderNotifications {
  private readonly open = new Map<string, { report: (progress: ProgressReply) => void; close: () => void }>();

  constructor(private readonly worker: SourceWorker) {}

  report(progress: ProgressReply): void {
    let notification = this.open.get(progress.folder);
    if (!notification) {
      let close = (): void => undefined;
      let report = (_progress: ProgressReply): void => undefined;
      void withProgress(progress.folder, (onProgress, cancelled) => {
        const done = new Promise<void>((resolve) => (close = resolve));
        report = (p) => onProgress(p.done, p.total, p.path);
        cancelled.onCancellationRequested(() => this.worker.cancelFolder(progress.id, progress.folder));
        return done;
      });
      notification = { report: (p) => report(p), close: () => close() };
      this.open.set(progress.folder, notification);
    }
    notification.report(progress);
  }

  close(): void {
    for (const notification of this.open.values()) notification.close();
    this.open.clear();
  }
}

/** The entry for one setting value, or why it is refused: a source folder stays inside its workspace folder. */
function entryFor(folder: vscode.WorkspaceFolder, setting: string): Entry | string {
  const isGlob = /[*?{}[\]]/u.test(setting);
  const inside = normalizeInside(setting);
  if (typeof inside !== 'string') return inside.leaves;
  const base = isGlob ? folder.uri : vscode.Uri.joinPath(folder.uri, ...setting.split(/[\\/]/u).filter(Boolean));
  return { folder, setting, label: `${folder.name}/${setting}`, base, isGlob, pattern: new vscode.RelativePattern(base, isGlob ? setting : SOURCE_GLOB) };
}

/** A large folder loads under a notification that shows the file being read and can be cancelled. */
function withProgress<T>(label: string, load: (onProgress: (done: number, total: number, path: string) => void, token: vscode.CancellationToken) => Promise<T>): Promise<T> {
  return Promise.resolve(vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Sourcebook: reading ${label}`, cancellable: true }, (progress, token) => {
    let reported = 0;
    return load((done, total, path) => {
      const percent = (100 * done) / total;
      progress.report({ message: `${done + 1}/${total} ${path}`, increment: percent - reported });
      reported = percent;
    }, token);
  }));
}

/** The files of an entry as VS Code finds them (its globs and exclusions), relative to the workspace folder, sorted. */
async function filesOf(entry: Entry, token: vscode.CancellationToken): Promise<string[]> {
  const found = await vscode.workspace.findFiles(entry.pattern, '**/node_modules/**', undefined, token);
  return found.map((uri) => relativeTo(entry.folder.uri, uri)).filter((p): p is string => p !== undefined).sort();
}

function relativeTo(root: vscode.Uri, uri: vscode.Uri): string | undefined {
  const prefix = root.path.endsWith('/') ? root.path : `${root.path}/`;
  return uri.path.startsWith(prefix) ? uri.path.slice(prefix.length) : undefined;
}
