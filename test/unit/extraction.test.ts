import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Catalog } from '../../src/core/catalog/catalogTypes';
import { parseCatalog } from '../../src/core/catalog/parseCatalog';
import { extractCatalog, KnownSpeaker } from '../../src/core/extract/extractCatalog';
import { parseFrontMatter } from '../../src/core/extract/frontMatter';
import { normalizeWhitespace } from '../../src/core/text/flexibleMatch';
import { CancelledError } from '../../src/core/util/cancellation';
import { SEEDS_DIR } from './helpers/seedCorpus';
import { buildCorpus } from '../../src/core/buildCorpus';

const FIXTURES = path.join(__dirname, 'fixtures', 'extraction');

interface Expected {
  quotes: { text: string; speaker: string | null }[];
}

function seedSpeakers(): KnownSpeaker[] {
  return (JSON.parse(readFileSync(path.join(SEEDS_DIR, 'catalog.json'), 'utf8')) as Catalog).speakers ?? [];
}

function fixtureFiles(): { relativePath: string; text: string; expected: Expected }[] {
  return readdirSync(FIXTURES)
    .filter((f) => /\.(md|txt)$/u.test(f))
    .sort()
    .map((f) => ({
      relativePath: f,
      text: readFileSync(path.join(FIXTURES, f), 'utf8'),
      expected: JSON.parse(readFileSync(path.join(FIXTURES, f.replace(/\.(md|txt)$/u, '.json')), 'utf8')) as Expected,
    }));
}

/** Who the extractor says speaks each quote of a source: a name, or null for the source's own words. */
function predictions(catalog: Catalog, file: string): Map<string, string | null> {
  const source = catalog.sources.find((s) => s.file === file)!;
  const speakers = new Map((catalog.speakers ?? []).map((s) => [s.id, s]));
  const result = new Map<string, string | null>();
  for (const quote of (catalog.quotes ?? []).filter((q) => q.source === source.id)) {
    const speaker = speakers.get(quote.speaker)!;
    result.set(normalizeWhitespace(quote.text), quote.speaker === source.author || speaker.kind === 'unsigned' ? null : speaker.name);
  }
  return result;
}

