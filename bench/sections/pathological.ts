// Pathological inputs (issue #13, "Linear time (no freezes)"): each shape that once grew quadratically or
// worse, timed at two sizes ten times apart. Linear code takes about 10× longer on the larger input; a ratio
// above MISS_RATIO means the shape has gone superlinear again. There is no baseline in process: the figures
// before the fix (seconds to hours) are in bench/README.md.
import { checkDocumentReport } from '../../src/core/check/checkDocument';
import { findQuotations } from '../../src/core/check/findQuotations';
import type { Catalog } from '../../src/core/catalog/catalogTypes';
import { extractCatalog } from '../../src/core/extract/extractCatalog';
import { buildKnowledgeBase, CollectionInput } from '../../src/core/kb/buildKnowledgeBase';
import type { KnowledgeBase } from '../../src/core/kb/knowledgeBase';
import { repairMojibake } from '../../src/core/text/mojibake';
import { extractBody } from '../../src/core/text/sourceBody';
import { formatFinding } from '../../src/node/check';
import type { MisquoteFinding } from '../../src/core/check/checkDocument';
import { collectGarbage, now, summarize, Summary } from '../lib/stats';

/** Growth for a tenfold input above which a shape counts as superlinear (n log n stays well under it). */
export const MISS_RATIO = 20;

export interface PathologicalCell {
  readonly shape: string;
  /** What the size counts ("characters", "quotes", "findings"). */
  readonly unit: string;
  readonly smallSize: number;
  readonly largeSize: number;
  readonly small: Summary;
  readonly large: Summary;
  /** large ÷ small, medians. */
  readonly ratio: number;
  readonly pass: boolean;
}

interface Shape {
  readonly name: string;
  readonly unit: string;
  readonly sizes: readonly [number, number];
  /** Builds the input of a size (untimed) and returns the timed work. */
  readonly prepare: (size: number, kb: KnowledgeBase) => () => unknown;
}

const KB_CHARS = 1_000;
const repeatTo = (unit: string, length: number): string => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

const SHAPES: readonly Shape[] = [
  { name: 'findQuotations, -"a repeated', unit: 'characters', sizes: [40 * KB_CHARS, 400 * KB_CHARS], prepare: (n) => quotations(repeatTo('-"a', n), 'plaintext') },
  { name: 'findQuotations, “ repeated', unit: 'characters', sizes: [40 * KB_CHARS, 400 * KB_CHARS], prepare: (n) => quotations(repeatTo('\u201C', n), 'plaintext') },
  { name: 'findQuotations, inline code spans (Markdown)', unit: 'characters', sizes: [40 * KB_CHARS, 400 * KB_CHARS], prepare: (n) => quotations(repeatTo('`x` ', n), 'markdown') },
  { name: 'extraction, a heading and n spaces', unit: 'spaces', sizes: [40 * KB_CHARS, 400 * KB_CHARS], prepare: (n) => extraction(`# Title${' '.repeat(n)}x\n\nBody.`) },
  { name: 'extraction, a quotation repeated', unit: 'characters', sizes: [40 * KB_CHARS, 400 * KB_CHARS], prepare: (n) => extraction(repeatTo('"one two three four five" ', n)) },
  { name: 'source body, whitespace-only lines', unit: 'characters', sizes: [40 * KB_CHARS, 400 * KB_CHARS], prepare: (n) => () => extractBody(`a\n${repeatTo('  \n', n)}b`) },
  { name: 'mojibake repair, one high-byte paragraph', unit: 'characters', sizes: [40 * KB_CHARS, 400 * KB_CHARS], prepare: (n) => () => repairMojibake(repeatTo('\u0101\u20ac ', n)) },
  { name: 'locating catalog quotes in one source', unit: 'quotes', sizes: [10_000, 100_000], prepare: (n) => locating(n, false) },
  { name: 'catalog quotes not found (problem reports)', unit: 'quotes', sizes: [2_000, 20_000], prepare: (n) => locating(n, true) },
  { name: 'CLI formatFinding, one per line', unit: 'findings', sizes: [30_000, 300_000], prepare: (n, kb) => formatting(n, kb) },
  { name: 'checkDocument, one line (checked in part)', unit: 'characters', sizes: [500 * KB_CHARS, 5_000 * KB_CHARS], prepare: (n, kb) => checkingOneLine(n, kb) },
];

