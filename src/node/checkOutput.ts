import type { DraftFinding } from '../core/check/draftFinding';
import { speakerPhrase } from '../core/format/formatQuote';
import { LineTable } from '../core/text/lineTable';
import { type FileFindings, formatFinding } from './check';

/** How `sourcebook check` prints its findings. */
export const CHECK_FORMATS = ['text', 'json', 'github'] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];

export function isCheckFormat(value: string): value is CheckFormat {
  return (CHECK_FORMATS as readonly string[]).includes(value);
}

/** 1-based line and column (UTF-16 units, as editors count them) of a range's start and end. */
interface Span {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/**
 * One finding in `--format json`: a stable shape for scripts and CI. Adding a field is compatible; renaming
 * or removing one is not. A finding without a source quote (`unknown-key`: a citation key in no bibliography)
 * has null for the quote's fields and for `fix`.
 */
export interface FindingJson extends Span {
  readonly file: string;
  /** `differs`, `wrong-speaker`, `wrong-citation` or `unknown-key`. */
  readonly kind: DraftFinding['kind'];
  readonly message: string;
  /** The source's exact words. */
  readonly expected: string | null;
  /** Whose words they are, as every surface says it ("X, reporting Y’s view" for a writer's account). */
  readonly speaker: string | null;
  readonly quoteId: string | null;
  readonly sourceId: string | null;
  readonly sourceTitle: string | null;
  /** The quick fix: replace this span of the file with this text (a wrong citation: the right key). */
  readonly fix: (Span & { readonly text: string }) | null;
}

function spanOf(lines: LineTable, range: { start: number; end: number }): Span {
  const start = lines.position(range.start);
  const end = lines.position(range.end);
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

/** Every finding of every file, each file's line table built once. */
function* located(results: readonly FileFindings[]): Generator<{ file: string; finding: DraftFinding; lines: LineTable }> {
  for (const { file, text, findings } of results) {
    if (findings.length === 0) continue;
    const lines = new LineTable(text);
    for (const finding of findings) yield { file, finding, lines };
  }
}

export function findingsToJson(results: readonly FileFindings[]): FindingJson[] {
  return [...located(results)].map(({ file, finding, lines }) => ({
    file,
    ...spanOf(lines, finding.range),
    kind: finding.kind,
    message: finding.message,
    expected: finding.quote?.text ?? null,
    speaker: finding.quote ? speakerPhrase(finding.quote) : null,
    quoteId: finding.quote?.id ?? null,
    sourceId: finding.quote?.source.id ?? null,
    sourceTitle: finding.quote?.source.title ?? null,
    fix: finding.replacement ? { ...spanOf(lines, finding.replacement.range), text: finding.replacement.text } : null,
  }));
}

/** `path:line:col: message` lines, as compilers print them (editors' problem matchers read them). */
export function findingsToText(results: readonly FileFindings[]): string[] {
  return results.flatMap(({ file, text, findings }) => findings.map((finding) => formatFinding(file, text, finding)));
}

/**
 * GitHub Actions workflow commands: one `::warning file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`
 * per finding, shown as an annotation on the pull request's diff.
 */
export function findingsToGithub(results: readonly FileFindings[]): string[] {
  return [...located(results)].map(({ file, finding, lines }) => {
    const span = spanOf(lines, finding.range);
    const title = `Sourcebook: ${TITLES[finding.kind]}`;
    const properties = [
      `file=${escapeProperty(file)}`,
      `line=${span.line}`,
      `col=${span.column}`,
      `endLine=${span.endLine}`,
      `endColumn=${span.endColumn}`,
      `title=${escapeProperty(title)}`,
    ].join(',');
    return `::warning ${properties}::${escapeData(finding.message)}`;
  });
}

/** The annotation title of each kind of finding. */
const TITLES: Record<DraftFinding['kind'], string> = {
  differs: 'misquote',
  'wrong-speaker': 'wrong speaker',
  'wrong-citation': 'wrong citation',
  'unknown-key': 'unknown citation key',
};

/** "3 findings in 2 of 14 files", "no findings in 14 files". */
export function summaryLine(results: readonly FileFindings[]): string {
  const findings = results.reduce((n, r) => n + r.findings.length, 0);
  const files = results.filter((r) => r.findings.length > 0).length;
  const checked = `${results.length} ${results.length === 1 ? 'file' : 'files'}`;
  if (findings === 0) return `no findings in ${checked}`;
  return `${findings} ${findings === 1 ? 'finding' : 'findings'} in ${files} of ${checked}`;
}

// Workflow command escaping, as @actions/core does it: a message may not break its line or start a new command.
function escapeData(value: string): string {
  return value.replace(/%/gu, '%25').replace(/\r/gu, '%0D').replace(/\n/gu, '%0A');
}

function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/gu, '%3A').replace(/,/gu, '%2C');
}
