import type * as vscode from 'vscode';
import type { CorpusService } from '../host/corpusService';
import type { OutputChannelLogger } from '../host/logger';
import type { QuoteActions } from '../host/quoteActions';

/** What every feature gets; features reach VS Code through it and their own registrations only. */
export interface FeatureDeps {
  /** Where the extension's files are: the bundles loaded on demand (dist/check.js…) are read from here. */
  readonly extensionUri: vscode.Uri;
  readonly corpus: CorpusService;
  readonly actions: QuoteActions;
  readonly logger: OutputChannelLogger;
}

