import * as vscode from 'vscode';
import { sourceDate } from '../core/format/dates';
import { sourceByline } from '../core/format/formatQuote';
import type { Quote, Source } from '../core/kb/model';
import { PagedView } from '../core/extract/pages';
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
    return sourceHeader(source) + pagedView(source).text + '\n';
  }

  /** The range of a quote in its source document. */
  static rangeOf(quote: Quote, document: vscode.TextDocument): vscode.Range {
    const offset = sourceHeader(quote.source).length;
    const view = pagedView(quote.source);
    return new vscode.Range(document.positionAt(offset + view.toView(quote.bodyRange.start)), document.positionAt(offset + view.toView(quote.bodyRange.end)));
  }

  /** The body offset of an offset in a source's document (its header and page markers are not the body). */
  static bodyOffsetOf(source: Source, documentOffset: number): number {
    return pagedView(source).fromView(Math.max(0, documentOffset - sourceHeader(source).length));
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

const views = new WeakMap<Source, PagedView>();

/** A source's body as its document shows it: a PDF's page breaks as "— page N —" lines. */
function pagedView(source: Source): PagedView {
  let view = views.get(source);
  if (!view) views.set(source, (view = new PagedView(source.body.text)));
  return view;
}

/** Title, who and when, and what a reader should know, above the body. */
export function sourceHeader(source: Source): string {
  const meta = [sourceByline(source), source.kind, sourceDate(source), source.origin === 'seed' ? 'embedded source' : source.displayPath].filter(Boolean).join(' · ');
  const note = source.note ? `Note: ${source.note}\n` : '';
  const rule = '─'.repeat(Math.min(72, Math.max(20, source.title.length)));
  return `${source.title}\n${meta}\n${note}${rule}\n\n`;
}
