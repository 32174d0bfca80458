import * as vscode from 'vscode';
import { decodeText } from '../../core/kb/decodeSourceFile';
import type { DraftFinding } from '../../core/check/draftFinding';
import type { Logger } from '../../core/util/logger';
import { readConfig } from '../../host/config';
import { combineExcludes, draftExtensions, enabledPatterns, gitignoreGlobs, includeGlob, languageOfPath, sourceEntryGlob } from './draftFiles';

/** What the scanner needs of the checker. */
export interface DraftChecker {
  check(document: vscode.TextDocument, token?: vscode.CancellationToken): DraftFinding[];
  checkText(uri: vscode.Uri, text: string, languageId: string, token?: vscode.CancellationToken): DraftFinding[];
  unpublish(uri: vscode.Uri): void;
}

export interface CheckAllResult {
  /** Drafts checked. */
  readonly files: number;
  /** Findings in them. */
  readonly findings: number;
  /** Drafts with findings. */
  readonly filesWithFindings: number;
  readonly cancelled: boolean;
}

interface Draft {
  readonly uri: vscode.Uri;
  readonly languageId: string;
}

/** Drafts larger than this are not read from disk (open them to check them in part). */
const MAX_DRAFT_BYTES = 8 * 1024 * 1024;
/** Quiet time after a file changes on disk before it is checked again. */
const RECHECK_DELAY_MS = 300;
/** How long the git extension may take to say which files it ignores. */
const GIT_TIMEOUT_MS = 5000;

/**
 * **Sourcebook: Check All Drafts**: finds every file of the workspace in a checked language (by extension and
 * `files.associations`), leaving out `files.exclude`, `search.exclude`, .gitignore'd files, `node_modules`, the
 * folders of `sourcebook.sources` and any folder with a sourcebook.json; checks each (an open document as it is
 * in the editor, any other file read from disk without opening an editor) under a cancellable notification; then
 * watches those files, so that their findings stay fresh as they change, appear or go.
 */
export class DraftScanner implements vscode.Disposable {
  private readonly drafts = new Map<string, Draft>();
  private excludes = new Map<string, string | undefined>();
  private watcher?: vscode.FileSystemWatcher;
  private watcherGlob?: string;
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private running?: vscode.CancellationTokenSource;
  /** The newest run of Check All Drafts, while it runs: a run it superseded answers with its result. */
  private latest?: Promise<CheckAllResult>;
  private ran = false;

  constructor(private readonly checker: DraftChecker, private readonly logger: Logger) {}

  /** Whether Check All Drafts has run in this window. */
  get hasRun(): boolean {
    return this.ran;
  }

  /** How many drafts the last run checked. */
  get count(): number {
    return this.drafts.size;
  }

  isDraft(uri: vscode.Uri): boolean {
    return this.drafts.has(uri.toString());
  }

