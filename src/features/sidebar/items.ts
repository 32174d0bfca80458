import * as vscode from 'vscode';
import { originLabel } from '../../core/format/originLabel';
import { escapeMarkdownStrict } from '../../core/format/escape';
import { sourceDate } from '../../core/format/dates';
import { alsoQuotedIn, attributionLine, REPORTED_NOTE, reportedView, sourceByline, speakerName, speakerPhrase } from '../../core/format/formatQuote';
import type { Quote, Source, SourceKind, SpeakerKind } from '../../core/kb/model';
import { foldForFilter, QuoteFilter } from './filter';
import type { GroupNode, OwnerNode, QuoteNode, SidebarNode, SourceNode, SpeakerNode } from './nodes';

/** Quote rows show this many characters at most (cut at a word boundary, then "…"). */
export const QUOTE_LABEL_LENGTH = 60;

/** A short one-line label: the start of the quote, cut at a word boundary. */
export function shortLabel(text: string, max = QUOTE_LABEL_LENGTH): string {
  const oneLine = text.replace(/\s+/gu, ' ').trim();
  if (oneLine.length <= max) return oneLine;
  const cut = oneLine.slice(0, max + 1);
  const space = cut.lastIndexOf(' ');
  const head = space >= max / 2 ? cut.slice(0, space) : oneLine.slice(0, max);
  return `${head.replace(/[\s,;:.\-–—(“‘"']+$/u, '')}…`;
}

const num = (n: number): string => n.toLocaleString('en-US');

export function quoteCount(n: number): string {
  return n === 1 ? '1 quote' : `${num(n)} quotes`;
}

/**
 * "12 quotes", or with a filter "3 of 12 quotes". A speaker's count tells their own quotes from reports of their
 * view by others: "2 quotes, 1 report", or "1 report" for someone we only know through a writer's account.
 */
function countText(owner: OwnerNode, filtered: boolean): string {
  if (filtered && owner.quotes.length !== owner.total) return `${owner.quotes.length} of ${quoteCount(owner.total)}`;
  if (owner.kind !== 'speaker') return quoteCount(owner.quotes.length);
  const own = owner.quotes.filter((q) => q.speaker.id === owner.speaker.id).length;
  const reports = owner.quotes.length - own;
  const parts = [own > 0 ? quoteCount(own) : undefined, reports > 0 ? (reports === 1 ? '1 report' : `${num(reports)} reports`) : undefined];
  return parts.filter(Boolean).join(', ') || quoteCount(0);
}

const SPEAKER_KIND_WORD: Readonly<Record<SpeakerKind, string>> = { person: 'Person', organisation: 'Organisation', unsigned: 'Unsigned writer' };
const SPEAKER_ICON: Readonly<Record<SpeakerKind, string>> = { person: 'person', organisation: 'organization', unsigned: 'edit' };
const SOURCE_ICON: Readonly<Record<SourceKind, string>> = {
  'talk transcript': 'mic',
  'news report': 'globe',
  'blog post': 'note',
  'opinion piece': 'comment',
  interview: 'comment-discussion',
  notes: 'notebook',
};

const isDirect = (quote: Quote): boolean => quote.attribution === 'direct';

/**
 * Who, as the quote row's description. Under a speaker, what the row is to them: their own words (with the
 * source), someone reporting their view, or their report of someone's view.
 */
export function quoteDescription(node: QuoteNode): string {
  const { quote, owner } = node;
  if (owner.kind === 'speaker') {
    const self = owner.speaker.id === quote.speaker.id;
    const where = `“${quote.source.title}”`;
    if (self && isDirect(quote)) return `own words · ${where}`;
    if (self) return reportedView(quote);
    return `${isDirect(quote) ? 'mentioned' : 'reported'} by ${speakerName(quote.speaker)} · ${where}`;
  }
  return speakerPhrase(quote);
}

function label(text: string, filter: QuoteFilter | undefined): vscode.TreeItemLabel {
  return { label: text, highlights: filter ? highlights(text, filter) : undefined };
}

