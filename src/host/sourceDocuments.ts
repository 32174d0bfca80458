import * as vscode from 'vscode';
import { sourceDate } from '../core/format/dates';
import { sourceByline } from '../core/format/formatQuote';
import type { Quote, Source } from '../core/kb/model';
import type { CorpusService } from './corpusService';

export const SOURCE_SCHEME = 'sourcebook';

/**
 * Read-only documents that show a source as Sourcebook serves it: repaired, without site chrome, under a
 * short header. Opening a quote selects it there; nothing on disk is created or changed.
 */
export class SourceDocumentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly corpus: CorpusService) {
    // When the corpus changes, open source documents show the new text.
    this.subscription = corpus.onDidChange(() => {
      for (const doc of vscode.workspace.textDocuments) if (doc.uri.scheme === SOURCE_SCHEME) this.changed.fire(doc.uri);
    });
  }

  /** The tab shows the last path segment: the source's title itself, with no file extension added. */
  static uriFor(source: Source): vscode.Uri {
    const name = source.title.replace(/[\\/]+/gu, ' ').replace(/\s+/gu, ' ').trim().slice(0, 120) || source.id;
    return vscode.Uri.from({ scheme: SOURCE_SCHEME, path: `/${encodeURIComponent(source.id)}/${name}` });
  }

  /** The language a source document is shown in (its file's, since the tab title carries no extension). */
  static languageOf(source: Source): string {
    return /\.(md|markdown)$/iu.test(source.displayPath) ? 'markdown' : 'plaintext';
  }

  static sourceIdOf(uri: vscode.Uri): string {
    return decodeURIComponent(uri.path.split('/')[1] ?? '');
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const source = this.corpus.current.kb.source(SourceDocumentProvider.sourceIdOf(uri));
    if (!source) return 'This source is no longer loaded. Reload the sources (Sourcebook: Reload Sources) or check the Sourcebook log.';
    return sourceHeader(source) + source.body.text + '\n';
  }

  /** The range of a quote in its source document. */
  static rangeOf(quote: Quote, document: vscode.TextDocument): vscode.Range {
    const offset = sourceHeader(quote.source).length;
    return new vscode.Range(document.positionAt(offset + quote.bodyRange.start), document.positionAt(offset + quote.bodyRange.end));
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/** Title, who and when, and what a reader should know, above the body. */
export function sourceHeader(source: Source): string {
  const meta = [sourceByline(source), source.kind, sourceDate(source), source.origin === 'seed' ? 'embedded source' : source.displayPath].filter(Boolean).join(' · ');
  const note = source.note ? `Note: ${source.note}\n` : '';
  const rule = '─'.repeat(Math.min(72, Math.max(20, source.title.length)));
  return `${source.title}\n${meta}\n${note}${rule}\n\n`;
}
