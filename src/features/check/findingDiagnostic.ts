import * as vscode from 'vscode';
import { type DraftFinding, findingCode, isCitationFinding } from '../../core/check/draftFinding';

/** The quick fix a diagnostic carries: its title, and the replacement in the text that was checked. */
export interface FindingFix {
  readonly title: string;
  readonly range: vscode.Range;
  readonly text: string;
}

/**
 * What a finding's diagnostic carries besides its message (the markdown-language-features pattern: fixes read
 * `code` and `data`, they never find their finding again by message and range).
 */
export interface FindingData {
  /** The finding in its check: the document version checked and the finding's place in that check's list. */
  readonly id: string;
  /** The document version checked (DISK_VERSION for a draft read from disk): a fix applies to that text only. */
  readonly version: number;
  /** Undefined when the finding has no fix (a key in no bibliography). */
  readonly fix?: FindingFix;
}

/** A diagnostic of one finding. VS Code's Diagnostic has no `data`; ours carry it as the language client's do. */
export class FindingDiagnostic extends vscode.Diagnostic {
  constructor(range: vscode.Range, message: string, severity: vscode.DiagnosticSeverity, readonly data: FindingData) {
    super(range, message, severity);
  }
}

/** The data of a Sourcebook finding's diagnostic; undefined for anyone else's (or our partly-checked notice). */
export function findingData(diagnostic: vscode.Diagnostic): FindingData | undefined {
  if (diagnostic.source !== SOURCE) return undefined;
  const data = (diagnostic as { data?: unknown }).data;
  if (typeof data !== 'object' || data === null) return undefined;
  const { id, version } = data as Partial<FindingData>;
  return typeof id === 'string' && typeof version === 'number' ? (data as FindingData) : undefined;
}

/** The `source` of every Sourcebook diagnostic. */
export const SOURCE = 'Sourcebook';

/** The code of the notice where the check of a long document stopped (it has no finding and no data). */
export const PARTLY_CHECKED = 'partly-checked';

/** The diagnostic of a finding, carrying its code and, in `data`, its id and fix. */
export function findingDiagnostic(finding: DraftFinding, index: number, version: number, toRange: (r: { start: number; end: number }) => vscode.Range, severity: vscode.DiagnosticSeverity): FindingDiagnostic {
  const fix = finding.replacement ? { title: fixTitle(finding), range: toRange(finding.replacement.range), text: finding.replacement.text } : undefined;
  const diagnostic = new FindingDiagnostic(toRange(finding.range), finding.message, severity, { id: `${version}:${index}`, version, fix });
  diagnostic.source = SOURCE;
  diagnostic.code = findingCode(finding.kind);
  return diagnostic;
}

/** The title of a finding's quick fix (only findings with a replacement have one). */
export function fixTitle(finding: DraftFinding): string {
  if (isCitationFinding(finding)) return `Use @${finding.replacement?.text ?? finding.key}`;
  const speaker = finding.quote.speaker.kind === 'unsigned' ? 'the source' : finding.quote.speaker.name;
  return finding.kind === 'differs' ? `Restore the exact words of ${speaker}` : `Attribute to ${speaker}`;
}

/** The quick fix of a diagnostic that carries one. */
export function quickFix(uri: vscode.Uri, diagnostic: vscode.Diagnostic, fix: FindingFix): vscode.CodeAction {
  const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
  action.edit = new vscode.WorkspaceEdit();
  action.edit.replace(uri, fix.range, fix.text);
  action.diagnostics = [diagnostic];
  action.isPreferred = true;
  return action;
}
