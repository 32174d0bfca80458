import { expandContraction, stemForm, Token } from './tokens';

/** One step of an alignment of a writer's quotation (w) against source words (s), as half-open token ranges. */
export interface AlignOp {
  readonly kind: 'equal' | 'change' | 'added' | 'dropped' | 'gap';
  readonly w: readonly [number, number];
  readonly s: readonly [number, number];
  readonly cost: number;
}

export interface Alignment {
  readonly cost: number;
  /** 1 for the same words; 0 for nothing in common. */
  readonly similarity: number;
  /** The source tokens the quotation covers, [start, end). */
  readonly sourceStart: number;
  readonly sourceEnd: number;
  readonly ops: readonly AlignOp[];
  readonly writerWords: number;
  /** Writer words read as the very same source words. */
  readonly equalWords: number;
}

/**
 * A source word left out costs a hair less than a word added, so that "Our results" against "Our own
 * results" reads as "own" left out, not as "Our" added before a later start.
 */
const DROPPED_COST = 1 - 1e-3;

const enum Step {
  None = 0,
  Diagonal,
  Added,
  Dropped,
  GapUp,
  GapLeft,
  Contract21,
  Contract12,
}

/**
 * What it costs to read writer word `w` as source word `s`: 0 for the same word (the first word of a
 * quotation or of a part after an omission may change case), 0.25 for a change of case or diacritics, 0.5
 * for the same word with another contraction or possessive ending, 1 for a different word.
 */
export function substitutionCost(w: Token, s: Token, partStart: boolean): number {
  if (w.surface === s.surface) return 0;
  if (w.loose === s.loose) return partStart && sameExceptFirstLetterCase(w.surface, s.surface) ? 0 : 0.25;
  // Only a word with an apostrophe has a stem other than itself: skip the lookup for the rest (hot loop).
  if ((w.loose.includes("'") || s.loose.includes("'")) && stemForm(w.loose) === stemForm(s.loose)) return 0.5;
  return 1;
}

function sameExceptFirstLetterCase(a: string, b: string): boolean {
  return a.length === b.length && a.slice(1) === b.slice(1) && a[0].toLowerCase() === b[0].toLowerCase();
}

/** Whether a token could be a contraction: the cheap test the alignment's inner loop makes before expanding one. */
function apostrophes(tokens: readonly Token[]): Uint8Array {
  const has = new Uint8Array(tokens.length);
  tokens.forEach((t, k) => {
    has[k] = t.loose.includes("'") ? 1 : 0;
  });
  return has;
}

function contractionMatches(contracted: Token, first: Token, second: Token): boolean {
  if (first.kind !== 'word' || second.kind !== 'word') return false;
  const expanded = expandContraction(contracted.loose);
  return expanded !== undefined && expanded[0] === first.loose && expanded[1] === second.loose;
}

/**
 * Aligns the whole of a writer's quotation against the best-matching stretch of the source words (free
 * source prefix and suffix), by edit distance over words. Gap tokens in the quotation stand for any run of
 * source words at no cost. Ties prefer a shorter start, and an end where a clause of the source ends
 * (`clauseEnd(j)`: whether a clause ends after source word j − 1), so "in current AI models" against "in
 * current LLMs, advocating…" reads as "AI models" for "LLMs".
 */
export function alignQuotation(writer: readonly Token[], source: readonly Token[], clauseEnd: (j: number) => boolean = (j) => j === source.length): Alignment {
  const table = fillTable(writer, source);
  const endJ = bestEnd(table, clauseEnd);
  const ops = mergeOps(traceBack(table, endJ));
  return summarize(ops, writer, table.cost[table.n * table.width + endJ], endJ);
}

/** The dynamic-programming table: the least cost of aligning writer[0, i) ending at source[0, j), and its last step. */
interface Table {
  readonly n: number;
  readonly m: number;
  readonly width: number;
  readonly cost: Float64Array;
  readonly step: Uint8Array;
}

/** Fills the table, row by row: the hot loop of the misquote check (typed arrays, no allocation per cell). */
function fillTable(writer: readonly Token[], source: readonly Token[]): Table {
  const n = writer.length;
  const m = source.length;
  const width = m + 1;
  const cost = new Float64Array((n + 1) * width);
  const step = new Uint8Array((n + 1) * width);
  const partStart: boolean[] = [];
  for (let i = 0; i < n; i++) partStart.push(i === 0 || writer[i - 1].kind === 'gap');
  const writerApostrophe = apostrophes(writer);
  const sourceApostrophe = apostrophes(source);
  for (let i = 1; i <= n; i++) {
    const w = writer[i - 1];
    const row = i * width;
    const up = (i - 1) * width;
    for (let j = 0; j <= m; j++) {
      let best = Infinity;
      let how = Step.None;
      let value: number;
      if (w.kind === 'gap') {
        best = cost[up + j];
        how = Step.GapUp;
        if (j > 0 && (value = cost[row + j - 1]) < best) {
          best = value;
          how = Step.GapLeft;
        }
      } else {
        const s = j > 0 ? source[j - 1] : undefined;
        if (s && s.surface === w.surface) {
          best = cost[up + j - 1];
          how = Step.Diagonal;
        }
        if (i >= 2 && s && sourceApostrophe[j - 1] === 1 && (value = cost[(i - 2) * width + j - 1] + 0.5) < best && contractionMatches(s, writer[i - 2], w)) {
          best = value;
          how = Step.Contract21;
        }
        if (j >= 2 && writerApostrophe[i - 1] === 1 && (value = cost[up + j - 2] + 0.5) < best && contractionMatches(w, source[j - 2], source[j - 1])) {
          best = value;
          how = Step.Contract12;
        }
        if ((value = cost[up + j] + 1) < best) {
          best = value;
          how = Step.Added;
        }
        if (s && (value = cost[row + j - 1] + DROPPED_COST) < best) {
          best = value;
          how = Step.Dropped;
        }
        if (s && how !== Step.Diagonal && (value = cost[up + j - 1]) < best && (value += substitutionCost(w, s, partStart[i - 1])) < best) {
          best = value;
          how = Step.Diagonal;
        }
      }
      cost[row + j] = best;
      step[row + j] = how;
    }
  }
  return { n, m, width, cost, step };
}

