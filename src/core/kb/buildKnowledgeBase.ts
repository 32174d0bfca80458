import type { Catalog, CatalogQuote, CatalogSource } from '../catalog/catalogTypes';
import { CancellationToken, noopToken, throwIfCancelled } from '../util/cancellation';
import { runToEnd, Steps } from '../util/steps';
import { FlexibleText, normalizeWhitespace } from '../text/flexibleMatch';
import { LineTable } from '../text/lineTable';
import { repairMojibake } from '../text/mojibake';
import { extractBody, SourceBody } from '../text/sourceBody';
import { pageOfSource } from '../extract/pages';
import { decodeSourceFile } from './decodeSourceFile';
import { KnowledgeBase } from './knowledgeBase';
import type { KnowledgeBaseMemo, Lookup, QuoteLocator, Registry } from './knowledgeBaseMemo';
import type { Problem, Quote, Source, SourceOrigin, Speaker, Term, TextRange, Theme, TurnRegion } from './model';

/** A source file as the host read it. */
export interface SourceFileInput {
  /** The catalog's `file` value this file answers to (its path relative to the catalog). */
  readonly name: string;
  readonly uri: string;
  readonly displayPath: string;
  readonly bytes: Uint8Array;
  /** The bytes already decoded (and checked) by the loader, so they are not decoded twice. */
  readonly text?: string;
}

/** One folder of sources with its (validated) catalog: the embedded seeds, or a folder of the user's. */
export interface CollectionInput {
  readonly origin: SourceOrigin;
  /** The catalog file's display path, for problem reports. */
  readonly catalogFile: string;
  /** The catalog's text, to report problems with line numbers; optional for generated catalogs. */
  readonly catalogText?: string;
  readonly catalog: Catalog;
  readonly files: readonly SourceFileInput[];
  /** Catalog `file` values the loader refused and already reported (one line per file, not two). */
  readonly refused?: ReadonlySet<string>;
}

export interface BuildOptions {
  readonly maxFileBytes?: number;
  readonly token?: CancellationToken;
  /**
   * What the previous build in this process made, to reuse for the sources and quotes whose inputs did not change
   * (the source worker's rebuild after one file changed); the result is the same as without it.
   */
  readonly memo?: KnowledgeBaseMemo;
  /** Makes the knowledge base: the extension's own class when this module runs from a bundle of its own (buildCorpus.ts). */
  readonly makeKnowledgeBase?: typeof KnowledgeBase.build;
}

/**
 * Builds the knowledge base: decodes and repairs each file, cuts its body, resolves the catalog's references
 * and locates every quote verbatim in its source body. Whatever is wrong (a missing file, a quote that is not
 * in its source) becomes a Problem with its place; the entry is left out and the rest is served.
 * Collections are merged: the first definition of a speaker, theme or term id wins, so a user's catalog can
 * quote people the seeds already know.
 */
export function buildKnowledgeBase(collections: readonly CollectionInput[], options: BuildOptions = {}): KnowledgeBase {
  return runToEnd(buildKnowledgeBaseSteps(collections, options));
}

