import type { KnowledgeBase } from './kb/knowledgeBase';
import type { Quote, Source } from './kb/model';
import type { TermMatch } from './terms/termMatcher';

/**
 * The stable JSON shapes of the CLI (documented in the README). Changing a field here is a breaking change
 * for scripts that read them.
 */
export interface QuoteJson {
  id: string;
  /** A quote (curated, or found in quotation marks) or a passage (any other sentence of a source). */
  kind: 'quote' | 'passage';
  text: string;
  speaker: { name: string; kind: string };
  attribution: 'direct' | 'reported';
  about: string[];
  source: { id: string; title: string; date: string | null; origin: string };
  themes: string[];
  terms: string[];
  /** Other sources that quote the same words (ids), when this is their original occasion. */
  quotedIn?: string[];
  /** The page (1-based) of a paged source (a PDF) the words start on. */
  page?: number;
  score?: number;
}

export function quoteToJson(quote: Quote, score?: number): QuoteJson {
  const json: QuoteJson = {
    id: quote.id,
    kind: quote.kind ?? 'quote',
    text: quote.text,
    speaker: { name: quote.speaker.name, kind: quote.speaker.kind },
    attribution: quote.attribution,
    about: quote.about.map((s) => s.name),
    source: { id: quote.source.id, title: quote.source.title, date: quote.source.date ?? null, origin: quote.source.origin },
    themes: quote.themes.map((t) => t.label),
    terms: quote.terms.map((t) => t.label),
  };
  if (quote.quotedIn && quote.quotedIn.length > 0) json.quotedIn = quote.quotedIn.map((s) => s.id);
  if (quote.page !== undefined) json.page = quote.page;
  if (score !== undefined) json.score = score;
  return json;
}

export function hoverToJson(kb: KnowledgeBase, match: TermMatch | undefined, maxQuotes: number): object | null {
  if (!match) return null;
  return {
    term: { label: match.term.label, definition: match.term.definition },
    range: { start: match.start, end: match.end },
    quotes: kb.quotesForTerm(match.term.id).slice(0, maxQuotes).map((q) => quoteToJson(q)),
  };
}

export function sourceToJson(kb: KnowledgeBase, source: Source): object {
  return {
    id: source.id,
    title: source.title,
    author: source.author?.name ?? null,
    publisher: source.publisher?.name ?? null,
    date: source.date ?? null,
    kind: source.kind,
    origin: source.origin,
    path: source.displayPath,
    quoteCount: kb.quotesForSource(source.id).length,
  };
}

export function listToJson(kb: KnowledgeBase, what: 'themes' | 'speakers' | 'sources' | 'terms' | 'quotes'): object[] {
  switch (what) {
    case 'themes':
      return kb.themes.map((t) => ({ id: t.id, label: t.label, description: t.description, quoteCount: kb.quotesForTheme(t.id).length }));
    case 'speakers':
      return kb.speakers.map((s) => ({ id: s.id, name: s.name, kind: s.kind, aliases: s.aliases, role: s.role ?? null, quoteCount: kb.quotesForSpeaker(s.id).length }));
    case 'sources':
      return kb.sources.map((s) => sourceToJson(kb, s));
    case 'terms':
      return kb.terms.map((t) => ({ id: t.id, label: t.label, variants: t.variants, definition: t.definition, themes: t.themes.map((th) => th.label), quoteCount: kb.quotesForTerm(t.id).length }));
    case 'quotes':
      return kb.quotes.map((q) => quoteToJson(q));
  }
}
