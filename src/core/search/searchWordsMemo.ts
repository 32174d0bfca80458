import { MemoTable } from '../util/memoTable';
import { closedCompounds, rawWords } from './words';

/** A text's words as the search index reads them: each word normalised, in order, then its closed compounds. */
export interface TextWords {
  readonly words: readonly string[];
  readonly compounds: readonly string[];
}

/**
 * Each quote's words as the previous build in this process read them (core/buildMemo.ts). They depend on the text
 * alone; the word ids, postings and rarities depend on every quote and are made anew each build.
 */
export class SearchWordsMemo {
  readonly texts = new MemoTable<string, TextWords>();

  wordsOf(text: string, normalize: (word: string) => string): TextWords {
    return this.texts.find(text, () => true) ?? this.texts.keep(text, { words: rawWords(text).map(normalize), compounds: closedCompounds(text, normalize) });
  }

  /** Ends a build (see MemoTable). */
  nextGeneration(): void {
    this.texts.nextGeneration();
  }
}
