import * as vscode from 'vscode';
import type { CheckReport, SkippedPart } from '../../core/check/checkDocument';
import type { DraftFinding } from '../../core/check/draftFinding';
import type { CitationFinding } from '../../core/citations/checkCitations';
import { CancelledError } from '../../core/util/cancellation';
import type { SyntaxRegion } from '../../core/syntax/regions';
import { LineTable } from '../../core/text/lineTable';
import { hostCheckReport } from '../../host/lazyBundles';
import { citationsBundle } from '../../host/bibtexBundle';
import { onConfigChange, readConfig, Severity } from '../../host/config';
import { excludedRegionsOf } from '../../host/documentRegions';
import { markdownBlockParser, syntaxBundle } from '../../host/markdownSyntax';
import { SOURCE_SCHEME } from '../../host/sourceDocuments';
import type { CitationsApi } from '../citations';
import type { FeatureDeps } from '../deps';
import { FindingDecorations } from './decorations';
import { compatibleFixes } from './draftFiles';
import { findingData, findingDiagnostic, type FindingDiagnostic, PARTLY_CHECKED, quickFix, SOURCE } from './findingDiagnostic';
import { CheckAllResult, DraftScanner } from './workspaceCheck';

/** Quiet time after the last keystroke before a document is checked again. */
const CHECK_DELAY_MS = 350;
const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** One finding as published: the core's finding and its diagnostic (which carries the fix in `data`). */
export interface FindingEntry {
  readonly diagnostic: FindingDiagnostic;
  readonly finding: DraftFinding;
}

/** What a published diagnostic was computed from, so the quick fix applies exactly that. */
export interface Published {
  readonly uri: vscode.Uri;
  /** The document version checked; DISK_VERSION for a file read from disk by Check All Drafts. */
  readonly version: number;
  readonly entries: readonly FindingEntry[];
  /** Every diagnostic of the file: the findings', and a notice when the file was checked in part. */
  readonly diagnostics: readonly vscode.Diagnostic[];
}

/** A check's findings, misquotes and citations, and what was left unchecked of a long text. */
interface DraftReport {
  readonly findings: DraftFinding[];
  readonly skipped?: SkippedPart;
}

/** Something on a line that could be a citation: no other text loads the citation bundle. */
const MAY_CITE = /@|\\[A-Za-z]*cite/u;

/** The version of findings read from disk: never equal to an open document's version. */
export const DISK_VERSION = -1;

/** A document as a PositionSource. */
function documentPositions(document: vscode.TextDocument): PositionSource {
  return { positionAt: (offset) => document.positionAt(offset), lineEnd: (line) => document.lineAt(line).range.end };
}

/** What turns offsets into positions: an open document, or a line index of a text read from disk. */
interface PositionSource {
  positionAt(offset: number): vscode.Position;
  lineEnd(line: number): vscode.Position;
}

/** A line index over a text that is not open in an editor. Lines end at LF, CRLF or CR, as VS Code counts them. */
export function lineIndex(text: string): PositionSource {
  const lines = new LineTable(text);
  return {
    positionAt: (offset) => {
      const clamped = Math.max(0, Math.min(offset, text.length));
      const line = lines.lineAt(clamped);
      // An offset inside a CRLF break is at the end of its line's text, as VS Code puts it.
      return new vscode.Position(line, Math.min(clamped, lines.end(line)) - lines.start(line));
    },
    lineEnd: (line) => new vscode.Position(line, lines.end(line) - lines.start(line)),
  };
}

/**
 * Misquote checks: quotations in Markdown, LaTeX and plain text that nearly match a source quote but differ,
 * or name the wrong speaker, get a diagnostic with a quick fix that restores the exact words or the name.
 */
export class MisquoteChecker implements vscode.Disposable {
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('sourcebook');
  /** Findings per document URI, for the quick fixes, the Findings view and the status bar. */
  readonly published = new Map<string, Published>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the findings of any file change. */
  readonly onDidChangeFindings = this.changed.event;
  /** Squiggles without the Problems panel (sourcebook.check.problemsPanel: false). */
  private readonly decorations = new FindingDecorations(this);
  /** Check All Drafts and the watcher that keeps its results fresh. */
  readonly drafts: DraftScanner;
  /** Documents whose partial check has been logged. */
  private readonly partlyChecked = new Set<string>();
  private readonly pending = new Map<string, { timer: ReturnType<typeof setTimeout>; cancellation: vscode.CancellationTokenSource }>();
  private readonly disposables: vscode.Disposable[];
  /** The citations feature: its key table, once the writer has a bibliography or a citation style. */
  private citations?: CitationsApi;
  /** The check itself, from dist/check.js on the first check (it is not needed at activation). */
  private readonly checkReport: ReturnType<typeof hostCheckReport>;

