import type * as vscode from 'vscode';
import type { Quote } from '../core/kb/model';
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

/**
 * How commands name a quote: a quote id (hover links, tests), or anything carrying `quoteId` (tree nodes).
 * Command arguments come from outside (links, keybindings), so they are checked, never trusted.
 */
export type QuoteRef = string | { readonly quoteId: string };

export function resolveQuote(deps: FeatureDeps, ref: unknown): Quote | undefined {
  const id = typeof ref === 'string' ? ref : typeof ref === 'object' && ref !== null && typeof (ref as { quoteId?: unknown }).quoteId === 'string' ? (ref as { quoteId: string }).quoteId : undefined;
  return id === undefined ? undefined : deps.corpus.current.quote(id);
}
