/**
 * Line starts of a text, with the line breaks VS Code knows (`\r\n`, `\n`, `\r`), so that line numbers agree with
 * the editor's and with a Markdown parser fed the same text with its breaks normalised to `\n`.
 */
export class LineTable {
  private readonly starts: number[] = [0];
  /** Where each line's text ends, before its line break. */
  private readonly ends: number[] = [];

  constructor(private readonly text: string) {
    const breaks = /\r\n?|\n/gu;
    for (let m = breaks.exec(text); m; m = breaks.exec(text)) {
      this.ends.push(m.index);
      this.starts.push(m.index + m[0].length);
    }
    this.ends.push(text.length);
  }

  get count(): number {
    return this.starts.length;
  }

  start(line: number): number {
    return this.starts[Math.min(Math.max(line, 0), this.starts.length - 1)];
  }

  /** The offset after the line's text (before its break); for the last line, the end of the text. */
  end(line: number): number {
    return this.ends[Math.min(Math.max(line, 0), this.ends.length - 1)];
  }

  /** The offset where line `line` starts, or the end of the text for a line past the last one. */
  startOrEnd(line: number): number {
    return line >= this.starts.length ? this.text.length : this.start(line);
  }

  lineText(line: number): string {
    return this.text.slice(this.start(line), this.end(line));
  }

  /** The line that contains `offset` (a line break belongs to the line it ends). */
  lineAt(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The 1-based line and column (UTF-16 units, as editors count them) of an offset. */
  position(offset: number): { line: number; column: number } {
    const line = this.lineAt(offset);
    return { line: line + 1, column: offset - this.starts[line] + 1 };
  }
}
