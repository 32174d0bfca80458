import * as vscode from 'vscode';
import type { TermMatcher } from '../../core/terms/termMatcher';
import type { Logger } from '../../core/util/logger';
import { onConfigChange, readConfig, SourcebookConfig } from '../../host/config';
import type { CorpusService } from '../../host/corpusService';
import { documentExclusions } from '../../host/documentRegions';
import { isMutedBy } from './muted';

/**
 * Where the underlines go in a document: none when off, in another language, or over the size limit; and none in
 * code, comments, math, URLs, link targets or citation keys, where a hover would show no card either.
 */
export function termDecorationRanges(document: vscode.TextDocument, matcher: TermMatcher, config: SourcebookConfig, logger: Logger): vscode.Range[] {
  if (!config.decorationsEnabled || !config.hoverLanguages.includes(document.languageId)) return [];
  const text = document.getText();
  if (text.length > config.decorationsMaxFileSizeKB * 1024) return [];
  const matches = matcher.findAll(text, isMutedBy(config));
  if (matches.length === 0) return [];
  // Asked per match: in Markdown only the paragraphs that hold a term are parsed inline.
  const exclusions = documentExclusions(document, logger);
  return matches.filter((m) => !exclusions.excludes(m.start, m.end)).map((m) => new vscode.Range(document.positionAt(m.start), document.positionAt(m.end)));
}

/** Quiet time after the last keystroke before terms are underlined again. */
const TYPING_PAUSE_MS = 600;

/**
 * Optional subtle underlines under known terms (setting sourcebook.decorations.enabled, off by default).
 * Hidden while typing, skipped on large files, and applied to visible editors only.
 */
export class TermDecorations implements vscode.Disposable {
  private readonly decorationType = vscode.window.createTextEditorDecorationType({
    textDecoration: 'underline dotted',
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
  private readonly disposables: vscode.Disposable[];
  private timer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly corpus: CorpusService,
    private readonly logger: Logger,
  ) {
    this.disposables = [
      this.decorationType,
      vscode.window.onDidChangeVisibleTextEditors(() => this.refreshSoon(0)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        const visible = vscode.window.visibleTextEditors.filter((e) => e.document === event.document);
        if (visible.length === 0) return;
        // Hide while typing: underlines that lag behind the text are worse than none.
        for (const editor of visible) editor.setDecorations(this.decorationType, []);
        this.refreshSoon(TYPING_PAUSE_MS);
      }),
      onConfigChange(['decorationsEnabled', 'decorationsMaxFileSizeKB', 'hoverLanguages', 'hoverMutedTerms'], () => this.refreshSoon(0)),
      corpus.onDidChange(() => this.refreshSoon(0)),
    ];
    this.refreshSoon(0);
  }

  private refreshSoon(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), delayMs);
  }

  private refresh(): void {
    for (const editor of vscode.window.visibleTextEditors) editor.setDecorations(this.decorationType, this.rangesFor(editor.document));
  }

  private rangesFor(document: vscode.TextDocument): vscode.Range[] {
    return termDecorationRanges(document, this.corpus.current.matcher, readConfig(document.uri), this.logger);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
