import * as vscode from 'vscode';
import type { Corpus } from '../../core/corpus';
import type { Term } from '../../core/kb/model';
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
  /** Narrows all three views (undefined or blank clears the filter). */
  setFilter(text: string | undefined): void;
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

export function register(deps: FeatureDeps): vscode.Disposable & { api: SidebarApi } {
  const disposables: vscode.Disposable[] = [];
  let filter: QuoteFilter | undefined;
  let term: Term | undefined;
  let override: Corpus | undefined;
  let ready = false;

  const state: SidebarState = {
    corpus: () => override ?? deps.corpus.current,
    get filter() {
      return filter;
    },
    get term() {
      return term;
    },
  };

  const providers = Object.fromEntries(VIEW_KINDS.map((kind) => [kind, new SidebarTreeProvider(kind, state)])) as Record<ViewKind, SidebarTreeProvider>;
  const views = Object.fromEntries(VIEW_KINDS.map((kind) => [kind, vscode.window.createTreeView(VIEW_IDS[kind], {
    treeDataProvider: providers[kind],
    showCollapseAll: true,
  })])) as Record<ViewKind, vscode.TreeView<SidebarNode>>;
  disposables.push(...Object.values(providers), ...Object.values(views));

  /** Descriptions and messages of the three views, after any change. */
  const updateChrome = (): void => {
    const skipped = deps.corpus.skippedFiles;
    for (const kind of VIEW_KINDS) {
      const view = views[kind];
      const parts: string[] = [];
      if (filter) parts.push(`filter: ${filter.text}`);
      if (kind === 'sources' && skipped > 0 && !override) parts.push(`${skipped} ${skipped === 1 ? 'file' : 'files'} skipped — see log`);
      view.description = parts.length > 0 ? parts.join(' · ') : undefined;
      let message: string | undefined;
      if (!ready) message = 'Loading sources…';
      else if (filter && providers[kind].rootNodes().length === 0) message = `No quotes match “${filter.text}”. Use Clear Filter to see everything.`;
      view.message = message;
    }
  };

  const refreshAll = (): void => {
    for (const kind of VIEW_KINDS) providers[kind].refresh();
    updateChrome();
  };

  const setFiltered = (): void => {
    void vscode.commands.executeCommand('setContext', FILTERED_CONTEXT, filter !== undefined || term !== undefined);
  };

  const setFilter = (text: string | undefined): void => {
    filter = QuoteFilter.parse(text);
    setFiltered();
    refreshAll();
  };

  const clearTerm = (): void => {
    if (!term) return;
    term = undefined;
    setFiltered();
    providers.themes.refresh();
    updateChrome();
  };

  const revealTerm = async (termId: string): Promise<boolean> => {
    const found = state.corpus().kb.term(termId);
    if (!found) return false;
    term = found;
    setFiltered();
    providers.themes.refresh();
    updateChrome();
    const root = providers.themes.rootNodes().find((node) => node.kind === 'term');
    if (!root) return false;
    try {
      await views.themes.reveal(root, { select: true, focus: true, expand: true });
    } catch (error) {
      // The entry is there even if the view could not be scrolled to it (e.g. the window is hidden).
      deps.logger.warn(`Could not reveal the quotes for "${found.label}" in the Themes view: ${(error as Error).message}`);
    }
    return true;
  };

  const chooseTerm = async (): Promise<Term | undefined> => {
    const { kb } = state.corpus();
    if (kb.terms.length === 0) {
      void vscode.window.showInformationMessage('Sourcebook: no glossary terms are loaded.');
      return undefined;
    }
    return pickTerm(kb, quoteCount);
  };

  const termIdOf = (arg: unknown): string | undefined => {
    if (typeof arg === 'string') return arg;
    if (typeof arg === 'object' && arg !== null) {
      const { termId, term: node } = arg as { termId?: unknown; term?: { id?: unknown } };
      if (typeof termId === 'string') return termId;
      if (typeof node?.id === 'string') return node.id;
    }
    return undefined;
  };

  disposables.push(
    deps.corpus.onDidChange(() => {
      // A term that is gone is dropped; one still there is shown with the new corpus's quotes.
      if (term && !override) {
        term = deps.corpus.current.kb.term(term.id);
        setFiltered();
      }
      refreshAll();
    }),
    vscode.commands.registerCommand('sourcebook.filterViews', async () => {
      const text = await vscode.window.showInputBox({
        title: 'Filter Sourcebook Views',
        prompt: 'Show only quotes whose words, speaker, source title, theme or term contain all of these words (typos are fine). Leave empty to clear the filter.',
        placeHolder: 'e.g. peak data, Sutskever, synthetic',
        value: filter?.text ?? '',
        valueSelection: [0, filter?.text.length ?? 0],
      });
      if (text === undefined) return; // Escape: keep the filter as it was.
      setFilter(text);
    }),
    vscode.commands.registerCommand('sourcebook.clearFilter', () => {
      term = undefined;
      setFilter(undefined);
    }),
    vscode.commands.registerCommand('sourcebook.hideTermQuotes', () => clearTerm()),
    vscode.commands.registerCommand('sourcebook.collapseAll', async () => {
      for (const kind of VIEW_KINDS) await vscode.commands.executeCommand(`workbench.actions.treeView.${VIEW_IDS[kind]}.collapseAll`);
    }),
    vscode.commands.registerCommand('sourcebook.showQuotesForTerm', async (arg?: unknown) => {
      let termId = termIdOf(arg);
      if (termId === undefined) termId = (await chooseTerm())?.id;
      if (termId === undefined) return;
      if (!(await revealTerm(termId))) {
        void vscode.window.showWarningMessage('Sourcebook: that term is no longer loaded. Reload the sources and try again.');
      }
    }),
  );

  setFiltered();
  updateChrome();
  void vscode.window.withProgress({ location: { viewId: VIEW_IDS.themes } }, () => deps.corpus.ready);
  void deps.corpus.ready.then(() => {
    ready = true;
    void vscode.commands.executeCommand('setContext', READY_CONTEXT, true);
    refreshAll();
  });

  const api: SidebarApi = {
    providers,
    views,
    get filter() {
      return filter?.text;
    },
    setFilter,
    get term() {
      return term?.id;
    },
    revealTerm,
    clearTerm,
    useCorpusForTesting(corpus) {
      override = corpus;
      if (term && !state.corpus().kb.term(term.id)) term = undefined;
      setFiltered();
      refreshAll();
    },
  };
  return Object.assign(new vscode.Disposable(() => {
    for (const d of disposables) d.dispose();
  }), { api });
}