/** buildKnowledgeBase, pausing after each source and each quote (see core/util/steps.ts). */
export function* buildKnowledgeBaseSteps(collections: readonly CollectionInput[], options: BuildOptions = {}): Steps<KnowledgeBase> {
  const token = options.token ?? noopToken;
  const { memo } = options;
  const problems: Problem[] = [];
  const registry = registryOf(collections, memo);
  const sources: Source[] = [];
  const sourceIds = new Set<string>();
  const quotes = new Map<string, Quote>();
  // Each source's body (and whole text) prepared once for locating its quotes: a catalog may hold 100,000.
  const search = new Map<Source, SourceSearch>();
  for (const collection of collections) {
    const filesByName = new Map(collection.files.map((f) => [f.name, f]));
    const collectionSources = new Map<string, Source>();
    for (const entry of collection.catalog.sources) {
      yield;
      throwIfCancelled(token);
      const file = filesByName.get(entry.file);
      const load = (lookups: Registry, reported: Problem[]): Source | undefined => loadSource(entry, collection, file, lookups.speakers, options, reported);
      // With a memo, a source whose inputs did not change is the previous build's, its problems reported again.
      const source = memo && file ? memo.source(entry, collection, file, options.maxFileBytes, registry, problems, load) : load(registry, problems);
      if (!source) continue;
      if (sourceIds.has(source.id)) {
        problems.push(problemAt(collection, `"${entry.id}"`, `source id "${entry.id}" is already used by another collection; source skipped`, 'warning'));
        continue;
      }
      sourceIds.add(source.id);
      sources.push(source);
      collectionSources.set(source.id, source);
    }
    const locate: QuoteLocator = (entry, source, lookups, reported) => {
      let prepared = search.get(source);
      if (!prepared) search.set(source, (prepared = new SourceSearch(source)));
      return locateQuote(entry, prepared, lookups, collection, reported);
    };
    // With a memo, each source's quotes are located (or reused) together, and handed out here in catalog order.
    const locateNext = memo?.quoteLocator(collection, collectionSources, registry, locate);
    for (const entry of collection.catalog.quotes ?? []) {
      yield;
      throwIfCancelled(token);
      const source = collectionSources.get(entry.source);
      if (!source) continue; // its source was skipped, and that was reported
      const quote = locateNext ? locateNext(entry, source, problems) : locate(entry, source, registry, problems);
      if (!quote) continue;
      if (quotes.has(quote.id)) {
        problems.push(problemAt(collection, `"${entry.id}"`, `quote id "${entry.id}" is already used; quote skipped`, 'warning'));
        continue;
      }
      quotes.set(quote.id, quote);
    }
  }
  const { speakers, themes, terms } = registry;
  const make = options.makeKnowledgeBase ?? ((...args: Parameters<typeof KnowledgeBase.build>) => KnowledgeBase.build(...args));
  return yield* make(sources, [...speakers.values()], [...themes.values()], [...terms.values()], [...quotes.values()], problems, memo?.wordsKeyOf);
}

/** The registry as the build makes it: its lists are what the knowledge base serves. */
interface MapRegistry extends Registry {
  readonly speakers: Map<string, Speaker>;
  readonly themes: Map<string, Theme>;
  readonly terms: Map<string, Term>;
}

/**
 * The speakers, themes and terms of every collection, the first definition of an id winning. With a memo, an
 * unchanged definition gives the previous build's object, which the sources and quotes it kept refer to.
 */
function registryOf(collections: readonly CollectionInput[], memo: KnowledgeBaseMemo | undefined): MapRegistry {
  const speakers = new Map<string, Speaker>();
  const themes = new Map<string, Theme>();
  const terms = new Map<string, Term>();
  for (const collection of collections) {
    const { catalog } = collection;
    for (const s of catalog.speakers ?? []) {
      if (speakers.has(s.id)) continue;
      const speaker: Speaker = { id: s.id, name: s.name, kind: s.kind, aliases: s.aliases ?? [], role: s.role };
      speakers.set(s.id, memo ? memo.speaker(speaker) : speaker);
    }
    for (const t of catalog.themes ?? []) {
      if (themes.has(t.id)) continue;
      const theme: Theme = { id: t.id, label: t.label, description: t.description };
      themes.set(t.id, memo ? memo.theme(theme) : theme);
    }
    for (const t of catalog.terms ?? []) {
      if (terms.has(t.id)) continue;
      const termThemes = (t.themes ?? []).map((id) => themes.get(id)).filter(isDefined);
      const term: Term = { id: t.id, label: t.label, variants: t.variants ?? [], definition: t.definition, themes: termThemes, definingQuoteId: t.definingQuote };
      terms.set(t.id, memo ? memo.term(term) : term);
    }
  }
  return { speakers, themes, terms };
}

