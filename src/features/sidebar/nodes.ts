import type { Quote, Source, Speaker, Term, Theme } from '../../core/kb/model';

/** The three views of the Sourcebook container. */
export type ViewKind = 'themes' | 'speakers' | 'sources';
export const VIEW_KINDS: readonly ViewKind[] = ['themes', 'speakers', 'sources'];
export const VIEW_IDS: Readonly<Record<ViewKind, string>> = {
  themes: 'sourcebook.themes',
  speakers: 'sourcebook.speakers',
  sources: 'sourcebook.sources',
};

/**
 * A level with more children than this is shown as groups ("Quotes 1–200", …), nested when needed, so that
 * expanding a node with tens of thousands of quotes renders at most this many rows.
 */
export const PAGE_SIZE = 200;

/** A node that owns a list of quotes: a theme, speaker, source, or the transient term root of the Themes view. */
export type OwnerNode = ThemeNode | SpeakerNode | SourceNode | TermNode;
export type SidebarNode = OwnerNode | GroupNode | QuoteNode;

interface NodeBase {
  /** Stable across refreshes and unique in its view, so VS Code keeps expansion and selection. */
  readonly id: string;
  readonly view: ViewKind;
  readonly parent: SidebarNode | undefined;
}

interface OwnerBase extends NodeBase {
  /** The quotes shown under it (narrowed by the filter). */
  readonly quotes: readonly Quote[];
  /** How many quotes it has without the filter. */
  readonly total: number;
}

export interface ThemeNode extends OwnerBase {
  readonly kind: 'theme';
  readonly theme: Theme;
}

export interface SpeakerNode extends OwnerBase {
  readonly kind: 'speaker';
  readonly speaker: Speaker;
}

export interface SourceNode extends OwnerBase {
  readonly kind: 'source';
  readonly source: Source;
}

/** "Term: scaling laws", shown at the top of the Themes view by Show Quotes for Term. */
export interface TermNode extends OwnerBase {
  readonly kind: 'term';
  readonly term: Term;
}

/** A slice of a long level: "Quotes 201–400". */
export interface GroupNode extends NodeBase {
  readonly kind: 'group';
  /** What the slice holds: "Quotes", "Speakers", "Sources", "Themes". */
  readonly noun: string;
  /** 0-based index of the first item in the whole level, and one past the last. */
  readonly start: number;
  readonly end: number;
  /** How many items the whole level has. */
  readonly levelSize: number;
  children(): SidebarNode[];
}

export interface QuoteNode extends NodeBase {
  readonly kind: 'quote';
  readonly quote: Quote;
  /** What the quote commands (insert, copy, open) read from a tree node. */
  readonly quoteId: string;
  /** The theme, speaker, source or term the quote is listed under. */
  readonly owner: OwnerNode;
}

/** Ids are made of catalog ids; encoding keeps a "/" or ":" in a user's id from colliding with the separators. */
export function idPart(kind: string, id: string): string {
  return `${kind}:${encodeURIComponent(id)}`;
}

/**
 * The children of one level: the items themselves when there are at most PAGE_SIZE, else groups of PAGE_SIZE
 * (or PAGE_SIZE², … so that no level has more than PAGE_SIZE rows). Items are built only when their group is
 * expanded.
 */
export function paged<T>(
  items: readonly T[],
  noun: string,
  view: ViewKind,
  parent: SidebarNode | undefined,
  idBase: string,
  make: (item: T, parent: SidebarNode | undefined) => SidebarNode,
  offset = 0,
  levelSize = items.length,
): SidebarNode[] {
  if (items.length <= PAGE_SIZE) return items.map((item) => make(item, parent));
  let size = PAGE_SIZE;
  while (Math.ceil(items.length / size) > PAGE_SIZE) size *= PAGE_SIZE;
  const groups: SidebarNode[] = [];
  for (let start = 0; start < items.length; start += size) {
    const end = Math.min(items.length, start + size);
    const id = `${idBase}/group:${offset + start}`;
    const group: GroupNode = {
      kind: 'group',
      id,
      view,
      parent,
      noun,
      start: offset + start,
      end: offset + end,
      levelSize,
      children: () => paged(items.slice(start, end), noun, view, group, id, make, offset + start, levelSize),
    };
    groups.push(group);
  }
  return groups;
}

/** The quotes of an owner as rows (grouped when long). */
export function quoteChildren(owner: OwnerNode): SidebarNode[] {
  return paged(owner.quotes, 'Quotes', owner.view, owner, owner.id, (quote, parent) => ({
    kind: 'quote',
    id: `${owner.id}/${idPart('quote', quote.id)}`,
    view: owner.view,
    parent,
    quote,
    quoteId: quote.id,
    owner,
  }));
}
