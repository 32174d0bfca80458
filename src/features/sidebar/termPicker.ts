import * as vscode from 'vscode';
import { escapeLabelIcons } from '../../core/format/escape';
import type { KnowledgeBase } from '../../core/kb/knowledgeBase';
import type { Term } from '../../core/kb/model';
import { rankTerms } from '../../core/terms/termSearch';

interface TermItem extends vscode.QuickPickItem {
  readonly term?: Term;
}

/**
 * Picks a glossary term with the same typo tolerance as the quote picker ("pre trainng"): our ranking on every
 * keystroke, VS Code's own filter switched off, and a row that says so when nothing matches.
 */
export function pickTerm(kb: KnowledgeBase, quoteCount: (n: number) => string): Promise<Term | undefined> {
  const picker = vscode.window.createQuickPick<TermItem>();
  picker.title = 'Show Quotes for Term';
  picker.placeholder = 'Type a term (typos are fine) to list its quotes in the Themes view';
  picker.matchOnDescription = false;
  picker.matchOnDetail = false;
  (picker as unknown as { sortByLabel: boolean }).sortByLabel = false;
  const update = (value: string): void => {
    const terms = rankTerms(kb.terms, value);
    picker.items = terms.length > 0
      ? terms.map((term) => ({ label: escapeLabelIcons(term.label), description: quoteCount(kb.quotesForTerm(term.id).length), detail: escapeLabelIcons(term.definition), alwaysShow: true, term }))
      : [{ label: `$(search-stop) No term matches “${escapeLabelIcons(value.trim())}”`, detail: 'Try fewer letters, or Sourcebook: Filter Views to search the quotes themselves.', alwaysShow: true }];
  };
  return new Promise<Term | undefined>((resolve) => {
    const disposables: vscode.Disposable[] = [picker];
    disposables.push(
      picker.onDidChangeValue(update),
      picker.onDidAccept(() => {
        const term = picker.activeItems[0]?.term;
        if (!term) return;
        resolve(term);
        picker.hide();
      }),
      picker.onDidHide(() => {
        resolve(undefined);
        for (const d of disposables) d.dispose();
      }),
    );
    update('');
    picker.show();
  });
}
