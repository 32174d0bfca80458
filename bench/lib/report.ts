/** Plain-text tables for the terminal: first column left-aligned, the others right-aligned. */
export function table(title: string, headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells.map((c, i) => (i === 0 ? (c ?? '').padEnd(widths[i]) : (c ?? '').padStart(widths[i]))).join('  ');
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  return [`\n${title}`, line(headers), rule, ...rows.map(line)].join('\n');
}

export interface TargetCheck {
  readonly name: string;
  readonly target: string;
  readonly measured: string;
  readonly pass: boolean | undefined;
  readonly note?: string;
}

export function targetsTable(checks: readonly TargetCheck[]): string {
  return table(
    'Targets (issue #8)',
    ['target', 'goal', 'measured', 'result'],
    checks.map((c) => [c.name, c.target, c.measured, c.pass === undefined ? 'n/a' : c.pass ? 'PASS' : 'MISS']),
  );
}