function loadSource(
  entry: CatalogSource,
  collection: CollectionInput,
  file: SourceFileInput | undefined,
  speakers: Lookup<Speaker>,
  options: BuildOptions,
  problems: Problem[],
): Source | undefined {
  if (!file) {
    if (collection.refused?.has(entry.file)) return undefined;
    problems.push(problemAt(collection, `"${entry.id}"`, `source "${entry.id}": file "${entry.file}" was not found or could not be read; source skipped`, 'error'));
    return undefined;
  }
  const decoded = file.text !== undefined ? { ok: true as const, text: file.text } : decodeSourceFile(file.bytes, options.maxFileBytes);
  if (!decoded.ok) {
    problems.push({ severity: 'warning', file: file.displayPath, skipped: decoded.code, message: `${decoded.reason}; skipped` });
    return undefined;
  }
  const repair = repairMojibake(decoded.text);
  if (repair.repaired > 0 || repair.unrecoverable > 0) {
    const lost = repair.unrecoverable > 0 ? `; ${repair.unrecoverable} damaged sequence(s) could not be recovered and show as �` : '';
    problems.push({ severity: 'info', file: file.displayPath, message: `repaired ${repair.repaired} double-encoded character(s)${lost}` });
  }
  const body = extractBody(repair.text, { start: entry.body?.start, end: entry.body?.end, exclude: entry.exclude });
  for (const message of body.problems) problems.push(problemAt(collection, `"${entry.id}"`, `source "${entry.id}": ${message}`, 'warning'));
  return {
    id: entry.id,
    title: entry.title,
    author: entry.author ? speakers.get(entry.author) : undefined,
    publisher: entry.publisher ? speakers.get(entry.publisher) : undefined,
    date: entry.date,
    kind: entry.kind,
    url: entry.url,
    citekey: entry.citekey,
    note: entry.note,
    origin: collection.origin,
    uri: file.uri,
    displayPath: file.displayPath,
    raw: decoded.text,
    repair,
    body,
    turns: entry.turns ? resolveTurnRegions(entry, body, speakers, (message) => problems.push(problemAt(collection, `"${entry.id}"`, `source "${entry.id}": ${message}`, 'warning'))) : undefined,
  };
}

/**
 * The catalog's turn regions of a source, located in its body like quotes (exactly, whitespace aside, once). A
 * region whose anchors are not found, or found twice, is left out and reported: a region in the wrong place would
 * give sentences to the wrong person.
 */
function resolveTurnRegions(entry: CatalogSource, body: SourceBody, speakers: Lookup<Speaker>, report: (message: string) => void): TurnRegion[] {
  const text = new FlexibleText(body.text);
  const once = (anchor: string): { start: number; end: number } | undefined => {
    const matches = text.findAll(anchor);
    if (matches.length !== 1) report(`turn anchor “${anchor.slice(0, 60)}” ${matches.length === 0 ? 'is not in the body' : 'occurs more than once'}; region left out`);
    return matches.length === 1 ? matches[0] : undefined;
  };
  const regions: TurnRegion[] = [];
  for (const turn of entry.turns ?? []) {
    const speaker = speakers.get(turn.speaker);
    const from = once(turn.from);
    const to = once(turn.to);
    if (!speaker || !from || !to) continue;
    if (to.end <= from.start) {
      report(`turn region of "${turn.speaker}" ends before it begins; region left out`);
      continue;
    }
    const asides = (turn.asides ?? []).map(once);
    if (asides.some((a) => a === undefined)) continue;
    regions.push({ speaker, range: { start: from.start, end: to.end }, asides: asides as TextRange[] });
  }
  return regions;
}

/** A source's texts prepared for flexible search, built on first use. */
class SourceSearch {
  private wholeText?: FlexibleText;
  readonly body: FlexibleText;

  constructor(readonly source: Source) {
    this.body = new FlexibleText(source.body.text);
  }

  /** The repaired text of the whole file, body or not: only for explaining a quote that was not found. */
  get whole(): FlexibleText {
    this.wholeText ??= new FlexibleText(this.source.repair.text);
    return this.wholeText;
  }
}

