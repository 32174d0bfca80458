import * as vscode from 'vscode';
import { checkDocumentReport, CheckReport, MisquoteFinding, SkippedPart } from '../../core/check/checkDocument';
import { CancelledError } from '../../core/util/cancellation';
import { onConfigChange, readConfig, Severity } from '../../host/config';
import { excludedRegionsOf } from '../../host/documentRegions';
import { SOURCE_SCHEME } from '../../host/sourceDocuments';
import type { FeatureDeps } from '../deps';

/** Quiet time after the last keystroke before a document is checked again. */
const CHECK_DELAY_MS = 350;
const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** What a published diagnostic was computed from, so the quick fix applies exactly that. */
interface Published {
  readonly version: number;
  readonly entries: readonly { readonly diagnostic: vscode.Diagnostic; readonly finding: MisquoteFinding }[];
}

function diagnosticFor(range: vscode.Range, finding: MisquoteFinding, severity: vscode.DiagnosticSeverity): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(range, finding.message, severity);
  diagnostic.source = 'Sourcebook';
  diagnostic.code = finding.kind === 'differs' ? 'misquote' : 'wrong-speaker';
  return diagnostic;
}

/** Diagnostics reach code action providers as copies: recognise ours by source, code, message and range. */
function sameDiagnostic(a: vscode.Diagnostic, b: vscode.Diagnostic): boolean {
  return a.source === b.source && a.code === b.code && a.message === b.message && a.range.isEqual(b.range);
}

/**
 * Misquote checks: quotations in Markdown, LaTeX and plain text that nearly match a source quote but differ,
 * or name the wrong speaker, get a diagnostic with a quick fix that restores the exact words or the name.
 */
export class MisquoteChecker implements vscode.Disposable {
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('sourcebook');
  /** Findings per document URI, for the quick fixes. */
  readonly published = new Map<string, Published>();
  /** Documents whose partial check has been logged. */
  private readonly partlyChecked = new Set<string>();
  private readonly pending = new Map<string, { timer: ReturnType<typeof setTimeout>; cancellation: vscode.CancellationTokenSource }>();
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly deps: FeatureDeps) {
    this.disposables = [
      this.diagnostics,
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document, CHECK_DELAY_MS)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d)),
      deps.corpus.onDidChange(() => this.checkAllOpen()),
      onConfigChange(['checkEnabled', 'checkLanguages', 'checkSeverity'], () => this.checkAllOpen()),
    ];
    void deps.corpus.ready.then(() => this.checkAllOpen());
  }

  /** Checks a document now and publishes the result; returns the findings (for tests). */
  check(document: vscode.TextDocument, token?: vscode.CancellationToken): MisquoteFinding[] {
    const config = readConfig(document.uri);
    if (!this.applies(document, config.checkEnabled, config.checkLanguages)) {
      this.diagnostics.delete(document.uri);
      this.published.delete(document.uri.toString());
      return [];
    }
    let report: CheckReport;
    try {
      // A long document is checked in part (see MAX_CHECKED_CHARACTERS); the report says what was skipped.
      // Code, comments, math and citation keys are not prose: a quotation there is an example, not a quote.
      const excluded = excludedRegionsOf(document, this.deps.logger);
      report = checkDocumentReport(document.getText(), document.languageId, this.deps.corpus.current.checkable, { token, excluded });
    } catch (error) {
      if (error instanceof CancelledError) return [];
      throw error;
    }
    const { findings, skipped } = report;
    const severity = SEVERITY[config.checkSeverity];
    const toRange = (r: { start: number; end: number }): vscode.Range => new vscode.Range(document.positionAt(r.start), document.positionAt(r.end));
    const entries = findings.map((finding) => ({ finding, diagnostic: diagnosticFor(toRange(finding.range), finding, severity) }));
    this.published.set(document.uri.toString(), { version: document.version, entries });
    const diagnostics = entries.map((e) => e.diagnostic);
    if (skipped) diagnostics.push(this.skippedNotice(document, skipped));
    else this.partlyChecked.delete(document.uri.toString());
    this.diagnostics.set(document.uri, diagnostics);
    return findings;
  }

  /** An information diagnostic where checking stopped, and one log line per document (not per keystroke). */
  private skippedNotice(document: vscode.TextDocument, skipped: SkippedPart): vscode.Diagnostic {
    const start = document.positionAt(skipped.from);
    const diagnostic = new vscode.Diagnostic(new vscode.Range(start, document.lineAt(start.line).range.end), skipped.message, vscode.DiagnosticSeverity.Information);
    diagnostic.source = 'Sourcebook';
    diagnostic.code = 'partly-checked';
    const key = document.uri.toString();
    if (!this.partlyChecked.has(key)) {
      this.partlyChecked.add(key);
      this.deps.logger.info(`${document.uri.fsPath || key}: ${skipped.message}`);
    }
    return diagnostic;
  }

  /** The findings for the document's current version, checking it now if the last check is older. */
  findingsFor(document: vscode.TextDocument): Published | undefined {
    const published = this.published.get(document.uri.toString());
    if (published && published.version === document.version) return published;
    this.check(document);
    return this.published.get(document.uri.toString());
  }

  private applies(document: vscode.TextDocument, enabled: boolean, languages: readonly string[]): boolean {
    return enabled && document.uri.scheme !== SOURCE_SCHEME && document.uri.scheme !== 'output' && languages.includes(document.languageId);
  }

  private schedule(document: vscode.TextDocument, delayMs: number): void {
    const key = document.uri.toString();
    const previous = this.pending.get(key);
    if (previous) {
      clearTimeout(previous.timer);
      previous.cancellation.cancel();
      previous.cancellation.dispose();
    }
    const cancellation = new vscode.CancellationTokenSource();
    const timer = setTimeout(() => {
      this.pending.delete(key);
      if (!document.isClosed) this.check(document, cancellation.token);
      cancellation.dispose();
    }, delayMs);
    this.pending.set(key, { timer, cancellation });
  }

  private checkAllOpen(): void {
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  private forget(document: vscode.TextDocument): void {
    this.diagnostics.delete(document.uri);
    this.partlyChecked.delete(document.uri.toString());
    this.published.delete(document.uri.toString());
    const pending = this.pending.get(document.uri.toString());
    if (pending) {
      clearTimeout(pending.timer);
      pending.cancellation.cancel();
    }
    this.pending.delete(document.uri.toString());
  }

  dispose(): void {
    for (const { timer, cancellation } of this.pending.values()) {
      clearTimeout(timer);
      cancellation.cancel();
    }
    for (const d of this.disposables) d.dispose();
  }
}

