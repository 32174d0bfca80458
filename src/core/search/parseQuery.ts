/** A picker query: free words, plus `@speaker` and `#theme` filters anywhere in it. */
export interface ParsedQuery {
  readonly text: string;
  readonly speakers: readonly string[];
  readonly themes: readonly string[];
}

const FILTER = /(^|\s)([@#])([^\s@#]+)/gu;

export function parseQuery(raw: string): ParsedQuery {
  const speakers: string[] = [];
  const themes: string[] = [];
  const text = raw.replace(FILTER, (_whole, space: string, sigil: string, name: string) => {
    (sigil === '@' ? speakers : themes).push(name);
    return space;
  });
  return { text: text.replace(/\s+/gu, ' ').trim() + (/\s$/u.test(raw) && text.trim() ? ' ' : ''), speakers, themes };
}
