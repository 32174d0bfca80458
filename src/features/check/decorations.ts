import * as vscode from 'vscode';
import { readConfig } from '../../host/config';
import type { Published } from './index';

/**
 * Squiggles without the Problems panel: with `sourcebook.check.problemsPanel` off, findings are not diagnostics
 * (VS Code lists every diagnostic in the Problems panel), so they are drawn as a wavy underline decoration in the
 * warning colour, with the finding's message as its hover and a mark in the overview ruler. Quick fixes still
 * come from the code action provider (Ctrl+. on the quotation), which does not need diagnostics.
 */
export class FindingDecorations implements vscode.Disposable {
  private readonly type = vscode.window.createTextEditorDecorationType({
    textDecoration: 'underline wavy var(--vscode-editorWarning-foreground)',
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.warningForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Right,
  });
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly source: { readonly published: ReadonlyMap<string, Published> }) {
    this.disposables = [this.type, vscode.window.onDidChangeVisibleTextEditors(() => this.refresh())];
  }

  /** Redraws the visible editors. */
  refresh(): void {
    for (const editor of vscode.window.visibleTextEditors) {
      const published = this.source.published.get(editor.document.uri.toString());
      const draw = published !== undefined && published.version === editor.document.version && !readConfig(editor.document.uri).checkProblemsPanel;
      editor.setDecorations(this.type, draw ? published.entries.map((e) => ({ range: e.diagnostic.range, hoverMessage: new vscode.MarkdownString().appendText(`Sourcebook: ${e.diagnostic.message}`) })) : []);
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
