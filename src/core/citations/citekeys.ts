import type { Source } from '../kb/model';
import { BibEntry, Bibliography, personName } from './bibliography';
import { SEED_CITEKEYS } from './seedCitekeys';

/** Where a source's key comes from: its catalog, the writer's own bibliography, or made up by us. */
export type CitekeyOrigin = 'catalog' | 'bibliography' | 'generated';

export interface SourceCitation {
  readonly key: string;
  readonly origin: CitekeyOrigin;
  /** The writer's entry that matched the source, when there is one. */
  readonly entry?: BibEntry;
}

/**
 * Every source's citation key, and every key's source or bibliography entry. Keys are decided in this order:
 * the catalog's `citekey` (curated in src/core/citations/seedCitekeys.ts for the seeds); else the entry of the
 * writer's bibliography that matches the source by DOI, URL, or normalised title and first author; else a
 * generated `authorYEARword` key, made unique against every other key in sight. Deterministic: the same sources
 * and bibliographies give the same keys, in whatever order they were loaded.
 */
export class CitekeyTable {
  private readonly bySource = new Map<Source, SourceCitation>();
  private readonly sourceByKey = new Map<string, Source>();
  private readonly entryByKey = new Map<string, BibEntry>();
  private readonly broken = new Set<string>();

  constructor(
    readonly sources: readonly Source[],
    readonly bibliographies: readonly Bibliography[] = [],
    curated: Readonly<Record<string, string>> = SEED_CITEKEYS,
  ) {
    for (const bibliography of bibliographies) {
      for (const entry of bibliography.entries) if (!this.entryByKey.has(entry.key)) this.entryByKey.set(entry.key, entry);
      for (const key of bibliography.brokenKeys) this.broken.add(key);
    }
    const ordered = [...sources].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.uri < b.uri ? -1 : 1));
    const matcher = new EntryMatcher([...this.entryByKey.values()]);
    const pending: Source[] = [];
    // The writer's own key beats ours: a key their toolchain cannot resolve is no citation. Only a key their own
    // catalog gives a source comes first; the curated keys of the embedded sources come after their .bib.
    const curatedKeys: [string, Source][] = [];
    for (const source of ordered) {
      const own = catalogKey(source);
      const seedKey = source.origin === 'seed' ? curated[source.id] : undefined;
      const entry = matcher.match(source);
      if (own && !this.sourceByKey.has(own)) this.assign(source, { key: own, origin: 'catalog', entry: this.entryByKey.get(own) ?? entry });
      else if (entry && !this.sourceByKey.has(entry.key)) this.assign(source, { key: entry.key, origin: 'bibliography', entry });
      else if (seedKey && !this.sourceByKey.has(seedKey)) this.assign(source, { key: seedKey, origin: 'catalog', entry: this.entryByKey.get(seedKey) });
      else pending.push(source);
      if (seedKey) curatedKeys.push([seedKey, source]);
    }
    // A curated key still names its source (a draft written before the .bib was set up), unless it names another.
    for (const [key, source] of curatedKeys) if (!this.sourceByKey.has(key) && !this.entryByKey.has(key)) this.sourceByKey.set(key, source);
    const taken = (key: string): boolean => this.sourceByKey.has(key) || this.entryByKey.has(key) || this.broken.has(key);
    for (const source of pending) {
      const base = generatedKeyBase(source);
      let key = base;
      for (let n = 0; taken(key); n++) key = `${base}${suffix(n)}`;
      this.assign(source, { key, origin: 'generated' });
    }
  }

  private assign(source: Source, citation: SourceCitation): void {
    this.bySource.set(source, citation);
    this.sourceByKey.set(citation.key, source);
  }

  /** The source's key (every source of the table has one). */
  keyOf(source: Source): string {
    return this.citationOf(source).key;
  }

  citationOf(source: Source): SourceCitation {
    const found = this.bySource.get(source) ?? [...this.bySource.entries()].find(([s]) => s.id === source.id && s.uri === source.uri)?.[1];
    return found ?? { key: generatedKeyBase(source), origin: 'generated' };
  }

  /** The source a key names, if any. */
  sourceOf(key: string): Source | undefined {
    return this.sourceByKey.get(key);
  }

  /** The writer's bibliography entry of a key, if any. */
  entryOf(key: string): BibEntry | undefined {
    return this.entryByKey.get(key);
  }

  /** Whether a key is known: a source's, an entry of a bibliography, or an entry that could not be parsed. */
  isKnown(key: string): boolean {
    return this.sourceByKey.has(key) || this.entryByKey.has(key) || this.broken.has(key);
  }

  /** Every key, sorted. */
  keys(): string[] {
    return [...new Set([...this.sourceByKey.keys(), ...this.entryByKey.keys()])].sort();
  }
}

/** A catalog's own key (`citekey` on a source of a sourcebook.json), when the knowledge base carries it. */
function catalogKey(source: Source): string | undefined {
  const key = (source as Source & { readonly citekey?: unknown }).citekey;
  return typeof key === 'string' && key.trim() ? key.trim() : undefined;
}

/** a, b, …, z, aa, ab, … */
function suffix(n: number): string {
  let s = '';
  for (let i = n; i >= 0; i = Math.floor(i / 26) - 1) s = String.fromCharCode(97 + (i % 26)) + s;
  return s;
}

// ---- Matching a source to the writer's entries -----------------------------------------------------------