/**
 * The end: the least cost; among ties the last that ends a clause in the source (its end, or a comma, stop or
 * dash after the word), else the first.
 */
function bestEnd({ n, m, width, cost }: Table, clauseEnd: (j: number) => boolean): number {
  let endJ = 0;
  for (let j = 1; j <= m; j++) {
    const c = cost[n * width + j];
    const bestCost = cost[n * width + endJ];
    if (c < bestCost || (c === bestCost && clauseEnd(j))) endJ = j;
  }
  return endJ;
}

/** The steps of the best alignment ending at source position endJ, first to last. */
function traceBack({ n, width, cost, step }: Table, endJ: number): AlignOp[] {
  const ops: AlignOp[] = [];
  let i = n;
  let j = endJ;
  while (i > 0) {
    const s = step[i * width + j];
    const here = cost[i * width + j];
    switch (s) {
      case Step.Diagonal: {
        const c = here - cost[(i - 1) * width + j - 1];
        ops.push({ kind: c === 0 ? 'equal' : 'change', w: [i - 1, i], s: [j - 1, j], cost: c });
        i--;
        j--;
        break;
      }
      case Step.Contract21:
        ops.push({ kind: 'change', w: [i - 2, i], s: [j - 1, j], cost: 0.5 });
        i -= 2;
        j--;
        break;
      case Step.Contract12:
        ops.push({ kind: 'change', w: [i - 1, i], s: [j - 2, j], cost: 0.5 });
        i--;
        j -= 2;
        break;
      case Step.Added:
        ops.push({ kind: 'added', w: [i - 1, i], s: [j, j], cost: 1 });
        i--;
        break;
      case Step.Dropped:
        ops.push({ kind: 'dropped', w: [i, i], s: [j - 1, j], cost: DROPPED_COST });
        j--;
        break;
      case Step.GapUp:
        ops.push({ kind: 'gap', w: [i - 1, i], s: [j, j], cost: 0 });
        i--;
        break;
      case Step.GapLeft:
        ops.push({ kind: 'gap', w: [i, i], s: [j - 1, j], cost: 0 });
        j--;
        break;
      default:
        i = 0;
    }
  }
  return ops.reverse();
}

/** The alignment of merged steps: the source stretch they cover, and how similar the quotation is to it. */
function summarize(merged: AlignOp[], writer: readonly Token[], total: number, endJ: number): Alignment {
  let sourceStart = endJ;
  let sourceEnd = endJ;
  let first = true;
  let coveredByWords = 0;
  for (const op of merged) {
    if (op.s[1] > op.s[0]) {
      if (first) sourceStart = op.s[0];
      first = false;
      sourceEnd = op.s[1];
      if (op.kind !== 'gap') coveredByWords += op.s[1] - op.s[0];
    }
  }
  if (first) sourceStart = sourceEnd = endJ;
  const writerWords = writer.filter((t) => t.kind === 'word').length;
  const similarity = writerWords === 0 ? 0 : Math.max(0, 1 - total / Math.max(writerWords, coveredByWords, 1));
  const equalWords = merged.filter((op) => op.kind === 'equal').reduce((sum, op) => sum + op.w[1] - op.w[0], 0);
  return { cost: total, similarity, sourceStart, sourceEnd, ops: merged, writerWords, equalWords };
}

/** Joins neighbouring steps of the same kind (except equal words), so a diff reads "a b" → "c d". */
function mergeOps(ops: readonly AlignOp[]): AlignOp[] {
  const merged: AlignOp[] = [];
  for (const op of ops) {
    const last = merged[merged.length - 1];
    const differs = (k: AlignOp['kind']): boolean => k === 'change' || k === 'added' || k === 'dropped';
    if (last && ((differs(last.kind) && differs(op.kind)) || (last.kind === 'gap' && op.kind === 'gap') || (last.kind === 'equal' && op.kind === 'equal'))) {
      const kind = last.kind === op.kind ? op.kind : differs(op.kind) ? 'change' : op.kind;
      merged[merged.length - 1] = { kind, w: [last.w[0], op.w[1]], s: [last.s[0], op.s[1]], cost: last.cost + op.cost };
    } else {
      merged.push(op);
    }
  }
  return merged;
}