function locateQuote(entry: CatalogQuote, search: SourceSearch, registry: Registry, collection: CollectionInput, problems: Problem[]): Quote | undefined {
  const { source } = search;
  const matches = search.body.findAll(entry.text);
  const occurrence = entry.occurrence ?? 1;
  const match = matches[occurrence - 1];
  if (!match) {
    const where = matches.length === 0
      ? `is not in the body of ${source.displayPath}${describeNearMiss(search, entry.text)}`
      : `occurs only ${matches.length} time(s) in ${source.displayPath}, not ${occurrence}`;
    problems.push(problemAt(collection, `"${entry.id}"`, `quote "${entry.id}" ${where}; quote skipped`, 'error'));
    return undefined;
  }
  const speaker = registry.speakers.get(entry.speaker);
  if (!speaker) return undefined; // reference errors were reported when the catalog was parsed
  const repairedStart = source.body.toText(match.start);
  const repairedEnd = source.body.toText(match.end);
  const rawRange = { start: source.repair.map.toOriginal(repairedStart, 'start'), end: source.repair.map.toOriginal(repairedEnd, 'end') };
  return {
    id: entry.id,
    text: normalizeWhitespace(source.body.text.slice(match.start, match.end)),
    source,
    speaker,
    attribution: entry.attribution,
    about: (entry.about ?? []).map((id) => registry.speakers.get(id)).filter(isDefined),
    themes: (entry.themes ?? []).map((id) => registry.themes.get(id)).filter(isDefined),
    terms: (entry.terms ?? []).map((id) => registry.terms.get(id)).filter(isDefined),
    bodyRange: match,
    rawRange,
    page: pageOfSource(source, rawRange.start),
  };
}

/** When a quote is not found, say whether it is in the file outside the body, which is a different mistake. */
function describeNearMiss(search: SourceSearch, text: string): string {
  const inWholeText = search.whole.findAll(text);
  return inWholeText.length > 0 ? ' (it occurs in the file, but outside the body: in site chrome or an excluded passage)' : '';
}

function problemAt(collection: CollectionInput, needle: string, message: string, severity: Problem['severity']): Problem {
  const position = collection.catalogText ? catalogPositions(collection, collection.catalogText).lineAndColumn(needle) : undefined;
  return { severity, file: collection.catalogFile, line: position?.line, column: position?.column, message };
}

const positionsByCollection = new WeakMap<CollectionInput, CatalogPositions>();

function catalogPositions(collection: CollectionInput, text: string): CatalogPositions {
  let positions = positionsByCollection.get(collection);
  if (!positions) positionsByCollection.set(collection, (positions = new CatalogPositions(text)));
  return positions;
}

/**
 * Where things are in a catalog's text, for problem reports: a catalog with 100,000 failing quotes gets
 * 100,000 reports, so neither the needle nor its line may be searched from the start of the text each time.
 */
class CatalogPositions {
  private lines?: LineTable;
  /** For each text between two consecutive " characters, the offset of the first such pair. */
  private quoted?: Map<string, number>;

  constructor(private readonly text: string) {}

  /** 1-based line and column (UTF-16 units) of the first occurrence of the needle, as text.indexOf finds it. */
  lineAndColumn(needle: string): { line: number; column: number } | undefined {
    const offset = this.indexOf(needle);
    if (offset < 0) return undefined;
    this.lines ??= new LineTable(this.text);
    return this.lines.position(offset);
  }

  /**
   * text.indexOf(needle). A needle of the form "…" (an id in quotation marks) with no " inside is exactly a
   * pair of consecutive " characters of the text, so it is looked up in a table of those pairs.
   */
  private indexOf(needle: string): number {
    const inner = needle.slice(1, -1);
    if (needle.length < 2 || needle[0] !== '"' || needle[needle.length - 1] !== '"' || inner.includes('"')) return this.text.indexOf(needle);
    this.quoted ??= quotedStrings(this.text);
    return this.quoted.get(inner) ?? -1;
  }
}

function quotedStrings(text: string): Map<string, number> {
  const firstAt = new Map<string, number>();
  let open = text.indexOf('"');
  while (open >= 0) {
    const close = text.indexOf('"', open + 1);
    if (close < 0) break;
    const inner = text.slice(open + 1, close);
    if (!firstAt.has(inner)) firstAt.set(inner, open);
    open = close;
  }
  return firstAt;
}

function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined;
}
