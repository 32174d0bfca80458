import type { CatalogQuote, CatalogSource } from '../catalog/catalogTypes';
import { MemoTable } from '../util/memoTable';
import { sameJson } from '../util/sameJson';
import type { CollectionInput, SourceFileInput } from './buildKnowledgeBase';
import type { Problem, Quote, Source, Speaker, Term, Theme } from './model';
import { wordsKey } from './repeatedQuotes';

/** Finds a speaker, theme or term by id; what a source or a quote resolves its references against. */
export interface Lookup<T> {
  get(id: string): T | undefined;
}

/** The speakers, themes and terms of all collections, the first definition of an id winning. */
export interface Registry {
  readonly speakers: Lookup<Speaker>;
  readonly themes: Lookup<Theme>;
  readonly terms: Lookup<Term>;
}

/** Locates a catalog quote in its source, resolving its references in `registry` and reporting into `problems`. */
export type QuoteLocator = (entry: CatalogQuote, source: Source, registry: Registry, problems: Problem[]) => Quote | undefined;

/** A source or a quote as one build made it, with the problems it reported (in their order). */
interface Loaded<T> {
  readonly value: T | undefined;
  readonly problems: readonly Problem[];
}

/** The lookups a source or a source's quotes made, with their answers: reused only while every answer is the same. */
type Lookups = { readonly [T in keyof Registry]: Map<string, unknown> };

/** What a source or a source's quotes were made in: reused only in the same. */
interface Made {
  readonly lookups: Lookups;
  readonly origin: string;
  readonly catalogFile: string;
  /** Problems are placed by searching the catalog's text (line and column): another text may place them elsewhere. */
  readonly catalogText: string | undefined;
}

interface SourceRecord extends Made {
  readonly entry: CatalogSource;
  readonly name: string;
  readonly uri: string;
  readonly displayPath: string;
  readonly text: string | undefined;
  readonly bytes: Uint8Array;
  readonly maxFileBytes: number | undefined;
  readonly loaded: Loaded<Source>;
}

interface QuotesRecord extends Made {
  /** The catalog's quotes of the source, in catalog order, and what each gave. */
  readonly entries: readonly CatalogQuote[];
  readonly located: readonly Loaded<Quote>[];
}

/**
 * What a knowledge base build keeps for the next one in the same source worker (core/buildMemo.ts): each
 * source's decoding, repair, body and turns, and its quotes located in it, with the problems they reported. A
 * result is reused only when everything it was made from is the same: its catalog entries, collection, file (text
 * or bytes, size limit) and catalog text, and the speakers, themes and terms it looked up, which must be the very
 * objects it refers to. Those are themselves kept while their definition is unchanged (`speaker`, `theme`,
 * `term`), so that an unchanged speaker stays the same object and the sources and quotes naming it stay reusable.
 * What depends on all sources at once (an id used twice, repeated quotes, the lookups by id) is never kept.
 */
export class KnowledgeBaseMemo {
  private readonly speakers = new MemoTable<string, Speaker>();
  private readonly themes = new MemoTable<string, Theme>();
  private readonly terms = new MemoTable<string, Term>();
  /** By collection and source id (the entry itself is compared on reuse). */
  readonly sources = new MemoTable<string, SourceRecord>();
  /** By source: a source reused is the very object of the previous build. */
  readonly quotes = new MemoTable<Source, QuotesRecord>();
  /** A quote text's wordsKey, for merging repeated quotes: a normalisation and four replacements per quote. */
  private readonly wordsKeys = new MemoTable<string, string>();

  /** wordsKey (repeatedQuotes.ts), of the previous build when it read the same text. */
  readonly wordsKeyOf = (text: string): string => this.wordsKeys.find(text, () => true) ?? this.wordsKeys.keep(text, wordsKey(text));

  /** The speaker of the previous build when its definition is the same, else this one. */
  speaker(made: Speaker): Speaker {
    const key = JSON.stringify(made);
    return this.speakers.find(key, () => true) ?? this.speakers.keep(key, made);
  }

  theme(made: Theme): Theme {
    const key = JSON.stringify(made);
    return this.themes.find(key, () => true) ?? this.themes.keep(key, made);
  }

  /** A term names its themes: the previous build's term is reused only if they are the same objects too. */
  term(made: Term): Term {
    const key = JSON.stringify(made);
    const sameThemes = (kept: Term): boolean => kept.themes.length === made.themes.length && kept.themes.every((theme, k) => theme === made.themes[k]);
    return this.terms.find(key, sameThemes) ?? this.terms.keep(key, made);
  }

