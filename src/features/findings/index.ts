import * as vscode from 'vscode';
import { FindingEntry, FindingKey, fixAllInFile, fixFinding, MisquoteChecker, Published } from '../check';

/** Longer finding messages are shortened in the tree (the tooltip has them whole). */
const LABEL_MAX = 120;

interface FileNode {
  readonly kind: 'file';
  readonly uri: vscode.Uri;
  readonly published: Published;
}

interface FindingNode {
  readonly kind: 'finding';
  readonly uri: vscode.Uri;
  readonly entry: FindingEntry;
  readonly key: FindingKey;
}

type Node = FileNode | FindingNode;

/** Findings grouped by file: a file row with its count, then one row per finding, in text order. */
export class FindingsProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly checker: MisquoteChecker) {
    this.subscription = checker.onDidChangeFindings(() => this.changed.fire(undefined));
  }

  getChildren(node?: Node): Node[] {
    if (!node) return this.checker.allFindings().map((published) => ({ kind: 'file', uri: published.uri, published }));
    if (node.kind === 'finding') return [];
    return [...node.published.entries]
      .sort((a, b) => a.diagnostic.range.start.compareTo(b.diagnostic.range.start))
      .map((entry) => ({ kind: 'finding', uri: node.uri, entry, key: keyOf(node.uri, entry) }));
  }

  getParent(node: Node): Node | undefined {
    if (node.kind === 'file') return undefined;
    const published = this.checker.published.get(node.uri.toString());
    return published ? { kind: 'file', uri: node.uri, published } : undefined;
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'file') {
      const item = new vscode.TreeItem(node.uri, vscode.TreeItemCollapsibleState.Expanded);
      const count = node.published.entries.length;
      const relative = node.uri.scheme === 'untitled' ? node.uri.path : vscode.workspace.asRelativePath(node.uri, true);
      const dir = relative.includes('/') ? relative.slice(0, relative.lastIndexOf('/')) : '';
      item.description = `${countOf(count, 'finding')}${dir ? ` · ${dir}` : ''}`;
      item.tooltip = `${relative}: ${countOf(count, 'finding')}`;
      item.contextValue = 'findingsFile';
      item.id = `file:${node.uri.toString()}`;
      return item;
    }
    const { diagnostic, finding } = node.entry;
    const item = new vscode.TreeItem(shorten(diagnostic.message), vscode.TreeItemCollapsibleState.None);
    item.description = `Ln ${diagnostic.range.start.line + 1}, Col ${diagnostic.range.start.character + 1}`;
    const look = LOOKS[finding.kind];
    item.iconPath = new vscode.ThemeIcon(look.icon, new vscode.ThemeColor('problemsWarningIcon.foreground'));
    item.contextValue = look.contextValue;
    // A finding without a replacement (an unknown citation key) has no fix: its row only opens it.
    item.tooltip = new vscode.MarkdownString().appendText(finding.replacement && look.fix ? `${diagnostic.message}\n\n${look.fix}: “${finding.replacement.text}”` : diagnostic.message);
    item.accessibilityInformation = { label: `${diagnostic.message}, line ${diagnostic.range.start.line + 1}` };
    item.command = { command: 'sourcebook.findings.open', title: 'Go to Finding', arguments: [node] };
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/** Per kind of finding: its icon, its context value (package.json shows the inline fix by it) and its fix. */
const LOOKS: Record<FindingEntry['finding']['kind'], { icon: string; contextValue: string; fix?: string }> = {
  differs: { icon: 'quote', contextValue: 'misquoteFinding', fix: 'Restore Exact Words' },
  'wrong-speaker': { icon: 'person', contextValue: 'wrongSpeakerFinding', fix: 'Use the Right Name' },
  'wrong-citation': { icon: 'book', contextValue: 'wrongCitationFinding', fix: 'Use the Right Key' },
  'unknown-key': { icon: 'question', contextValue: 'unknownKeyFinding' },
};

function keyOf(uri: vscode.Uri, entry: FindingEntry): FindingKey {
  return { uri, kind: entry.finding.kind, quoteId: entry.finding.quote?.id, message: entry.diagnostic.message, line: entry.diagnostic.range.start.line };
}

