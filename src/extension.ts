import * as vscode from 'vscode';
import type { Corpus } from './core/corpus';
import * as check from './features/check';
import * as citations from './features/citations';
import * as corpusStatus from './features/corpusStatus';
import type { FeatureDeps } from './features/deps';
import * as findings from './features/findings';
import * as hover from './features/hover';
import * as insert from './features/insert';
import * as passages from './features/passages';
import * as quotes from './features/quotes';
import * as sidebar from './features/sidebar';
import * as sources from './features/sources';
import * as statusBar from './features/statusBar';
import { type CodeCacheSaving, type CodeCacheStartup, NO_CODE_CACHE, saveCodeCacheLater } from './host/codeCacheStartup';
import { CorpusService, LoadReport } from './host/corpusService';
import { OutputChannelLogger } from './host/logger';
import { QuoteActions } from './host/quoteActions';
import { SOURCE_SCHEME, SourceDocumentProvider } from './host/sourceDocuments';
import { linkResolver } from './node/linkResolver';

/** What tests (and other extensions) can reach. */
export interface SourcebookApi {
  /** Resolves when the first load of the sources has finished. */
  readonly ready: Promise<void>;
  /** The corpus every surface currently serves. */
  corpus(): Corpus;
  /** Reloads the sources now and resolves when done. */
  reload(): Promise<void>;
  /** How the last load read the writer's own folders: in the source worker or on the host's thread. */
  loadReport(): LoadReport;
  /**
   * Stops the source worker once it has written what it stores, as closing the window would: the next load starts a
   * new one from the persistent cache.
   */
  restartSourceWorker(): Promise<void>;
  readonly sidebar: sidebar.SidebarApi;
  readonly check: check.CheckApi;
  readonly findings: findings.FindingsApi;
  readonly statusBar: statusBar.StatusBarApi;
  readonly citations: citations.CitationsApi;
  /** How this start compiled the bundle (the desktop entry's V8 code cache), and whether it saved one for the next. */
  readonly codeCache: Pick<CodeCacheSaving, 'use' | 'saved'>;
}

/**
 * Wiring only: builds the services, registers each feature, returns an API for tests. (The browser build's entry,
 * extension.web.ts, passes the log it has already written to; the desktop entry, extensionLoader.ts, how it compiled
 * this bundle.)
 */
export function activate(context: vscode.ExtensionContext, logger = new OutputChannelLogger(), startup: CodeCacheStartup = NO_CODE_CACHE): SourcebookApi {
  const links = linkResolver;
  const storage = context.storageUri && { folder: context.storageUri, version: String(context.extension.packageJSON.version) };
  const corpus = new CorpusService(context.extensionUri, logger, links && ((folder, file) => links(folder.fsPath, file.fsPath)), storage);
  stopWorker = () => corpus.restartWorker();
  const actions = new QuoteActions();
  const deps: FeatureDeps = { extensionUri: context.extensionUri, corpus, actions, logger };
  const sourceDocuments = new SourceDocumentProvider(corpus);
  const sidebarFeature = sidebar.register(deps);
  const checkFeature = check.register(deps);
  const findingsFeature = findings.register(checkFeature.checker);
  const statusBarFeature = statusBar.register(checkFeature.checker);
  const citationsFeature = citations.register(deps);
  // Inserted quotes cite by key, and the check looks at citations, with the citations feature's key table.
  actions.useCitekeys(async () => {
    await citationsFeature.api.bibliographies.ready;
    return citationsFeature.api.keys();
  });
  checkFeature.checker.useCitations(citationsFeature.api);
  context.subscriptions.push(
    logger,
    corpus,
    sourceDocuments,
    vscode.workspace.registerTextDocumentContentProvider(SOURCE_SCHEME, sourceDocuments),
    quotes.register(deps),
    sidebarFeature,
    hover.register(deps),
    insert.register(deps),
    passages.register(deps),
    corpusStatus.register(deps),
    checkFeature,
    findingsFeature,
    statusBarFeature,
    sources.register(),
    citationsFeature,
  );
  const codeCache = saveCodeCacheLater(startup, corpus.ready, logger);
  context.subscriptions.push(codeCache);
  return {
    ready: corpus.ready,
    corpus: () => corpus.current,
    reload: () => corpus.reload(),
    loadReport: () => corpus.loadReport,
    restartSourceWorker: () => corpus.restartWorker(),
    sidebar: sidebarFeature.api,
    check: checkFeature.api,
    findings: findingsFeature.api,
    statusBar: statusBarFeature.api,
    citations: citationsFeature.api,
    codeCache: { use: codeCache.use, saved: codeCache.saved },
  };
}

/** Stops the source worker once its writes are made (set by activate). */
let stopWorker: (() => Promise<void>) | undefined;

/**
 * Everything is disposed through context.subscriptions, which VS Code does not wait for. The source worker writes the
 * stored corpus after its replies: VS Code waits a few seconds for the promise of deactivate, and so for that write.
 */
export function deactivate(): Promise<void> | undefined {
  return stopWorker?.();
}