  constructor(private readonly deps: FeatureDeps) {
    this.checkReport = hostCheckReport(deps.extensionUri);
    this.drafts = new DraftScanner(this, deps.logger);
    this.disposables = [
      this.diagnostics,
      this.changed,
      this.decorations,
      this.drafts,
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document, CHECK_DELAY_MS)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d)),
      deps.corpus.onDidChange(() => this.checkAllAgain()),
      onConfigChange(['checkEnabled', 'checkLanguages', 'checkSeverity'], () => this.checkAllAgain()),
      onConfigChange(['checkProblemsPanel'], () => this.republishAll()),
    ];
    void deps.corpus.ready.then(() => this.checkAllOpen());
  }

  /**
   * Lets the check learn citations: a quotation cited to another source than its words' gets a finding whose fix
   * replaces the key, a key in no bibliography and naming no source one per document. Open documents and the
   * drafts of Check All Drafts are checked again when the bibliographies change.
   */
  useCitations(citations: CitationsApi): void {
    this.citations = citations;
    this.disposables.push(citations.bibliographies.onDidChange(() => this.checkAllAgain()), onConfigChange(['citationsStyle'], () => this.checkAllAgain()));
  }

  /** Checks a document now and publishes the result; returns the findings (for tests). */
  check(document: vscode.TextDocument, token?: vscode.CancellationToken): DraftFinding[] {
    const config = readConfig(document.uri);
    if (!this.applies(document, config.checkEnabled, config.checkLanguages)) {
      this.unpublish(document.uri);
      return [];
    }
    let report: DraftReport;
    try {
      // A long document is checked in part (see MAX_CHECKED_CHARACTERS); the report says what was skipped.
      // Code, comments, math and citation keys are not prose: a quotation there is an example, not a quote.
      const excluded = excludedRegionsOf(document, this.deps.logger);
      const text = document.getText();
      report = this.withCitations(document.uri, text, document.languageId, this.checkReport(text, document.languageId, this.deps.corpus.current.checkable, { token, excluded }), excluded, token);
    } catch (error) {
      if (error instanceof CancelledError) return [];
      throw error;
    }
    this.publish(document.uri, document.version, report, config.checkSeverity, documentPositions(document));
    return report.findings;
  }

  /**
   * Checks a draft read from disk (Check All Drafts; the file is not open, or an open document would have been
   * checked instead) and publishes the result. Returns the findings.
   */
  checkText(uri: vscode.Uri, text: string, languageId: string, token?: vscode.CancellationToken): DraftFinding[] {
    const config = readConfig(uri);
    if (!config.checkEnabled || !config.checkLanguages.includes(languageId)) {
      this.unpublish(uri);
      return [];
    }
    let report: DraftReport;
    try {
      const excluded = this.excludedIn(text, languageId);
      report = this.withCitations(uri, text, languageId, this.checkReport(text, languageId, this.deps.corpus.current.checkable, { token, excluded }), excluded, token);
    } catch (error) {
      if (error instanceof CancelledError) return [];
      throw error;
    }
    this.publish(uri, DISK_VERSION, report, config.checkSeverity, lineIndex(text));
    return report.findings;
  }

  /**
   * The misquote report with the citation findings of the same text (as far as the misquote check read it), when
   * the writer has a bibliography or a citation style and the text may cite; in text order.
   */
  private withCitations(uri: vscode.Uri, text: string, languageId: string, report: CheckReport, excluded: readonly SyntaxRegion[], token?: vscode.CancellationToken): DraftReport {
    const citations = this.citationFindings(uri, report.skipped ? text.slice(0, report.skipped.from) : text, languageId, excluded, token);
    if (citations.length === 0) return report;
    return { ...report, findings: [...report.findings, ...citations].sort((a, b) => a.range.start - b.range.start) };
  }

  private citationFindings(uri: vscode.Uri, text: string, languageId: string, excluded: readonly SyntaxRegion[], token?: vscode.CancellationToken): CitationFinding[] {
    const citations = this.citations;
    if (!citations || !MAY_CITE.test(text)) return [];
    if (!citations.bibliographies.hasBibliography && readConfig(uri).citationsStyle === 'attribution') return [];
    const table = citations.keys();
    const bundle = citationsBundle(this.deps.logger);
    if (!table || !bundle) return [];
    return bundle.checkCitations(text, languageId, this.deps.corpus.current.checkable, table, { token, excluded });
  }

  /** The excluded regions (code, comments, math…) of a text that is not open in an editor. */
  private excludedIn(text: string, languageId: string): readonly SyntaxRegion[] {
    const syntax = syntaxBundle(this.deps.logger);
    if (!syntax) return [];
    const markdown = syntax.syntaxFamily(languageId) === 'markdown' ? markdownBlockParser(this.deps.logger) : undefined;
    return syntax.excludedRegions(text, languageId, markdown);
  }

  private publish(uri: vscode.Uri, version: number, report: DraftReport, severityName: Severity, text: PositionSource): void {
    const { findings, skipped } = report;
    const severity = SEVERITY[severityName];
    const toRange = (r: { start: number; end: number }): vscode.Range => new vscode.Range(text.positionAt(r.start), text.positionAt(r.end));
    const entries = findings.map((finding, index): FindingEntry => ({ finding, diagnostic: findingDiagnostic(finding, index, version, toRange, severity) }));
    const diagnostics: vscode.Diagnostic[] = entries.map((e) => e.diagnostic);
    if (skipped) diagnostics.push(this.skippedNotice(uri, text, skipped));
    else this.partlyChecked.delete(uri.toString());
    this.published.set(uri.toString(), { uri, version, entries, diagnostics });
    this.show(uri, diagnostics);
    this.changed.fire();
  }

  /** Diagnostics to the Problems panel, or (sourcebook.check.problemsPanel: false) squiggles only. */
  private show(uri: vscode.Uri, diagnostics: readonly vscode.Diagnostic[]): void {
    if (readConfig(uri).checkProblemsPanel) this.diagnostics.set(uri, [...diagnostics]);
    else this.diagnostics.delete(uri);
    this.decorations.refresh();
  }

  /** Forgets a file's findings. */
  unpublish(uri: vscode.Uri): void {
    const key = uri.toString();
    this.diagnostics.delete(uri);
    this.partlyChecked.delete(key);
    if (this.published.delete(key)) {
      this.decorations.refresh();
      this.changed.fire();
    }
  }

  private republishAll(): void {
    for (const published of this.published.values()) this.show(published.uri, published.diagnostics);
  }

  /** An information diagnostic where checking stopped, and one log line per document (not per keystroke). */
  private skippedNotice(uri: vscode.Uri, text: PositionSource, skipped: SkippedPart): vscode.Diagnostic {
    const start = text.positionAt(skipped.from);
    const diagnostic = new vscode.Diagnostic(new vscode.Range(start, text.lineEnd(start.line)), skipped.message, vscode.DiagnosticSeverity.Information);
    diagnostic.source = SOURCE;
    diagnostic.code = PARTLY_CHECKED;
    const key = uri.toString();
    if (!this.partlyChecked.has(key)) {
      this.partlyChecked.add(key);
      this.deps.logger.info(`${uri.fsPath || key}: ${skipped.message}`);
    }
    return diagnostic;
  }

  /** Findings of every checked file, open or read from disk, in path order; files without findings left out. */
  allFindings(): Published[] {
    return [...this.published.values()].filter((p) => p.entries.length > 0).sort((a, b) => a.uri.toString().localeCompare(b.uri.toString()));
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

  /** Open documents now, and the drafts of the last Check All Drafts from disk. */
  private checkAllAgain(): void {
    this.checkAllOpen();
    this.drafts.recheckAll();
  }

  /** A closed document's findings go, unless it is a draft of Check All Drafts: then its file on disk is checked. */
  private forget(document: vscode.TextDocument): void {
    const pending = this.pending.get(document.uri.toString());
    if (pending) {
      clearTimeout(pending.timer);
      pending.cancellation.cancel();
    }
    this.pending.delete(document.uri.toString());
    if (this.drafts.isDraft(document.uri)) this.drafts.recheck(document.uri);
    else this.unpublish(document.uri);
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
    // The editor's diagnostics at the range, when they are of this version; none reach here while the Problems
    // panel is off (sourcebook.check.problemsPanel) or before they are shown: then the published ones at the range.
    const shown = context.diagnostics.filter((d) => findingData(d)?.version === published.version);
    const diagnostics = shown.length > 0 ? shown : published.entries.map((e) => e.diagnostic).filter((d) => d.range.intersection(range) !== undefined);
    return diagnostics.flatMap((diagnostic) => {
      const fix = findingData(diagnostic)?.fix;
      return fix ? [quickFix(document.uri, diagnostic, fix)] : [];
    });
  }
}

