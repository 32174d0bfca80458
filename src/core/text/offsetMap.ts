import { firstIndexWhere } from '../util/binarySearch';

/**
 * Maps offsets in a derived text back to the text it was derived from, when the derived text was made by
 * replacing some spans of the original (encoding repair). Offsets are UTF-16 code units, as in JS strings.
 */
export interface Replacement {
  /** Span in the original text. */
  readonly originalStart: number;
  readonly originalEnd: number;
  /** Span in the derived text that replaced it. */
  readonly derivedStart: number;
  readonly derivedEnd: number;
}

export class OffsetMap {
  /** Replacements sorted by position (they never overlap). */
  constructor(private readonly replacements: readonly Replacement[]) {}

  static identity(): OffsetMap {
    return new OffsetMap([]);
  }

  get size(): number {
    return this.replacements.length;
  }

  /** The replacements as four numbers each (original start, end, derived start, end): a snapshot's form (core/snapshot). */
  toArray(): Int32Array {
    const out = new Int32Array(this.replacements.length * 4);
    this.replacements.forEach((r, k) => out.set([r.originalStart, r.originalEnd, r.derivedStart, r.derivedEnd], k * 4));
    return out;
  }

  static fromArray(numbers: Int32Array): OffsetMap {
    const replacements: Replacement[] = [];
    for (let k = 0; k + 3 < numbers.length; k += 4) replacements.push({ originalStart: numbers[k], originalEnd: numbers[k + 1], derivedStart: numbers[k + 2], derivedEnd: numbers[k + 3] });
    return new OffsetMap(replacements);
  }

  /**
   * The original offset for a derived offset. Inside a replaced span, a start offset maps to the start of the
   * original span and an end offset to its end, so a derived range always covers whole original characters.
   */
  toOriginal(derivedOffset: number, bias: 'start' | 'end' = 'start'): number {
    const index = this.lastReplacementStartingAtOrBefore(derivedOffset);
    if (index < 0) return derivedOffset;
    const r = this.replacements[index];
    if (derivedOffset >= r.derivedEnd) return r.originalEnd + (derivedOffset - r.derivedEnd);
    if (derivedOffset === r.derivedStart) return r.originalStart;
    return bias === 'start' ? r.originalStart : r.originalEnd;
  }

  private lastReplacementStartingAtOrBefore(derivedOffset: number): number {
    return firstIndexWhere(this.replacements.length, (k) => this.replacements[k].derivedStart > derivedOffset) - 1;
  }
}