describe('automatic extraction', () => {
  const known = seedSpeakers();
  const files = fixtureFiles();
  const { catalog, notes } = extractCatalog(files, known);

  it('has at least six fixtures with known answers', () => {
    assert.ok(files.length >= 6, `${files.length} fixtures`);
  });

  it('finds exactly the quoted passages of four words or more, and no scare quotes', () => {
    for (const file of files) {
      const found = [...predictions(catalog, file.relativePath).keys()].sort();
      const expected = file.expected.quotes.map((q) => normalizeWhitespace(q.text)).sort();
      assert.deepEqual(found, expected, file.relativePath);
    }
  });

  it('attributes with precision 1.0 and recall of at least 0.8 on the fixtures', () => {
    let truePositives = 0;
    let attributedByExtractor = 0;
    let attributedInTruth = 0;
    const errors: string[] = [];
    for (const file of files) {
      const predicted = predictions(catalog, file.relativePath);
      for (const q of file.expected.quotes) {
        const text = normalizeWhitespace(q.text);
        const guess = predicted.get(text) ?? null;
        if (q.speaker !== null) attributedInTruth++;
        if (guess !== null) {
          attributedByExtractor++;
          if (guess === q.speaker) truePositives++;
          else errors.push(`${file.relativePath}: “${text}” given to ${guess}, truth ${q.speaker ?? 'the source itself'}`);
        }
      }
    }
    const precision = attributedByExtractor === 0 ? 1 : truePositives / attributedByExtractor;
    const recall = truePositives / attributedInTruth;
    console.log(`      extraction: precision ${precision.toFixed(3)} (${truePositives}/${attributedByExtractor}), recall ${recall.toFixed(3)} (${truePositives}/${attributedInTruth})`);
    assert.deepEqual(errors, []);
    assert.equal(precision, 1);
    assert.ok(recall >= 0.8, `recall ${recall}`);
  });

  it('produces a catalog that validates against the schema and its references', () => {
    const result = parseCatalog(JSON.stringify(catalog), 'extracted');
    assert.deepEqual(result.problems, []);
  });

  it('gives every quote a stable, unique id from the file path', () => {
    const ids = (catalog.quotes ?? []).map((q) => q.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.ok(ids.includes('two-speakers-md-1'));
    const again = extractCatalog([...files].reverse(), known);
    assert.deepEqual(again.catalog, catalog);
  });

  it('builds a knowledge base in which every extracted quote is located verbatim', () => {
    const encoder = new TextEncoder();
    const corpus = buildCorpus([
      {
        origin: 'workspace',
        catalogFile: 'fixtures (extracted)',
        catalog,
        files: files.map((f) => ({ name: f.relativePath, uri: f.relativePath, displayPath: f.relativePath, bytes: encoder.encode(f.text) })),
      },
    ]);
    const serious = corpus.problems.filter((p) => p.severity === 'error');
    assert.deepEqual(serious, []);
    // Every extracted quote is located (the same words of a speaker in two files are then shown once).
    for (const entry of catalog.quotes ?? []) assert.ok(corpus.kb.quote(entry.id), entry.id);
    for (const quote of corpus.kb.quotes) assert.equal(quote.attribution, 'direct');
  });

  it('reads title, author, date, kind and url from front matter, else the first heading or line', () => {
    const byFile = new Map(catalog.sources.map((s) => [s.file, s]));
    const interview = byFile.get('according-and-dash.md')!;
    assert.equal(interview.title, 'Interview with Priya Castellanos');
    assert.equal(interview.kind, 'interview');
    assert.equal(interview.date, '2025-04-30');
    assert.equal(interview.url, 'https://example.invalid/interviews/castellanos');
    assert.equal((catalog.speakers ?? []).find((s) => s.id === interview.author)?.name, 'Priya Castellanos');
    assert.equal(byFile.get('two-speakers.md')!.title, 'Reading group: the data wall');
    assert.equal(byFile.get('nested-and-names.md')!.title, 'Clippings on the scaling debate');
    assert.equal(byFile.get('nested-and-names.md')!.kind, 'notes');
    assert.equal(byFile.get('far-said.txt')!.title, 'Field notes, second week');
    assert.equal(byFile.get('next-sentence.md')!.note, 'Source: Conference recording, hall B');
  });

  it('keeps unattributed quotes of an unsigned file with an unsigned writer, never a person', () => {
    const source = catalog.sources.find((s) => s.file === 'far-said.txt')!;
    const author = (catalog.speakers ?? []).find((s) => s.id === source.author)!;
    assert.equal(author.kind, 'unsigned');
    assert.match(author.name, /^Unsigned writer \(Field notes, second week\)$/u);
  });

  it('introduces new speakers only as the subject of a said-verb next to a quote', () => {
    const names = (catalog.speakers ?? []).filter((s) => !known.some((k) => k.id === s.id)).map((s) => s.name).sort();
    assert.deepEqual(names, [
      'Dario Gil', 'Hana Okafor', 'Jonas Feld', 'Mara Ellison', 'Priya Castellanos', 'Ravi Anand', 'Tobias Wren',
      'Unnamed speaker (Interview with Priya Castellanos)', 'Unsigned writer (Clippings on the scaling debate)', 'Unsigned writer (Field notes, second week)', 'Unsigned writer (Notes after the workshop)',
      'Unsigned writer (Transcript excerpts, session three)',
    ].sort());
    assert.ok(!(catalog.speakers ?? []).some((s) => s.name === 'Sam Okoro'), 'Sam Okoro of Lumen Labs is not next to the verb');
    assert.ok(notes.some((n) => /new speaker "Dario Gil"/u.test(n.message)));
  });

  it('honours cancellation', () => {
    assert.throws(() => extractCatalog(files, known, { isCancellationRequested: true }), CancelledError);
  });
});

describe('front matter', () => {
  it('reads key: value lines with quoted values and ignores the rest', () => {
    const fm = parseFrontMatter('---\ntitle: "A \\"quoted\\" title"\nauthor: \'O\'\'Brien\'\ntags:\n  - a\ndate: 2024-12-13 # comment\nurl: https://x.invalid/#frag\n---\nBody');
    assert.ok(fm);
    assert.equal(fm.fields.get('title'), 'A "quoted" title');
    assert.equal(fm.fields.get('author'), "O'Brien");
    assert.equal(fm.fields.get('date'), '2024-12-13');
    assert.equal(fm.fields.get('url'), 'https://x.invalid/#frag');
    assert.equal(fm.fields.has('tags'), false);
  });

  it('is absent without an opening and a closing line', () => {
    assert.equal(parseFrontMatter('# Title\n---\n'), undefined);
    assert.equal(parseFrontMatter('---\ntitle: x\n'), undefined);
  });
});
