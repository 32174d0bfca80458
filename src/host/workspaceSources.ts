import * as vscode from 'vscode';
import type { CollectionInput, SourceFileInput } from '../core/kb/buildKnowledgeBase';
import { decodeSourceFile } from '../core/kb/decodeSourceFile';
import { loadCatalogCollection } from '../core/kb/loadCollection';
import type { Problem, Speaker } from '../core/kb/model';
import { extractCatalog } from '../core/extract/extractCatalog';
import type { SourcebookConfig } from './config';
import { workspaceFolderReader } from './workspaceFolderReader';

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

/**
 * Reads the folders and globs of `sourcebook.sources` in every workspace folder. A folder with a
 * sourcebook.json is read as that catalog says; any other folder or glob has its quotes extracted.
 */
export async function loadWorkspaceCollections(
  config: SourcebookConfig,
  loaded: readonly CollectionInput[],
  token: vscode.CancellationToken,
): Promise<WorkspaceCollections> {
  const result: WorkspaceCollections = { collections: [], problems: [], watchPatterns: [] };
  const knownSpeakers = knownSpeakersOf(loaded);
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    for (const entry of config.sources) {
      if (token.isCancellationRequested) return result;
      const isGlob = /[*?{}[\]]/u.test(entry);
      const base = isGlob ? folder.uri : vscode.Uri.joinPath(folder.uri, ...entry.split(/[\\/]/u).filter(Boolean));
      const pattern = new vscode.RelativePattern(base, isGlob ? entry : SOURCE_GLOB);
      result.watchPatterns.push(isGlob ? pattern : new vscode.RelativePattern(base, '**/*.{md,markdown,txt,json}'));
      const label = `${folder.name}/${entry}`;
      if (!isGlob && (await exists(vscode.Uri.joinPath(base, CATALOG_FILE)))) {
        const catalog = await loadCatalogCollection(workspaceFolderReader(base, label), CATALOG_FILE, 'workspace', token);
        result.problems.push(...catalog.problems);
        if (catalog.collection) result.collections.push(catalog.collection);
        continue;
      }
      const files = await vscode.workspace.findFiles(pattern, '**/node_modules/**', undefined, token);
      if (files.length === 0) {
        result.problems.push({ severity: 'warning', file: label, message: 'no .md or .txt files found (setting sourcebook.sources)' });
        continue;
      }
      const read = await readFiles(files, folder.uri, config, token);
      result.problems.push(...read.problems);
      const extracted = extractCatalog(read.texts, knownSpeakers, token);
      result.problems.push(...extracted.notes.filter((n) => n.severity !== 'info'));
      result.collections.push({ origin: 'workspace', catalogFile: `${label} (extracted)`, catalog: extracted.catalog, files: read.inputs });
    }
  }
  return result;
}

function knownSpeakersOf(collections: readonly CollectionInput[]): Speaker[] {
  return collections.flatMap((c) => (c.catalog.speakers ?? []).map((s) => ({ id: s.id, name: s.name, kind: s.kind, aliases: s.aliases ?? [], role: s.role })));
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

interface ReadFiles {
  readonly inputs: SourceFileInput[];
  readonly texts: { relativePath: string; text: string }[];
  readonly problems: Problem[];
}

/** Reads and decodes the files; what cannot be served is reported, one line each, and left out. */
async function readFiles(files: readonly vscode.Uri[], root: vscode.Uri, config: SourcebookConfig, token: vscode.CancellationToken): Promise<ReadFiles> {
  const read = async (progress?: vscode.Progress<{ message?: string; increment?: number }>, progressToken?: vscode.CancellationToken): Promise<ReadFiles> => {
    const result: ReadFiles = { inputs: [], texts: [], problems: [] };
    const maxBytes = config.maxFileSizeKB * 1024;
    const sorted = [...files].sort((a, b) => a.path.localeCompare(b.path));
    for (const [i, uri] of sorted.entries()) {
      if (token.isCancellationRequested || progressToken?.isCancellationRequested) break;
      const relativePath = vscode.workspace.asRelativePath(uri, false);
      const display = relativePath;
      progress?.report({ message: `${i + 1}/${sorted.length} ${display}`, increment: 100 / sorted.length });
      const stat = await vscode.workspace.fs.stat(uri).then((s) => s, () => undefined);
      if (!stat) {
        result.problems.push({ severity: 'warning', file: display, message: 'could not be read; skipped' });
        continue;
      }
      if (stat.size > maxBytes) {
        result.problems.push({ severity: 'warning', file: display, message: `is ${Math.round(stat.size / 1024)} KB, over the ${config.maxFileSizeKB} KB limit (setting sourcebook.maxFileSizeKB); skipped` });
        continue;
      }
      const bytes = await vscode.workspace.fs.readFile(uri).then((b) => b, () => undefined);
      if (!bytes) {
        result.problems.push({ severity: 'warning', file: display, message: 'could not be read; skipped' });
        continue;
      }
      const decoded = decodeSourceFile(bytes, maxBytes);
      if (!decoded.ok) {
        result.problems.push({ severity: 'warning', file: display, message: `${decoded.reason}; skipped` });
        continue;
      }
      const name = relativeTo(root, uri) ?? relativePath;
      result.inputs.push({ name, uri: uri.toString(), displayPath: display, bytes });
      result.texts.push({ relativePath: name, text: decoded.text });
    }
    return result;
  };
  if (files.length < PROGRESS_THRESHOLD) return read();
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Sourcebook: reading sources', cancellable: true },
    (progress, progressToken) => read(progress, progressToken),
  );
}

function relativeTo(root: vscode.Uri, uri: vscode.Uri): string | undefined {
  const prefix = root.path.endsWith('/') ? root.path : `${root.path}/`;
  return uri.path.startsWith(prefix) ? uri.path.slice(prefix.length) : undefined;
}