/**
 * Applies every fix of a file as ONE edit (one Undo): the findings of the document as it is now (opened, without
 * an editor, if it is not open), fixes that touch the same text left for another pass. Returns how many applied.
 */
export async function fixAllInFile(checker: MisquoteChecker, uri: vscode.Uri): Promise<number> {
  const document = await vscode.workspace.openTextDocument(uri);
  const published = checker.findingsFor(document);
  if (!published || published.entries.length === 0) return 0;
  const replacements = published.entries.flatMap((e) => (e.finding.replacement ? [{ range: e.finding.replacement.range, text: e.finding.replacement.text }] : []));
  const fixes = compatibleFixes(replacements, (fix) => document.getText().slice(fix.range.start, fix.range.end));
  if (fixes.length === 0) return 0;
  const edit = new vscode.WorkspaceEdit();
  for (const fix of fixes) edit.replace(uri, new vscode.Range(document.positionAt(fix.range.start), document.positionAt(fix.range.end)), fix.text);
  return (await vscode.workspace.applyEdit(edit)) ? fixes.length : 0;
}

/** What identifies a finding across checks of a changed text: its kind, its quote (if any) and its message. */
export interface FindingKey {
  readonly uri: vscode.Uri;
  readonly kind: DraftFinding['kind'];
  /** The source quote of the finding; undefined for an unknown citation key. */
  readonly quoteId: string | undefined;
  readonly message: string;
  /** Where it was when listed, to choose among equal findings. */
  readonly line: number;
}

