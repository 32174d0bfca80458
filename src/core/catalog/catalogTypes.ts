/** The catalog file format (seeds/catalog.json, a user's sourcebook.json); see seeds/catalog.schema.json. */
export type SourceKind = 'talk transcript' | 'news report' | 'blog post' | 'opinion piece' | 'interview' | 'notes';
export type SpeakerKind = 'person' | 'organisation' | 'unsigned';
export type Attribution = 'direct' | 'reported';

export interface CatalogSource {
  id: string;
  file: string;
  title: string;
  author?: string;
  publisher?: string;
  date?: string;
  kind: SourceKind;
  url?: string;
  /** The citation key the source is cited by (else a bibliography entry's, else a generated one). */
  citekey?: string;
  note?: string;
  body?: { start?: string; end?: string };
  exclude?: string[];
  turns?: CatalogTurnRegion[];
}

/** A region of a source where one speaker speaks, anchored by exact text like a quote (seeds/catalog.schema.json). */
export interface CatalogTurnRegion {
  speaker: string;
  from: string;
  to: string;
  asides?: string[];
}

export interface CatalogSpeaker {
  id: string;
  name: string;
  kind: SpeakerKind;
  aliases?: string[];
  role?: string;
}

export interface CatalogTheme {
  id: string;
  label: string;
  description: string;
}

export interface CatalogTerm {
  id: string;
  label: string;
  variants?: string[];
  definition: string;
  themes?: string[];
  definingQuote?: string;
}

export interface CatalogQuote {
  id: string;
  source: string;
  text: string;
  occurrence?: number;
  speaker: string;
  attribution: Attribution;
  about?: string[];
  themes?: string[];
  terms?: string[];
}

export interface Catalog {
  version: 1;
  sources: CatalogSource[];
  speakers?: CatalogSpeaker[];
  themes?: CatalogTheme[];
  terms?: CatalogTerm[];
  quotes?: CatalogQuote[];
}