  /** Check All Drafts under a cancellable progress notification. */
  checkAllWithProgress(): Promise<CheckAllResult> {
    return Promise.resolve(vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Sourcebook: checking drafts', cancellable: true },
      async (progress, token) => {
        const result = await this.checkAll(token, (done, total, label) => progress.report({ message: `${done}/${total} ${label}`, increment: 100 / Math.max(1, total) }));
        // Superseded by a newer run (the sources finished loading meanwhile), not cancelled by the writer: that
        // run's result is the answer to their command.
        if (result.cancelled && !token.isCancellationRequested && this.latest) return this.latest;
        return result;
      },
    ));
  }

  /** Finds and checks every draft; a newer run cancels this one. */
  checkAll(token?: vscode.CancellationToken, onProgress?: (done: number, total: number, label: string) => void): Promise<CheckAllResult> {
    const run = this.runCheckAll(token, onProgress);
    this.latest = run;
    void run.finally(() => {
      if (this.latest === run) this.latest = undefined;
    });
    return run;
  }

  private async runCheckAll(token?: vscode.CancellationToken, onProgress?: (done: number, total: number, label: string) => void): Promise<CheckAllResult> {
    this.running?.cancel();
    const own = new vscode.CancellationTokenSource();
    this.running = own;
    const cancelled = (): boolean => own.token.isCancellationRequested || token?.isCancellationRequested === true;
    const subscription = token?.onCancellationRequested(() => own.cancel());
    try {
      const found = await this.findDrafts(own.token);
      if (cancelled()) return { files: 0, findings: 0, filesWithFindings: 0, cancelled: true };
      const previous = [...this.drafts.values()];
      this.drafts.clear();
      for (const draft of found) this.drafts.set(draft.uri.toString(), draft);
      for (const old of previous) if (!this.drafts.has(old.uri.toString()) && !openDocument(old.uri)) this.checker.unpublish(old.uri);
      this.ran = true;
      this.ensureWatcher();
      let findings = 0;
      let filesWithFindings = 0;
      let done = 0;
      for (const draft of found) {
        if (cancelled()) return { files: done, findings, filesWithFindings, cancelled: true };
        onProgress?.(done + 1, found.length, vscode.workspace.asRelativePath(draft.uri));
        const n = (await this.checkDraft(draft, own.token)).length;
        findings += n;
        if (n > 0) filesWithFindings++;
        done++;
      }
      return { files: done, findings, filesWithFindings, cancelled: false };
    } finally {
      subscription?.dispose();
      own.dispose();
      if (this.running === own) this.running = undefined;
    }
  }

  /** Checks one draft: the open document if there is one, else the file on disk. */
  private async checkDraft(draft: Draft, token?: vscode.CancellationToken): Promise<DraftFinding[]> {
    const document = openDocument(draft.uri);
    if (document) return this.checker.check(document, token);
    try {
      const stat = await vscode.workspace.fs.stat(draft.uri);
      if (stat.size > MAX_DRAFT_BYTES) {
        this.logger.info(`${vscode.workspace.asRelativePath(draft.uri)}: not checked, over ${MAX_DRAFT_BYTES / 1024 / 1024} MB (open it to check its beginning)`);
        this.checker.unpublish(draft.uri);
        return [];
      }
      const decoded = decodeText(await vscode.workspace.fs.readFile(draft.uri));
      if (!decoded.ok || decoded.text.includes('\u0000')) {
        this.logger.info(`${vscode.workspace.asRelativePath(draft.uri)}: not checked, it ${decoded.ok ? 'looks binary' : decoded.reason}`);
        this.checker.unpublish(draft.uri);
        return [];
      }
      // The document may have been opened while the file was read: the editor's text wins.
      const opened = openDocument(draft.uri);
      if (opened) return this.checker.check(opened, token);
      return this.checker.checkText(draft.uri, decoded.text, draft.languageId, token);
    } catch (error) {
      if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') this.forget(draft.uri);
      else this.logger.warn(`${vscode.workspace.asRelativePath(draft.uri)}: not checked (${error instanceof Error ? error.message : String(error)})`);
      return [];
    }
  }

  /** Every draft of the workspace, in path order. */
  async findDrafts(token?: vscode.CancellationToken): Promise<Draft[]> {
    const config = readConfig();
    const associations = vscode.workspace.getConfiguration('files').get<Record<string, string>>('associations') ?? {};
    const extensions = draftExtensions(config.checkLanguages, associations);
    this.excludes = new Map();
    if (!config.checkEnabled || extensions.length === 0) return [];
    const include = includeGlob(extensions);
    const drafts: Draft[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const exclude = await this.excludeFor(folder, token);
      this.excludes.set(folder.uri.toString(), exclude);
      const files = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, include), exclude === undefined ? null : new vscode.RelativePattern(folder, exclude), undefined, token);
      const ignored = await gitIgnored(files, this.logger);
      for (const uri of files) {
        const languageId = languageOfPath(uri.path, associations);
        if (languageId && config.checkLanguages.includes(languageId) && !ignored.has(uri.fsPath)) drafts.push({ uri, languageId });
      }
    }
    return drafts.sort((a, b) => a.uri.toString().localeCompare(b.uri.toString()));
  }

  /** The exclude glob of a workspace folder (relative to it). */
  private async excludeFor(folder: vscode.WorkspaceFolder, token?: vscode.CancellationToken): Promise<string | undefined> {
    const patterns = [
      ...enabledPatterns(vscode.workspace.getConfiguration('files', folder.uri).get('exclude')),
      ...enabledPatterns(vscode.workspace.getConfiguration('search', folder.uri).get('exclude')),
      '**/node_modules',
      '**/.git',
    ];
    for (const entry of readConfig(folder.uri).sources) {
      const glob = sourceEntryGlob(entry);
      if (glob) patterns.push(glob);
    }
    const base = combineExcludes(patterns);
    const baseExclude = base === undefined ? null : new vscode.RelativePattern(folder, base);
    for (const catalog of await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/sourcebook.json'), baseExclude, undefined, token)) {
      const dir = relativeDir(folder, catalog);
      if (dir !== undefined) patterns.push(dir === '' ? '**' : `${dir}/**`);
    }
    for (const gitignore of await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/.gitignore'), baseExclude, undefined, token)) {
      const dir = relativeDir(folder, gitignore);
      if (dir === undefined) continue;
      try {
        const decoded = decodeText(await vscode.workspace.fs.readFile(gitignore));
        if (decoded.ok) patterns.push(...gitignoreGlobs(decoded.text, dir));
      } catch {
        // An unreadable .gitignore ignores nothing.
      }
    }
    return combineExcludes(patterns);
  }

  private ensureWatcher(): void {
    const config = readConfig();
    const associations = vscode.workspace.getConfiguration('files').get<Record<string, string>>('associations') ?? {};
    const extensions = draftExtensions(config.checkLanguages, associations);
    const glob = extensions.length > 0 ? includeGlob(extensions) : undefined;
    if (glob === this.watcherGlob && this.watcher) return;
    this.watcher?.dispose();
    this.watcher = undefined;
    this.watcherGlob = glob;
    if (!glob) return;
    this.watcher = vscode.workspace.createFileSystemWatcher(glob);
    this.watcher.onDidChange((uri) => this.recheck(uri));
    this.watcher.onDidCreate((uri) => void this.created(uri));
    this.watcher.onDidDelete((uri) => this.forget(uri));
  }

  /** A new file is a draft if the last run's excludes leave it in. */
  private async created(uri: vscode.Uri): Promise<void> {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const relative = folder && relativeDir(folder, uri, false);
    if (!folder || relative === undefined) return;
    const associations = vscode.workspace.getConfiguration('files').get<Record<string, string>>('associations') ?? {};
    const languageId = languageOfPath(uri.path, associations);
    if (!languageId || !readConfig(uri).checkLanguages.includes(languageId)) return;
    const exclude = this.excludes.get(folder.uri.toString());
    const found = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, escapeGlob(relative)), exclude === undefined ? null : new vscode.RelativePattern(folder, exclude), 1);
    if (found.length === 0 || (await gitIgnored(found, this.logger)).has(uri.fsPath)) return;
    this.drafts.set(uri.toString(), { uri, languageId });
    this.recheck(uri);
  }

  /** Checks a draft again shortly (several events for one save make one check). Open documents check themselves. */
  recheck(uri: vscode.Uri): void {
    const draft = this.drafts.get(uri.toString());
    if (!draft) return;
    const key = uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.set(key, setTimeout(() => {
      this.pending.delete(key);
      if (!openDocument(uri)) void this.checkDraft(draft);
    }, RECHECK_DELAY_MS));
  }

  /** After the sources or settings change: finds and checks the drafts again, if Check All Drafts has run. */
  recheckAll(): void {
    if (!this.ran) return;
    void vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Sourcebook: checking drafts' }, () => this.checkAll());
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.delete(key);
    if (this.drafts.delete(key) && !openDocument(uri)) this.checker.unpublish(uri);
  }

  dispose(): void {
    this.running?.cancel();
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.watcher?.dispose();
  }
}

