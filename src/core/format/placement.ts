/**
 * Where an inserted quote goes, so that it never breaks the draft. A block (a Markdown blockquote, a LaTeX
 * `quote` environment, a plain-text block) always stands as its own paragraph, with exactly one blank line
 * before and after it: on an empty line it goes there; with the cursor in a paragraph, after that paragraph;
 * a selection is replaced, and the text around it kept as paragraphs of their own. An inline quote (a
 * one-line user template) goes where the cursor is, moved out of a word to its end.
 */

/** The lines of a document, as the editor has them (without line breaks). */
export interface DocumentLines {
  readonly lineCount: number;
  lineAt(line: number): string;
}

export interface LinePosition {
  readonly line: number;
  readonly character: number;
}

/** One edit: replace the range [start, end) with text. */
export interface PlacedEdit {
  readonly start: LinePosition;
  readonly end: LinePosition;
  readonly text: string;
}

/** A block is formatted text with a line break in it; anything else is inserted inline. */
export function isBlock(formatted: string): boolean {
  return /\n./u.test(formatted.replace(/\n+$/u, '')) || /^\s*(?:>|\\begin\{)/u.test(formatted);
}

/**
 * The edit that inserts `formatted` for one cursor or selection. `anchor` and `active` are the selection's ends
 * (equal for a cursor).
 */
export function placeInsertion(lines: DocumentLines, anchor: LinePosition, active: LinePosition, formatted: string): PlacedEdit {
  const [start, end] = compare(anchor, active) <= 0 ? [anchor, active] : [active, anchor];
  if (!isBlock(formatted)) return placeInline(lines, start, end, formatted);
  const block = formatted.replace(/\n+$/u, '');
  if (compare(start, end) !== 0) return replaceWithBlock(lines, start, end, block);
  if (isBlank(lines.lineAt(start.line))) return blockOnEmptyLine(lines, start.line, block);
  return blockAfterParagraph(lines, start.line, block);
}

/**
 * The edits for every cursor, one per distinct place: two cursors in one paragraph would otherwise put the
 * same quote twice after it. Sorted from the end of the document, as editors apply them.
 */
export function placeInsertions(lines: DocumentLines, selections: readonly { anchor: LinePosition; active: LinePosition }[], formatted: string): PlacedEdit[] {
  const byPlace = new Map<string, PlacedEdit>();
  for (const selection of selections) {
    const edit = placeInsertion(lines, selection.anchor, selection.active, formatted);
    byPlace.set(`${edit.start.line}:${edit.start.character}-${edit.end.line}:${edit.end.character}`, edit);
  }
  return [...byPlace.values()].sort((a, b) => compare(b.start, a.start));
}

function blockOnEmptyLine(lines: DocumentLines, line: number, block: string): PlacedEdit {
  const blankBefore = line === 0 || isBlank(lines.lineAt(line - 1));
  const last = line === lines.lineCount - 1;
  const blankAfter = !last && isBlank(lines.lineAt(line + 1));
  const text = `${blankBefore ? '' : '\n'}${block}${last ? '\n' : blankAfter ? '' : '\n'}`;
  return { start: { line, character: 0 }, end: { line, character: lines.lineAt(line).length }, text };
}

function blockAfterParagraph(lines: DocumentLines, line: number, block: string): PlacedEdit {
  let end = line;
  while (end + 1 < lines.lineCount && !isBlank(lines.lineAt(end + 1))) end++;
  const at: LinePosition = { line: end, character: lines.lineAt(end).length };
  // After the paragraph's last line comes a blank line (or the end of the document), which stays after the block.
  const last = end === lines.lineCount - 1;
  return { start: at, end: at, text: `\n\n${block}${last ? '\n' : ''}` };
}

/** The selection gives way to the block; what stood before and after it on its lines stays, as paragraphs. */
function replaceWithBlock(lines: DocumentLines, from: LinePosition, to: LinePosition, block: string): PlacedEdit {
  const before = lines.lineAt(from.line).slice(0, from.character);
  const after = lines.lineAt(to.line).slice(to.character);
  // Spaces at the cut would be left dangling at the end and start of the two paragraphs: they go too.
  const start = isBlank(before) ? { line: from.line, character: 0 } : { line: from.line, character: before.trimEnd().length };
  const end = isBlank(after) ? { line: to.line, character: lines.lineAt(to.line).length } : { line: to.line, character: to.character + after.length - after.trimStart().length };
  const prefix = !isBlank(before) ? '\n\n' : from.line > 0 && !isBlank(lines.lineAt(from.line - 1)) ? '\n' : '';
  const last = to.line === lines.lineCount - 1;
  const suffix = !isBlank(after) ? '\n\n' : last ? '\n' : isBlank(lines.lineAt(to.line + 1)) ? '' : '\n';
  return { start, end, text: `${prefix}${block}${suffix}` };
}

const WORD_CHARACTER = /[\p{L}\p{M}\p{N}_'’-]/u;

/** Inline text never splits a word: a cursor inside one moves to the word's end. */
function placeInline(lines: DocumentLines, from: LinePosition, to: LinePosition, text: string): PlacedEdit {
  if (compare(from, to) !== 0) return { start: from, end: to, text };
  const line = lines.lineAt(from.line);
  let character = from.character;
  if (character > 0 && WORD_CHARACTER.test(line[character - 1] ?? '')) {
    while (character < line.length && WORD_CHARACTER.test(line[character])) character++;
  }
  const at = { line: from.line, character };
  return { start: at, end: at, text };
}

function isBlank(text: string): boolean {
  return text.trim().length === 0;
}

function compare(a: LinePosition, b: LinePosition): number {
  return a.line - b.line || a.character - b.character;
}