function quotations(text: string, languageId: string): () => unknown {
  return () => findQuotations(text, languageId);
}

function extraction(text: string): () => unknown {
  return () => extractCatalog([{ relativePath: 'draft.md', text }], []);
}

/** One source of n sentences and a catalog quoting each (or, `missing`, quoting n sentences that are not there). */
function locating(n: number, missing: boolean): () => unknown {
  const sentences = Array.from({ length: n }, (_, i) => `Sentence ${i} says that item ${(i * 7919) % 100_003} matters a great deal.`);
  const body = sentences.join(' ');
  const catalog: Catalog = {
    version: 1,
    sources: [{ id: 's', file: 's.txt', title: 'S', kind: 'notes' }],
    speakers: [{ id: 'p', name: 'Pat Quinn', kind: 'person' }],
    quotes: sentences.map((s, i) => ({ id: `q${i}`, source: 's', text: missing ? s.replace('says', 'claims') : s, speaker: 'p', attribution: 'direct' as const })),
  };
  const collection: CollectionInput = {
    origin: 'workspace',
    catalogFile: 'sourcebook.json',
    catalogText: JSON.stringify(catalog, null, 2),
    catalog,
    files: [{ name: 's.txt', uri: 'file:///s.txt', displayPath: 's.txt', bytes: new Uint8Array(), text: body }],
  };
  return () => buildKnowledgeBase([{ ...collection }]);
}

/** n findings, one per line of an n-line draft, formatted as the CLI prints them. */
function formatting(n: number, kb: KnowledgeBase): () => unknown {
  const line = 'A line of the draft with a "misquote, and some more words" in it.';
  const text = Array.from({ length: n }, () => line).join('\n');
  const findings: MisquoteFinding[] = Array.from({ length: n }, (_, i) => {
    const start = i * (line.length + 1) + 28;
    const range = { start, end: start + 30 };
    return { range, kind: 'differs', message: 'Differs', quote: kb.quotes[0], replacement: { range, text: '' } };
  });
  return () => {
    // formatFinding keeps the last text's line starts: start each sample from another text, as a new file would.
    let length = formatFinding('other.md', 'other', findings[0]).length;
    for (const finding of findings) length += formatFinding('draft.md', text, finding).length;
    return length;
  };
}

/** A single line of prose with an altered and a misattributed quotation every ~1,000 characters. */
function checkingOneLine(n: number, kb: KnowledgeBase): () => unknown {
  const prose = 'The argument about data runs through every chapter of this draft, and it is worth slowing down here. ';
  const unit = `${prose.repeat(4)}"We have reached peak data and there will be no more data to come," said Ilya Sutskever. ${prose.repeat(4)}"We've reached peak data, and there's no more data to come," Yann LeCun said. `;
  const text = repeatTo(unit, n);
  return () => checkDocumentReport(text, 'markdown', kb);
}

function time(work: () => unknown, samples: number): Summary {
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    collectGarbage();
    const t0 = now();
    work();
    times.push(now() - t0);
  }
  return summarize(times);
}

export function runPathological(kb: KnowledgeBase, samples: number, log: (line: string) => void): PathologicalCell[] {
  const cells: PathologicalCell[] = [];
  for (const shape of SHAPES) {
    log(`pathological: ${shape.name}…`);
    const [smallSize, largeSize] = shape.sizes;
    const smallWork = shape.prepare(smallSize, kb);
    smallWork(); // warm up: compile and optimise before timing
    const small = time(smallWork, samples);
    const large = time(shape.prepare(largeSize, kb), samples);
    const ratio = large.median / small.median;
    cells.push({ shape: shape.name, unit: shape.unit, smallSize, largeSize, small, large, ratio, pass: ratio <= MISS_RATIO });
  }
  return cells;
}
