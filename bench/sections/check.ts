// Misquote check (issue #9): what the checker pays on every edit of a long draft. A 5,000-line Markdown
// draft with 30 quotations (exact, altered and misattributed quotes of the corpus, plus ordinary prose) is
// checked against the seeds and against synthetic corpora; the baseline is the floor of any check: every
// quotation looked up verbatim in every quote (normalised `includes`), which finds no misquote at all.
import { checkDocument } from '../../src/core/check/checkDocument';
import { MisquoteIndex } from '../../src/core/check/misquoteIndex';
import type { Quote, Speaker } from '../../src/core/kb/model';
import { collectGarbage, now, prng, summarize, Summary } from '../lib/stats';

export interface CheckCell {
  readonly corpus: string;
  readonly quotes: number;
  readonly lines: number;
  readonly quotations: number;
  readonly findings: number;
  readonly indexBuild: number;
  /** The first check after the index is built, which also tokenizes the candidate quotes it meets (kept after). */
  readonly first: number;
  readonly ours: Summary;
  readonly floor: Summary;
}

const LINES = 5_000;
const QUOTATIONS = 30;
const PROSE = 'The argument about data runs through every chapter of this draft, and it is worth slowing down here.';

/** A draft of LINES lines with QUOTATIONS quotations taken from `real` (a third altered, a third misattributed). */
export function draft(real: readonly Quote[], speakers: readonly Speaker[], seed = 7): string {
  const rand = prng(seed);
  const lines: string[] = ['# Draft', ''];
  const every = Math.floor(LINES / QUOTATIONS);
  for (let i = 0; lines.length < LINES; i++) {
    if (i % every === every - 1) {
      const quote = real[Math.floor(rand() * real.length)];
      const kind = i % 3;
      const words = quote.text.split(' ');
      const text = kind === 1 && words.length > 6 ? [...words.slice(0, 3), 'really', ...words.slice(3)].join(' ') : quote.text;
      const who = kind === 2 ? speakers[Math.floor(rand() * speakers.length)].name : quote.speaker.name;
      lines.push(`"${text}," ${who} said.`);
    } else {
      lines.push(`${PROSE} (${i})`);
    }
  }
  return lines.join('\n');
}

export function runCheck(corpora: readonly { label: string; quotes: readonly Quote[] }[], real: readonly Quote[], speakers: readonly Speaker[], rounds: number, log: (line: string) => void): CheckCell[] {
  const text = draft(real, speakers);
  const cells: CheckCell[] = [];
  for (const { label, quotes } of corpora) {
    collectGarbage();
    log(`misquote check over ${label} quotes…`);
    let t0 = now();
    const index = new MisquoteIndex(quotes, speakers);
    const indexBuild = now() - t0;
    const normalised = quotes.map((q) => q.text.toLowerCase());
    const quotations = [...text.matchAll(/"([^"\n]{20,})"/gu)].map((m) => m[1].replace(/,$/u, '').toLowerCase());
    t0 = now();
    let findings = checkDocument(text, 'markdown', index).length;
    const first = now() - t0;
    // The index's construction leaves garbage behind: collected here, not inside the timed edits.
    collectGarbage();
    const ours: number[] = [];
    const floor: number[] = [];
    for (let r = 0; r < rounds; r++) {
      // Interleaved, alternating which goes first, so load on the box lands on both.
      const runOurs = (): void => {
        t0 = now();
        findings = checkDocument(text, 'markdown', index).length;
        ours.push(now() - t0);
      };
      const runFloor = (): void => {
        t0 = now();
        let found = 0;
        for (const q of quotations) if (normalised.some((n) => n.includes(q))) found++;
        floor.push(now() - t0);
        if (found < 0) throw new Error('unreachable');
      };
      if (r % 2 === 0) {
        runOurs();
        runFloor();
      } else {
        runFloor();
        runOurs();
      }
    }
    cells.push({ corpus: label, quotes: quotes.length, lines: LINES, quotations: quotations.length, findings, indexBuild, first, ours: summarize(ours), floor: summarize(floor) });
  }
  return cells;
}
