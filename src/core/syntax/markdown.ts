import { LineTable } from '../text/lineTable';
import { ExclusionIndex, normalizeRegions, overlapsRegion, RegionKind, SyntaxRegion } from './regions';

/**
 * What a Markdown parser tells us about a document, in line numbers and in offsets of inline content. The parser
 * (markdown-it, in markdownIt.ts) is loaded on demand by the extension, so the core only knows this interface and
 * does the region arithmetic itself.
 */
export interface MarkdownBlockParser {
  /** The block structure of a text whose line breaks are `\n` and which has no NUL (markdown-it's normal form). */
  parseBlocks(text: string): MarkdownBlockStructure;
}

export interface MarkdownBlockStructure {
  /** Whole lines that are not prose: fenced and indented code, HTML blocks, `$$` math, reference definitions. */
  readonly excluded: readonly MarkdownLineBlock[];
  /** Paragraphs, headings and table cells, in document order, with their inline content as the parser reads it. */
  readonly inline: readonly MarkdownInlineBlock[];
  /**
   * The non-prose spans of one inline block's content (code spans, URLs, link destinations, inline HTML and
   * math), in offsets of `content`. Reference links resolve against this document's definitions.
   */
  inlineSpans(content: string): readonly MarkdownContentSpan[];
}

/** Lines [startLine, endLine). */
export interface MarkdownLineBlock {
  readonly startLine: number;
  readonly endLine: number;
  readonly kind: RegionKind;
}

export interface MarkdownInlineBlock {
  readonly startLine: number;
  readonly endLine: number;
  /** The block's text without its container prefixes (`> `, list indentation) and outer whitespace. */
  readonly content: string;
  /** Table cells share a line with their neighbours, so they are found left to right in it. */
  readonly tableCell: boolean;
}

export interface MarkdownContentSpan {
  readonly start: number;
  readonly end: number;
  readonly kind: RegionKind;
}

/** Lines [0, end) of YAML front matter: `---` on the first line, closed by `---` or `...`; else 0. */
export function frontMatterEnd(lines: LineTable): number {
  if (lines.count < 2 || !/^---[ \t]*$/u.test(lines.lineText(0))) return 0;
  for (let line = 1; line < lines.count; line++) {
    if (/^(?:---|\.\.\.)[ \t]*$/u.test(lines.lineText(line))) return line + 1;
  }
  return 0;
}

/** Consecutive inline blocks that must be placed together: the cells of one table row, or a single block. */
interface InlineUnit {
  readonly startLine: number;
  readonly endLine: number;
  readonly blocks: readonly MarkdownInlineBlock[];
}

/**
 * The excluded regions of one version of a Markdown document. The block parse runs once, up front; the inline
 * content of a block is parsed only when a question touches it (a hover parses one paragraph), and kept.
 */
export class MarkdownExclusionIndex implements ExclusionIndex {
  private readonly lines: LineTable;
  private readonly structure: MarkdownBlockStructure;
  private readonly blockRegions: SyntaxRegion[];
  private readonly units: InlineUnit[];
  private readonly unitRegions = new Map<number, readonly SyntaxRegion[]>();
  private all?: readonly SyntaxRegion[];

  constructor(text: string, parser: MarkdownBlockParser) {
    // markdown-it reads a NUL as U+FFFD; doing the same here keeps content and document lines comparable.
    this.lines = new LineTable(text.replace(/\0/gu, '\uFFFD'));
    const frontMatter = frontMatterEnd(this.lines);
    this.structure = parser.parseBlocks(parserInput(this.lines, frontMatter));
    const lineBlocks = [...this.structure.excluded];
    if (frontMatter > 0) lineBlocks.push({ startLine: 0, endLine: frontMatter, kind: 'frontMatter' });
    this.blockRegions = normalizeRegions(lineBlocks.map((b) => ({ start: this.lines.start(b.startLine), end: this.lines.startOrEnd(b.endLine), kind: b.kind })));
    this.units = groupTableRows(this.structure.inline);
  }

  excludes(start: number, end: number): boolean {
    if (overlapsRegion(this.blockRegions, start, end)) return true;
    const firstLine = this.lines.lineAt(start);
    const lastLine = this.lines.lineAt(Math.max(start, end - 1));
    for (let i = this.firstUnitEndingAfter(firstLine); i < this.units.length && this.units[i].startLine <= lastLine; i++) {
      if (overlapsRegion(this.regionsOfUnit(i), start, end)) return true;
    }
    return false;
  }

  regions(): readonly SyntaxRegion[] {
    this.all ??= normalizeRegions([...this.blockRegions, ...this.units.flatMap((_, i) => this.regionsOfUnit(i))]);
    return this.all;
  }

  private firstUnitEndingAfter(line: number): number {
    let lo = 0;
    let hi = this.units.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.units[mid].endLine <= line) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private regionsOfUnit(index: number): readonly SyntaxRegion[] {
    let regions = this.unitRegions.get(index);
    if (!regions) {
      regions = normalizeRegions(this.placeUnit(this.units[index]));
      this.unitRegions.set(index, regions);
    }
    return regions;
  }

  /** Parses each block of a unit and maps its spans from content offsets to document offsets. */
  private placeUnit(unit: InlineUnit): SyntaxRegion[] {
    const regions: SyntaxRegion[] = [];
    let cursor = 0;
    for (const block of unit.blocks) {
      const placement = new ContentPlacement(block, this.lines, cursor);
      if (block.tableCell) cursor = placement.endColumn();
      for (const span of this.structure.inlineSpans(block.content)) {
        const start = placement.toDocument(span.start);
        const end = placement.toDocument(span.end);
        if (start !== undefined && end !== undefined) regions.push({ start, end, kind: span.kind });
      }
    }
    return regions;
  }
}

