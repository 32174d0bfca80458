import * as vscode from 'vscode';
import { personName } from '../../core/citations/bibliography';
import type { CitekeyTable } from '../../core/citations/citekeys';
import type { BibliographyFormat } from '../../core/citations/exportBibliography';
import type { Citation, CitedKey } from '../../core/citations/findCitations';
import { findQuotations } from '../../core/check/findQuotations';
import { displayDate } from '../../core/format/dates';
import { escapeMarkdownInline } from '../../core/format/escape';
import { sourceByline, speakerPhrase } from '../../core/format/formatQuote';
import type { Quote, Source } from '../../core/kb/model';
import { BibliographyService } from '../../host/bibliographies';
import { citationsBundle } from '../../host/bibtexBundle';
import type { Logger } from '../../core/util/logger';
import { SourceDocumentProvider } from '../../host/sourceDocuments';
import type { FeatureDeps } from '../deps';

export const EXPORT_COMMAND = 'sourcebook.exportBibliography';
export const OPEN_SOURCE_COMMAND = 'sourcebook.openCitedSource';
const LANGUAGES = ['markdown', 'latex', 'tex', 'plaintext'];

/** How Export Bibliography can be driven without its dialogs (tests, other extensions). */
export interface ExportArgs {
  readonly format?: BibliographyFormat;
  /** `all` sources, or only those the active (or given) document quotes or cites. */
  readonly scope?: 'all' | 'document';
  readonly document?: vscode.Uri;
  /** Where to write; without it a save dialog asks. */
  readonly target?: vscode.Uri;
}

export interface CitationsApi {
  readonly bibliographies: BibliographyService;
  /** The current key table (sources and the writer's bibliographies); undefined if its bundle cannot load. */
  keys(): CitekeyTable | undefined;
}

/** Per document version: its citations, found once for every hover over it. */
const citationCache = new WeakMap<vscode.TextDocument, { version: number; citations: readonly Citation[] }>();

function citationsOf(document: vscode.TextDocument, logger: Logger): readonly Citation[] {
  const cached = citationCache.get(document);
  if (cached && cached.version === document.version) return cached.citations;
  const bundle = citationsBundle(logger);
  const citations = bundle ? bundle.findCitations(document.getText(), document.languageId) : [];
  citationCache.set(document, { version: document.version, citations });
  return citations;
}

/** Something on the line that could be a citation: the bundle is not even loaded for any other hover. */
const MAY_CITE = /@|\\[A-Za-z]*cite/u;

function keyAt(document: vscode.TextDocument, position: vscode.Position, logger: Logger): { citation: Citation; key: CitedKey } | undefined {
  if (!LANGUAGES.includes(document.languageId)) return undefined;
  if (!MAY_CITE.test(document.lineAt(position.line).text)) return undefined;
  const bundle = citationsBundle(logger);
  return bundle?.citedKeyAt(citationsOf(document, logger), document.offsetAt(position));
}

/**
 * Citations: a card over a citation key (`[@key, p. 2]`, `@key`, `\autocite[2]{a,b}`, `\textcite`, `\citep`…)
 * with its source (title, author, date) and the quotes of the paragraph that come from it; Go to Definition on a
 * key opens the source; Export Bibliography… writes BibTeX or CSL-JSON for all sources or a draft's.
 */
export function register(deps: FeatureDeps): vscode.Disposable & { api: CitationsApi } {
  const bibliographies = new BibliographyService(deps.corpus, deps.logger);
  const selector = LANGUAGES.map((language) => ({ language }));
  const hover: vscode.HoverProvider = {
    provideHover(document, position) {
      const found = keyAt(document, position, deps.logger);
      const table = bibliographies.keys;
      if (!found || !table) return undefined;
      const markdown = citationCard(found.key.key, table, paragraphQuotes(deps, document, found.citation));
      if (!markdown) return undefined;
      const range = new vscode.Range(document.positionAt(found.key.range.start), document.positionAt(found.key.range.end));
      return new vscode.Hover(markdown, range);
    },
  };
  const definition: vscode.DefinitionProvider = {
    provideDefinition(document, position) {
      const found = keyAt(document, position, deps.logger);
      const table = bibliographies.keys;
      if (!found || !table) return undefined;
      const source = table.sourceOf(found.key.key);
      if (source) return new vscode.Location(SourceDocumentProvider.uriFor(source), new vscode.Position(0, 0));
      const entry = table.entryOf(found.key.key);
      if (entry) return new vscode.Location(entryUri(entry.file), new vscode.Position(Math.max(0, entry.line - 1), 0));
      return undefined;
    },
  };
  const disposable = vscode.Disposable.from(
    bibliographies,
    vscode.languages.registerHoverProvider(selector, hover),
    vscode.languages.registerDefinitionProvider(selector, definition),
    vscode.commands.registerCommand(EXPORT_COMMAND, (args?: ExportArgs) => exportCommand(deps, bibliographies, args)),
    vscode.commands.registerCommand(OPEN_SOURCE_COMMAND, async (id: unknown) => {
      const source = typeof id === 'string' ? deps.corpus.current.kb.source(id) : undefined;
      if (source) await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(SourceDocumentProvider.uriFor(source)), { preview: true });
    }),
  );
  return Object.assign(disposable, { api: { bibliographies, keys: () => bibliographies.keys } });
}

/** A bibliography file named as the log and entries name it (workspace-relative), back to a URI. */
function entryUri(file: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder && !/^(?:[a-z]:|[\\/])/iu.test(file) ? vscode.Uri.joinPath(folder.uri, ...file.split(/[\\/]/u)) : vscode.Uri.file(file);
}