  /**
   * The source of a catalog entry: the previous build's when nothing it was made from changed, else `load`'s. Its
   * problems are added to `problems`, as loading it would.
   */
  source(
    entry: CatalogSource,
    collection: CollectionInput,
    file: SourceFileInput,
    maxFileBytes: number | undefined,
    registry: Registry,
    problems: Problem[],
    load: (registry: Registry, problems: Problem[]) => Source | undefined,
  ): Source | undefined {
    const key = `${collection.origin}\u0000${collection.catalogFile}\u0000${entry.id}`;
    const fits = (kept: SourceRecord): boolean =>
      madeIn(kept, collection, registry) &&
      kept.name === file.name &&
      kept.uri === file.uri &&
      kept.displayPath === file.displayPath &&
      kept.text === file.text &&
      (file.text !== undefined || (kept.maxFileBytes === maxFileBytes && sameBytes(kept.bytes, file.bytes))) &&
      sameJson(kept.entry, entry);
    let kept = this.sources.find(key, fits);
    if (!kept) {
      const { lookups, run } = recording(registry, load);
      const made = { lookups, ...placeOf(collection), entry, name: file.name, uri: file.uri, displayPath: file.displayPath, text: file.text, bytes: file.bytes, maxFileBytes };
      kept = this.sources.keep(key, { ...made, loaded: run() });
    }
    problems.push(...kept.loaded.problems);
    return kept.loaded.value;
  }

  /**
   * Locates a collection's quotes, each source's together: the previous build's results when the source is the
   * very same object and its quotes' entries and everything else are unchanged. The function returned gives the
   * quote of each entry in turn, in catalog order, adding its problems to `problems` as locating it would, so that
   * problems come in the order of a full build.
   */
  quoteLocator(collection: CollectionInput, collectionSources: ReadonlyMap<string, Source>, registry: Registry, locate: QuoteLocator): (entry: CatalogQuote, source: Source, problems: Problem[]) => Quote | undefined {
    const entriesBySource = new Map<Source, CatalogQuote[]>();
    for (const entry of collection.catalog.quotes ?? []) {
      const source = collectionSources.get(entry.source);
      if (!source) continue;
      const entries = entriesBySource.get(source);
      if (entries) entries.push(entry);
      else entriesBySource.set(source, [entry]);
    }
    const located = new Map<Source, Iterator<Loaded<Quote>>>();
    for (const [source, entries] of entriesBySource) located.set(source, this.quotesOf(source, entries, collection, registry, locate)[Symbol.iterator]());
    return (entry, source, problems) => {
      const next = located.get(source)?.next();
      if (!next || next.done) throw new Error(`quote "${entry.id}" was not located with the other quotes of its source`);
      problems.push(...next.value.problems);
      return next.value.value;
    };
  }

  private quotesOf(source: Source, entries: readonly CatalogQuote[], collection: CollectionInput, registry: Registry, locate: QuoteLocator): readonly Loaded<Quote>[] {
    const fits = (kept: QuotesRecord): boolean => madeIn(kept, collection, registry) && kept.entries.length === entries.length && kept.entries.every((entry, k) => sameJson(entry, entries[k]));
    const kept = this.quotes.find(source, fits);
    if (kept) return kept.located;
    const lookups = emptyLookups();
    const located = entries.map((entry) => recording(registry, (noting, problems) => locate(entry, source, noting, problems), lookups).run());
    return this.quotes.keep(source, { lookups, ...placeOf(collection), entries, located }).located;
  }

  /** Ends a build (see MemoTable). */
  nextGeneration(): void {
    for (const table of [this.speakers, this.themes, this.terms, this.sources, this.quotes, this.wordsKeys]) table.nextGeneration();
  }
}

function placeOf(collection: CollectionInput): Omit<Made, 'lookups'> {
  return { origin: collection.origin, catalogFile: collection.catalogFile, catalogText: collection.catalogText };
}

function madeIn(kept: Made, collection: CollectionInput, registry: Registry): boolean {
  return kept.origin === collection.origin && kept.catalogFile === collection.catalogFile && kept.catalogText === collection.catalogText && stillAnswers(kept.lookups, registry);
}

function emptyLookups(): Lookups {
  return { speakers: new Map(), themes: new Map(), terms: new Map() };
}

/** `make`, to run against a registry that notes every lookup (into `lookups`), collecting the problems it reports. */
function recording<T>(registry: Registry, make: (registry: Registry, problems: Problem[]) => T | undefined, lookups = emptyLookups()): { lookups: Lookups; run: () => Loaded<T> } {
  const noting = <V>(table: keyof Registry, inner: Lookup<V>): Lookup<V> => ({
    get: (id) => {
      const value = inner.get(id);
      lookups[table].set(id, value);
      return value;
    },
  });
  const run = (): Loaded<T> => {
    const problems: Problem[] = [];
    const value = make({ speakers: noting('speakers', registry.speakers), themes: noting('themes', registry.themes), terms: noting('terms', registry.terms) }, problems);
    return { value, problems };
  };
  return { lookups, run };
}

function stillAnswers(lookups: Lookups, registry: Registry): boolean {
  for (const table of ['speakers', 'themes', 'terms'] as const) {
    for (const [id, value] of lookups[table]) if (registry[table].get(id) !== value) return false;
  }
  return true;
}

/** Byte for byte; four at a time where both arrays are aligned for it, since a catalog's files are read anew each load. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  let from = 0;
  if (a.byteOffset % 4 === 0 && b.byteOffset % 4 === 0) {
    const words = a.length >>> 2;
    const wa = new Uint32Array(a.buffer, a.byteOffset, words);
    const wb = new Uint32Array(b.buffer, b.byteOffset, words);
    for (let k = 0; k < words; k++) if (wa[k] !== wb[k]) return false;
    from = words * 4;
  }
  for (let k = from; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}