/** The open (not closed) document of a URI, if any. */
function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  const key = uri.toString();
  return vscode.workspace.textDocuments.find((d) => !d.isClosed && d.uri.toString() === key);
}

/** A file's folder (or, with `dirOnly` false, its path) relative to a workspace folder, "" at the top. */
function relativeDir(folder: vscode.WorkspaceFolder, uri: vscode.Uri, dirOnly = true): string | undefined {
  const prefix = folder.uri.path.endsWith('/') ? folder.uri.path : `${folder.uri.path}/`;
  if (!uri.path.startsWith(prefix)) return undefined;
  const relative = uri.path.slice(prefix.length);
  if (!dirOnly) return relative;
  const slash = relative.lastIndexOf('/');
  return slash < 0 ? '' : relative.slice(0, slash);
}

/** A path as a glob that matches only itself. */
function escapeGlob(path: string): string {
  return path.replace(/[*?{}[\]]/gu, (c) => `[${c}]`);
}

/** Minimal shape of the built-in git extension's API (vscode.git, API version 1). */
interface GitApi {
  readonly repositories: readonly { readonly rootUri: vscode.Uri; checkIgnore(paths: string[]): Promise<Set<string>> }[];
}

/**
 * The files git ignores, by fsPath, asked of the built-in git extension when it is there and has a repository
 * (nested .gitignore files, global excludes, negations: git decides). Without it the .gitignore globs alone apply.
 */
async function gitIgnored(files: readonly vscode.Uri[], logger: Logger): Promise<Set<string>> {
  const ignored = new Set<string>();
  const local = files.filter((f) => f.scheme === 'file');
  if (local.length === 0) return ignored;
  try {
    const extension = vscode.extensions.getExtension<{ getAPI(version: 1): GitApi; enabled?: boolean }>('vscode.git');
    if (!extension?.isActive || extension.exports.enabled === false) return ignored;
    const api = extension.exports.getAPI(1);
    for (const repository of api.repositories) {
      const root = repository.rootUri.fsPath.replace(/[\\/]+$/u, '');
      const inside = local.map((f) => f.fsPath).filter((p) => p.startsWith(`${root}/`) || p.startsWith(`${root}\\`));
      if (inside.length === 0) continue;
      const answer = await Promise.race([repository.checkIgnore(inside), new Promise<Set<string>>((resolve) => setTimeout(() => resolve(new Set()), GIT_TIMEOUT_MS))]);
      for (const p of answer) ignored.add(p);
    }
  } catch (error) {
    logger.info(`git could not say which drafts it ignores (${error instanceof Error ? error.message : String(error)}); .gitignore files were read instead`);
  }
  return ignored;
}
