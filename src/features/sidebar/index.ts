import * as vscode from 'vscode';
import type { Corpus } from '../../core/corpus';
import type { Term } from '../../core/kb/model';
import { CancelledError } from '../../core/util/cancellation';
import { runInSlices } from '../../host/timeSlices';
import type { FeatureDeps } from '../deps';
import { QuoteFilter } from './filter';
import { pickTerm } from './termPicker';
import { quoteCount } from './items';
import { SidebarNode, VIEW_IDS, VIEW_KINDS, ViewKind } from './nodes';
import { SidebarState, SidebarTreeProvider } from './provider';

export type { SidebarNode } from './nodes';
export { PAGE_SIZE, VIEW_IDS } from './nodes';

/** What tests (through the extension's exports) and other features reach of the sidebar. */
export interface SidebarApi {
  readonly providers: Readonly<Record<ViewKind, SidebarTreeProvider>>;
  readonly views: Readonly<Record<ViewKind, vscode.TreeView<SidebarNode>>>;
  /** The typed filter, or undefined. */
  readonly filter: string | undefined;
  /**
   * Narrows all three views (undefined or blank clears the filter). Resolves once the views show it (their rows,
   * descriptions and messages), or once a newer filter or corpus took its place.
   */
  setFilter(text: string | undefined): Promise<void>;
  /** The id of the term shown at the top of the Themes view, or undefined. */
  readonly term: string | undefined;
  /** Shows "Term: X" with its quotes at the top of the Themes view, expanded, selected and focused. False if unknown. */
  revealTerm(termId: string): Promise<boolean>;
  /** Removes the term entry from the Themes view. */
  clearTerm(): void;
  /**
   * Test hook: serve the three views from this corpus instead of the loaded one (undefined: back to the loaded
   * one). Only the sidebar uses it; quote commands still resolve ids against the loaded corpus.
   */
  useCorpusForTesting(corpus: Corpus | undefined): void;
}

const FILTERED_CONTEXT = 'sourcebook.filtered';
const READY_CONTEXT = 'sourcebook.ready';

/**
 * The three views and what they show: the corpus (or a test's), the typed filter and the pinned term. Every change
 * goes through here, so the views' descriptions, messages and the `sourcebook.filtered` context follow.
 */
class Sidebar implements SidebarState, vscode.Disposable {
  readonly providers: Record<ViewKind, SidebarTreeProvider>;
  readonly views: Record<ViewKind, vscode.TreeView<SidebarNode>>;
  filter: QuoteFilter | undefined;
  term: Term | undefined;
  /** A corpus served instead of the loaded one (tests, through SidebarApi.useCorpusForTesting). */
  private override: Corpus | undefined;
  private ready = false;

  constructor(private readonly deps: FeatureDeps) {
    this.providers = Object.fromEntries(VIEW_KINDS.map((kind) => [kind, new SidebarTreeProvider(kind, this)])) as Record<ViewKind, SidebarTreeProvider>;
    this.views = Object.fromEntries(VIEW_KINDS.map((kind) => [kind, vscode.window.createTreeView(VIEW_IDS[kind], {
      treeDataProvider: this.providers[kind],
      showCollapseAll: true,
    })])) as Record<ViewKind, vscode.TreeView<SidebarNode>>;
  }

  corpus(): Corpus {
    return this.override ?? this.deps.corpus.current;
  }

  /** Shows "Loading sources…" until the first load, then the quotes. */
  load(): void {
    this.setFiltered();
    this.updateChrome();
    void vscode.window.withProgress({ location: { viewId: VIEW_IDS.themes } }, () => this.deps.corpus.ready);
    void this.deps.corpus.ready.then(() => {
      this.ready = true;
      void vscode.commands.executeCommand('setContext', READY_CONTEXT, true);
      this.refreshAll();
    });
  }

  /** A term that is gone from a reloaded corpus is dropped; one still there is shown with the new corpus's quotes. */
  corpusChanged(): void {
    if (this.term && !this.override) {
      this.term = this.deps.corpus.current.kb.term(this.term.id);
      this.setFiltered();
    }
    void this.refreshFiltered();
  }

  setFilter(text: string | undefined): Promise<void> {
    this.filter = QuoteFilter.parse(text);
    this.setFiltered();
    return this.refreshFiltered();
  }

  /**
   * Rebuilds the views; under a filter, once every quote's verdict has been worked out a few milliseconds at a time,
   * so that filtering a large corpus never holds the editor. Until then the views show what they showed; a newer
   * filter or corpus stops the work.
   */
  private refreshFiltered(): Promise<void> {
    const filter = this.filter;
    const corpus = this.corpus();
    if (!filter) {
      this.refreshAll();
      return Promise.resolve();
    }
    for (const kind of VIEW_KINDS) this.providers[kind].invalidate();
    // The filter shows in the views' descriptions at once; their rows follow once worked out.
    for (const kind of VIEW_KINDS) this.views[kind].description = this.descriptionOf(kind);
    const current = (): boolean => this.filter === filter && this.corpus() === corpus;
    const token = {
      get isCancellationRequested(): boolean {
        return !current();
      },
    };
    return runInSlices(filter.prepare(corpus.kb.quotes), token).then(
      () => this.refreshAll(),
      (error: unknown) => {
        if (!(error instanceof CancelledError)) this.deps.logger.error(`The filter could not be applied: ${error instanceof Error ? error.message : String(error)}`);
      },
    );
  }

  clearTerm(): void {
    if (!this.term) return;
    this.term = undefined;
    this.setFiltered();
    this.providers.themes.refresh();
    this.updateChrome();
  }

