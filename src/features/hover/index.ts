import * as vscode from 'vscode';
import { findQuotations, Quotation } from '../../core/check/findQuotations';
import type { Corpus } from '../../core/corpus';
import type { Term } from '../../core/kb/model';
import type { ExclusionIndex } from '../../core/syntax/regions';
import { CONFIG_KEYS, readConfig, SourcebookConfig } from '../../host/config';
import { documentExclusions } from '../../host/documentRegions';
import type { FeatureDeps } from '../deps';
import { knownQuoteAt } from './attributed';
import { TermDecorations } from './decorations';
import { fromSourceMarkdown, HOVER_COMMANDS, hoverCardMarkdown, MUTE_COMMAND, muteLinkMarkdown } from './hoverCard';
import { isMutedBy } from './muted';
import { sectionStarts } from './sections';

/** How long a card asked for by Show Card at Cursor is offered at that line (the editor asks once or twice). */
const FORCED_CARD_MS = 3000;

/** What a document's hovers share per version: its quotations, its sections, and first occurrences found. */
interface DocumentFacts {
  readonly version: number;
  readonly languageId: string;
  quotations?: readonly Quotation[];
  sections?: readonly number[];
  /** First occurrence (document offset) of a term in a section, keyed by `${sectionStart}:${termId}`. */
  readonly firsts: Map<string, number | undefined>;
}

/**
 * Hover cards: over a glossary term in a Markdown, LaTeX or plain-text document, a card with the term, its best
 * quotes and actions. The range covers exactly the term's occurrence. A term in code, a comment, math, a URL or
 * link target, or a citation key gets no card: the writer is not writing prose there. `sourcebook.hover.mode`
 * limits cards to a term's first occurrence per section, or to Show Card at Cursor; a term inside a quotation
 * that already gives a known quote's words gets a one-line "from <source>" card.
 */
export class TermHoverProvider implements vscode.HoverProvider {
  private readonly facts = new WeakMap<vscode.TextDocument, DocumentFacts>();
  /** The card asked for by Show Card at Cursor: this document, at this version and line, for a moment. */
  private forced?: { readonly document: vscode.TextDocument; readonly version: number; readonly line: number; readonly until: number };

  constructor(
    private readonly corpus: () => Corpus,
    private readonly config: (document: vscode.TextDocument) => SourcebookConfig,
    private readonly exclusions: (document: vscode.TextDocument) => ExclusionIndex,
    /** Called when a card is shown (the walkthrough's "hover a term" step). */
    private readonly onCardShown: () => void = () => undefined,
  ) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): vscode.Hover | undefined {
    const f = this.forced;
    const forced = f !== undefined && f.document === document && f.version === document.version && f.line === position.line && Date.now() < f.until;
    return this.cardAt(document, position, forced, token);
  }

  /** Show Card at Cursor: the next hovers on this line show the card whatever the mode. */
  force(document: vscode.TextDocument, position: vscode.Position): void {
    this.forced = { document, version: document.version, line: position.line, until: Date.now() + FORCED_CARD_MS };
  }

  /**
   * The card at a position. `forced` (Show Card at Cursor) shows it even when hovers are off, in another mode,
   * in another language or for a muted term: the writer asked for it.
   */
  cardAt(document: vscode.TextDocument, position: vscode.Position, forced: boolean, token?: vscode.CancellationToken): vscode.Hover | undefined {
    const config = this.config(document);
    if (!forced && (!config.hoverEnabled || config.hoverMode === 'off' || !config.hoverLanguages.includes(document.languageId))) return undefined;
    if (token?.isCancellationRequested) return undefined;
    const corpus = this.corpus();
    const isMuted = forced ? () => false : isMutedBy(config);
    // lineAt hands over the line as stored; the matcher reads only a window around the position.
    const line = document.lineAt(position.line).text;
    const match = corpus.matcher.termAt(line, position.character, isMuted);
    if (!match || token?.isCancellationRequested) return undefined;
    // Only now, with a term under the mouse, is the document's syntax read (once per version, then cached).
    const lineStart = document.offsetAt(new vscode.Position(position.line, 0));
    const start = lineStart + match.start;
    const exclusions = this.exclusions(document);
    if (exclusions.excludes(start, lineStart + match.end) || token?.isCancellationRequested) return undefined;
    if (!forced && config.hoverMode === 'firstOccurrence' && !this.isFirstInSection(document, start, match.term, isMuted, exclusions)) return undefined;
    const range = new vscode.Range(position.line, match.start, position.line, match.end);
    const known = knownQuoteAt(document.getText(), document.languageId, start, corpus.kb.quotes, this.factsOf(document).quotations ??= findQuotations(document.getText(), document.languageId));
    this.onCardShown();
    if (known) return new vscode.Hover(trusted(fromSourceMarkdown(known), HOVER_COMMANDS), range);
    const quotes = corpus.kb.quotesForTerm(match.term.id);
    const card = trusted(hoverCardMarkdown(match.term, quotes.slice(0, config.hoverMaxQuotes), quotes.length), HOVER_COMMANDS);
    return new vscode.Hover([card, trusted(muteLinkMarkdown(match.term), [MUTE_COMMAND])], range);
  }

  /** Whether the occurrence at `start` is the term's first in its section (in prose, not muted). */
  private isFirstInSection(document: vscode.TextDocument, start: number, term: Term, isMuted: (t: Term) => boolean, exclusions: ExclusionIndex): boolean {
    const facts = this.factsOf(document);
    const text = document.getText();
    const sections = (facts.sections ??= sectionStarts(text, document.languageId));
    let i = 0;
    while (i + 1 < sections.length && sections[i + 1] <= start) i++;
    const from = sections[i];
    const to = i + 1 < sections.length ? sections[i + 1] : text.length;
    const key = `${from}:${term.id}`;
    if (!facts.firsts.has(key)) {
      const first = this.corpus().matcher.findAll(text.slice(from, to), isMuted).find((m) => m.term.id === term.id && !exclusions.excludes(from + m.start, from + m.end));
      facts.firsts.set(key, first ? from + first.start : undefined);
    }
    const first = facts.firsts.get(key);
    return first === undefined || first >= start;
  }

  private factsOf(document: vscode.TextDocument): DocumentFacts {
    let facts = this.facts.get(document);
    if (!facts || facts.version !== document.version || facts.languageId !== document.languageId) {
      facts = { version: document.version, languageId: document.languageId, firsts: new Map() };
      this.facts.set(document, facts);
    }
    return facts;
  }
}

