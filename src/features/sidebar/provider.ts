import * as vscode from 'vscode';
import type { Corpus } from '../../core/corpus';
import type { Quote, Speaker, SpeakerKind, Term } from '../../core/kb/model';
import type { QuoteFilter } from './filter';
import { tooltipFor, treeItemFor } from './items';
import { idPart, OwnerNode, paged, quoteChildren, SidebarNode, ViewKind } from './nodes';

/** What the three providers read: the corpus they show, the typed filter, and the term pinned in Themes. */
export interface SidebarState {
  corpus(): Corpus;
  readonly filter: QuoteFilter | undefined;
  readonly term: Term | undefined;
}

const SPEAKER_ORDER: Readonly<Record<SpeakerKind, number>> = { person: 0, organisation: 1, unsigned: 2 };

/**
 * One view's tree. Lazy: the root level is built on first request after a refresh and kept (so `reveal` finds
 * the same objects); deeper levels are built when expanded. Ids are stable, so a refresh keeps expansion.
 */
export class SidebarTreeProvider implements vscode.TreeDataProvider<SidebarNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<SidebarNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots?: SidebarNode[];

  constructor(
    readonly view: ViewKind,
    private readonly state: SidebarState,
  ) {}

  /** Rebuilds the whole view (corpus, filter or pinned term changed). */
  refresh(): void {
    this.roots = undefined;
    this.changed.fire(undefined);
  }

  /**
   * Forgets the root level without telling the view: the next request builds it anew, while the view goes on
   * showing what it shows until `refresh` (a filter whose verdicts are still being worked out).
   */
  invalidate(): void {
    this.roots = undefined;
  }

  getChildren(node?: SidebarNode): SidebarNode[] {
    if (!node) {
      this.roots ??= this.buildRoots();
      return this.roots;
    }
    switch (node.kind) {
      case 'quote':
        return [];
      case 'group':
        return node.children();
      default:
        return quoteChildren(node);
    }
  }

  getTreeItem(node: SidebarNode): vscode.TreeItem {
    return treeItemFor(node, this.state.filter);
  }

  getParent(node: SidebarNode): SidebarNode | undefined {
    return node.parent;
  }

  resolveTreeItem(item: vscode.TreeItem, node: SidebarNode): vscode.TreeItem {
    item.tooltip ??= tooltipFor(node);
    return item;
  }

  /** The root nodes as shown now (built if needed). */
  rootNodes(): readonly SidebarNode[] {
    return this.getChildren();
  }

  private buildRoots(): SidebarNode[] {
    const { kb } = this.state.corpus();
    const filter = this.state.filter;
    const view = this.view;
    /** Each entity with its quotes (narrowed by the filter); with a filter, only those that keep some. */
    const entries = <T>(items: readonly T[], quotesOf: (item: T) => readonly Quote[]): { item: T; quotes: readonly Quote[]; total: number }[] => {
      const all = items.map((item) => {
        const quotes = quotesOf(item);
        return { item, quotes: filter ? quotes.filter((q) => filter.matches(q)) : quotes, total: quotes.length };
      });
      return filter ? all.filter((entry) => entry.quotes.length > 0) : all;
    };
    switch (view) {
      case 'themes': {
        const roots: SidebarNode[] = [];
        const term = this.state.term;
        if (term) {
          const quotes = kb.quotesForTerm(term.id);
          // The user asked for this term: its quotes are shown whole, whatever the filter.
          roots.push({ kind: 'term', id: idPart('term', term.id), view, parent: undefined, term, quotes, total: quotes.length });
        }
        const themes = entries(kb.themes, (theme) => kb.quotesForTheme(theme.id));
        return [...roots, ...paged(themes, 'Themes', view, undefined, 'themes', ({ item, quotes, total }, parent): OwnerNode => (
          { kind: 'theme', id: idPart('theme', item.id), view, parent, theme: item, quotes, total }))];
      }
      case 'speakers': {
        // A speaker without a quote (a catalog's publisher, say) has nothing to show here.
        const quoted = kb.speakers.filter((speaker) => kb.quotesForSpeaker(speaker.id).length > 0);
        const sorted = quoted.sort((a, b) => SPEAKER_ORDER[a.kind] - SPEAKER_ORDER[b.kind]);
        const speakers = entries(sorted, (speaker) => ownWordsFirst(speaker, kb.quotesForSpeaker(speaker.id)));
        return paged(speakers, 'Speakers', view, undefined, 'speakers', ({ item, quotes, total }, parent): OwnerNode => (
          { kind: 'speaker', id: idPart('speaker', item.id), view, parent, speaker: item, quotes, total }));
      }
      case 'sources': {
        const sources = entries(kb.sources, (source) => kb.quotesForSource(source.id));
        return paged(sources, 'Sources', view, undefined, 'sources', ({ item, quotes, total }, parent): OwnerNode => (
          { kind: 'source', id: idPart('source', item.id), view, parent, source: item, quotes, total }));
      }
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** A speaker's own words first, then reports of their view; catalog order within each. */
function ownWordsFirst(speaker: Speaker, quotes: readonly Quote[]): readonly Quote[] {
  const own = quotes.filter((q) => q.speaker.id === speaker.id);
  return own.length === quotes.length ? quotes : [...own, ...quotes.filter((q) => q.speaker.id !== speaker.id)];
}
