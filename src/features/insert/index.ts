import * as vscode from 'vscode';
import type { TermMatcher } from '../../core/terms/termMatcher';
import { isReadOnly } from '../../host/quoteActions';
import type { FeatureDeps } from '../deps';
import { pickQuote } from './quotePicker';

/**
 * The quote picker: Insert Quote…, Copy Quote… and Find Quotes for Term at Cursor…. Insertion goes to every
 * cursor as one undoable edit, formatted for the document's language.
 */
export function register(deps: FeatureDeps): vscode.Disposable {
  const pick = (title: string, initialValue?: string) =>
    pickQuote(() => deps.corpus.current, {
      title,
      initialValue,
      // Beside, and without taking the focus: the picker stays open with its query.
      onOpen: (quote) => void deps.actions.open(quote, { preview: true, viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }),
      onCopy: (quote) => void deps.actions.copy(quote),
    });

  const insertQuote = async (initialValue?: string): Promise<void> => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void vscode.window.showInformationMessage('Sourcebook: open a document and place the cursor where the quote should go, then run Insert Quote again.');
      return;
    }
    if (isReadOnly(editor.document)) {
      void vscode.window.showWarningMessage('Sourcebook: this document is read-only, so a quote cannot be inserted here. Use Sourcebook: Copy Quote… instead.');
      return;
    }
    await deps.corpus.ready;
    const quote = await pick('Insert Quote', typeof initialValue === 'string' ? initialValue : undefined);
    // The picker took focus; insert into the editor the user started from, at its cursors.
    if (quote) await deps.actions.insert(quote, editor);
  };

  const copyQuote = async (): Promise<void> => {
    await deps.corpus.ready;
    const quote = await pick('Copy Quote');
    if (quote) await deps.actions.copy(quote);
  };

  const insertQuoteForTerm = async (): Promise<void> => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void vscode.window.showInformationMessage('Sourcebook: place the cursor on a term in a document first.');
      return;
    }
    await deps.corpus.ready;
    const initial = termQueryAt(editor, deps.corpus.current.matcher);
    if (!initial) void vscode.window.showInformationMessage('Sourcebook: no glossary term at the cursor; type what you are looking for.');
    await insertQuote(initial ?? '');
  };

  return vscode.Disposable.from(
    vscode.commands.registerCommand('sourcebook.insertQuote', insertQuote),
    vscode.commands.registerCommand('sourcebook.copyQuote', copyQuote),
    vscode.commands.registerCommand('sourcebook.insertQuoteForTerm', insertQuoteForTerm),
  );
}

/**
 * What to search for from the cursor: the glossary term under it (its exact words in the text), else the
 * selection, else the word under the cursor; undefined when there is nothing.
 */
export function termQueryAt(editor: vscode.TextEditor, matcher: TermMatcher): string | undefined {
  const position = editor.selection.active;
  const line = editor.document.lineAt(position.line).text;
  const match = matcher.termAt(line, position.character);
  if (match) return line.slice(match.start, match.end);
  const selected = editor.document.getText(editor.selection).trim();
  if (selected) return selected;
  const wordRange = editor.document.getWordRangeAtPosition(position);
  return wordRange ? editor.document.getText(wordRange) : undefined;
}