/** Titles of this many words match on their own. */
const LONG_TITLE_WORDS = 6;

class EntryMatcher {
  private readonly byDoi = new Map<string, BibEntry>();
  private readonly byUrl = new Map<string, BibEntry>();
  private readonly byTitle = new Map<string, BibEntry[]>();

  constructor(entries: readonly BibEntry[]) {
    for (const entry of entries) {
      if (entry.doi) setOnce(this.byDoi, normalizeDoi(entry.doi), entry);
      if (entry.url) {
        setOnce(this.byUrl, normalizeUrl(entry.url), entry);
        const doi = doiOfUrl(entry.url);
        if (doi) setOnce(this.byDoi, doi, entry);
      }
      const title = entry.title ? normalizeTitle(entry.title) : '';
      if (title) this.byTitle.set(title, [...(this.byTitle.get(title) ?? []), entry]);
    }
  }

  match(source: Source): BibEntry | undefined {
    if (source.url) {
      const doi = doiOfUrl(source.url);
      const byDoi = doi ? this.byDoi.get(doi) : undefined;
      if (byDoi) return byDoi;
      const byUrl = this.byUrl.get(normalizeUrl(source.url));
      if (byUrl) return byUrl;
    }
    const candidates = this.byTitle.get(normalizeTitle(source.title)) ?? [];
    const author = sourceAuthorName(source);
    const words = normalizeTitle(source.title).split(' ').length;
    for (const entry of candidates) {
      const first = entry.authors[0];
      if (first && author && sameFamily(personName(first), first.family ?? first.literal ?? '', author)) return entry;
    }
    // The same title with other names: a talk filed under its speaker, a transcript under its publisher. A title
    // alone is enough when it is long enough not to be a coincidence (or when neither side names anyone).
    return candidates.find((entry) => words >= LONG_TITLE_WORDS || (words >= 3 && (entry.authors.length === 0 || !author)));
  }
}

function setOnce<K, V>(map: Map<K, V>, key: K, value: V): void {
  if (!map.has(key)) map.set(key, value);
}

/** ASCII letters and digits, lower case, accents dropped: "Pešut" → "pesut". */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/gu, '')
    .replace(/ß/gu, 'ss')
    .replace(/[øØ]/gu, 'o')
    .replace(/[łŁ]/gu, 'l')
    .replace(/[æÆ]/gu, 'ae')
    .toLowerCase();
}

/** A title for comparison: folded, punctuation and braces gone, one space between words. */
export function normalizeTitle(title: string): string {
  return fold(title).replace(/[^a-z0-9]+/gu, ' ').trim();
}

function normalizeDoi(doi: string): string {
  return doi.trim().replace(/^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:)/iu, '').toLowerCase();
}

function doiOfUrl(url: string): string | undefined {
  const m = /^https?:\/\/(?:dx\.)?doi\.org\/(10\.\S+)$/iu.exec(url.trim());
  return m ? normalizeDoi(m[1]) : undefined;
}

/** A URL for comparison: no scheme, no `www.`, host in lower case, no trailing slash or fragment. */
export function normalizeUrl(url: string): string {
  const m = /^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:www\.)?([^/?#]*)([^#]*)/iu.exec(url.trim());
  if (!m) return url.trim();
  return `${m[1].toLowerCase()}${m[2].replace(/\/+$/u, '')}`;
}

function sourceAuthorName(source: Source): string | undefined {
  const author = source.author && source.author.kind !== 'unsigned' ? source.author : undefined;
  return (author ?? source.publisher)?.name;
}

function sameFamily(full: string, family: string, sourceName: string): boolean {
  const a = fold(sourceName).replace(/[^a-z0-9]+/gu, ' ').trim();
  const whole = fold(full).replace(/[^a-z0-9]+/gu, ' ').trim();
  const last = fold(family).replace(/[^a-z0-9]+/gu, ' ').trim();
  if (!a) return false;
  return a === whole || (last !== '' && (a === last || a.endsWith(` ${last}`)));
}

// ---- Generated keys --------------------------------------------------------------------------------------

const STOP_WORDS = new Set(
  'a an the of on in at to for and or but with from by as is are was were be its it this that what why how when who whom which do does did just or not no vs versus via into onto about'.split(' '),
);

/**
 * `authorYEARword`, as reference managers make them: the author's family name (an organisation's first word,
 * the publisher for an unsigned piece, else "anon"), the year when the date has one, the first significant
 * word of the title. ASCII letters and digits only, so the key is valid in BibTeX, BibLaTeX and Pandoc.
 */
export function generatedKeyBase(source: Source): string {
  const author = source.author && source.author.kind !== 'unsigned' ? source.author : undefined;
  const who = author ?? source.publisher;
  let name = 'anon';
  if (who) {
    const words = fold(who.name).split(/[^a-z0-9]+/u).filter(Boolean);
    if (words.length > 0) name = who.kind === 'person' ? words[words.length - 1] : words.join('').slice(0, 20);
  }
  const year = /\b(1[5-9]\d\d|20\d\d)\b/u.exec(source.date ?? '')?.[1] ?? '';
  const word = fold(source.title).split(/[^a-z0-9]+/u).find((w) => w.length > 1 && !STOP_WORDS.has(w) && !/^\d+$/u.test(w)) ?? '';
  return `${name}${year}${word}` || 'source';
}
