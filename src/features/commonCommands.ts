import * as vscode from 'vscode';
import { FeatureDeps, resolveQuote } from './deps';

/**
 * Commands on one quote that several surfaces link to (hover cards, tree rows, picker buttons). Each takes a
 * quote id or a tree node; without one (run from the palette), it says so rather than failing silently.
 */
export function register(deps: FeatureDeps): vscode.Disposable {
  const withQuote = (action: (quote: NonNullable<ReturnType<typeof resolveQuote>>) => Promise<unknown>) => async (ref?: unknown): Promise<void> => {
    const quote = resolveQuote(deps, ref);
    if (!quote) {
      void vscode.window.showWarningMessage('Sourcebook: that quote is no longer loaded. Reload the sources and try again.');
      return;
    }
    await action(quote);
  };
  return vscode.Disposable.from(
    vscode.commands.registerCommand('sourcebook.insertTreeQuote', withQuote(async (q) => {
      // From a hover card, the card would stay open over the text just inserted.
      await vscode.commands.executeCommand('editor.action.hideHover').then(undefined, () => undefined);
      return deps.actions.insert(q);
    })),
    vscode.commands.registerCommand('sourcebook.copyTreeQuote', withQuote((q) => deps.actions.copy(q))),
    vscode.commands.registerCommand('sourcebook.copyTreeQuotePlain', withQuote((q) => deps.actions.copyPlain(q))),
    vscode.commands.registerCommand('sourcebook.openQuote', withQuote((q) => deps.actions.open(q))),
    vscode.commands.registerCommand('sourcebook.showLog', () => deps.logger.show()),
    vscode.commands.registerCommand('sourcebook.reload', () => deps.corpus.reload()),
  );
}