/** Applies the fix of one finding, found again in the document as it is now. Returns whether it applied. */
export async function fixFinding(checker: MisquoteChecker, key: FindingKey): Promise<boolean> {
  const document = await vscode.workspace.openTextDocument(key.uri);
  const published = checker.findingsFor(document);
  const candidates = (published?.entries ?? []).filter((e) => e.finding.kind === key.kind && e.finding.quote?.id === key.quoteId && e.diagnostic.message === key.message);
  const entry = candidates.sort((a, b) => Math.abs(a.diagnostic.range.start.line - key.line) - Math.abs(b.diagnostic.range.start.line - key.line))[0];
  if (!entry?.finding.replacement) return false;
  const { range, text } = entry.finding.replacement;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(key.uri, new vscode.Range(document.positionAt(range.start), document.positionAt(range.end)), text);
  return vscode.workspace.applyEdit(edit);
}

export interface CheckApi {
  /** Checks a document now (tests call it instead of waiting for the debounce). */
  check(document: vscode.TextDocument): DraftFinding[];
  /** Check All Drafts without the notification; resolves when every draft is checked. */
  checkAllDrafts(): Promise<CheckAllResult>;
  /** The findings of every checked file, open or on disk, files without findings left out. */
  findings(): readonly Published[];
  /** Fix All in File: every fix of the file as one edit; returns how many applied. */
  fixAllInFile(uri: vscode.Uri): Promise<number>;
}

export function register(deps: FeatureDeps): vscode.Disposable & { api: CheckApi; checker: MisquoteChecker } {
  const checker = new MisquoteChecker(deps);
  const disposable = vscode.Disposable.from(
    checker,
    vscode.languages.registerCodeActionsProvider('*', new MisquoteFixes(checker), { providedCodeActionKinds: MisquoteFixes.kinds }),
    vscode.commands.registerCommand('sourcebook.checkAllDrafts', () => checkAllDraftsCommand(checker)),
  );
  const api: CheckApi = {
    check: (document) => checker.check(document),
    checkAllDrafts: () => checker.drafts.checkAll(),
    findings: () => checker.allFindings(),
    fixAllInFile: (uri) => fixAllInFile(checker, uri),
  };
  return Object.assign(disposable, { api, checker });
}

/** The command: checks under a cancellable notification, then says what it found and offers the Findings view. */
async function checkAllDraftsCommand(checker: MisquoteChecker): Promise<CheckAllResult> {
  const result = await checker.drafts.checkAllWithProgress();
  const drafts = `${result.files} ${result.files === 1 ? 'draft' : 'drafts'}`;
  if (result.cancelled) {
    vscode.window.setStatusBarMessage(`Sourcebook: check cancelled after ${drafts}`, 5000);
  } else if (result.findings === 0) {
    void vscode.window.showInformationMessage(result.files === 0 ? 'Sourcebook: no drafts to check (see sourcebook.check.languages).' : `Sourcebook: no misquotes in ${drafts}.`);
  } else {
    const message = `Sourcebook: ${result.findings} ${result.findings === 1 ? 'finding' : 'findings'} in ${result.filesWithFindings} of ${drafts}.`;
    void vscode.window.showWarningMessage(message, 'Show Findings').then((choice) => {
      if (choice) void vscode.commands.executeCommand('sourcebook.findings.focus');
    });
  }
  return result;
}
