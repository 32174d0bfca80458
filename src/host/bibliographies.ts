import * as vscode from 'vscode';
import type { Bibliography } from '../core/citations/bibliography';
import type { CitekeyTable } from '../core/citations/citekeys';
import { CiteStyle, isCiteStyle } from '../core/citations/citeStyles';
import { decodeText } from '../core/kb/decodeSourceFile';
import { formatProblem } from '../core/kb/model';
import type { Logger } from '../core/util/logger';
import { citationsBundle, loadCitationsBundle } from './bibtexBundle';
import type { CorpusService } from './corpusService';

/** Setting keys of the citation feature (under `sourcebook.`). */
export const BIBLIOGRAPHY_SETTING = 'bibliography';
export const CITATION_STYLE_SETTING = 'citations.style';

/** A bibliography over this size is refused unread. */
const MAX_BIBLIOGRAPHY_BYTES = 32 * 1024 * 1024;

/** The writer's citation style for a document (setting sourcebook.citations.style); `attribution` by default. */
export function citationStyle(scope?: vscode.ConfigurationScope): CiteStyle {
  const value = vscode.workspace.getConfiguration('sourcebook', scope).get<unknown>(CITATION_STYLE_SETTING);
  return isCiteStyle(value) ? value : 'attribution';
}

/**
 * The writer's bibliographies (setting sourcebook.bibliography: workspace-relative .bib and CSL-JSON files, per
 * folder) and the citation keys of every source served. Files are read through workspace.fs, watched, and read
 * again on change; a malformed entry is one line in the log with its file and line, and the rest serves. A path
 * that leaves its workspace folder is ignored with a warning; in an untrusted workspace none is read.
 */
export class BibliographyService implements vscode.Disposable {
  private bibliographies: readonly Bibliography[] = [];
  private table?: CitekeyTable;
  private watchers: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[];
  private loading: Promise<void>;
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly corpus: CorpusService,
    private readonly logger: Logger,
  ) {
    this.disposables = [
      this.changed,
      corpus.onDidChange(() => {
        this.table = undefined;
        this.changed.fire();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`sourcebook.${BIBLIOGRAPHY_SETTING}`)) void this.reload();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => void this.reload()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.reload()),
    ];
    this.loading = this.load();
  }

  /** Whether any of the writer's bibliographies has been read (the check looks at citations then). */
  get hasBibliography(): boolean {
    return this.bibliographies.length > 0;
  }

  /** Resolves when the bibliographies named now have been read. */
  get ready(): Promise<void> {
    return this.loading;
  }

  /**
   * The keys of the current sources, with the writer's bibliographies as they were last read; undefined when
   * the citation bundle cannot be loaded (logged once).
   */
  get keys(): CitekeyTable | undefined {
    const bundle = citationsBundle(this.logger);
    if (!bundle) return undefined;
    this.table ??= new bundle.CitekeyTable(this.corpus.current.kb.sources, this.bibliographies);
    return this.table;
  }

  reload(): Promise<void> {
    this.loading = this.load();
    return this.loading;
  }

  private async load(): Promise<void> {
    const files = this.configuredFiles();
    const next: Bibliography[] = [];
    for (const file of files) {
      const bibliography = await this.read(file);
      if (bibliography) next.push(bibliography);
    }
    for (const w of this.watchers) w.dispose();
    this.watchers = files.map((file) => this.watch(file));
    this.bibliographies = next;
    this.table = undefined;
    this.changed.fire();
  }

  private configuredFiles(): vscode.Uri[] {
    if (!vscode.workspace.isTrusted) return [];
    const files: vscode.Uri[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const setting = vscode.workspace.getConfiguration('sourcebook', folder.uri).get<unknown>(BIBLIOGRAPHY_SETTING);
      if (!Array.isArray(setting)) continue;
      for (const entry of setting) {
        if (typeof entry !== 'string' || !entry.trim()) continue;
        const parts = entry.split(/[\\/]/u).filter((p) => p && p !== '.');
        if (/^(?:[a-z]:|[\\/])/iu.test(entry) || parts.includes('..')) {
          this.logger.warn(`sourcebook.bibliography: "${entry}" leaves the workspace folder ${folder.name}; ignored.`);
          continue;
        }
        files.push(vscode.Uri.joinPath(folder.uri, ...parts));
      }
    }
    return files;
  }

  private async read(uri: vscode.Uri): Promise<Bibliography | undefined> {
    const name = vscode.workspace.asRelativePath(uri);
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.type !== vscode.FileType.File) throw new Error('not a regular file');
      if (stat.size > MAX_BIBLIOGRAPHY_BYTES) throw new Error(`larger than ${MAX_BIBLIOGRAPHY_BYTES / 1024 / 1024} MB`);
      const decoded = decodeText(await vscode.workspace.fs.readFile(uri));
      if (!decoded.ok) throw new Error(decoded.reason);
      const bundle = await loadCitationsBundle(this.logger);
      if (!bundle) return undefined;
      const bibliography = await bundle.readBibliography(decoded.text, name);
      for (const problem of bibliography.problems) this.logger.warn(formatProblem(problem));
      this.logger.info(`${name}: ${bibliography.entries.length} bibliography entr${bibliography.entries.length === 1 ? 'y' : 'ies'}`);
      return bibliography;
    } catch (error) {
      this.logger.warn(`${name}: the bibliography could not be read (${error instanceof Error ? error.message : String(error)}); skipped.`);
      return undefined;
    }
  }

  private watch(uri: vscode.Uri): vscode.Disposable {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return new vscode.Disposable(() => undefined);
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, vscode.workspace.asRelativePath(uri, false)));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const soon = (): void => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void this.reload(), 300);
    };
    const subscriptions = [watcher, watcher.onDidChange(soon), watcher.onDidCreate(soon), watcher.onDidDelete(soon)];
    return new vscode.Disposable(() => {
      if (timer) clearTimeout(timer);
      for (const s of subscriptions) s.dispose();
    });
  }

  dispose(): void {
    for (const w of this.watchers) w.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
