import * as vscode from 'vscode';
import type { Corpus } from '../../core/corpus';
import type { ExclusionIndex } from '../../core/syntax/regions';
import { CONFIG_KEYS, readConfig, SourcebookConfig } from '../../host/config';
import { documentExclusions } from '../../host/documentRegions';
import type { FeatureDeps } from '../deps';
import { TermDecorations } from './decorations';
import { HOVER_COMMANDS, hoverCardMarkdown } from './hoverCard';
import { isMutedBy } from './muted';

/**
 * Hover cards: over a glossary term in a Markdown, LaTeX or plain-text document, a card with the term, its best
 * quotes and actions. The range covers exactly the term's occurrence. A term in code, a comment, math, a URL or
 * link target, or a citation key gets no card: the writer is not writing prose there.
 */
export class TermHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly corpus: () => Corpus,
    private readonly config: (document: vscode.TextDocument) => SourcebookConfig,
    private readonly exclusions: (document: vscode.TextDocument) => ExclusionIndex,
  ) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): vscode.Hover | undefined {
    const config = this.config(document);
    if (!config.hoverEnabled || !config.hoverLanguages.includes(document.languageId)) return undefined;
    if (token.isCancellationRequested) return undefined;
    const corpus = this.corpus();
    // lineAt hands over the line as stored; the matcher reads only a window around the position.
    const line = document.lineAt(position.line).text;
    const match = corpus.matcher.termAt(line, position.character, isMutedBy(config));
    if (!match || token.isCancellationRequested) return undefined;
    // Only now, with a term under the mouse, is the document's syntax read (once per version, then cached).
    const lineStart = document.offsetAt(new vscode.Position(position.line, 0));
    const excluded = this.exclusions(document).excludes(lineStart + match.start, lineStart + match.end);
    if (excluded || token.isCancellationRequested) return undefined;
    const quotes = corpus.kb.quotesForTerm(match.term.id);
    const markdown = new vscode.MarkdownString(hoverCardMarkdown(match.term, quotes.slice(0, config.hoverMaxQuotes), quotes.length));
    markdown.isTrusted = { enabledCommands: [...HOVER_COMMANDS] };
    markdown.supportHtml = false;
    return new vscode.Hover(markdown, new vscode.Range(position.line, match.start, position.line, match.end));
  }
}

export function register(deps: FeatureDeps): vscode.Disposable {
  const provider = new TermHoverProvider(() => deps.corpus.current, (document) => readConfig(document.uri), (document) => documentExclusions(document, deps.logger));
  return vscode.Disposable.from(
    // Every document: the language list is a setting, checked per hover, so changing it needs no reload.
    vscode.languages.registerHoverProvider('*', provider),
    vscode.commands.registerCommand('sourcebook.toggleHover', toggleHover),
    new TermDecorations(deps.corpus),
  );
}

async function toggleHover(): Promise<void> {
  const section = vscode.workspace.getConfiguration('sourcebook');
  const enabled = !readConfig().hoverEnabled;
  await section.update(CONFIG_KEYS.hoverEnabled, enabled, vscode.ConfigurationTarget.Global);
  vscode.window.setStatusBarMessage(`Sourcebook: hover cards ${enabled ? 'on' : 'off'}`, 3000);
}
