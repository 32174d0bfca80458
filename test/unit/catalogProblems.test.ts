import * as assert from 'node:assert/strict';
import { buildKnowledgeBase } from '../../src/core/kb/buildKnowledgeBase';
import { parseCatalog } from '../../src/core/catalog/parseCatalog';
import { decodeSourceFile } from '../../src/core/kb/decodeSourceFile';
import type { Catalog } from '../../src/core/catalog/catalogTypes';
import { extractBody } from '../../src/core/text/sourceBody';

const minimal = (overrides: Partial<Catalog> = {}): Catalog => ({
  version: 1,
  sources: [{ id: 'talk', file: 'talk.txt', title: 'A talk', kind: 'talk transcript', author: 'ada' }],
  speakers: [{ id: 'ada', name: 'Ada Lovelace', kind: 'person' }],
  quotes: [{ id: 'q1', source: 'talk', text: 'The engine weaves algebraic patterns', speaker: 'ada', attribution: 'direct' }],
  ...overrides,
});
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('catalog problems', () => {
  it('names the file, line and column of a JSON syntax error', () => {
    const result = parseCatalog('{\n  "version": 1,\n  "sources": [,]\n}', 'notes/sourcebook.json');
    assert.equal(result.ok, false);
    assert.equal(result.problems[0].file, 'notes/sourcebook.json');
    assert.match(result.problems[0].path, /^line 3, column \d+$/u);
    assert.match(result.problems[0].message, /not valid JSON/u);
  });

  it('names the JSON path and the reason of a schema violation', () => {
    const bad = { ...minimal(), quotes: [{ id: 'q1', source: 'talk', text: 'x', speaker: 'ada', attribution: 'quoted' }] };
    const result = parseCatalog(JSON.stringify(bad), 'c.json');
    assert.equal(result.ok, false);
    assert.deepEqual(result.problems.map((p) => [p.path, p.message]), [['$.quotes[0].attribution', 'must be one of "direct", "reported"']]);
  });

  it('reports unknown properties, missing fields and bad ids', () => {
    const bad = { version: 1, sources: [{ id: 'Bad Id', file: 'a.txt', kind: 'talk transcript', colour: 'red' }] };
    const messages = parseCatalog(JSON.stringify(bad), 'c.json').problems.map((p) => `${p.path}: ${p.message}`);
    assert.ok(messages.includes('$.sources[0]: is missing required property "title"'), messages.join('\n'));
    assert.ok(messages.includes('$.sources[0]: has unknown property "colour"'));
    assert.ok(messages.some((m) => m.startsWith('$.sources[0].id: "Bad Id" does not match')));
  });

  it('reports dangling references and reported quotes without a subject', () => {
    const bad = minimal({ quotes: [{ id: 'q1', source: 'talk', text: 'x', speaker: 'bob', attribution: 'reported' }] });
    const messages = parseCatalog(JSON.stringify(bad), 'c.json').problems.map((p) => `${p.path}: ${p.message}`);
    assert.ok(messages.includes('$.quotes[0].speaker: refers to unknown speaker "bob"'));
    assert.ok(messages.includes('$.quotes[0].about: a reported quote must name whose view it reports'));
  });

  it('skips a quote that is not verbatim in its source, with its place in the catalog', () => {
    const catalog = minimal({ quotes: [{ id: 'q1', source: 'talk', text: 'The engine weaves algebraic flowers', speaker: 'ada', attribution: 'direct' }] });
    const catalogText = JSON.stringify(catalog, null, 2);
    const kb = buildKnowledgeBase([{ origin: 'workspace', catalogFile: 'notes/sourcebook.json', catalogText, catalog, files: [{ name: 'talk.txt', uri: 'file:///talk.txt', displayPath: 'notes/talk.txt', bytes: bytes('The engine weaves algebraic patterns.') }] }]);
    assert.equal(kb.quotes.length, 0);
    const problem = kb.problems.find((p) => p.message.includes('q1'))!;
    assert.equal(problem.file, 'notes/sourcebook.json');
    assert.equal(problem.line, catalogText.slice(0, catalogText.indexOf('"q1"')).split('\n').length);
    assert.match(problem.message, /is not in the body of notes\/talk\.txt/u);
  });

  it('locates quotes across line breaks and doubled spaces', () => {
    const catalog = minimal();
    const kb = buildKnowledgeBase([{ origin: 'workspace', catalogFile: 'c.json', catalog, files: [{ name: 'talk.txt', uri: 'u', displayPath: 'talk.txt', bytes: bytes('Intro.\nThe engine  weaves\nalgebraic patterns.') }] }]);
    assert.equal(kb.quotes[0].text, 'The engine weaves algebraic patterns');
    assert.deepEqual(kb.quotes[0].rawRange, { start: 7, end: 44 });
  });
});

describe('source files that cannot be served', () => {
  it('refuses binary, huge, BOM-less UTF-16 and non-UTF-8 files with a reason', () => {
    assert.match((decodeSourceFile(Uint8Array.of(0x50, 0x4b, 0, 0)) as { reason: string }).reason, /binary/u);
    assert.match((decodeSourceFile(new Uint8Array(3000), 1000) as { reason: string }).reason, /over the 1000 B limit/u);
    assert.match((decodeSourceFile(Uint8Array.of(0x41, 0, 0x42, 0)) as { reason: string }).reason, /UTF-16 file needs a byte-order mark/u);
    assert.match((decodeSourceFile(Uint8Array.of(0x63, 0x61, 0x66, 0xe9, 0x21)) as { reason: string }).reason, /not valid UTF-8 \(byte 3\)/u);
    assert.deepEqual(decodeSourceFile(bytes('fine')), { ok: true, text: 'fine' });
  });
});

describe('source bodies without a catalog', () => {
  it('drops a timestamp glued to the headline and a trailing call to action', () => {
    const body = extractBody('Sun Nov 17 09:58:42 UTC 2024: ## Headline\n\nThe article text is here and long enough.\n\nMore text follows.\n\nRead More');
    assert.equal(body.text, '## Headline\n\nThe article text is here and long enough.\n\nMore text follows.');
  });

  it('drops the truncated copy of a duplicated lead paragraph and maps offsets back', () => {
    const text = 'Title\n\nThe lead paragraph of this article is long and it gets cut off mid wo\n\nThe lead paragraph of this article is long and it gets cut off mid word by the scraper.\n\nEnd.';
    const body = extractBody(text);
    assert.equal(body.text.split('The lead paragraph').length - 1, 1);
    const offset = body.text.indexOf('cut off mid word');
    assert.equal(text.slice(body.toText(offset), body.toText(offset) + 16), 'cut off mid word');
  });

  it('leaves an article that merely mentions "read more" alone', () => {
    const text = 'Read more books, the author says.\n\nThat is the whole point of this article.';
    assert.equal(extractBody(text).text, text);
  });
});