/** The source quotes of the quotations in the citation's paragraph (text between blank lines). */
function paragraphQuotes(deps: FeatureDeps, document: vscode.TextDocument, citation: Citation): Quote[] {
  const text = document.getText();
  const start = Math.max(0, text.lastIndexOf('\n\n', citation.range.start));
  const endAt = text.indexOf('\n\n', citation.range.end);
  const end = endAt < 0 ? text.length : endAt;
  const paragraph = text.slice(start, end);
  const bundle = citationsBundle(deps.logger);
  if (!bundle) return [];
  const index = bundle.MisquoteIndex.for(deps.corpus.current.kb);
  const quotes: Quote[] = [];
  for (const quotation of findQuotations(paragraph, document.languageId)) {
    for (const quote of bundle.sourceQuotes(index, paragraph, quotation)) if (!quotes.includes(quote)) quotes.push(quote);
  }
  return quotes;
}

/** The card of a key: its source (or the writer's entry), and the paragraph's quotes that come from it. */
export function citationCard(key: string, table: CitekeyTable, nearby: readonly Quote[]): vscode.MarkdownString | undefined {
  const e = escapeMarkdownInline;
  const source = table.sourceOf(key);
  const markdown = new vscode.MarkdownString('', true);
  if (source) {
    const byline = sourceByline(source);
    const date = source.date ? displayDate(source.date) : 'undated';
    markdown.appendMarkdown(`**${e(source.title)}**\n\n${byline ? `${e(byline)} · ` : ''}${e(date)} · ${e(source.kind)} · \`@${e(key)}\`\n\n`);
    const mine = nearby.filter((q) => q.source === source || (q.original ?? q).source === source);
    for (const quote of mine.slice(0, 3)) markdown.appendMarkdown(`> ${e(quote.text)}\n>\n> — ${e(speakerPhrase(quote))}\n\n`);
    markdown.appendMarkdown(`[Open source](command:${OPEN_SOURCE_COMMAND}?${encodeURIComponent(JSON.stringify([source.id]))})`);
    markdown.isTrusted = { enabledCommands: [OPEN_SOURCE_COMMAND] };
    return markdown;
  }
  const entry = table.entryOf(key);
  if (!entry) {
    markdown.appendMarkdown(`\`@${e(key)}\` is in no bibliography and names no source.`);
    return markdown;
  }
  const authors = entry.authors.map(personName).join(', ');
  markdown.appendMarkdown(`**${e(entry.title ?? key)}**\n\n${authors ? `${e(authors)} · ` : ''}${e(entry.year ?? 'n.d.')} · \`@${e(key)}\`\n\n`);
  markdown.appendMarkdown(`From ${e(entry.file)}, line ${entry.line}; no source of Sourcebook matches it.`);
  return markdown;
}

async function exportCommand(deps: FeatureDeps, bibliographies: BibliographyService, args: ExportArgs = {}): Promise<vscode.Uri | undefined> {
  await bibliographies.ready;
  let format = args.format;
  if (!format) {
    const picked = await vscode.window.showQuickPick(
      [
        { label: 'BibTeX', description: '.bib for biber, BibTeX and Pandoc', format: 'bibtex' as const },
        { label: 'CSL-JSON', description: '.json for Pandoc, Quarto and Zotero', format: 'csl-json' as const },
      ],
      { title: 'Export Bibliography', placeHolder: 'Format' },
    );
    if (!picked) return undefined;
    format = picked.format;
  }
  const documentUri = args.document ?? vscode.window.activeTextEditor?.document.uri;
  let scope = args.scope;
  if (!scope) {
    const options: { label: string; scope: 'all' | 'document' }[] = [{ label: 'All sources', scope: 'all' }];
    if (documentUri && documentUri.scheme !== 'sourcebook') options.push({ label: `Only sources quoted in ${vscode.workspace.asRelativePath(documentUri)}`, scope: 'document' });
    const picked = options.length === 1 ? options[0] : await vscode.window.showQuickPick(options, { title: 'Export Bibliography', placeHolder: 'Which sources' });
    if (!picked) return undefined;
    scope = picked.scope;
  }
  const table = bibliographies.keys;
  const bundle = citationsBundle(deps.logger);
  if (!table || !bundle) {
    void vscode.window.showErrorMessage('Sourcebook: the bibliography code could not be loaded; see the Sourcebook log.');
    return undefined;
  }
  let sources: readonly Source[] = deps.corpus.current.kb.sources;
  if (scope === 'document') {
    const document = documentUri ? await vscode.workspace.openTextDocument(documentUri) : undefined;
    if (!document) {
      void vscode.window.showInformationMessage('Sourcebook: open the draft whose sources you want to export.');
      return undefined;
    }
    sources = bundle.sourcesQuotedIn(document.getText(), document.languageId, deps.corpus.current.kb, table);
    if (sources.length === 0) {
      void vscode.window.showInformationMessage(`Sourcebook: ${vscode.workspace.asRelativePath(document.uri)} quotes and cites no known source; nothing to export.`);
      return undefined;
    }
  }
  const extension = format === 'bibtex' ? 'bib' : 'json';
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target =
    args.target ??
    (await vscode.window.showSaveDialog({
      title: 'Export Bibliography',
      defaultUri: folder ? vscode.Uri.joinPath(folder, `sources.${extension}`) : undefined,
      filters: format === 'bibtex' ? { BibTeX: ['bib'] } : { 'CSL-JSON': ['json'] },
      saveLabel: 'Export',
    }));
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(bundle.exportBibliography(sources, table, format)));
  const count = sources.length;
  vscode.window.setStatusBarMessage(`$(book) Exported ${count} source${count === 1 ? '' : 's'} to ${vscode.workspace.asRelativePath(target)}`, 4000);
  return target;
}

