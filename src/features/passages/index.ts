import * as vscode from 'vscode';
import { quoteSelection } from '../../core/passages/quoteText';
import { isReadOnly } from '../../host/quoteActions';
import { SOURCE_SCHEME, SourceDocumentProvider } from '../../host/sourceDocuments';
import type { FeatureDeps } from '../deps';

/**
 * Quote Selection in Draft: in a source opened read-only (sidebar, hover, picker), the selected words go into the
 * draft the writer was last in, formatted for its language, attributed to whoever speaks there: the speaker of
 * the quotes and sentences the selection touches, or the source's writer. A selection across two speakers is
 * refused, never given to one of them.
 */
export function register(deps: FeatureDeps): vscode.Disposable {
  let lastDraft: vscode.TextEditor | undefined = isDraft(vscode.window.activeTextEditor) ? vscode.window.activeTextEditor : undefined;

  const quoteSelectionInDraft = async (): Promise<void> => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.uri.scheme !== SOURCE_SCHEME) {
      void vscode.window.showInformationMessage('Sourcebook: select words in a source opened by Sourcebook (Open Source), then run Quote Selection in Draft.');
      return;
    }
    await deps.corpus.ready;
    const corpus = deps.corpus.current;
    const source = corpus.kb.source(SourceDocumentProvider.sourceIdOf(editor.document.uri));
    if (!source) {
      void vscode.window.showWarningMessage('Sourcebook: this source is no longer loaded; reload the sources and open it again.');
      return;
    }
    const at = (position: vscode.Position): number => SourceDocumentProvider.bodyOffsetOf(source, editor.document.offsetAt(position));
    const selection = { start: at(editor.selection.start), end: at(editor.selection.end) };
    const stretch = quoteSelection(source, selection, corpus.searchable, corpus.writerOf(source), corpus.kb.speakers);
    if (!stretch.ok) {
      void vscode.window.showWarningMessage(`Sourcebook: cannot quote this selection: ${stretch.reason}.`);
      return;
    }
    const draft = lastDraft && !lastDraft.document.isClosed ? lastDraft : undefined;
    if (!draft) {
      void vscode.window.showInformationMessage('Sourcebook: open the draft to quote into (a Markdown, LaTeX or text file), then run Quote Selection in Draft again.');
      return;
    }
    const shown = await vscode.window.showTextDocument(draft.document, { viewColumn: draft.viewColumn, preserveFocus: false });
    await deps.actions.insert(stretch.quote, shown);
  };

  return vscode.Disposable.from(
    vscode.window.onDidChangeActiveTextEditor((editor) => {
      if (isDraft(editor)) lastDraft = editor;
    }),
    vscode.commands.registerCommand('sourcebook.quoteSelection', quoteSelectionInDraft),
  );
}

/** An editor the writer writes in: a file they can edit, not a source view, an output or a settings page. */
function isDraft(editor: vscode.TextEditor | undefined): editor is vscode.TextEditor {
  if (!editor) return false;
  const { uri } = editor.document;
  return uri.scheme !== SOURCE_SCHEME && uri.scheme !== 'output' && !isReadOnly(editor.document);
}
