import * as vscode from 'vscode';
import { corpusSummary } from '../../core/format/corpusSummary';
import type { FeatureDeps } from '../deps';

/**
 * The corpus in the status bar: how many quotes, sentences and sources every surface serves, and a spinner while
 * sources are read and indexed; a click opens the Sources view, where skipped files are counted and explained.
 * With it, the commands on the corpus as a whole: Reload Sources, and Show Log (why a file was skipped).
 */
export function register(deps: FeatureDeps): vscode.Disposable {
  return vscode.Disposable.from(
    statusItem(deps),
    vscode.commands.registerCommand('sourcebook.reload', () => deps.corpus.reload()),
    vscode.commands.registerCommand('sourcebook.showLog', () => deps.logger.show()),
  );
}

function statusItem(deps: FeatureDeps): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('sourcebook.corpus', vscode.StatusBarAlignment.Right, 100);
  item.name = 'Sourcebook Sources';
  item.command = 'sourcebook.sources.focus';
  const update = (): void => {
    const corpus = deps.corpus.current;
    const { quotes, sources } = corpus.kb;
    if (deps.corpus.isLoading) {
      item.text = '$(sync~spin) Sourcebook';
      item.tooltip = 'Sourcebook is reading and indexing sources…';
    } else {
      item.text = `$(book) ${quotes.length}`;
      item.tooltip = corpusSummary(quotes.length, corpus.passageCount, sources.length, deps.corpus.skippedFiles);
    }
    item.show();
  };
  update();
  return vscode.Disposable.from(item, deps.corpus.onDidChange(update), deps.corpus.onDidChangeState(update));
}
