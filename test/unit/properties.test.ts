import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as fc from 'fast-check';
import type { Catalog, CatalogQuote } from '../../src/core/catalog/catalogTypes';
import { parseCatalog } from '../../src/core/catalog/parseCatalog';
import { checkDocument } from '../../src/core/check/checkDocument';
import { tokenize as checkTokens } from '../../src/core/check/tokens';
import { Corpus } from '../../src/core/corpus';
import { extractCatalog, ExtractInputFile } from '../../src/core/extract/extractCatalog';
import { escapeLatex, escapeMarkdownInline } from '../../src/core/format/escape';
import { formatQuote, outputFormatFor, TEMPLATE_TOKENS, validateTemplate } from '../../src/core/format/formatQuote';
import { buildKnowledgeBase, CollectionInput } from '../../src/core/kb/buildKnowledgeBase';
import { decodeSourceFile } from '../../src/core/kb/decodeSourceFile';
import type { KnowledgeBase } from '../../src/core/kb/knowledgeBase';
import type { Quote, Term } from '../../src/core/kb/model';
import { normalizeWord } from '../../src/core/terms/termMatcher';
import { repairMojibake } from '../../src/core/text/mojibake';
import { createQuoteIndex } from '../../src/node/loadCorpus';
import {
  collapseWhitespace,
  highByteString,
  mojibakeString,
  occursFlexibly,
  wildString,
  wildUnit,
} from './helpers/propertyArbitraries';
import { SEEDS_DIR, seedCorpus } from './helpers/seedCorpus';
import { buildCorpus } from '../../src/core/buildCorpus';

/**
 * Property-based tests over the core's entry points (issue 13, "No crash"): arbitrary strings and bytes never
 * make them throw, and every quote they hand out is still verbatim in its source. Each property runs with a
 * fresh random seed; a failure prints the seed and the shrunk counterexample (replay with `{ seed, path }`).
 */

const SEED_CATALOG_TEXT = readFileSync(path.join(SEEDS_DIR, 'catalog.json'), 'utf8');
const SEED_CATALOG = parseSeedCatalog();
const SEED_FILES = SEED_CATALOG.sources.map((s) => ({ name: s.file, bytes: new Uint8Array(readFileSync(path.join(SEEDS_DIR, s.file))) }));
const LANGUAGES = ['markdown', 'latex', 'plaintext'] as const;

function parseSeedCatalog(): Catalog {
  const parsed = parseCatalog(SEED_CATALOG_TEXT, 'catalog.json');
  if (!parsed.ok) throw new Error(`the seed catalog does not parse: ${JSON.stringify(parsed.problems)}`);
  return parsed.catalog;
}

/** A control character no surface may show or insert: C0 but tab, line feed and carriage return; DEL; C1. */
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u;

/** A string for a message, with invisible characters (controls, surrogate halves, marks) spelled out. */
function show(text: string): string {
  const invisible = (u: number): boolean =>
    (u >= 0x7f && u <= 0xa0) || u === 0xad || (u >= 0x300 && u <= 0x36f) || (u >= 0x200b && u <= 0x200f) || (u >= 0x2028 && u <= 0x202e) || (u >= 0xd800 && u <= 0xdfff) || u === 0xfeff;
  let out = '';
  for (const c of JSON.stringify(text)) {
    const u = c.charCodeAt(0);
    out += c.length === 1 && invisible(u) ? `\\u${u.toString(16).padStart(4, '0')}` : c;
  }
  return out;
}

function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** Every served quote is its source's words: in the body, at its range, and its raw range inside the file. */
function assertQuotesVerbatim(kb: KnowledgeBase, passages: readonly Quote[] = []): void {
  const sources = new Set(kb.sources);
  for (const quote of [...kb.quotes, ...passages]) {
    assert.ok(sources.has(quote.source), `quote ${quote.id} has a source that is not in the knowledge base`);
    const body = quote.source.body.text;
    assert.ok(quote.text.length > 0, `quote ${quote.id} is empty`);
    assert.ok(occursFlexibly(body, quote.text), `quote ${quote.id} ${show(quote.text)} is not in its source's body`);
    const { start, end } = quote.bodyRange;
    assert.ok(0 <= start && start <= end && end <= body.length, `quote ${quote.id}: body range [${start}, ${end}) outside the body (${body.length})`);
    assert.equal(collapseWhitespace(body.slice(start, end)), quote.text, `quote ${quote.id}: its body range holds other words`);
    const raw = quote.source.raw;
    assert.ok(0 <= quote.rawRange.start && quote.rawRange.start <= quote.rawRange.end && quote.rawRange.end <= raw.length, `quote ${quote.id}: raw range outside the file`);
  }
}

function assertProblemsWellFormed(kb: KnowledgeBase): void {
  for (const p of kb.problems) {
    assert.ok(['error', 'warning', 'info'].includes(p.severity));
    assert.equal(typeof p.message, 'string');
    assert.equal(typeof p.file, 'string');
  }
}

// ---- decode ------------------------------------------------------------------------------------------------

