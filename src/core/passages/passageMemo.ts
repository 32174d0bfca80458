import type { Quote, Source, Speaker, TextRange } from '../kb/model';
import { MemoTable } from '../util/memoTable';
import type { LabelResolver } from './turns';

/** One label the turns of a source were resolved with, and whom it named. */
interface ResolvedLabel {
  readonly label: string;
  readonly speaker: Speaker | undefined;
}

interface PassageRecord {
  /** The writer, when it is one of the corpus's speakers; undefined for the source's own unsigned writer. */
  readonly sharedWriter: Speaker | undefined;
  readonly covered: readonly TextRange[];
  readonly labels: readonly ResolvedLabel[];
  readonly passages: readonly Quote[];
}

/** What a source's passages are made from, besides the source itself. */
export interface PassageInputs {
  /** Its quotes' ranges, merged (passages leave them out). */
  readonly covered: readonly TextRange[];
  readonly writer: Speaker;
  /** The corpus's speakers: a writer among them is shared, one that is not was made for this source alone. */
  readonly speakers: readonly Speaker[];
  readonly resolve: LabelResolver;
}

/**
 * Each source's passages as the previous build in this process made them (core/buildMemo.ts), reused when the
 * source is the very same object (the knowledge base's memo kept it: its text, body and turns are unchanged), its
 * quotes cover the same ranges, its writer is the same, and every turn label read in it names the same speaker.
 */
export class PassageMemo {
  readonly sources = new MemoTable<Source, PassageRecord>();
  /** The speakers of the build, as a set (a build has one list, passed for each source). */
  private shared = { of: [] as readonly Speaker[], set: new Set<Speaker>() };

  passagesOf(source: Source, inputs: PassageInputs, make: (resolve: LabelResolver) => Quote[]): readonly Quote[] {
    if (this.shared.of !== inputs.speakers) this.shared = { of: inputs.speakers, set: new Set(inputs.speakers) };
    const sharedWriter = this.shared.set.has(inputs.writer) ? inputs.writer : undefined;
    const fits = (kept: PassageRecord): boolean =>
      kept.sharedWriter === sharedWriter &&
      sameRanges(kept.covered, inputs.covered) &&
      kept.labels.every(({ label, speaker }) => inputs.resolve(label) === speaker);
    const kept = this.sources.find(source, fits);
    if (kept) return kept.passages;
    const labels: ResolvedLabel[] = [];
    const noting: LabelResolver = (label) => {
      const speaker = inputs.resolve(label);
      labels.push({ label, speaker });
      return speaker;
    };
    const passages = make(noting);
    return this.sources.keep(source, { sharedWriter, covered: inputs.covered, labels, passages }).passages;
  }

  /** Ends a build (see MemoTable). */
  nextGeneration(): void {
    this.sources.nextGeneration();
  }
}

function sameRanges(a: readonly TextRange[], b: readonly TextRange[]): boolean {
  return a.length === b.length && a.every((range, k) => range.start === b[k].start && range.end === b[k].end);
}
