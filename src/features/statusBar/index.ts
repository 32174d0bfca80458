import * as vscode from 'vscode';
import type { MisquoteChecker } from '../check';

export interface StatusBarApi {
  /** The item's text now, or undefined while it is hidden. */
  text(): string | undefined;
}

/**
 * The number of findings in the workspace (open documents and the drafts of Check All Drafts), in the status bar;
 * hidden while there are none. Clicking it focuses the Findings view.
 */
export function register(checker: MisquoteChecker): vscode.Disposable & { api: StatusBarApi } {
  const item = vscode.window.createStatusBarItem('sourcebook.findings', vscode.StatusBarAlignment.Left, 10);
  item.name = 'Sourcebook Findings';
  item.command = 'sourcebook.findings.focus';
  let visible = false;
  const update = (): void => {
    const files = checker.allFindings();
    const total = files.reduce((n, p) => n + p.entries.length, 0);
    visible = total > 0;
    if (!visible) {
      item.hide();
      return;
    }
    const findings = `${total} ${total === 1 ? 'misquote finding' : 'misquote findings'}`;
    const where = `${files.length} ${files.length === 1 ? 'file' : 'files'}`;
    item.text = `$(quote) ${total}`;
    item.tooltip = `Sourcebook: ${findings} in ${where}. Click to show the Findings view.`;
    item.accessibilityInformation = { label: `Sourcebook: ${findings} in ${where}`, role: 'button' };
    item.show();
  };
  update();
  const disposable = vscode.Disposable.from(item, checker.onDidChangeFindings(update));
  return Object.assign(disposable, { api: { text: () => (visible ? item.text : undefined) } });
}