/** The text the parser reads: `\n` line breaks, front matter lines emptied (so line numbers stay the same). */
function parserInput(lines: LineTable, frontMatter: number): string {
  const parts: string[] = [];
  for (let line = 0; line < lines.count; line++) parts.push(line < frontMatter ? '' : lines.lineText(line));
  return parts.join('\n');
}

function groupTableRows(blocks: readonly MarkdownInlineBlock[]): InlineUnit[] {
  const units: InlineUnit[] = [];
  for (const block of blocks) {
    const last = units[units.length - 1];
    if (block.tableCell && last?.blocks[0].tableCell && last.startLine === block.startLine) {
      units[units.length - 1] = { ...last, blocks: [...last.blocks, block] };
    } else {
      units.push({ startLine: block.startLine, endLine: Math.max(block.endLine, block.startLine + 1), blocks: [block] });
    }
  }
  return units;
}

/** Where one content line stands in its document line. */
interface LinePlacement {
  readonly documentStart: number;
  /** Spaces the parser added in front of the line (a tab partly used as indentation); they map to its first character. */
  readonly padding: number;
}

/**
 * Maps offsets in an inline block's content back to the document. Content line i is the end of document line
 * startLine + i after its container prefixes (`> `, list indentation), possibly trimmed; a table cell is a piece
 * of its line. Lines are placed only when a span needs them, as most lines of most paragraphs have none. A line
 * that cannot be found (never seen in practice) maps nothing, so its spans are left out, not misplaced.
 */
class ContentPlacement {
  private readonly contentStarts: number[] = [0];
  private readonly placements = new Map<number, LinePlacement | undefined>();

  constructor(
    private readonly block: MarkdownInlineBlock,
    private readonly lines: LineTable,
    /** For a table cell: where in its row the previous cell ended. */
    private readonly fromColumn: number,
  ) {
    const content = block.content;
    for (let i = content.indexOf('\n'); i >= 0; i = content.indexOf('\n', i + 1)) this.contentStarts.push(i + 1);
  }

  /** For a table cell: the column after it in its row, where the next cell is looked for. */
  endColumn(): number {
    const placement = this.place(0);
    return placement ? placement.documentStart - this.lines.start(this.block.startLine) + this.block.content.length : this.fromColumn;
  }

  toDocument(offset: number): number | undefined {
    let lo = 0;
    let hi = this.contentStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.contentStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    const placement = this.place(lo);
    if (!placement) return undefined;
    return placement.documentStart + Math.max(0, offset - this.contentStarts[lo] - placement.padding);
  }

  private place(index: number): LinePlacement | undefined {
    if (!this.placements.has(index)) {
      const last = index === this.contentStarts.length - 1;
      const contentLine = this.block.content.slice(this.contentStarts[index], last ? undefined : this.contentStarts[index + 1] - 1);
      const found = findContentLine(this.lines, this.block, contentLine, this.block.startLine + index, last, this.fromColumn);
      this.placements.set(index, found && { documentStart: this.lines.start(found.line) + found.column, padding: found.padding });
    }
    return this.placements.get(index);
  }
}

interface FoundLine {
  readonly line: number;
  readonly column: number;
  readonly padding: number;
}

/** Looks for a content line in its document line, or in the next two (should a parser ever drop a line). */
function findContentLine(lines: LineTable, block: MarkdownInlineBlock, content: string, from: number, last: boolean, column: number): FoundLine | undefined {
  const limit = Math.min(Math.max(block.endLine, from + 1), from + 3, lines.count);
  for (let line = from; line < limit; line++) {
    const docLine = lines.lineText(line);
    const found = block.tableCell ? cellColumn(docLine, content, column) : lineColumn(docLine, content, last);
    if (found) return { line, ...found };
  }
  return undefined;
}

function cellColumn(docLine: string, content: string, from: number): { column: number; padding: number } | undefined {
  const column = docLine.indexOf(content, from);
  return column < 0 ? undefined : { column, padding: 0 };
}

/** A paragraph or heading line: a suffix of the document line (trimmed at the end of a block), else a piece of it. */
function lineColumn(docLine: string, content: string, last: boolean): { column: number; padding: number } | undefined {
  const trimmed = docLine.slice(0, endWithoutSpaces(docLine));
  for (const candidate of last ? [docLine, trimmed] : [docLine]) {
    if (candidate.endsWith(content)) return { column: candidate.length - content.length, padding: 0 };
  }
  const inside = docLine.indexOf(content);
  if (inside >= 0) return { column: inside, padding: 0 };
  let padding = 0;
  while (content[padding] === ' ') padding++;
  const unpadded = content.slice(padding);
  for (const candidate of padding > 0 ? [docLine, trimmed] : []) {
    if (candidate.endsWith(unpadded)) return { column: candidate.length - unpadded.length, padding };
  }
  return undefined;
}

/** The length of a line without its trailing spaces and tabs (a loop: `[ \t]+$` is quadratic on long runs). */
function endWithoutSpaces(line: string): number {
  let end = line.length;
  while (end > 0 && (line[end - 1] === ' ' || line[end - 1] === '\t')) end--;
  return end;
}