  /** Pins the term at the top of Themes and reveals it; false when the corpus does not know it. */
  async revealTerm(termId: string): Promise<boolean> {
    const found = this.corpus().kb.term(termId);
    if (!found) return false;
    this.term = found;
    this.setFiltered();
    this.providers.themes.refresh();
    this.updateChrome();
    const root = this.providers.themes.rootNodes().find((node) => node.kind === 'term');
    if (!root) return false;
    try {
      await this.views.themes.reveal(root, { select: true, focus: true, expand: true });
    } catch (error) {
      // The entry is there even if the view could not be scrolled to it (e.g. the window is hidden).
      this.deps.logger.warn(`Could not reveal the quotes for "${found.label}" in the Themes view: ${(error as Error).message}`);
    }
    return true;
  }

  /** Serves the views from this corpus instead of the loaded one (undefined: back to the loaded one). */
  serve(corpus: Corpus | undefined): void {
    this.override = corpus;
    if (this.term && !this.corpus().kb.term(this.term.id)) this.term = undefined;
    this.setFiltered();
    void this.refreshFiltered();
  }

  private refreshAll(): void {
    for (const kind of VIEW_KINDS) this.providers[kind].refresh();
    this.updateChrome();
  }

  private setFiltered(): void {
    void vscode.commands.executeCommand('setContext', FILTERED_CONTEXT, this.filter !== undefined || this.term !== undefined);
  }

  /** Descriptions and messages of the three views, after any change. */
  private updateChrome(): void {
    for (const kind of VIEW_KINDS) {
      this.views[kind].description = this.descriptionOf(kind);
      this.views[kind].message = this.messageOf(kind);
    }
  }

  private descriptionOf(kind: ViewKind): string | undefined {
    const skipped = this.deps.corpus.skippedFiles;
    const parts: string[] = [];
    if (this.filter) parts.push(`filter: ${this.filter.text}`);
    if (kind === 'sources' && skipped > 0 && !this.override) parts.push(`${skipped} ${skipped === 1 ? 'file' : 'files'} skipped — see log`);
    return parts.length > 0 ? parts.join(' · ') : undefined;
  }

  private messageOf(kind: ViewKind): string | undefined {
    if (!this.ready) return 'Loading sources…';
    if (this.filter && this.providers[kind].rootNodes().length === 0) return `No quotes match “${this.filter.text}”. Use Clear Filter to see everything.`;
    return undefined;
  }

  dispose(): void {
    for (const d of [...Object.values(this.providers), ...Object.values(this.views)]) d.dispose();
  }
}

export function register(deps: FeatureDeps): vscode.Disposable & { api: SidebarApi } {
  const sidebar = new Sidebar(deps);
  const disposable = vscode.Disposable.from(sidebar, deps.corpus.onDidChange(() => sidebar.corpusChanged()), registerCommands(sidebar));
  sidebar.load();
  return Object.assign(disposable, { api: sidebarApi(sidebar) });
}

/** The commands of the view titles and of hover cards' "all quotes for the term". */
function registerCommands(sidebar: Sidebar): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('sourcebook.filterViews', () => filterViews(sidebar)),
    vscode.commands.registerCommand('sourcebook.clearFilter', () => {
      sidebar.term = undefined;
      void sidebar.setFilter(undefined);
    }),
    vscode.commands.registerCommand('sourcebook.hideTermQuotes', () => sidebar.clearTerm()),
    vscode.commands.registerCommand('sourcebook.showQuotesForTerm', (arg?: unknown) => showQuotesForTerm(sidebar, arg)),
  );
}

/** Asks for the filter's words; Escape keeps the filter as it was, an empty answer clears it. */
async function filterViews(sidebar: Sidebar): Promise<void> {
  const current = sidebar.filter?.text ?? '';
  const text = await vscode.window.showInputBox({
    title: 'Filter Sourcebook Views',
    prompt: 'Show only quotes whose words, speaker, source title, theme or term contain all of these words (typos are fine). Leave empty to clear the filter.',
    placeHolder: 'e.g. peak data, Sutskever, synthetic',
    value: current,
    valueSelection: [0, current.length],
  });
  if (text !== undefined) await sidebar.setFilter(text);
}

/** The term named by the argument (an id, a hover link, a term node), or else picked by the writer. */
async function showQuotesForTerm(sidebar: Sidebar, arg: unknown): Promise<void> {
  const termId = termIdOf(arg) ?? (await chooseTerm(sidebar.corpus()))?.id;
  if (termId === undefined) return;
  if (!(await sidebar.revealTerm(termId))) {
    void vscode.window.showWarningMessage('Sourcebook: that term is no longer loaded. Reload the sources and try again.');
  }
}

async function chooseTerm(corpus: Corpus): Promise<Term | undefined> {
  if (corpus.kb.terms.length === 0) {
    void vscode.window.showInformationMessage('Sourcebook: no glossary terms are loaded.');
    return undefined;
  }
  return pickTerm(corpus.kb, quoteCount);
}

function termIdOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (typeof arg === 'object' && arg !== null) {
    const { termId, term: node } = arg as { termId?: unknown; term?: { id?: unknown } };
    if (typeof termId === 'string') return termId;
    if (typeof node?.id === 'string') return node.id;
  }
  return undefined;
}

/** What the extension's API exposes of the sidebar: the views, the filter and the term, and the tests' corpus hook. */
function sidebarApi(sidebar: Sidebar): SidebarApi {
  return {
    providers: sidebar.providers,
    views: sidebar.views,
    get filter() {
      return sidebar.filter?.text;
    },
    setFilter: (text) => sidebar.setFilter(text),
    get term() {
      return sidebar.term?.id;
    },
    revealTerm: (termId) => sidebar.revealTerm(termId),
    clearTerm: () => sidebar.clearTerm(),
    useCorpusForTesting: (corpus) => sidebar.serve(corpus),
  };
}