describe('properties: decoding source bytes', () => {
  const BOMS = [[], [0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff]];
  const hostileBytes = fc.oneof(
    fc.uint8Array({ maxLength: 300 }),
    // Mostly text, with a prefix that claims an encoding and a few stray bytes.
    fc
      .tuple(fc.constantFrom(...BOMS), wildString(60), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }))
      .map(([bom, text, strays]) => {
        const bytes = [...bom, ...utf8(text)];
        for (const [at, byte] of strays) bytes.splice(bytes.length === 0 ? 0 : at % (bytes.length + 1), 0, byte);
        return Uint8Array.from(bytes);
      }),
    // UTF-16 in either byte order, with or without its BOM, sometimes cut at an odd length.
    fc.tuple(wildString(40), fc.boolean(), fc.boolean(), fc.boolean()).map(([text, bigEndian, withBom, cut]) => {
      const bytes: number[] = withBom ? (bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]) : [];
      for (let i = 0; i < text.length; i++) {
        const unit = text.charCodeAt(i);
        bytes.push(...(bigEndian ? [unit >> 8, unit & 0xff] : [unit & 0xff, unit >> 8]));
      }
      return Uint8Array.from(cut ? bytes.slice(0, Math.max(0, bytes.length - 1)) : bytes);
    }),
    // Truncated and overlong UTF-8 sequences, surrogates encoded as UTF-8, bytes that never occur in UTF-8.
    fc
      .array(fc.oneof(fc.constantFrom([0xc0, 0x80], [0xe0, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xf8], [0xff], [0xc3], [0xe2, 0x80], [0x00]), fc.constant([0x61])), { maxLength: 30 })
      .map((parts) => Uint8Array.from(parts.flat())),
  );

  it('never throws: returns ok with clean text, or a reason', () => {
    fc.assert(
      fc.property(hostileBytes, fc.option(fc.nat(400), { nil: undefined }), (bytes, maxBytes) => {
        const result = decodeSourceFile(bytes, maxBytes);
        if (result.ok) {
          assert.equal(typeof result.text, 'string');
          // No NUL, and no control character but tab, line feed and carriage return reaches any surface.
          assert.doesNotMatch(result.text, /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/u);
          assert.equal(result.text, result.text.normalize('NFC'));
          if (maxBytes !== undefined) assert.ok(bytes.length <= maxBytes);
        } else {
          assert.ok(['too-large', 'binary', 'encoding'].includes(result.code), result.code);
          assert.ok(result.reason.length > 0);
          const at = /byte (\d+)/u.exec(result.reason);
          if (at) assert.ok(Number(at[1]) < bytes.length, `${result.reason} (of ${bytes.length} bytes)`);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('decodes any text without NUL as UTF-8, to the same text (composed, controls neutralised)', () => {
    fc.assert(
      fc.property(wildString(80).filter((s) => !s.includes('\u0000')), (text) => {
        const result = decodeSourceFile(utf8(text));
        assert.ok(result.ok, !result.ok ? result.reason : '');
        // What TextEncoder wrote (lone surrogates become U+FFFD), without a leading BOM, composed, and with C0
        // controls but tab and line breaks made harmless one for one.
        const expected = utf8ToString(utf8(text))
          .replace(/^\ufeff/u, '')
          .normalize('NFC')
          .replace(/[\u0001-\u0008\u000e-\u001f\u007f]/gu, '\ufffd')
          .replace(/[\u000b\u000c]/gu, ' ');
        assert.equal(result.text, expected);
      }),
      { numRuns: 200 },
    );
  });
});

function utf8ToString(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
}

// ---- encoding repair ---------------------------------------------------------------------------------------

describe('properties: repairing double-encoded text', () => {
  const inputs = fc.oneof(wildString(80), highByteString(60), mojibakeString, fc.string({ unit: 'binary', maxLength: 60 }));

  it('never throws, and maps every offset of its output into the input', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const result = repairMojibake(input);
        assert.equal(typeof result.text, 'string');
        assert.ok(result.repaired >= 0 && result.unrecoverable >= 0);
        let previous = 0;
        for (let offset = 0; offset <= result.text.length; offset++) {
          const start = result.map.toOriginal(offset, 'start');
          const end = result.map.toOriginal(offset, 'end');
          assert.ok(0 <= start && start <= input.length, `toOriginal(${offset}, start) = ${start}, input length ${input.length}`);
          assert.ok(0 <= end && end <= input.length, `toOriginal(${offset}, end) = ${end}, input length ${input.length}`);
          assert.ok(start <= end, `toOriginal(${offset}): start ${start} after end ${end}`);
          assert.ok(previous <= start, `toOriginal is not monotonic at ${offset}: ${previous} then ${start}`);
          previous = start;
        }
        assert.equal(result.map.toOriginal(result.text.length, 'end'), input.length);
      }),
      { numRuns: 300 },
    );
  });

  it('leaves text without any run of high-byte images unchanged', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof(fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }), fc.constantFrom('“', 'é', '🤔', ' ')), maxLength: 80 }), (input) => {
        const result = repairMojibake(input);
        if (!/[\u0080-\u00ff\u0100-\u02ff\u2013-\u2122]{2}/u.test(input)) assert.equal(result.text, input);
      }),
      { numRuns: 200 },
    );
  });
});

// ---- extraction --------------------------------------------------------------------------------------------

const SEED_NAMES = (SEED_CATALOG.speakers ?? []).filter((s) => s.kind !== 'unsigned').flatMap((s) => [s.name, ...(s.aliases ?? [])]);
const SEED_QUOTES = (SEED_CATALOG.quotes ?? []).map((q) => q.text);

/** A capitalised name, known or new ("Tobias Wren"), or a hostile run of characters where a name would be. */
const nameArb = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...SEED_NAMES) },
  { weight: 2, arbitrary: fc.constantFrom('Tobias Wren', 'Mara Ellison', 'Jean-Luc O’Brien', 'Ludwig van Beethoven', 'Ravi Anand', 'V. Le', 'The Critics') },
  {
    weight: 1,
    arbitrary: fc
      .array(fc.string({ unit: fc.constantFrom(...'abcdefgšéñ’-'), minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 4 })
      .map((words) => words.map((w) => w[0].toUpperCase() + w.slice(1)).join(' ')),
  },
  { weight: 1, arbitrary: wildString(4) },
);
const wordsArb = fc.array(fc.oneof(fc.constantFrom('we', 'have', 'reached', 'peak', 'data', 'and', 'there', 'is', 'no', 'more', 'to', 'come', 'models', 'scale', 'the', 'end', 'of', 'pre-training'), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 5 })), { minLength: 0, maxLength: 14 }).map((w) => w.join(' '));
const OPEN_CLOSE: readonly [string, string][] = [['“', '”'], ['"', '"'], ['‘', '’'], ['«', '»'], ['„', '“'], ['``', "''"], ['\\enquote{', '}'], ['“', '"'], ['"', '']];
const quotedArb = fc
  .tuple(fc.constantFrom(...OPEN_CLOSE), fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...SEED_QUOTES) }, { weight: 2, arbitrary: wordsArb }, { weight: 1, arbitrary: wildString(20) }))
  .map(([[open, close], words]) => `${open}${words}${close}`);
