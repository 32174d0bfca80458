/**
 * Words as the misquote check compares them. A token keeps its place in the text it came from, its surface
 * form with typography normalised (curly apostrophes, hyphen variants, Unicode composition) and a loose form
 * (lower case, no diacritics) for finding candidates. Punctuation, dashes, whitespace and markup are not
 * tokens, so they never count as differences. Omission marks (… or ...) and [editorial insertions] become
 * gap tokens, which may stand for any run of source words.
 */
export interface Token {
  readonly start: number;
  readonly end: number;
  /** 'gap' for an omission or an editorial insertion. */
  readonly kind: 'word' | 'gap';
  readonly surface: string;
  readonly loose: string;
}

/**
 * A word is letters and digits with the combining marks that follow them, so a draft written in NFD ("pe\u0301ak",
 * "Pes\u030cut") has the same words as its NFC form; a mark used to split the word in two.
 */
const WORD_OR_GAP = /\\(?:ldots|dots|textellipsis)\b(?:\{\})?|\\[a-zA-Z]+\*?|\[[^\]\n]{0,80}\]|\u2026|\.\s?\.\s?\.|[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['\u2019\u2018\u02BC\-\u2010\u2011][\p{L}\p{N}][\p{L}\p{M}\p{N}]*)*/gu;
const DIACRITICS = /\p{M}+/gu;

export function surfaceForm(word: string): string {
  return word.normalize('NFC').replace(/[\u2019\u2018\u02BC]/gu, "'").replace(/[\u2010\u2011]/gu, '-');
}

export function looseForm(word: string): string {
  return surfaceForm(word).normalize('NFKD').replace(DIACRITICS, '').toLowerCase();
}

/**
 * The tokens of text[from, to). With `gaps`, omission marks and bracketed insertions are gap tokens (a
 * writer's quotation); without, brackets are read as ordinary text (a source). LaTeX commands are skipped
 * (\emph, \textit), except \ldots and \dots, which are omission marks.
 */
export function tokenize(text: string, from = 0, to = text.length, gaps = true): Token[] {
  const tokens: Token[] = [];
  const regex = WORD_OR_GAP;
  regex.lastIndex = from;
  for (let m = regex.exec(text); m && m.index < to; m = regex.exec(text)) {
    const value = m[0];
    const end = Math.min(m.index + value.length, to);
    const first = value[0];
    if (first === '\\') {
      if (gaps && /^\\(?:ldots|dots|textellipsis)/u.test(value)) pushGap(tokens, m.index, end);
      continue;
    }
    if (first === '[' || first === '\u2026' || first === '.') {
      if (gaps) pushGap(tokens, m.index, end);
      else if (first === '[') regex.lastIndex = m.index + 1; // read the words inside the brackets
      continue;
    }
    const surface = surfaceForm(text.slice(m.index, end));
    tokens.push({ start: m.index, end, kind: 'word', surface, loose: looseForm(surface) });
  }
  return tokens;
}

function pushGap(tokens: Token[], start: number, end: number): void {
  const last = tokens[tokens.length - 1];
  if (last && last.kind === 'gap') {
    tokens[tokens.length - 1] = { ...last, end };
    return;
  }
  tokens.push({ start, end, kind: 'gap', surface: '', loose: '' });
}

const PRONOUN_IS = new Set(['it', 'that', 'there', 'here', 'what', 'who', 'he', 'she', 'where', 'how', 'this']);

/**
 * Word forms recur endlessly while aligning (every pair of words is compared), so the two derived forms below
 * are computed once per distinct word. Bounded, so a huge corpus cannot grow them without limit.
 */
const MEMO_LIMIT = 50_000;
function memoized<T>(compute: (loose: string) => T): (loose: string) => T {
  const memo = new Map<string, T>();
  return (loose) => {
    if (memo.has(loose)) return memo.get(loose) as T;
    if (memo.size >= MEMO_LIMIT) memo.clear();
    const value = compute(loose);
    memo.set(loose, value);
    return value;
  };
}

/** "we've" → ["we", "have"], "don't" → ["do", "not"]: for matching a contraction against its spelled-out form. */
export const expandContraction = memoized(expandContractionOnce);

function expandContractionOnce(loose: string): [string, string] | undefined {
  const m = /^([a-z]+)'(ve|re|ll|d|m|s|t)$/u.exec(loose);
  if (!m) return undefined;
  const [, base, suffix] = m;
  switch (suffix) {
    case 've':
      return [base, 'have'];
    case 're':
      return [base, 'are'];
    case 'll':
      return [base, 'will'];
    case 'd':
      return [base, 'would'];
    case 'm':
      return [base, 'am'];
    case 's':
      if (base === 'let') return ['let', 'us'];
      return PRONOUN_IS.has(base) ? [base, 'is'] : undefined;
    case 't':
      if (!base.endsWith('n')) return undefined;
      if (base === 'won') return ['will', 'not'];
      if (base === 'can') return ['can', 'not'];
      if (base === 'shan') return ['shall', 'not'];
      return [base.slice(0, -1), 'not'];
    default:
      return undefined;
  }
}

/** The loose form without a contraction or possessive ending: what candidates are indexed under. */
export const stemForm = memoized(stemFormOnce);

function stemFormOnce(loose: string): string {
  const m = /^([a-z\p{L}\p{N}-]+?)(?:'(?:ve|re|ll|d|m|s|t))$/u.exec(loose);
  if (!m) return loose;
  const expanded = expandContraction(loose);
  return expanded ? expanded[0] : m[1];
}
