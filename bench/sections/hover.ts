import type { KnowledgeBase } from '../../src/core/kb/knowledgeBase';
import type { Term } from '../../src/core/kb/model';
import { TermMatcher } from '../../src/core/terms/termMatcher';
import { NaiveTermLookup } from '../lib/baselines';
import { collectGarbage, now, prng, summarize, Summary } from '../lib/stats';
import { HoverLine, hoverLine, spellingsOf, synthGlossary } from '../lib/synth';

export interface HoverPlan {
  /** Hover positions per line kind (half of them on a term occurrence, half anywhere). */
  readonly positions: number;
  /** Time budget for the naive baseline per cell; it always gets at least one sample. */
  readonly naiveBudgetMs: number;
  /** Skip the naive baseline on the 5 MB line with the large glossary (one sample takes seconds). */
  readonly skipNaiveHuge: boolean;
}

export interface HoverCell {
  glossary: string;
  terms: number;
  spellings: number;
  line: string;
  lineLength: number;
  ours: Summary;
  naive?: Summary;
  naiveSkipped?: string;
  /** Share of positions put on a spelling where ours found a term (about 1 for 5,000 terms, about ½ for the seeds' glossary, whose lines also hold synthetic spellings). */
  onTermFound: number;
}

export interface HoverResult {
  build: Record<string, { ours: Summary; naive: Summary; terms: number; spellings: number }>;
  cells: HoverCell[];
}

const LINE_KINDS: readonly { name: string; length: number; count: number }[] = [
  { name: '80 ch', length: 80, count: 400 },
  { name: '2,000 ch', length: 2_000, count: 40 },
  { name: '5 MB line', length: 5 * 1024 * 1024, count: 1 },
];

function positionsFor(rand: () => number, lines: readonly HoverLine[], count: number): { line: number; at: number; onTerm: boolean }[] {
  const result: { line: number; at: number; onTerm: boolean }[] = [];
  for (let i = 0; i < count; i++) {
    const li = Math.floor(rand() * lines.length);
    const line = lines[li];
    if (i % 2 === 0 && line.occurrences.length > 0) {
      const [start, end] = line.occurrences[Math.floor(rand() * line.occurrences.length)];
      result.push({ line: li, at: start + Math.floor(rand() * (end - start)), onTerm: true });
    } else {
      result.push({ line: li, at: Math.floor(rand() * (line.text.length + 1)), onTerm: false });
    }
  }
  return result;
}

export function runHover(kb: KnowledgeBase, plan: HoverPlan, log: (line: string) => void): HoverResult {
  const big = synthGlossary(kb, 5_000);
  const glossaries: [string, Term[]][] = [
    [`seeds (${kb.terms.length} terms)`, [...kb.terms]],
    ['5,000 terms', big],
  ];
  // The same lines and positions for both glossaries, so that only the glossary's size differs between them:
  // half of the spellings put in the lines are real terms, half synthetic ones (terms only for the big glossary).
  const real = spellingsOf(kb.terms);
  const synthetic = spellingsOf(big.slice(kb.terms.length)).slice(0, real.length);
  const mixed = [...real, ...synthetic];
  const linesOf = new Map(
    LINE_KINDS.map((kind) => [kind.name, Array.from({ length: kind.count }, (_, i) => hoverLine(kb, mixed, kind.length, kind.length * 31 + i))]),
  );
  const result: HoverResult = { build: {}, cells: [] };
  for (const [name, terms] of glossaries) {
    collectGarbage();
    const oursBuild: number[] = [];
    const naiveBuild: number[] = [];
    let matcher!: TermMatcher;
    let naive!: NaiveTermLookup;
    for (let r = 0; r < 5; r++) {
      let t0 = now();
      matcher = new TermMatcher(terms);
      oursBuild.push(now() - t0);
      t0 = now();
      naive = new NaiveTermLookup(terms);
      naiveBuild.push(now() - t0);
    }
    const spellings = spellingsOf(terms);
    result.build[name] = { ours: summarize(oursBuild), naive: summarize(naiveBuild), terms: terms.length, spellings: spellings.length };
    for (const kind of LINE_KINDS) {
      const lines = linesOf.get(kind.name) ?? [];
      const positions = positionsFor(prng(kind.length), lines, plan.positions);
      for (const p of positions.slice(0, 50)) matcher.termAt(lines[p.line].text, p.at); // warm-up
      const oursSamples: number[] = [];
      const naiveSamples: number[] = [];
      const huge = kind.length > 1_000_000 && terms.length > 1_000;
      const naiveOn = !(huge && plan.skipNaiveHuge);
      let naiveSpent = 0;
      let onTerm = 0;
      let onTermFound = 0;
      // Interleaved in blocks rather than call by call: the naive lookup reads thousands of spellings and would
      // leave the CPU caches cold for the call after it. Blocks still share any burst of load evenly.
      const BLOCK = 50;
      for (let b = 0; b < positions.length; b += BLOCK) {
        const block = positions.slice(b, b + BLOCK);
        const naiveTurn = naiveOn && (naiveSamples.length === 0 || naiveSpent < plan.naiveBudgetMs);
        const runNaive = (): void => {
          for (const p of block) {
            if (naiveSamples.length > 0 && naiveSpent >= plan.naiveBudgetMs) break;
            const t0 = now();
            naive.termAt(lines[p.line].text, p.at);
            const dt = now() - t0;
            naiveSamples.push(dt);
            naiveSpent += dt;
          }
        };
        if (naiveTurn && (b / BLOCK) % 2 === 1) runNaive();
        for (const p of block) {
          const t0 = now();
          const found = matcher.termAt(lines[p.line].text, p.at);
          oursSamples.push(now() - t0);
          if (p.onTerm) {
            onTerm++;
            if (found) onTermFound++;
          }
        }
        if (naiveTurn && (b / BLOCK) % 2 === 0) runNaive();
      }
      const cell: HoverCell = {
        glossary: name,
        terms: terms.length,
        spellings: spellings.length,
        line: kind.name,
        lineLength: kind.length,
        ours: summarize(oursSamples),
        naive: naiveSamples.length ? summarize(naiveSamples) : undefined,
        naiveSkipped: naiveOn ? undefined : 'skipped (--quick): one naive lookup takes seconds here',
        onTermFound: onTerm ? onTermFound / onTerm : NaN,
      };
      result.cells.push(cell);
      log(`  hover ${name} × ${kind.name}: ours p99 ${cell.ours.p99.toFixed(4)} ms, naive median ${cell.naive ? cell.naive.median.toFixed(3) : '–'} ms (n=${naiveSamples.length})`);
    }
  }
  return result;
}