const attributionArb = fc.tuple(
  fc.constantFrom('{n} said', 'said {n}', '{n} says', 'according to {n}', '— {n}', '{n}:', '{n} told the audience:', 'as {n} put it', 'That is how {n} put it.', '{n} argued that', ', {n}, told reporters:', '-- {n}'),
  nameArb,
).map(([form, name]) => form.replace('{n}', name));
const proseUnit = fc.oneof(
  { weight: 4, arbitrary: quotedArb },
  { weight: 3, arbitrary: attributionArb },
  { weight: 3, arbitrary: wordsArb },
  { weight: 2, arbitrary: fc.constantFrom(', ', '. ', '.\n', '\n\n', '\n> ', '> ', '# ', '- ', '*', '_', ' ', '  ', '\t', '\r\n', '—', '…') },
  { weight: 1, arbitrary: wildString(6) },
);
const frontMatterArb = fc
  .tuple(fc.option(nameArb, { nil: undefined }), fc.option(wildString(10), { nil: undefined }), fc.constantFrom('interview', 'blog post', 'nonsense', ''), fc.constantFrom('https://example.invalid/x', 'Hall B', ''))
  .map(([author, title, kind, source]) => `---\n${title !== undefined ? `title: ${title}\n` : ''}${author !== undefined ? `author: ${author}\n` : ''}kind: ${kind}\nsource: ${source}\n---\n`);
/** A Markdown heading, whose text may be words, markup or anything: the extractor takes a title from it. */
const headingArb = fc
  .tuple(fc.integer({ min: 1, max: 7 }), fc.oneof(wordsArb, fc.constantFrom('*', '_', '`', '#', '**', '*Title*', ' '), wildString(4)))
  .map(([level, text]) => `${'#'.repeat(level)} ${text}\n\n`);
const proseArb = fc
  .tuple(fc.option(frontMatterArb, { nil: '' }), fc.option(headingArb, { nil: '' }), fc.array(proseUnit, { minLength: 1, maxLength: 30 }), fc.array(fc.constantFrom(' ', ''), { maxLength: 30 }))
  .map(([front, heading, units, joints]) => front + heading + units.map((u, i) => u + (joints[i] ?? ' ')).join(''));
const fileNameArb = fc.oneof(fc.constantFrom('a.md', 'b.txt', 'notes/c.markdown', 'd.mdx', 'E F.md', 'ü.txt', '.md', '-.txt', '1.md'), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }).map((s) => `${s}.md`));
const filesArb = (text: fc.Arbitrary<string>): fc.Arbitrary<ExtractInputFile[]> =>
  fc.uniqueArray(fc.record({ relativePath: fileNameArb, text }), { minLength: 1, maxLength: 3, selector: (f) => f.relativePath });

describe('properties: extracting a catalog from files without one', () => {
  const known = SEED_CATALOG.speakers ?? [];

  function assertExtractedVerbatim(files: readonly ExtractInputFile[]): void {
    const { catalog, notes } = extractCatalog(files, known);
    for (const note of notes) assert.equal(typeof note.message, 'string');
    const byId = new Map(catalog.sources.map((s) => [s.id, files.find((f) => f.relativePath === s.file)]));
    assert.equal(byId.size, files.length, 'one source per file, with distinct ids');
    for (const quote of catalog.quotes ?? []) {
      const file = byId.get(quote.source);
      assert.ok(file, `quote ${quote.id} names an unknown source ${quote.source}`);
      const repaired = repairMojibake(file.text).text;
      assert.ok(occursFlexibly(repaired, quote.text), `quote ${quote.id} ${show(quote.text)} is not in ${file.relativePath}`);
    }
  }

  it('never throws on arbitrary text files, and every quote is in its file', () => {
    fc.assert(fc.property(filesArb(wildString(120)), (files) => assertExtractedVerbatim(files)), { numRuns: 200 });
  });

  it('never throws on prose with quotation marks and "X said", and every quote is in its file', () => {
    fc.assert(fc.property(filesArb(proseArb), (files) => assertExtractedVerbatim(files)), { numRuns: 200 });
  });

  it('extracts a catalog that validates and whose every quote the knowledge base locates', () => {
    fc.assert(
      fc.property(filesArb(proseArb), (texts) => {
        // As the loader does it: the bytes are decoded first, and extraction reads the decoded text.
        const files = texts.flatMap((f) => {
          const bytes = utf8(f.text);
          const decoded = decodeSourceFile(bytes);
          return decoded.ok ? [{ relativePath: f.relativePath, text: decoded.text, bytes }] : [];
        });
        const { catalog } = extractCatalog(files, known);
        const parsed = parseCatalog(JSON.stringify(catalog), 'extracted');
        assert.deepEqual(parsed.problems, []);
        const kb = buildKnowledgeBase([
          { origin: 'workspace', catalogFile: 'x (extracted)', catalog, files: files.map((f) => ({ name: f.relativePath, uri: f.relativePath, displayPath: f.relativePath, bytes: f.bytes, text: f.text })) },
        ]);
        assert.deepEqual(kb.problems.filter((p) => p.severity === 'error'), []);
        assert.equal(kb.quotes.length, (catalog.quotes ?? []).length);
        assertQuotesVerbatim(kb);
      }),
      { numRuns: 150 },
    );
  });
});

