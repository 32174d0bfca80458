import schema from '../../../seeds/catalog.schema.json';
import { Catalog } from './catalogTypes';
import { locateJsonSyntaxError, nestingDepthExceeds } from './locateJsonSyntaxError';
import { validateAgainstSchema } from './jsonSchema';

/** One thing wrong with a catalog, precise enough to fix: which file, where in the JSON, and why. */
export interface CatalogProblem {
  readonly file: string;
  readonly path: string;
  readonly message: string;
}

export function formatCatalogProblem(p: CatalogProblem): string {
  return `${p.file}: ${p.path}: ${p.message}`;
}

export type CatalogParseResult =
  | { readonly ok: true; readonly catalog: Catalog; readonly problems: readonly CatalogProblem[] }
  | { readonly ok: false; readonly problems: readonly CatalogProblem[] };

/**
 * Parses and validates a catalog: JSON syntax, the schema, then references between entries (a quote's speaker
 * must exist, ids must be unique…). A catalog with any problem is rejected whole, with every problem listed:
 * half a catalog would show quotes with missing attributions.
 */
export function parseCatalog(text: string, file: string): CatalogParseResult {
  let data: unknown;
  try {
    data = JSON.parse(stripByteOrderMark(text));
  } catch (error) {
    return { ok: false, problems: [{ file, path: jsonErrorLocation(text, error), message: `is not valid JSON: ${(error as Error).message}` }] };
  }
  // The schema is five levels deep; a deeper document is hostile or broken, and is not walked any further.
  if (nestingDepthExceeds(data, MAX_NESTING)) return { ok: false, problems: [{ file, path: '$', message: `nests deeper than ${MAX_NESTING} levels; a catalog never needs that` }] };
  data = normalizeStrings(data);
  const schemaProblems = validateAgainstSchema(data, schema as Record<string, unknown>).map((i) => ({ file, ...i }));
  if (schemaProblems.length > 0) return { ok: false, problems: schemaProblems };
  const catalog = data as Catalog;
  const problems = checkReferences(catalog, file);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, catalog, problems };
}

const MAX_NESTING = 32;

/**
 * Every string in Unicode's composed form (NFC), as source texts are decoded: a quote typed in decomposed form
 * must still be found in its source. Only called on values already known to be shallow.
 */
function normalizeStrings(value: unknown): unknown {
  if (typeof value === 'string') return value.normalize('NFC');
  if (Array.isArray(value)) return value.map(normalizeStrings);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, child]) => [key, normalizeStrings(child)]));
  }
  return value;
}

function stripByteOrderMark(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function jsonErrorLocation(text: string, error: unknown): string {
  // Newer engines give "at position N"; older ones only quote the text, so find the place ourselves.
  const match = /position (\d+)/.exec(String((error as Error)?.message));
  const offset = match ? Number(match[1]) : locateJsonSyntaxError(stripByteOrderMark(text));
  if (offset === undefined) return '$';
  const before = text.slice(0, offset).split('\n');
  return `line ${before.length}, column ${before[before.length - 1].length + 1}`;
}

function checkReferences(catalog: Catalog, file: string): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  const report = (path: string, message: string): void => {
    problems.push({ file, path, message });
  };
  const ids = (list: readonly { id: string }[] | undefined, name: string): Set<string> => {
    const seen = new Set<string>();
    (list ?? []).forEach((entry, i) => {
      if (seen.has(entry.id)) report(`$.${name}[${i}].id`, `duplicate id "${entry.id}"`);
      seen.add(entry.id);
    });
    return seen;
  };
  const sources = ids(catalog.sources, 'sources');
  const speakers = ids(catalog.speakers, 'speakers');
  const themes = ids(catalog.themes, 'themes');
  const terms = ids(catalog.terms, 'terms');
  const quotes = ids(catalog.quotes, 'quotes');
  const expect = (set: Set<string>, kind: string, id: string | undefined, path: string): void => {
    if (id !== undefined && !set.has(id)) report(path, `refers to unknown ${kind} "${id}"`);
  };

  catalog.sources.forEach((s, i) => {
    expect(speakers, 'speaker', s.author, `$.sources[${i}].author`);
    expect(speakers, 'speaker', s.publisher, `$.sources[${i}].publisher`);
    (s.turns ?? []).forEach((t, j) => expect(speakers, 'speaker', t.speaker, `$.sources[${i}].turns[${j}].speaker`));
  });
  (catalog.terms ?? []).forEach((t, i) => {
    (t.themes ?? []).forEach((id, j) => expect(themes, 'theme', id, `$.terms[${i}].themes[${j}]`));
    expect(quotes, 'quote', t.definingQuote, `$.terms[${i}].definingQuote`);
    const defining = catalog.quotes?.find((q) => q.id === t.definingQuote);
    if (defining && !(defining.terms ?? []).includes(t.id)) {
      report(`$.terms[${i}].definingQuote`, `quote "${defining.id}" does not list term "${t.id}" in its terms`);
    }
  });
  (catalog.quotes ?? []).forEach((q, i) => {
    const at = `$.quotes[${i}]`;
    expect(sources, 'source', q.source, `${at}.source`);
    expect(speakers, 'speaker', q.speaker, `${at}.speaker`);
    (q.about ?? []).forEach((id, j) => expect(speakers, 'speaker', id, `${at}.about[${j}]`));
    (q.themes ?? []).forEach((id, j) => expect(themes, 'theme', id, `${at}.themes[${j}]`));
    (q.terms ?? []).forEach((id, j) => expect(terms, 'term', id, `${at}.terms[${j}]`));
    if (q.attribution === 'reported' && (q.about ?? []).length === 0) {
      report(`${at}.about`, 'a reported quote must name whose view it reports');
    }
    if (q.attribution === 'reported' && (q.about ?? []).includes(q.speaker)) {
      report(`${at}.about`, 'a reported quote cannot report its own speaker; use "direct"');
    }
  });
  return problems;
}