/** Where the filter's words occur in a label, for the tree to highlight (accent- and case-insensitive). */
export function highlights(text: string, filter: QuoteFilter): [number, number][] {
  // Fold character by character so offsets in the folded text map back to the label.
  let folded = '';
  const origin: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const piece = foldForFilter(text[i]) || (text[i] === ' ' ? ' ' : '');
    for (let k = 0; k < piece.length; k++) origin.push(i);
    folded += piece;
  }
  origin.push(text.length);
  const ranges: [number, number][] = [];
  for (const word of foldForFilter(filter.text).split(' ').filter((w) => w.length > 0)) {
    for (let at = folded.indexOf(word); at >= 0; at = folded.indexOf(word, at + word.length)) {
      ranges.push([origin[at], origin[at + word.length - 1] + 1]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** The row of any node (tooltips come later, from tooltipFor, when the user hovers). */
export function treeItemFor(node: SidebarNode, filter: QuoteFilter | undefined): vscode.TreeItem {
  switch (node.kind) {
    case 'quote':
      return quoteItem(node, filter);
    case 'group':
      return groupItem(node);
    default:
      return ownerItem(node, filter);
  }
}

function quoteItem(node: QuoteNode, filter: QuoteFilter | undefined): vscode.TreeItem {
  const { quote } = node;
  const text = shortLabel(quote.text);
  const item = new vscode.TreeItem(label(text, filter), vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.description = quoteDescription(node);
  item.iconPath = new vscode.ThemeIcon(isDirect(quote) ? 'quote' : 'comment-discussion');
  item.contextValue = 'quote';
  item.command = { command: 'sourcebook.openQuote', title: 'Open Source at Quote', arguments: [quote.id] };
  const kind = isDirect(quote) ? 'Direct quote' : 'Reported view';
  item.accessibilityInformation = { label: `${kind}, ${speakerPhrase(quote)}: ${shortLabel(quote.text, 160)} In ${quote.source.title}.` };
  return item;
}

function groupItem(node: GroupNode): vscode.TreeItem {
  const item = new vscode.TreeItem(`${node.noun} ${num(node.start + 1)}–${num(node.end)}`, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.id;
  item.description = `of ${num(node.levelSize)}`;
  item.iconPath = new vscode.ThemeIcon('list-unordered');
  item.contextValue = 'group';
  item.accessibilityInformation = { label: `${node.noun} ${num(node.start + 1)} to ${num(node.end)} of ${num(node.levelSize)}` };
  return item;
}

function ownerItem(node: OwnerNode, filter: QuoteFilter | undefined): vscode.TreeItem {
  const filtered = filter !== undefined;
  const count = countText(node, filtered);
  const state = node.quotes.length === 0
    ? vscode.TreeItemCollapsibleState.None
    : node.kind === 'term' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
  let item: vscode.TreeItem;
  switch (node.kind) {
    case 'theme':
      item = new vscode.TreeItem(label(node.theme.label, filter), state);
      item.description = count;
      item.iconPath = new vscode.ThemeIcon('tag');
      item.accessibilityInformation = { label: `Theme ${node.theme.label}, ${count}` };
      break;
    case 'term':
      item = new vscode.TreeItem(`Term: ${node.term.label}`, state);
      item.description = count;
      item.iconPath = new vscode.ThemeIcon('symbol-key');
      item.accessibilityInformation = { label: `Quotes for the term ${node.term.label}, ${count}` };
      break;
    case 'speaker': {
      const { speaker } = node;
      item = new vscode.TreeItem(label(speaker.name, filter), state);
      item.description = [count, speaker.role].filter(Boolean).join(' · ');
      item.iconPath = new vscode.ThemeIcon(SPEAKER_ICON[speaker.kind]);
      item.accessibilityInformation = { label: `${SPEAKER_KIND_WORD[speaker.kind]}: ${speaker.name}${speaker.role ? `, ${speaker.role}` : ''}, ${count}` };
      break;
    }
    case 'source': {
      const { source } = node;
      item = new vscode.TreeItem(label(source.title, filter), state);
      // Your own sources say which folder they are from; the embedded ones need no label.
      item.description = [count, source.kind, sourceDate(source), ...originLabel(source)].join(' · ');
      item.iconPath = new vscode.ThemeIcon(SOURCE_ICON[source.kind] ?? 'file');
      item.accessibilityInformation = { label: `Source: ${source.title}, ${source.kind}, ${sourceDate(source)}, ${count}` };
      break;
    }
  }
  item.id = node.id;
  item.contextValue = node.kind;
  return item;
}

// ---- Tooltips (resolved lazily on hover) -----------------------------------------------------------------

const e = escapeMarkdownStrict;

function markdown(lines: readonly string[]): vscode.MarkdownString {
  const md = new vscode.MarkdownString(lines.join('\n\n'), false);
  // Source text is data: no command links, no HTML.
  md.isTrusted = false;
  md.supportHtml = false;
  return md;
}

/** A blockquote of the full words, attribution, source and date; every piece of source text escaped. */
export function quoteTooltip(quote: Quote): vscode.MarkdownString {
  const how = isDirect(quote)
    ? 'Direct words of the speaker.'
    : `Reported: ${speakerPhrase(quote)}. ${REPORTED_NOTE}`;
  const also = alsoQuotedIn(quote);
  return markdown([
    `> ${e(quote.text.replace(/\s+/gu, ' '))}`,
    e(attributionLine(quote)),
    e(how),
    e(sourceFacts(quote.source)),
    ...(also ? [e(also)] : []),
  ]);
}

function sourceFacts(source: Source): string {
  return [`Source: ${source.title}`, source.kind, sourceDate(source), source.origin === 'seed' ? 'embedded source' : source.displayPath].join(' · ');
}

export function tooltipFor(node: SidebarNode): vscode.MarkdownString | string | undefined {
  switch (node.kind) {
    case 'quote':
      return quoteTooltip(node.quote);
    case 'group':
      return `${node.noun} ${num(node.start + 1)} to ${num(node.end)} of ${num(node.levelSize)}`;
    case 'theme':
      return markdown([`**${e(node.theme.label)}** · ${e(quoteCount(node.total))}`, e(node.theme.description)].filter((l) => l.length > 0));
    case 'term':
      return markdown([`**${e(node.term.label)}** · ${e(quoteCount(node.total))}`, e(node.term.definition), e('Use Hide Term Quotes or Clear Filter to remove this entry.')]);
    case 'speaker':
      return speakerTooltip(node);
    case 'source':
      return sourceTooltip(node);
  }
}

function speakerTooltip(node: SpeakerNode): vscode.MarkdownString {
  const { speaker } = node;
  const own = node.quotes.filter((q) => q.speaker.id === speaker.id && isDirect(q)).length;
  const lines = [`**${e(speaker.name)}** · ${e(SPEAKER_KIND_WORD[speaker.kind])}`];
  if (speaker.role) lines.push(e(speaker.role));
  if (speaker.aliases.length > 0) lines.push(e(`Also: ${speaker.aliases.join(', ')}`));
  lines.push(e(`${quoteCount(node.quotes.length)}: ${own} in their own words, ${node.quotes.length - own} reported or reporting.`));
  return markdown(lines);
}

function sourceTooltip(node: SourceNode): vscode.MarkdownString {
  const { source } = node;
  const lines = [`**${e(source.title)}**`, e([sourceByline(source), source.kind, sourceDate(source)].filter(Boolean).join(' · '))];
  lines.push(e(source.origin === 'seed' ? 'Embedded source' : source.displayPath));
  if (source.url) lines.push(e(source.url));
  if (source.note) lines.push(e(`Note: ${source.note}`));
  lines.push(e(quoteCount(node.total)));
  return markdown(lines);
}