// ---- catalog parsing ---------------------------------------------------------------------------------------

describe('properties: parsing a catalog', () => {
  function assertParsed(text: string): void {
    const result = parseCatalog(text, 'sourcebook.json');
    assert.ok(Array.isArray(result.problems));
    if (result.ok) {
      assert.equal(result.problems.length, 0);
      assert.ok(Array.isArray(result.catalog.sources));
    } else {
      assert.ok(result.problems.length > 0, 'rejected without a problem');
    }
    for (const p of result.problems) {
      assert.equal(p.file, 'sourcebook.json');
      assert.equal(typeof p.path, 'string');
      assert.ok(p.message.length > 0);
    }
  }

  it('never throws on arbitrary strings', () => {
    fc.assert(fc.property(fc.oneof(wildString(100), fc.string({ unit: 'binary', maxLength: 100 })), assertParsed), { numRuns: 300 });
  });

  it('never throws on arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.oneof(fc.json({ maxDepth: 6 }), fc.jsonValue({ maxDepth: 6 }).map((v) => JSON.stringify(v) ?? 'null')), assertParsed),
      { numRuns: 300 },
    );
  });

  it('never throws on catalog-shaped JSON with arbitrary values in place of the expected ones', () => {
    const entryKeys = ['id', 'file', 'title', 'kind', 'text', 'speaker', 'source', 'attribution', 'about', 'themes', 'terms', 'occurrence', 'aliases', 'body', 'exclude', 'variants', 'definingQuote', '__proto__', 'constructor', 'toString'];
    const valueArb = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom('s', 'p', 'q', 't', 'direct', 'reported', 'person', 'unsigned', 'notes', 'a.txt'));
    const entryArb = fc.dictionary(fc.constantFrom(...entryKeys), valueArb, { maxKeys: 8 });
    const catalogArb = fc.record(
      { version: fc.oneof(fc.constant(1), valueArb), sources: fc.oneof(fc.array(entryArb, { maxLength: 3 }), valueArb), speakers: fc.oneof(fc.array(entryArb, { maxLength: 3 }), valueArb), themes: fc.array(entryArb, { maxLength: 2 }), terms: fc.array(entryArb, { maxLength: 2 }), quotes: fc.oneof(fc.array(entryArb, { maxLength: 4 }), valueArb) },
      { requiredKeys: ['version', 'sources'] },
    );
    fc.assert(fc.property(catalogArb, (catalog) => assertParsed(JSON.stringify(catalog))), { numRuns: 300 });
  });

  it('never throws on mutations of the seed catalog', () => {
    const n = SEED_CATALOG_TEXT.length;
    const mutation = fc.oneof(
      fc.nat(n - 1).map((at) => (text: string) => text.slice(0, at) + text.slice(at + 1)),
      fc.tuple(fc.nat(n), fc.nat(200), fc.nat(n)).map(([from, length, to]) => (text: string) => text.slice(0, to) + text.slice(from, from + length) + text.slice(to)),
      fc.tuple(fc.nat(n), wildUnit).map(([at, unit]) => (text: string) => text.slice(0, at) + unit + text.slice(at)),
      fc.tuple(fc.nat(n), fc.integer({ min: 1, max: 25_000 }), fc.constantFrom('[', '{"a":', '[{"x":')).map(([at, depth, open]) => (text: string) => text.slice(0, at) + open.repeat(depth) + text.slice(at)),
    );
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (mutations) => assertParsed(mutations.reduce((text, mutate) => mutate(text), SEED_CATALOG_TEXT))),
      { numRuns: 150 },
    );
  });

  it('never throws on deep nesting, closed or not', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30_000 }), fc.constantFrom('[', '{"a":', '{"sources":['), fc.boolean(), (depth, open, closed) => {
        const close = open === '[' ? ']' : open === '{"a":' ? '}' : ']}';
        assertParsed(open.repeat(depth) + (closed ? `1${close.repeat(depth)}` : ''));
      }),
      { numRuns: 40 },
    );
  });
});

// ---- building a knowledge base -----------------------------------------------------------------------------

/** A byte-level mutation of a file: deleting, inserting, overwriting or duplicating a few bytes. */
const byteMutation = fc.oneof(
  fc.tuple(fc.nat(), fc.nat(8)).map(([at, length]) => (bytes: number[]) => void bytes.splice(at % (bytes.length + 1), length)),
  fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 6 })).map(([at, insert]) => (bytes: number[]) => void bytes.splice(at % (bytes.length + 1), 0, ...insert)),
  fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })).map(([at, byte]) => (bytes: number[]) => {
    if (bytes.length > 0) bytes[at % bytes.length] = byte;
  }),
  fc.tuple(fc.nat(), fc.nat(300), fc.nat()).map(([from, length, to]) => (bytes: number[]) => {
    const start = from % (bytes.length + 1);
    bytes.splice(to % (bytes.length + 1), 0, ...bytes.slice(start, start + length));
  }),
);

