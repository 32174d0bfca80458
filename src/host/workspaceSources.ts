import * as vscode from 'vscode';
import { ExtractionCache, loadExtractedCollection } from '../core/extract/loadExtractedCollection';
import type { KnownSpeaker } from '../core/extract/extractCatalog';
import type { CollectionInput } from '../core/kb/buildKnowledgeBase';
import { LoadedCollection, loadCatalogCollection } from '../core/kb/loadCollection';
import type { Problem } from '../core/kb/model';
import { CancelledError } from '../core/util/cancellation';
import type { SourcebookConfig } from './config';
import { normalizeInside } from '../core/files/sourcePath';
import { ResolvesInside, workspaceFolderReader } from './workspaceFolderReader';

const SOURCE_GLOB = '**/*.{md,markdown,txt}';
const CATALOG_FILE = 'sourcebook.json';
/** Above this many files, loading shows a cancellable progress notification. */
const PROGRESS_THRESHOLD = 150;

export interface WorkspaceCollections {
  readonly collections: CollectionInput[];
  readonly problems: Problem[];
  /** What to watch for changes. */
  readonly watchPatterns: vscode.RelativePattern[];
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
 * Reads the folders and globs of `sourcebook.sources` in every workspace folder. Folders with a
 * sourcebook.json are read first, as their catalog says, so that extraction from the other folders and globs
 * knows every speaker they name.
 */
export async function loadWorkspaceCollections(
  config: SourcebookConfig,
  loaded: readonly CollectionInput[],
  caches: ExtractionCaches,
  token: vscode.CancellationToken,
  resolvesInside?: ResolvesInside,
): Promise<WorkspaceCollections> {
  const result: WorkspaceCollections = { collections: [], problems: [], watchPatterns: [] };
  const entries: Entry[] = [];
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    for (const setting of config.sources) {
      const entry = entryFor(folder, setting);
      if (typeof entry === 'string') result.problems.push({ severity: 'warning', file: `${folder.name}/${setting}`, message: `${entry} (setting sourcebook.sources); ignored` });
      else entries.push(entry);
    }
  }
  const maxFileBytes = config.maxFileSizeKB * 1024;
  const catalogued: Entry[] = [];
  const extracted: Entry[] = [];
  for (const entry of entries) {
    result.watchPatterns.push(entry.isGlob ? entry.pattern : new vscode.RelativePattern(entry.base, '**/*.{md,markdown,txt,json}'));
    const hasCatalog = !entry.isGlob && (await exists(vscode.Uri.joinPath(entry.base, CATALOG_FILE)));
    (hasCatalog ? catalogued : extracted).push(entry);
  }
  const take = (loadedCollection: LoadedCollection): void => {
    result.problems.push(...loadedCollection.problems.filter((p) => p.severity !== 'info'));
    if (loadedCollection.collection) result.collections.push(loadedCollection.collection);
  };
  for (const entry of catalogued) {
    if (token.isCancellationRequested) return result;
    take(await loadCatalogCollection(workspaceFolderReader(entry.base, entry.label, { resolvesInside }), CATALOG_FILE, 'workspace', { maxFileBytes, token }));
  }
  const known: KnownSpeaker[] = [...loaded, ...result.collections].flatMap((c) => c.catalog.speakers ?? []);
  const knownKey = known.map((s) => `${s.id}=${s.name}|${(s.aliases ?? []).join(',')}`).join(';');
  for (const entry of extracted) {
    if (token.isCancellationRequested) return result;
    const files = await vscode.workspace.findFiles(entry.pattern, '**/node_modules/**', undefined, token);
    const relativePaths = files.map((uri) => relativeTo(entry.folder.uri, uri)).filter((p): p is string => p !== undefined).sort();
    if (relativePaths.length === 0) {
      result.problems.push({ severity: 'warning', file: entry.label, message: 'no .md or .txt files found (setting sourcebook.sources)' });
      continue;
    }
    // Paths (and so source ids) are relative to the workspace folder; files must stay inside the entry's folder.
    const reader = workspaceFolderReader(entry.folder.uri, entry.folder.name, { boundary: entry.base, resolvesInside });
    const cache = caches.for(entry.label, knownKey);
    const load = (onProgress?: (done: number, total: number, path: string) => void, progressToken?: vscode.CancellationToken) =>
      loadExtractedCollection(reader, relativePaths, known, { origin: 'workspace', catalogFile: `${entry.label} (extracted)`, maxFileBytes, onProgress, cache }, anyOf(token, progressToken));
    try {
      take(relativePaths.length < PROGRESS_THRESHOLD ? await load() : await withProgress(entry.label, load));
    } catch (error) {
      // The user cancelled this folder's notification: serve the rest, and say what is missing.
      if (!(error instanceof CancelledError) || token.isCancellationRequested) throw error;
      result.problems.push({ severity: 'warning', file: entry.label, message: 'reading was cancelled; this folder is not served until the sources are reloaded' });
    }
  }
  return result;
}

/**
 * Per-folder extraction results kept between loads, so that a change to one file re-extracts that file only.
 * A folder's cache is dropped when the known speakers change, since they decide attributions.
 */
export class ExtractionCaches {
  private readonly caches = new Map<string, { knownKey: string; cache: ExtractionCache }>();

  for(folderLabel: string, knownKey: string): ExtractionCache {
    const existing = this.caches.get(folderLabel);
    if (existing && existing.knownKey === knownKey) return existing.cache;
    const cache: ExtractionCache = new Map();
    this.caches.set(folderLabel, { knownKey, cache });
    return cache;
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
function withProgress<T>(label: string, load: (onProgress: (done: number, total: number, path: string) => void, token: vscode.CancellationToken) => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Sourcebook: reading ${label}`, cancellable: true }, (progress, token) => {
    let reported = 0;
    return load((done, total, path) => {
      const percent = (100 * done) / total;
      progress.report({ message: `${done + 1}/${total} ${path}`, increment: percent - reported });
      reported = percent;
    }, token);
  });
}

/** A token cancelled when either is. */
function anyOf(a: vscode.CancellationToken, b?: vscode.CancellationToken): vscode.CancellationToken {
  if (!b) return a;
  return { get isCancellationRequested() { return a.isCancellationRequested || b.isCancellationRequested; }, onCancellationRequested: a.onCancellationRequested };
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

function relativeTo(root: vscode.Uri, uri: vscode.Uri): string | undefined {
  const prefix = root.path.endsWith('/') ? root.path : `${root.path}/`;
  return uri.path.startsWith(prefix) ? uri.path.slice(prefix.length) : undefined;
}