/** Quick fixes for our diagnostics: restore the exact source words, or put the right speaker's name. */
export class MisquoteFixes implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly checker: MisquoteChecker) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    // Fixes must fit the text as it is now: after an edit the stored offsets are stale, so check again.
    const published = this.checker.findingsFor(document);
    if (!published) return [];
    // Diagnostics reach providers as copies, and may not have reached the editor yet: match ours by range.
    return published.entries
      .filter((e) => e.diagnostic.range.intersection(range) !== undefined)
      .map(({ diagnostic: ours, finding }) => ({ finding, diagnostic: context.diagnostics.find((d) => sameDiagnostic(d, ours)) ?? ours }))
      .map(({ diagnostic, finding }) => {
        const speaker = finding.quote.speaker.kind === 'unsigned' ? 'the source' : finding.quote.speaker.name;
        const title = finding.kind === 'differs' ? `Restore the exact words of ${speaker}` : `Attribute to ${speaker}`;
        const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
        const target = new vscode.Range(document.positionAt(finding.replacement.range.start), document.positionAt(finding.replacement.range.end));
        action.edit = new vscode.WorkspaceEdit();
        action.edit.replace(document.uri, target, finding.replacement.text);
        action.diagnostics = [diagnostic];
        action.isPreferred = true;
        return action;
      });
  }
}

export interface CheckApi {
  /** Checks a document now (tests call it instead of waiting for the debounce). */
  check(document: vscode.TextDocument): MisquoteFinding[];
}

export function register(deps: FeatureDeps): vscode.Disposable & { api: CheckApi } {
  const checker = new MisquoteChecker(deps);
  const disposable = vscode.Disposable.from(
    checker,
    vscode.languages.registerCodeActionsProvider('*', new MisquoteFixes(checker), { providedCodeActionKinds: MisquoteFixes.kinds }),
  );
  return Object.assign(disposable, { api: { check: (document: vscode.TextDocument) => checker.check(document) } });
}
