/** A picker query: free words, plus `@speaker` and `#theme` filters anywhere in it. */
export interface ParsedQuery {
  readonly text: string;
  readonly speakers: readonly string[];
  readonly themes: readonly string[];
}

const FILTER = /(^|\s)([@#])([^\s@#]+)/gu;

export function parseQuery(typed: string): ParsedQuery {
  // Sources and catalogs are composed (NFC) when read; a query typed or pasted decomposed ("pe\u0301ak") must
  // find the same words.
  const raw = typed.normalize('NFC');
  const speakers: string[] = [];
  const themes: string[] = [];
  const text = raw.replace(FILTER, (_whole, space: string, sigil: string, name: string) => {
    (sigil === '@' ? speakers : themes).push(name);
    return space;
  });
  return { text: text.replace(/\s+/gu, ' ').trim() + (/\s$/u.test(raw) && text.trim() ? ' ' : ''), speakers, themes };
}