function countOf(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function shorten(text: string): string {
  return text.length <= LABEL_MAX ? text : `${text.slice(0, LABEL_MAX - 1)}…`;
}

/** Opens the draft with the finding's quotation selected. */
async function openFinding(node: FindingNode): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(node.uri);
  const range = node.entry.diagnostic.range;
  return vscode.window.showTextDocument(document, { selection: range, preview: true });
}

/** After a fix in a file that is not shown, show it: the edit is unsaved there, and Undo is in its editor. */
async function showIfHidden(uri: vscode.Uri): Promise<void> {
  if (vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === uri.toString())) return;
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: true, preserveFocus: true });
}

/** A row of the view as tests see it. */
export interface FindingsRow {
  readonly label: string;
  readonly description: string;
  readonly contextValue: string;
  readonly children: readonly FindingsRow[];
}

export interface FindingsApi {
  /** The rows of the view now: files, each with its findings. */
  rows(): FindingsRow[];
  /** The inline action of a file row (Fix All in File), by its URI. */
  fixAllInFile(uri: vscode.Uri): Promise<number>;
}

export function register(checker: MisquoteChecker): vscode.Disposable & { api: FindingsApi } {
  const provider = new FindingsProvider(checker);
  const view = vscode.window.createTreeView('sourcebook.findings', { treeDataProvider: provider, showCollapseAll: true });
  const updateBadge = (): void => {
    const total = checker.allFindings().reduce((n, p) => n + p.entries.length, 0);
    view.badge = total > 0 ? { value: total, tooltip: countOf(total, 'finding') } : undefined;
  };
  updateBadge();
  const fixAll = async (uri: vscode.Uri): Promise<number> => {
    const fixed = await fixAllInFile(checker, uri);
    if (fixed > 0) {
      await showIfHidden(uri);
      vscode.window.setStatusBarMessage(`Sourcebook: ${countOf(fixed, 'fix')} applied in ${vscode.workspace.asRelativePath(uri)} (one Undo reverts them)`, 5000);
    } else {
      void vscode.window.showInformationMessage('Sourcebook: nothing to fix there any more.');
    }
    return fixed;
  };
  const fixOne = async (node?: unknown): Promise<void> => {
    if (!isFindingNode(node)) return;
    if (await fixFinding(checker, node.key)) await showIfHidden(node.uri);
    else void vscode.window.showInformationMessage('Sourcebook: that finding is no longer there.');
  };
  const rowOf = (node: Node): FindingsRow => {
    const item = provider.getTreeItem(node);
    const label = typeof item.label === 'string' ? item.label : item.label?.label ?? (node.kind === 'file' ? node.uri.path.slice(node.uri.path.lastIndexOf('/') + 1) : '');
    return { label, description: String(item.description ?? ''), contextValue: item.contextValue ?? '', children: provider.getChildren(node).map(rowOf) };
  };
  const disposable = vscode.Disposable.from(
    provider,
    view,
    checker.onDidChangeFindings(updateBadge),
    vscode.commands.registerCommand('sourcebook.findings.open', (node?: unknown) => (isFindingNode(node) ? openFinding(node) : undefined)),
    vscode.commands.registerCommand('sourcebook.findings.restoreWords', fixOne),
    vscode.commands.registerCommand('sourcebook.findings.useRightName', fixOne),
    vscode.commands.registerCommand('sourcebook.findings.useRightKey', fixOne),
    vscode.commands.registerCommand('sourcebook.findings.fixAllInFile', (node?: unknown) => {
      const uri = node instanceof vscode.Uri ? node : isNode(node) ? node.uri : vscode.window.activeTextEditor?.document.uri;
      return uri ? fixAll(uri) : 0;
    }),
  );
  return Object.assign(disposable, { api: { rows: () => provider.getChildren().map(rowOf), fixAllInFile: fixAll } });
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && (value as { uri?: unknown }).uri instanceof vscode.Uri && ((value as Node).kind === 'file' || (value as Node).kind === 'finding');
}

function isFindingNode(value: unknown): value is FindingNode {
  return isNode(value) && value.kind === 'finding';
}