/** Arbitrary text as a source file could hold it: UTF-8 (perhaps with a BOM) or UTF-16 with a BOM. */
const encodedTextArb = fc.tuple(wildString(150), fc.constantFrom('utf-8', 'utf-8', 'utf-8-bom', 'utf-16le'), fc.boolean()).map(([wild, encoding, binary]) => {
  // A NUL makes the file binary (and skipped): keep one only in some of them.
  const text = binary ? wild : wild.replace(/\u0000/gu, '');
  if (encoding === 'utf-16le') {
    const bytes = [0xff, 0xfe];
    for (let i = 0; i < text.length; i++) bytes.push(text.charCodeAt(i) & 0xff, text.charCodeAt(i) >> 8);
    return { text, bytes: Uint8Array.from(bytes) };
  }
  return { text, bytes: Uint8Array.from([...(encoding === 'utf-8-bom' ? [0xef, 0xbb, 0xbf] : []), ...utf8(text)]) };
});

/** A one-source catalog over arbitrary text whose quotes are slices of that text (so some are found), reflowed. */
const syntheticCollectionArb = fc
  .tuple(
    encodedTextArb,
    fc.array(fc.tuple(fc.nat(), fc.nat(60), fc.boolean(), fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined })), { minLength: 1, maxLength: 8 }),
    fc.array(wildString(10), { maxLength: 2 }),
    fc.option(fc.tuple(fc.nat(), fc.nat(20)), { nil: undefined }),
    fc.oneof(fc.constant([]), fc.array(byteMutation, { maxLength: 2 })),
    // What a user's catalog may say about the source and the speaker (JSON escapes let it say anything).
    fc.record({ title: wildString(8), name: wildString(6), date: fc.option(wildString(6), { nil: undefined }), url: fc.option(fc.oneof(wildString(10), fc.webUrl()), { nil: undefined }) }),
  )
  .map(([{ text: written, bytes }, slices, strays, bodyStart, mutations, about]): CollectionInput => {
    // Slices of the text as it will be read (decoded, repaired), so that most quotes are there to be found.
    const decoded = decodeSourceFile(bytes);
    const text = decoded.ok ? repairMojibake(decoded.text).text : written;
    const quoteTexts = slices.map(([at, length, reflow, occurrence]) => {
      const start = text.length === 0 ? 0 : at % text.length;
      const slice = text.slice(start, start + length);
      return { text: reflow ? slice.replace(/ /gu, '\n  ') : slice, occurrence };
    });
    const quotes: CatalogQuote[] = [...quoteTexts, ...strays.map((s) => ({ text: s, occurrence: undefined }))].map((q, i) => ({
      id: `q${i}`,
      source: 's',
      text: q.text,
      speaker: 'p',
      attribution: 'direct',
      ...(q.occurrence !== undefined ? { occurrence: q.occurrence } : {}),
    }));
    const anchor = bodyStart && text.length > 0 ? text.slice(bodyStart[0] % text.length, (bodyStart[0] % text.length) + bodyStart[1]) : undefined;
    const catalog: Catalog = {
      version: 1,
      sources: [
        {
          id: 's',
          file: 'a.md',
          title: about.title || 'A',
          kind: 'notes',
          ...(about.date !== undefined ? { date: about.date } : {}),
          ...(about.url !== undefined ? { url: about.url } : {}),
          ...(anchor ? { body: { start: anchor } } : {}),
        },
      ],
      speakers: [{ id: 'p', name: about.name || 'Tobias Wren', kind: 'person' }],
      quotes,
    };
    const mutated = [...bytes];
    for (const mutate of mutations) mutate(mutated);
    return { origin: 'workspace', catalogFile: 'sourcebook.json', catalog, files: [{ name: 'a.md', uri: 'file:///a.md', displayPath: 'a.md', bytes: Uint8Array.from(mutated) }] };
  });

