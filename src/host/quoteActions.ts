import * as vscode from 'vscode';
import type { CitekeyTable } from '../core/citations/citekeys';
import { citedSource, type CiteStyle } from '../core/citations/citeStyles';
import { attributionLine, formatQuote, type FormatOptions, validateTemplate } from '../core/format/formatQuote';
import { placeInsertions } from '../core/format/placement';
import type { Quote } from '../core/kb/model';
import { readConfig } from './config';
import { SourceDocumentProvider } from './sourceDocuments';

/** The citation keys of the sources (the citations feature's table), once the writer's bibliographies are read. */
export type CitekeyProvider = () => CitekeyTable | undefined | Promise<CitekeyTable | undefined>;

/** What every surface does with a quote: insert it, copy it, open its source at its place. */
export class QuoteActions {
  private citekeys?: CitekeyProvider;

  /** Where inserted quotes get their citation keys (sourcebook.citations.style, `${cite}` and `${citekey}`). */
  useCitekeys(provider: CitekeyProvider): void {
    this.citekeys = provider;
  }

  /**
   * Inserts the quote for every cursor of the editor as one undoable edit, formatted for the document's
   * language (or the user's template for it). A block quote stands as its own paragraph: on an empty line, or
   * after the paragraph the cursor is in; a selection is replaced (core/format/placement.ts). Returns whether
   * anything was inserted.
   */
  async insert(quote: Quote, editor = vscode.window.activeTextEditor): Promise<boolean> {
    if (!editor) {
      void vscode.window.showInformationMessage('Sourcebook: open a document and place the cursor where the quote should go.');
      return false;
    }
    if (isReadOnly(editor.document)) {
      void vscode.window.showWarningMessage(`Sourcebook: ${editor.document.fileName.split(/[\\/]/u).pop()} is read-only; the quote was not inserted. Use Copy instead.`);
      return false;
    }
    const text = await this.formatFor(quote, editor.document);
    if (text === undefined) return false;
    const document = editor.document;
    const edits = placeInsertions({ lineCount: document.lineCount, lineAt: (line) => document.lineAt(line).text }, editor.selections, text);
    const ok = await editor.edit((edit) => {
      for (const placed of edits) edit.replace(new vscode.Range(placed.start.line, placed.start.character, placed.end.line, placed.end.character), placed.text);
    });
    if (!ok) void vscode.window.showErrorMessage('Sourcebook: the editor refused the edit; the document may have changed. Try again.');
    return ok;
  }

  /** Copies the quote formatted for a language (the active editor's, by default). */
  async copy(quote: Quote, languageId = vscode.window.activeTextEditor?.document.languageId ?? 'plaintext'): Promise<void> {
    const text = await this.formatFor(quote, { languageId, uri: vscode.window.activeTextEditor?.document.uri });
    if (text === undefined) return;
    await vscode.env.clipboard.writeText(text);
    vscode.window.setStatusBarMessage(`$(copy) Copied quote by ${quote.speaker.name}`, 3000);
  }

  /** Copies the bare words and attribution, with no markup. */
  async copyPlain(quote: Quote): Promise<void> {
    await vscode.env.clipboard.writeText(`“${quote.text}”\n${attributionLine(quote)}`);
    vscode.window.setStatusBarMessage(`$(copy) Copied quote by ${quote.speaker.name} as plain text`, 3000);
  }

  /**
   * Opens the quote's source (read-only, repaired) with the quote selected in the centre. `preserveFocus` keeps
   * the keyboard where it was: the quote picker stays open with its query, to come back to.
   */
  async open(quote: Quote, options: { preview?: boolean; viewColumn?: vscode.ViewColumn; preserveFocus?: boolean } = {}): Promise<vscode.TextEditor> {
    let document = await vscode.workspace.openTextDocument(SourceDocumentProvider.uriFor(quote.source));
    const language = SourceDocumentProvider.languageOf(quote.source);
    if (document.languageId !== language) document = await vscode.languages.setTextDocumentLanguage(document, language);
    const range = SourceDocumentProvider.rangeOf(quote, document);
    const editor = await vscode.window.showTextDocument(document, {
      preview: options.preview ?? true,
      viewColumn: options.viewColumn ?? vscode.ViewColumn.Active,
      selection: range,
      preserveFocus: options.preserveFocus ?? false,
    });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenter);
    return editor;
  }

  /** The inserted text, or undefined (after telling the user) when their template for the language is broken. */
  private async formatFor(quote: Quote, document: { languageId: string; uri?: vscode.Uri }): Promise<string | undefined> {
    const config = readConfig(document.uri);
    const templates = config.insertTemplates;
    const template = Object.prototype.hasOwnProperty.call(templates, document.languageId) ? templates[document.languageId] : undefined;
    if (template !== undefined) {
      const problem = validateTemplate(template);
      if (problem) {
        void vscode.window.showErrorMessage(`Sourcebook: the template for "${document.languageId}" in sourcebook.insert.templates is not usable: ${problem}.`, 'Open Settings').then((choice) => {
          if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', 'sourcebook.insert.templates');
        });
        return undefined;
      }
    }
    return formatQuote(quote, document.languageId, { template, cite: await this.citeFor(quote, config.citationsStyle, template) });
  }

  /**
   * The citation of an inserted quote: the key of the source it is cited to (citedSource), in the writer's style,
   * when they chose one (sourcebook.citations.style) or their template asks for `${cite}`/`${citekey}`. Without
   * a key table (its bundle could not load) the quote keeps its attribution.
   */
  private async citeFor(quote: Quote, style: CiteStyle, template: string | undefined): Promise<FormatOptions['cite']> {
    if (style === 'attribution' && !template?.includes('${cite')) return undefined;
    const table = await this.citekeys?.();
    return table ? { style, key: table.keyOf(citedSource(quote)) } : undefined;
  }
}

/** Documents that must not be edited: our sources, and any file system VS Code reports as read-only. */
export function isReadOnly(document: vscode.TextDocument): boolean {
  if (document.uri.scheme === 'sourcebook' || document.uri.scheme === 'output') return true;
  return vscode.workspace.fs.isWritableFileSystem(document.uri.scheme) === false;
}
