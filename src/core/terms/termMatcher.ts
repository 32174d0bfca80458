import type { Term } from '../kb/model';

/** A glossary term found in a line: which term, and the exact [start, end) of its occurrence. */
export interface TermMatch {
  readonly term: Term;
  readonly start: number;
  readonly end: number;
}

interface TrieNode {
  readonly children: Map<string, TrieNode>;
  /** Terms that end at this node (several when two terms share a spelling). */
  terms: Term[];
}

interface Token {
  /** The word as written; its normalised key is worked out when a lookup first needs it. */
  readonly raw: string;
  key: string | undefined;
  readonly start: number;
  readonly end: number;
}

/**
 * Words: letters, digits and the combining marks on them ("pe\u0301ak" is one word), with inner apostrophes
 * (Moore’s) and decimal points (Gemini 2.0) kept inside; what follows a decimal without a break belongs to the
 * same word ("2.0s" is not "2.0"). Hyphens separate words, so "pre-training", "pre training" and "pre‑training"
 * all read as two words.
 */
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’][\p{L}\p{N}][\p{L}\p{M}\p{N}]*|\.\d+[\p{L}\p{M}\p{N}]*)*/gu;
/** What may stand between the words of one term: spaces, hyphens and dashes, soft hyphens, LaTeX's ~. */
const TERM_GAP = /^[\s\-\u00AD\u2010-\u2015~]+$/u;
const HYPHEN = /[-\u00AD\u2010-\u2015]/gu;
const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;

/**
 * Finds glossary terms at a position in a line by walking a trie of normalised words over a window around the
 * position, so the cost does not depend on the length of the line or the size of the glossary. Case, hyphen,
 * space or closed forms ("pre-training", "Pre Training", "pretraining"), a plural -s, possessives and curly
 * apostrophes all match; a term never matches inside a longer word.
 */
export class TermMatcher {
  private readonly root: TrieNode = newNode();
  private readonly window: number;
  /** The most words a spelling has: a match covering a position starts at most this many words before it. */
  private depth = 0;

  constructor(terms: readonly Term[]) {
    let longest = 0;
    for (const term of terms) {
      for (const spelling of [term.label, ...term.variants]) {
        for (const keys of spellingKeys(spelling)) {
          if (keys.length === 0) continue;
          this.insert(keys, term);
          longest = Math.max(longest, spelling.length);
        }
      }
    }
    // Enough context on each side for the longest spelling, plus slack for doubled spaces.
    this.window = Math.max(100, longest * 2 + 16);
  }

  /**
   * The term whose occurrence covers `character` (0-based), or undefined. When occurrences overlap, the longest
   * wins ("compute budget" over "compute"). `isMuted` skips terms the user turned off.
   */
  termAt(line: string, character: number, isMuted: (term: Term) => boolean = () => false): TermMatch | undefined {
    if (character < 0 || character > line.length) return undefined;
    const from = Math.max(0, character - this.window);
    const to = Math.min(line.length, character + this.window);
    const tokens = tokenize(line, from, to);
    // Only the last `depth` words starting at or before the position can begin a match that covers it: a match
    // ending before the last of them ends before the position.
    let last = -1;
    while (last + 1 < tokens.length && tokens[last + 1].start <= character) last++;
    let best: TermMatch | undefined;
    for (let i = Math.max(0, last - this.depth + 1); i <= last; i++) {
      const match = this.longestMatchFrom(line, tokens, i, isMuted);
      if (match && match.end > character && (!best || match.end - match.start > best.end - best.start)) best = match;
    }
    // A hover just after the last letter ("data|") belongs to the word, as VS Code's word ranges do.
    if (!best && character > 0 && character === line.length) return this.termAt(line, character - 1, isMuted);
    return best;
  }

  /** Every occurrence in a text, left to right, longest first where they overlap. For decorations. */
  findAll(text: string, isMuted: (term: Term) => boolean = () => false, limit = 10_000): TermMatch[] {
    const tokens = tokenize(text, 0, text.length);
    const matches: TermMatch[] = [];
    for (let i = 0; i < tokens.length && matches.length < limit; i++) {
      const match = this.longestMatchFrom(text, tokens, i, isMuted);
      if (!match) continue;
      matches.push(match);
      while (i + 1 < tokens.length && tokens[i + 1].start < match.end) i++;
    }
    return matches;
  }

  private insert(keys: readonly string[], term: Term): void {
    let node = this.root;
    for (const key of keys) {
      let child = node.children.get(key);
      if (!child) {
        child = newNode();
        node.children.set(key, child);
      }
      node = child;
    }
    this.depth = Math.max(this.depth, keys.length);
    if (!node.terms.includes(term)) node.terms.push(term);
  }

  private longestMatchFrom(line: string, tokens: readonly Token[], first: number, isMuted: (term: Term) => boolean): TermMatch | undefined {
    let node: TrieNode | undefined = this.root;
    let best: TermMatch | undefined;
    for (let i = first; i < tokens.length; i++) {
      if (i > first && !TERM_GAP.test(line.slice(tokens[i - 1].end, tokens[i].start))) break;
      node = node.children.get(keyOf(tokens[i]));
      if (!node) break;
      const term = node.terms.find((t) => !isMuted(t));
      if (term) best = { term, start: tokens[first].start, end: tokens[i].end };
    }
    return best;
  }
}

function newNode(): TrieNode {
  return { children: new Map(), terms: [] };
}

/** The normalised word sequences under which a spelling is found: hyphenated words split and closed up. */
function spellingKeys(spelling: string): string[][] {
  const split = [...spelling.matchAll(WORD)].map((m) => normalizeWord(m[0]));
  const closed = spelling
    .split(/\s+/u)
    .map((chunk) => chunk.replace(HYPHEN, ''))
    .flatMap((chunk) => [...chunk.matchAll(WORD)].map((m) => normalizeWord(m[0])));
  return split.join(' ') === closed.join(' ') ? [split] : [split, closed];
}

/** Lower case, straight apostrophes, no possessive, no plain plural -s. */
export function normalizeWord(word: string): string {
  // Composed (NFC) like sources and catalogs, so a term typed with decomposed accents is the same word.
  let w = (/^[\x00-\x7f]*$/u.test(word) ? word : word.normalize('NFC')).toLowerCase().replace(/’/gu, "'");
  if (w.endsWith("'s")) w = w.slice(0, -2);
  else if (w.endsWith("s'")) w = w.slice(0, -1);
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') && !/\d/u.test(w)) w = w.slice(0, -1);
  return w;
}

function tokenize(text: string, from: number, to: number): Token[] {
  // Work on the window only: a regex on the whole text could scan megabytes to find the next word.
  const window = from === 0 && to === text.length ? text : text.slice(from, to);
  const tokens: Token[] = [];
  // exec() on the shared regex rather than matchAll(), which clones the regex on every call.
  WORD.lastIndex = 0;
  for (let m = WORD.exec(window); m !== null; m = WORD.exec(window)) {
    const start = from + m.index;
    const end = start + m[0].length;
    // Words cut by the window's edges are not whole words: leave them out rather than match a fragment.
    const cutAtStart = start === from && from > 0 && WORD_CHAR.test(text[from - 1]);
    const cutAtEnd = end === to && to < text.length && WORD_CHAR.test(text[to]);
    if (!cutAtStart && !cutAtEnd) tokens.push({ raw: m[0], key: undefined, start, end });
  }
  return tokens;
}

function keyOf(token: Token): string {
  token.key ??= normalizeWord(token.raw);
  return token.key;
}
