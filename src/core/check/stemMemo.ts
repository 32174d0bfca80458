import { MemoTable } from '../util/memoTable';
import { stemForm, tokenize } from './tokens';

/**
 * The stems of each quote's text as the previous build in this process found them (core/buildMemo.ts): tokenizing
 * and stemming every quote is most of building the check's index, and a text's stems depend on the text alone.
 */
export class StemMemo {
  readonly texts = new MemoTable<string, readonly string[]>();

  stemsOf(text: string): readonly string[] {
    return this.texts.find(text, () => true) ?? this.texts.keep(text, distinctStems(text));
  }

  /** Ends a build (see MemoTable). */
  nextGeneration(): void {
    this.texts.nextGeneration();
  }
}

/** The stems of a text's words, each once, in the order they first occur. */
export function distinctStems(text: string): string[] {
  const seen = new Set<string>();
  for (const token of tokenize(text, 0, text.length, false)) seen.add(stemForm(token.loose));
  return [...seen];
}
