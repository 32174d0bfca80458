import * as vscode from 'vscode';
import type { Quote } from '../../core/kb/model';
import type { FeatureDeps } from '../deps';

/**
 * How commands name a quote: a quote id (hover links, tests), or anything carrying `quoteId` (tree nodes).
 * Command arguments come from outside (links, keybindings), so they are checked, never trusted.
 */
export type QuoteRef = string | { readonly quoteId: string };

export function resolveQuote(deps: FeatureDeps, ref: unknown): Quote | undefined {
  const id = typeof ref === 'string' ? ref : typeof ref === 'object' && ref !== null && typeof (ref as { quoteId?: unknown }).quoteId === 'string' ? (ref as { quoteId: string }).quoteId : undefined;
  return id === undefined ? undefined : deps.corpus.current.quote(id);
}

/**
 * Commands on one quote that several surfaces link to (hover cards, tree rows, picker buttons). Each takes a
 * QuoteRef; without one (run from the palette), it says so rather than failing silently.
 */
export function register(deps: FeatureDeps): vscode.Disposable {
  const withQuote = (action: (quote: Quote) => Promise<unknown>) => async (ref?: QuoteRef | unknown): Promise<void> => {
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
  );
}