function trusted(value: string, commands: readonly string[]): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString(value);
  markdown.isTrusted = { enabledCommands: [...commands] };
  markdown.supportHtml = false;
  return markdown;
}

export function register(deps: FeatureDeps): vscode.Disposable {
  let hovered = false;
  const onCardShown = (): void => {
    if (hovered) return;
    hovered = true;
    void vscode.commands.executeCommand('setContext', 'sourcebook.hoveredTerm', true);
  };
  const provider = new TermHoverProvider(() => deps.corpus.current, (document) => readConfig(document.uri), (document) => documentExclusions(document, deps.logger), onCardShown);
  return vscode.Disposable.from(
    // Every document: the language list is a setting, checked per hover, so changing it needs no reload.
    vscode.languages.registerHoverProvider('*', provider),
    vscode.commands.registerCommand('sourcebook.toggleHover', toggleHover),
    vscode.commands.registerCommand('sourcebook.showCardAtCursor', () => showCardAtCursor(provider)),
    vscode.commands.registerCommand(MUTE_COMMAND, (ref?: unknown) => muteTerm(deps, ref)),
    new TermDecorations(deps.corpus, deps.logger),
  );
}

async function toggleHover(): Promise<void> {
  const section = vscode.workspace.getConfiguration('sourcebook');
  const enabled = !readConfig().hoverEnabled;
  await section.update(CONFIG_KEYS.hoverEnabled, enabled, vscode.ConfigurationTarget.Global);
  vscode.window.setStatusBarMessage(`Sourcebook: hover cards ${enabled ? 'on' : 'off'}`, 3000);
}

/**
 * **Sourcebook: Show Card at Cursor**: the card of the term at the cursor, shown as the editor's hover (so the
 * keyboard can reach its links and a screen reader reads it), whatever `sourcebook.hover.mode` says. Resolves
 * to whether there was a card to show.
 */
export async function showCardAtCursor(provider: TermHoverProvider): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('Sourcebook: open a draft and put the cursor on a term to see its card.');
    return false;
  }
  const position = editor.selection.active;
  if (!provider.cardAt(editor.document, position, true)) {
    void vscode.window.showInformationMessage('Sourcebook: no known term at the cursor.');
    return false;
  }
  provider.force(editor.document, position);
  await vscode.commands.executeCommand('editor.action.showHover');
  return true;
}

/**
 * "Don't show for this term": adds the term's label to `sourcebook.hover.mutedTerms` where that setting is
 * already set (the workspace), else in the user settings, and offers Undo. From the palette, the term at the cursor.
 */
export async function muteTerm(deps: FeatureDeps, ref?: unknown): Promise<string | undefined> {
  const corpus = deps.corpus.current;
  let term = typeof ref === 'string' ? corpus.kb.term(ref) : undefined;
  const editor = vscode.window.activeTextEditor;
  if (!term && editor) {
    const position = editor.selection.active;
    term = corpus.matcher.termAt(editor.document.lineAt(position.line).text, position.character)?.term;
  }
  if (!term) {
    void vscode.window.showInformationMessage('Sourcebook: no known term at the cursor to mute.');
    return undefined;
  }
  const section = vscode.workspace.getConfiguration('sourcebook');
  const inspected = section.inspect<string[]>(CONFIG_KEYS.hoverMutedTerms);
  const target = inspected?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  const before = (target === vscode.ConfigurationTarget.Workspace ? inspected?.workspaceValue : inspected?.globalValue) ?? [];
  const label = term.label;
  if (!before.some((t) => t.trim().toLowerCase() === label.toLowerCase())) await section.update(CONFIG_KEYS.hoverMutedTerms, [...before, label], target);
  await vscode.commands.executeCommand('editor.action.hideHover').then(undefined, () => undefined);
  void vscode.window.showInformationMessage(`Sourcebook: no more cards for “${label}”.`, 'Undo', 'Open Setting').then(async (choice) => {
    if (choice === 'Undo') {
      const now = vscode.workspace.getConfiguration('sourcebook').inspect<string[]>(CONFIG_KEYS.hoverMutedTerms);
      const list = (target === vscode.ConfigurationTarget.Workspace ? now?.workspaceValue : now?.globalValue) ?? [];
      const rest = list.filter((t) => t.trim().toLowerCase() !== label.toLowerCase());
      await vscode.workspace.getConfiguration('sourcebook').update(CONFIG_KEYS.hoverMutedTerms, rest.length > 0 ? rest : undefined, target);
    } else if (choice === 'Open Setting') {
      await vscode.commands.executeCommand('workbench.action.openSettings', `sourcebook.${CONFIG_KEYS.hoverMutedTerms}`);
    }
  });
  return label;
}