describe('properties: building a knowledge base', () => {
  it('never throws on the seed catalog over mutated seed files, and every quote it serves is verbatim', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(SEED_FILES.length - 1), byteMutation), { minLength: 1, maxLength: 6 }), (mutations) => {
        const files = SEED_FILES.map((f) => ({ name: f.name, bytes: [...f.bytes] }));
        for (const [file, mutate] of mutations) mutate(files[file].bytes);
        const corpus = buildCorpus([
          { origin: 'seed', catalogFile: 'catalog.json', catalogText: SEED_CATALOG_TEXT, catalog: SEED_CATALOG, files: files.map((f) => ({ name: f.name, uri: f.name, displayPath: f.name, bytes: Uint8Array.from(f.bytes) })) },
        ]);
        assertQuotesVerbatim(corpus.kb);
        assertProblemsWellFormed(corpus.kb);
      }),
      { numRuns: 60 },
    );
  });

  it('never throws on the seed catalog over arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.uint8Array({ maxLength: 200 }), encodedTextArb.map((e) => e.bytes)), { minLength: SEED_FILES.length, maxLength: SEED_FILES.length }), (contents) => {
        const kb = buildKnowledgeBase([
          { origin: 'seed', catalogFile: 'catalog.json', catalogText: SEED_CATALOG_TEXT, catalog: SEED_CATALOG, files: SEED_FILES.map((f, i) => ({ name: f.name, uri: f.name, displayPath: f.name, bytes: contents[i] })) },
        ]);
        assertQuotesVerbatim(kb);
        assertProblemsWellFormed(kb);
      }),
      { numRuns: 60 },
    );
  });

  it('serves no control character in a quote (C0 but tab and line breaks, DEL, C1)', () => {
    fc.assert(
      fc.property(syntheticCollectionArb, (collection) => {
        for (const quote of buildKnowledgeBase([collection]).quotes) {
          assert.doesNotMatch(quote.text, CONTROL_CHARACTER, `quote ${show(quote.text)} of ${show(quote.source.raw)}`);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('never throws on a catalog quoting slices of arbitrary text, and every quote it serves is verbatim', () => {
    fc.assert(
      fc.property(syntheticCollectionArb, (collection) => {
        const corpus = buildCorpus([collection], [], { createIndex: createQuoteIndex });
        assertQuotesVerbatim(corpus.kb, corpus.passages);
        assertProblemsWellFormed(corpus.kb);
        // The other surfaces over such a corpus: search, check and format.
        const quotes = new Set(corpus.searchable);
        for (const quote of corpus.kb.quotes) {
          for (const hit of corpus.index.search(quote.text.slice(0, 40))) assert.ok(quotes.has(hit.quote) && Number.isFinite(hit.score));
          for (const language of LANGUAGES) assert.equal(typeof formatQuote(quote, language), 'string');
        }
        for (const language of LANGUAGES) {
          const draft = corpus.kb.quotes.map((q) => `“${q.text} x”, Tobias Wren said.`).join('\n\n');
          assertFindingsWellFormed(draft, checkDocument(draft, language, corpus.kb), corpus.kb, language);
        }
      }),
      { numRuns: 150 },
    );
  });
});

// ---- search ------------------------------------------------------------------------------------------------

describe('properties: quote search', () => {
  let corpus: Corpus;
  before(async () => {
    corpus = await seedCorpus();
  });

  function assertSearch(query: string, limit?: number): void {
    const quotes = new Set(corpus.searchable);
    const hits = corpus.index.search(query, limit === undefined ? {} : { limit });
    assert.ok(hits.length <= (limit ?? 50), `${hits.length} hits for a limit of ${limit}`);
    assert.equal(new Set(hits.map((h) => h.quote)).size, hits.length, 'a quote is listed twice');
    for (const hit of hits) {
      assert.ok(quotes.has(hit.quote), 'a hit is not a quote of the corpus');
      assert.ok(Number.isFinite(hit.score), `score ${hit.score}`);
    }
  }

  const filterArb = fc.tuple(fc.constantFrom('@', '#'), fc.oneof(fc.constantFrom('sutsk', 'Ilya', 'deep-mind', 'lecun', 'scaling', 'data-wall', 'unsigned', ''), wildString(5))).map(([sigil, name]) => sigil + name);
  const queryArb = fc.oneof(
    wildString(40),
    fc.array(fc.oneof(filterArb, fc.constantFrom('peek', 'data', 'deepmind', 'world', 'model', 'pre-training', 'ilya'), wildString(3)), { maxLength: 8 }).map((parts) => parts.join(' ')),
    fc.string({ unit: 'binary', maxLength: 30 }),
  );

  it('never throws on arbitrary queries; scores are finite and hits are quotes of the corpus', () => {
    fc.assert(fc.property(queryArb, fc.option(fc.integer({ min: 0, max: 300 }), { nil: undefined }), assertSearch), { numRuns: 300 });
  });

  it('never throws on huge queries', () => {
    fc.assert(
      fc.property(fc.tuple(fc.oneof(queryArb, fc.constantFrom('a', 'peak data ', '@', '#x ', 'é', '\ud800', 'x'.repeat(1000))), fc.integer({ min: 100, max: 20_000 })), ([unit, times]) => {
        assertSearch(unit.repeat(times).slice(0, 20_000));
      }),
      { numRuns: 20 },
    );
  });

  it('answers a 100,000-character query within a second, however many filters it repeats', () => {
    // A paste into the picker searches on every keystroke: its cost must not grow with quotes × filters.
    for (const unit of [' @deep-mind', ' #scaling', ' @sutsk', 'peek # @ deepmind model #unsigned @sutsk deepmind', ' peak data', ' x']) {
      const query = unit.repeat(Math.ceil(100_000 / unit.length)).slice(0, 100_000);
      const started = performance.now();
      assertSearch(query);
      const elapsed = performance.now() - started;
      assert.ok(elapsed < 1000, `${Math.round(elapsed)} ms for ${show(unit)} repeated to 100,000 characters`);
    }
  });
});

// ---- hover -------------------------------------------------------------------------------------------------

/** Words as the term matcher reads them (its own definition, copied here as the oracle). */
const TERM_WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+|\.\d+)*/gu;
const TERM_GAP = /^[\s\-\u00AD\u2010-\u2015~]+$/u;
/** A letter, digit or combining mark: what continues a word (a mark after "data" makes it "datá"). */
const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;

/** The normalised word sequences a spelling is found under: as written, and with hyphenated words closed up. */
function spellingKeys(spelling: string): string[] {
  const words = (s: string): string[] => [...s.matchAll(TERM_WORD)].map((m) => normalizeWord(m[0]));
  const split = words(spelling).join(' ');
  const closed = spelling.split(/\s+/u).flatMap((chunk) => words(chunk.replace(/[-\u00AD\u2010-\u2015]/gu, ''))).join(' ');
  return [split, closed];
}

/** The code point that ends right before `offset`. */
function codePointBefore(text: string, offset: number): string {
  if (offset <= 0) return '';
  const low = text.charCodeAt(offset - 1);
  const high = offset >= 2 ? text.charCodeAt(offset - 2) : 0;
  if (low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff) return text.slice(offset - 2, offset);
  return text[offset - 1];
}

/** Whether a word goes on right before `offset`: a letter or digit, perhaps followed by combining marks. */
function wordEndsAt(text: string, offset: number): boolean {
  let at = offset;
  for (let ch = codePointBefore(text, at); ch !== ''; ch = codePointBefore(text, at)) {
    if (!/^\p{M}$/u.test(ch)) return /^[\p{L}\p{N}]$/u.test(ch);
    at -= ch.length;
  }
  return false;
}

describe('properties: the term matcher (hover)', () => {
  let corpus: Corpus;
  let spellings: string[];
  before(async () => {
    corpus = await seedCorpus();
    spellings = corpus.kb.terms.flatMap((t) => [t.label, ...t.variants]);
  });

  const lineArb = fc.oneof(
    { weight: 1, arbitrary: wildString(60) },
    {
      weight: 3,
      arbitrary: fc.array(
        fc.oneof(fc.integer({ min: 0, max: 1000 }).map((i) => ({ spelling: i })), fc.oneof(wildUnit, fc.constantFrom(' ', ' ', '-', ', ')).map((u) => ({ unit: u }))),
        { maxLength: 20 },
      ),
    },
  );

  function lineOf(parts: string | ({ spelling: number } | { unit: string })[]): string {
    if (typeof parts === 'string') return parts;
    return parts
      .map((p) => {
        if (!('spelling' in p)) return p.unit;
        const s = spellings[p.spelling % spellings.length];
        // Spellings as writers vary them: upper case, hyphens as spaces or gone, a plural -s.
        return [s, s.toUpperCase(), s.replace(/-/gu, ' '), s.replace(/-/gu, ''), `${s}s`, s.replace(/ /gu, '~')][p.spelling % 6];
      })
      .join('');
  }

  it('never throws at any column; a match lies within the line, covers the column and spells the term', () => {
    fc.assert(
      fc.property(lineArb, fc.oneof(fc.integer({ min: -5, max: 200 }), fc.integer()), (parts, rawColumn) => {
        const line = lineOf(parts);
        const columns = [rawColumn, rawColumn % (line.length + 1), line.length, line.length + 1, -1, 0];
        for (const column of columns) {
          const match = corpus.matcher.termAt(line, column);
          if (!match) continue;
          assertTermMatch(line, column, match.term, match.start, match.end);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('finds every occurrence when each position of the line is hovered', () => {
    fc.assert(
      fc.property(lineArb, (parts) => {
        const line = lineOf(parts);
        for (let column = 0; column <= Math.min(line.length, 120); column++) {
          const match = corpus.matcher.termAt(line, column);
          if (match) assertTermMatch(line, column, match.term, match.start, match.end);
        }
      }),
      { numRuns: 100 },
    );
  });

  function assertTermMatch(line: string, column: number, term: Term, start: number, end: number): void {
    const where = `${show(line)} at ${column}: [${start}, ${end})`;
    assert.ok(0 <= start && start < end && end <= line.length, `match outside the line: ${where}`);
    assert.ok(start <= column && column <= end, `match does not cover the column: ${where}`);
    const text = line.slice(start, end);
    const words = [...text.matchAll(TERM_WORD)];
    assert.ok(words.length > 0 && words[0].index === 0 && words[words.length - 1].index! + words[words.length - 1][0].length === text.length, `match is not whole words: ${where}`);
    for (let i = 1; i < words.length; i++) {
      const gap = text.slice(words[i - 1].index! + words[i - 1][0].length, words[i].index);
      assert.match(gap, TERM_GAP, `match has more than spacing between words: ${where}`);
    }
    const key = words.map((m) => normalizeWord(m[0])).join(' ');
    const keys = [term.label, ...term.variants].flatMap(spellingKeys);
    assert.ok(keys.includes(key), `${show(text)} (${key}) is not a spelling of ${term.label}: ${where}`);
    assert.ok(!wordEndsAt(line, start), `match starts inside a word: ${where}`);
    assert.ok(!WORD_CHAR.test(String.fromCodePoint(line.codePointAt(end) ?? 32)), `match ends inside a word: ${where}`);
  }
});

// ---- misquote check ----------------------------------------------------------------------------------------

function escapeFor(languageId: string): (s: string) => string {
  const format = outputFormatFor(languageId);
  return format === 'latex' ? escapeLatex : format === 'markdown' ? escapeMarkdownInline : (s: string) => s;
}

/** Whether `fix` is the escaped form of a stretch of `text` that starts and ends at word boundaries. */
function isEscapedPassage(fix: string, text: string, escape: (s: string) => string): boolean {
  if (escape(text).includes(fix)) return true;
  const tokens = checkTokens(text, 0, text.length, false);
  for (let i = 0; i < tokens.length; i++) {
    for (let j = i; j < tokens.length; j++) if (escape(text.slice(tokens[i].start, tokens[j].end)) === fix) return true;
  }
  return false;
}

function assertFindingsWellFormed(text: string, findings: ReturnType<typeof checkDocument>, kb: KnowledgeBase, languageId: string): void {
  const quotes = new Set<Quote>(kb.quotes);
  const escape = escapeFor(languageId);
  for (const finding of findings) {
    const { range, replacement } = finding;
    assert.ok(0 <= range.start && range.start <= range.end && range.end <= text.length, `finding range [${range.start}, ${range.end}) outside the text (${text.length})`);
    assert.ok(0 <= replacement.range.start && replacement.range.start <= replacement.range.end && replacement.range.end <= text.length, 'fix range outside the text');
    assert.ok(quotes.has(finding.quote), 'a finding names a quote that is not in the corpus');
    if (finding.kind === 'wrong-speaker') {
      const names = [...kb.speakers.map((s) => s.name), ...kb.sources.map((s) => `the writer of ${s.title}`)].map(escape);
      assert.ok(names.includes(replacement.text), `the fix ${show(replacement.text)} is not a speaker of the corpus`);
      continue;
    }
    // With an omission mark or [insertion] the writer's own marks stay in the fix; otherwise it is all source.
    const gaps = checkTokens(text, range.start, range.end, true).some((t) => t.kind === 'gap');
    if (gaps) continue;
    assert.ok(
      isEscapedPassage(replacement.text, finding.quote.text, escape),
      `the fix ${show(replacement.text)} is not a passage of quote ${finding.quote.id} ${show(finding.quote.text)}`,
    );
    assert.ok(occursFlexibly(finding.quote.source.body.text, finding.quote.text));
  }
}

describe('properties: the misquote check', () => {
  let corpus: Corpus;
  before(async () => {
    corpus = await seedCorpus();
  });

  const languageArb = fc.constantFrom(...LANGUAGES, 'tex', 'mdx', 'unknown');

  it('never throws on arbitrary drafts; findings lie within the text', () => {
    fc.assert(
      fc.property(fc.oneof(wildString(150), proseArb), languageArb, (text, languageId) => {
        assertFindingsWellFormed(text, checkDocument(text, languageId, corpus.kb), corpus.kb, languageId);
      }),
      { numRuns: 200 },
    );
  });

  /** A seed quote as a writer might misquote it: words dropped, changed, swapped, added; case and typography. */
  const wordEdit = fc.oneof(
    fc.nat().map((at) => (words: string[]) => void words.splice(at % Math.max(1, words.length), 1)),
    fc.tuple(fc.nat(), fc.oneof(fc.constantFrom('not', 'really', 'the', 'data', 'models', 'Sutskever'), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }))).map(([at, word]) => (words: string[]) => void words.splice(at % (words.length + 1), 0, word)),
    fc.tuple(fc.nat(), fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 6 })).map(([at, word]) => (words: string[]) => {
      if (words.length > 0) words[at % words.length] = word;
    }),
    fc.nat().map((at) => (words: string[]) => {
      const i = at % Math.max(1, words.length - 1);
      if (words.length > 1) [words[i], words[i + 1]] = [words[i + 1], words[i]];
    }),
    fc.nat().map((at) => (words: string[]) => {
      if (words.length > 0) words[at % words.length] = words[at % words.length].toUpperCase();
    }),
    fc.tuple(fc.nat(), fc.constantFrom('…', '...', '[sic]', '\\ldots', ' . . . ')).map(([at, gap]) => (words: string[]) => void words.splice(at % (words.length + 1), 0, gap)),
    fc.constant((words: string[]) => words.forEach((w, i) => (words[i] = w.replace(/’/gu, "'").replace(/'/gu, '’')))),
  );
  const framing = fc.constantFrom(
    ['“', '”, said {n}.'],
    ['"', '," {n} said.'],
    ['As {n} put it: “', '”'],
    ['> ', '\n>\n> — {n}, *Talk*'],
    ['``', "'' according to {n}."],
    ['\\enquote{', '}, {n} said.'],
    ['\\begin{quote}\n', '\n\\par --- {n}\n\\end{quote}'],
    ['„', '“ — {n}'],
  );
  const misquoteArb = fc
    .tuple(fc.nat(), fc.array(wordEdit, { maxLength: 3 }), framing, nameArb, wordsArb, wordsArb)
    .map(([pick, edits, [open, close], name, before, after]) => {
      const words = SEED_QUOTES[pick % SEED_QUOTES.length].split(/\s+/u);
      for (const edit of edits) edit(words);
      return `${before}\n\n${open.replace('{n}', name)}${words.join(' ')}${close.replace('{n}', name)}\n\n${after}`;
    });

  it('never throws on misquoted seed quotes; every fix is the exact words or name of the corpus', () => {
    fc.assert(
      fc.property(fc.array(misquoteArb, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('\n\n')), fc.constantFrom(...LANGUAGES), (text, languageId) => {
        assertFindingsWellFormed(text, checkDocument(text, languageId, corpus.kb), corpus.kb, languageId);
      }),
      { numRuns: 200 },
    );
  });
});

// ---- formatting --------------------------------------------------------------------------------------------

describe('properties: formatting a quote for insertion', () => {
  let corpus: Corpus;
  before(async () => {
    corpus = await seedCorpus();
  });

  const FORMAT_LANGUAGES = [...LANGUAGES, 'tex', 'mdx', 'bibtex', 'unknown', ''];

  it('formats every seed quote for every language', () => {
    for (const quote of corpus.kb.quotes) {
      for (const language of FORMAT_LANGUAGES) {
        const text = formatQuote(quote, language);
        assert.equal(typeof text, 'string');
        assert.ok(text.length > 0);
      }
    }
  });

  it('never throws on arbitrary templates that pass validation', () => {
    const tokenArb = fc.constantFrom(...TEMPLATE_TOKENS.map((t) => `\${${t}}`), '${text}', '$', '{', '}', '${', '$${text}}', '\n> ', '> ', '\\par ', '*', '\n');
    const templateArb = fc
      .array(fc.oneof(tokenArb, wildUnit), { maxLength: 20 })
      .map((parts) => parts.join(''))
      .map((template) => (template.includes('${text}') ? template : `${template}\${text}`))
      .filter((template) => validateTemplate(template) === undefined);
    fc.assert(
      fc.property(templateArb, fc.nat(), fc.constantFrom(...FORMAT_LANGUAGES), (template, pick, language) => {
        const quote = corpus.kb.quotes[pick % corpus.kb.quotes.length];
        assert.equal(typeof formatQuote(quote, language, { template }), 'string');
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on quotes of arbitrary sources, and inserts no control character but line feed and tab', () => {
    fc.assert(
      fc.property(syntheticCollectionArb, fc.constantFrom(...FORMAT_LANGUAGES), wildString(20), (collection, language, template) => {
        const kb = buildKnowledgeBase([collection]);
        for (const quote of kb.quotes) {
          assert.doesNotMatch(formatQuote(quote, language), /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/u);
          const t = `${template}\${text} \${attribution} \${url} \${speaker} \${source} \${date}`;
          if (validateTemplate(t) !== undefined) continue;
          const formatted = formatQuote(quote, language, { template: t });
          // Control characters of the user's own template are the user's; none may come from the source or catalog.
          if (!/[\u0000-\u001f\u007f-\u009f]/u.test(template)) assert.doesNotMatch(formatted, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/u);
        }
      }),
      { numRuns: 100 },
    );
  });
});
