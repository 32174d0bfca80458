import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import type * as BibtexBundle from '../../src/core/citations/bibtexBundle';
import { checkCitations } from '../../src/core/citations/checkCitations';
import { CitekeyTable, generatedKeyBase } from '../../src/core/citations/citekeys';
import { citeStyleFor, formatCite } from '../../src/core/citations/citeStyles';
import { escapeBibtex, exportBibtex, exportCslJson } from '../../src/core/citations/exportBibliography';
import { citedKeyAt, findCitations } from '../../src/core/citations/findCitations';
import { BibtexLibrary, parseBibliography, parseBibtex as parseBibtexWith } from '../../src/core/citations/parseBibtex';
import { parseCslJson } from '../../src/core/citations/parseCslJson';
import { SEED_CITEKEYS } from '../../src/core/citations/seedCitekeys';
import type { Corpus } from '../../src/core/corpus';
import { formatQuote, validateTemplate } from '../../src/core/format/formatQuote';
import type { Quote, Source } from '../../src/core/kb/model';
import { seedCorpus } from './helpers/seedCorpus';

const ROOT = path.resolve(__dirname, '..', '..');
const FIXTURES = path.resolve(ROOT, 'test', 'fixtures', 'bib');
const writerBib = (): string => readFileSync(path.join(FIXTURES, 'writer.bib'), 'utf8');

/*
 * The library is an ES module whose CommonJS build does not load under Node (tsx/cjs turns imports into
 * requires): the tests load it the way the extension does, as the bundle esbuild.js builds (dist/bibtex.js).
 */
let library: BibtexLibrary;
before(function () {
  this.timeout(60_000);
  const outfile = path.join(mkdtempSync(path.join(tmpdir(), 'sourcebook-bibtex-')), 'bibtex.js');
  esbuild.buildSync({
    entryPoints: [path.join(ROOT, 'src', 'core', 'citations', 'bibtexBundle.ts')],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    outfile,
    define: { 'import.meta.url': '__importMetaUrl' },
    inject: [path.join(ROOT, 'scripts', 'import-meta-url.js')],
    logLevel: 'silent',
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(outfile) as typeof BibtexBundle).loadBibtexLibrary().then((loaded) => {
    library = loaded;
  });
});

const parseBibtex = (text: string, file: string): ReturnType<typeof parseBibtexWith> => parseBibtexWith(text, file, library);
const parseWithLibrary: BibtexLibrary['parse'] = (text, options) => library.parse(text, options);

describe('citations: reading bibliographies', () => {
  it('parses BibTeX with accents, @string macros, braces and comments', () => {
    const bib = parseBibtex(writerBib(), 'refs/writer.bib');
    const keys = bib.entries.map((e) => e.key);
    assert.deepEqual(keys, ['ilya-neurips', 'pesut2023', 'knuth1984']);
    const pesut = bib.entries[1];
    assert.equal(pesut.authors[0].family, 'Pešut');
    assert.equal(pesut.authors[0].given, 'Lovre');
    assert.equal(pesut.title, 'Fruits of Scale');
    assert.equal(pesut.year, '2023');
    assert.equal(pesut.line, 12);
    const knuth = bib.entries[2];
    assert.deepEqual(knuth.authors.map((a) => a.family), ['Knuth', 'Öztürk']);
    assert.equal(knuth.authors[1].given, 'Çağrı');
    assert.equal(knuth.doi, '10.5555/1102013');
    assert.equal(knuth.title, 'The TeXbook');
    assert.equal(parseBibtex('@misc{u, title = {A \\unknowncmd{word} here}}', 'u.bib').entries[0].title, 'A word here');
    assert.equal(bib.entries[0].title, 'Ilya Sutskever Blows Up at NeurIPS to Declare: Pretraining Will End, Data Squeeze Comes to an End');
  });

  it('reports a malformed entry with its file and line, and serves the rest', () => {
    const bib = parseBibtex(writerBib(), 'refs/writer.bib');
    assert.equal(bib.problems.length, 1);
    const [problem] = bib.problems;
    assert.equal(problem.file, 'refs/writer.bib');
    assert.equal(problem.line, 21);
    assert.match(problem.message, /entry "broken2024" is malformed/u);
    assert.deepEqual(bib.brokenKeys, ['broken2024']);
    assert.ok(bib.entries.some((e) => e.key === 'knuth1984'), 'the entry after the broken one still serves');
  });

  it('reports a key defined twice and keeps the first', () => {
    const bib = parseBibtex('@misc{a, title = {One}}\n\n@misc{a, title = {Two}}\n', 'x.bib');
    assert.deepEqual(bib.entries.map((e) => e.title), ['One']);
    assert.equal(bib.problems[0].line, 3);
  });

  it('never throws on garbage', () => {
    for (const text of ['', '@', '@misc{', '{{{{', '@string{x = }', '\u0000\u0001', '@misc{a, title = {b}}} }}}']) {
      const bib = parseBibtex(text, 'g.bib');
      assert.ok(Array.isArray(bib.entries));
    }
  });

  it('parses CSL-JSON, leaving out an item without an id', () => {
    const bib = parseBibliography(readFileSync(path.join(FIXTURES, 'writer.json'), 'utf8'), 'writer.json');
    assert.match(parseBibliography('@misc{a,}', 'a.bib').problems[0].message, /BibTeX reader is not available/u);
    assert.deepEqual(bib.entries.map((e) => e.key), ['karpathy2024', 'deepmind2024']);
    assert.equal(bib.entries[0].year, '2024');
    assert.equal(bib.entries[0].url, 'https://example.org/karpathy');
    assert.equal(bib.entries[1].authors[0].literal, 'Google DeepMind');
    assert.equal(bib.entries[1].year, '2024');
    assert.equal(bib.problems.length, 1);
    assert.match(parseCslJson('{', 'bad.json').problems[0].message, /not valid CSL-JSON/u);
  });
});

describe('citations: keys, export and insertion', () => {
  let corpus: Corpus;
  let sources: readonly Source[];
  const source = (id: string): Source => sources.find((s) => s.id === id)!;
  const quote = (id: string): Quote => corpus.kb.quote(id)!;
  before(async () => {
    corpus = await seedCorpus();
    sources = corpus.kb.sources;
  });

  it('gives the seeds their curated keys', () => {
    const table = new CitekeyTable(sources);
    for (const [id, key] of Object.entries(SEED_CITEKEYS)) {
      assert.equal(table.keyOf(source(id)), key);
      assert.equal(table.sourceOf(key), source(id));
      assert.equal(table.citationOf(source(id)).origin, 'catalog');
    }
  });

  it("reuses the writer's keys for sources their bibliography matches (title and author), else generates stable ones", () => {
    const bib = parseBibtex(writerBib(), 'writer.bib');
    const table = new CitekeyTable(sources, [bib], {});
    assert.equal(table.keyOf(source('sutskever-neurips-2024')), 'ilya-neurips');
    assert.equal(table.keyOf(source('fruits-of-scale')), 'pesut2023');
    assert.equal(table.citationOf(source('fruits-of-scale')).origin, 'bibliography');
    assert.equal(table.keyOf(source('ai-race-shifts-focus')), 'anon2024ai');
    assert.equal(table.keyOf(source('pretraining-ending-or-evolving')), 'codingchroniclesai');
    assert.ok(table.isKnown('knuth1984'));
    assert.ok(table.isKnown('broken2024'));
    assert.ok(!table.isKnown('nobody1999'));
    // The same input in another order gives the same keys.
    const again = new CitekeyTable([...sources].reverse(), [bib], {});
    for (const s of sources) assert.equal(again.keyOf(s), table.keyOf(s));
  });

  it("prefers the writer's key to our curated one, and still resolves the curated key to its source", () => {
    const bib = parseBibtex(writerBib(), 'writer.bib');
    const table = new CitekeyTable(sources, [bib], SEED_CITEKEYS);
    const talk = source('sutskever-neurips-2024');
    assert.equal(table.keyOf(talk), 'ilya-neurips', 'the key their toolchain resolves');
    assert.equal(table.sourceOf('ilya-neurips'), talk);
    assert.equal(table.sourceOf(SEED_CITEKEYS['sutskever-neurips-2024']), talk, 'a draft citing our key still finds the talk');
    // Without a bibliography the curated keys serve.
    assert.equal(new CitekeyTable(sources, [], SEED_CITEKEYS).keyOf(talk), SEED_CITEKEYS['sutskever-neurips-2024']);
  });

  it('matches by URL and DOI, and makes generated keys unique', () => {
    const fruits = source('fruits-of-scale');
    const withUrl = { ...fruits, url: 'https://www.example.org/fruits-of-scale/' } as Source;
    const bib = parseBibtex('@online{byurl, title = {Something else}, url = {http://example.org/fruits-of-scale}}', 'u.bib');
    assert.equal(new CitekeyTable([withUrl], [bib], {}).keyOf(withUrl), 'byurl');
    const twin = { ...fruits, id: 'fruits-of-scale-2' } as Source;
    const taken = parseBibtex(`@misc{${generatedKeyBase(fruits)}, title = {Unrelated}}`, 't.bib');
    const table = new CitekeyTable([fruits, twin], [taken], {});
    assert.equal(table.keyOf(fruits), 'pesutfruitsa');
    assert.equal(table.keyOf(twin), 'pesutfruitsb');
  });

  it('exports BibTeX that the parser reads back: one entry per source, types from kinds, specials escaped', () => {
    const table = new CitekeyTable(sources);
    const hostile = { ...source('fruits-of-scale'), id: 'hostile', title: 'Costs 50% & {braces} $x_1$ #1 ~ ^ \\input{evil}' } as Source;
    const all = [...sources, hostile];
    const both = new CitekeyTable(all);
    const bibtex = exportBibtex(all, both);
    const library = parseWithLibrary(bibtex, { english: false, sentenceCase: false, unsupported: 'ignore' });
    assert.deepEqual(library.errors, []);
    assert.equal(library.entries.length, all.length);
    const byKey = new Map(library.entries.map((e) => [e.key, e]));
    const talk = byKey.get(table.keyOf(source('sutskever-neurips-2024')))!;
    assert.equal(talk.type, 'misc');
    assert.equal(talk.fields.title, source('sutskever-neurips-2024').title);
    assert.equal(talk.fields.year, '2024');
    assert.equal(byKey.get('airace2024scale')!.type, 'article');
    assert.equal(byKey.get('airace2024scale')!.fields.date, '2024-11-17');
    assert.equal(byKey.get('pesut-fruits-of-scale')!.type, 'online');
    assert.deepEqual(byKey.get('pesut-fruits-of-scale')!.fields.author, [{ lastName: 'Pešut', firstName: 'Lovre' }]);
    assert.equal(byKey.get(both.keyOf(hostile))!.fields.title, hostile.title);
    assert.equal(escapeBibtex('a{b}c\\'), 'a\\{b\\}c\\textbackslash{}');
    // Writer's keys are reused.
    const writer = new CitekeyTable(sources, [parseBibtex(writerBib(), 'w.bib')], {});
    assert.match(exportBibtex(sources, writer), /@misc\{ilya-neurips,/u);
  });

  it('exports CSL-JSON', () => {
    const table = new CitekeyTable(sources);
    const items = JSON.parse(exportCslJson(sources, table)) as { id: string; type: string; issued?: unknown; author?: unknown }[];
    assert.equal(items.length, sources.length);
    const race = items.find((i) => i.id === 'airace2024scale')!;
    assert.equal(race.type, 'article-newspaper');
    assert.deepEqual(race.issued, { 'date-parts': [[2024, 11, 17]] });
    assert.deepEqual(items.find((i) => i.id === 'pesut-fruits-of-scale')!.author, [{ family: 'Pešut', given: 'Lovre' }]);
    assert.equal(items.find((i) => i.id === 'sutskever2024neurips')!.type, 'speech');
    // Read back as a bibliography.
    assert.deepEqual(parseCslJson(exportCslJson(sources, table), 'x.json').entries.map((e) => e.key).sort(), items.map((i) => i.id).sort());
  });

  it('formats citations per style, with a page locator', () => {
    assert.equal(formatCite('pandoc', 'a2024'), '[@a2024]');
    assert.equal(formatCite('pandoc', 'a2024', 2), '[@a2024, p. 2]');
    assert.equal(formatCite('pandoc', 'odd key!'), '[@{oddkey!}]');
    assert.equal(formatCite('biblatex', 'a2024'), '\\autocite{a2024}');
    assert.equal(formatCite('biblatex', 'a2024', 2), '\\autocite[2]{a2024}');
    assert.equal(formatCite('natbib', 'a2024'), '\\citep{a2024}');
    assert.equal(formatCite('natbib', 'a2024', 2), '\\citep[p.~2]{a2024}');
    assert.equal(citeStyleFor('biblatex', 'markdown'), 'pandoc');
    assert.equal(citeStyleFor('pandoc', 'latex'), 'biblatex');
    assert.equal(citeStyleFor('natbib', 'latex'), 'natbib');
    assert.equal(citeStyleFor('pandoc', 'plaintext'), 'attribution');
    assert.equal(citeStyleFor('attribution', 'markdown'), 'attribution');
  });

  it('inserts quote + cite per style and language; the default stays the attribution', () => {
    const peak = quote('sutskever-peak-data');
    const key = 'sutskever2024neurips';
    assert.equal(formatQuote(peak, 'markdown', { cite: { style: 'pandoc', key } }), "> We've reached peak data, and there's no more data to come\n>\n> — Ilya Sutskever [@sutskever2024neurips]\n");
    assert.equal(formatQuote(peak, 'latex', { cite: { style: 'biblatex', key } }), "\\begin{quote}\nWe've reached peak data, and there's no more data to come\n\\par --- Ilya Sutskever \\autocite{sutskever2024neurips}\n\\end{quote}\n");
    assert.match(formatQuote(peak, 'latex', { cite: { style: 'natbib', key } }), /--- Ilya Sutskever \\citep\{sutskever2024neurips\}\n/u);
    assert.equal(formatQuote(peak, 'markdown', { cite: { style: 'attribution', key } }), formatQuote(peak, 'markdown'));
    assert.equal(formatQuote(peak, 'plaintext', { cite: { style: 'pandoc', key } }), formatQuote(peak, 'plaintext'));
    assert.match(formatQuote(peak, 'markdown'), /— Ilya Sutskever, \*Ilya Sutskever Blows Up/u);
  });

  it('keeps a reported quote’s wording and cites the reporting source', () => {
    const table = new CitekeyTable(sources);
    const reported = quote('sutskever-ceiling-of-pretraining');
    const key = table.keyOf(reported.source);
    assert.equal(key, 'codingchronicles-pretraining');
    const markdown = formatQuote(reported, 'markdown', { cite: { style: 'pandoc', key } });
    assert.match(markdown, /\n> — Coding Chronicles, reporting Ilya Sutskever’s view \[@codingchronicles-pretraining\]\n$/u);
    const latex = formatQuote(reported, 'latex', { cite: { style: 'biblatex', key } });
    assert.match(latex, /\\par --- Coding Chronicles, reporting Ilya Sutskever’s view \\autocite\{codingchronicles-pretraining\}\n/u);
  });

  it('fills ${citekey}, ${cite} and ${page} in templates', () => {
    const peak = quote('sutskever-peak-data');
    assert.equal(validateTemplate('${text} ${cite} ${citekey} ${page}'), undefined);
    const cite = { style: 'attribution' as const, key: 'k_1' };
    assert.equal(formatQuote(peak, 'markdown', { template: '“${text}” ${cite} @${citekey}', cite }), "“We've reached peak data, and there's no more data to come” [@k_1] @k_1");
    assert.equal(formatQuote(peak, 'latex', { template: '${text} ${cite}', cite: { style: 'natbib', key: 'k' } }), "We've reached peak data, and there's no more data to come \\citep{k}");
    assert.equal(formatQuote(peak, 'markdown', { template: '${text}${cite}${citekey}${page}' }), "We've reached peak data, and there's no more data to come");
    const paged = { ...peak, page: 7 } as Quote;
    assert.equal(formatQuote(paged, 'latex', { template: '${cite} ${page}', cite: { style: 'biblatex', key: 'k' } }).trim(), '\\autocite[7]{k} 7');
    assert.match(formatQuote(paged, 'markdown', { cite: { style: 'pandoc', key: 'k' } }), /\[@k, p\. 7\]\n$/u);
  });
});

describe('citations: in the draft', () => {
  it('finds Pandoc citations, bracketed and bare, with several keys and locators', () => {
    const text = 'As [@smith2020, p. 2; @doe:x] and @bare say, [-@sup]. Mail a@b.com. `@code` [mail](mailto:x@y.org)';
    const citations = findCitations(text, 'markdown');
    assert.deepEqual(citations.map((c) => c.keys.map((k) => k.key)), [['smith2020', 'doe:x'], ['bare'], ['sup']]);
    for (const c of citations) for (const k of c.keys) assert.equal(text.slice(k.range.start, k.range.end), k.key);
    assert.equal(citedKeyAt(citations, text.indexOf('doe'))?.key.key, 'doe:x');
    assert.equal(citedKeyAt(citations, text.indexOf('Mail')), undefined);
  });

  it('finds LaTeX citation commands with options and several keys, not in comments', () => {
    const text = 'See \\autocite[2]{a,b} and \\citep[see][p.~3]{c} \\textcite{d} \\parencite*{e} \\citet{f}. % \\cite{g}\n\\cite{ h }';
    const keys = findCitations(text, 'latex').flatMap((c) => c.keys.map((k) => k.key));
    assert.deepEqual(keys, ['a', 'b', 'c', 'd', 'e', 'f', 'h']);
    const h = findCitations(text, 'latex').at(-1)!.keys[0];
    assert.equal(text.slice(h.range.start, h.range.end), 'h');
  });

  it('flags a quotation cited to the wrong source, with the right key as its fix, and an unknown key once', async () => {
    const corpus = await seedCorpus();
    const table = new CitekeyTable(corpus.kb.sources);
    const text = [
      '> We’ve reached peak data, and there’s no more data to come',
      '>',
      '> — Ilya Sutskever [@airace2024scale]',
      '',
      'He said “we’ve reached peak data, and there’s no more data to come” [@sutskever2024neurips].',
      '',
      'Unknown [@nobody2020] and again @nobody2020.',
    ].join('\n');
    const findings = checkCitations(text, 'markdown', corpus.kb, table);
    assert.deepEqual(findings.map((f) => f.kind), ['wrong-citation', 'unknown-key']);
    const [wrong, unknown] = findings;
    assert.equal(text.slice(wrong.range.start, wrong.range.end), 'airace2024scale');
    assert.equal(wrong.replacement?.text, 'sutskever2024neurips');
    assert.match(wrong.message, /^Cited @airace2024scale, but these words are from @sutskever2024neurips \(Ilya Sutskever Blows Up at NeurIPS to…\)$/u);
    assert.equal(unknown.key, 'nobody2020');
    const latex = "He said ``We've reached peak data, and there's no more data to come'' \\autocite[2]{pesut-fruits-of-scale}.";
    const inLatex = checkCitations(latex, 'latex', corpus.kb, table);
    assert.equal(inLatex.length, 1);
    assert.equal(inLatex[0].replacement?.text, 'sutskever2024neurips');
  });

  it('accepts a citation of any source that holds the words, and keys only the writer’s bibliography knows', async () => {
    const corpus = await seedCorpus();
    const table = new CitekeyTable(corpus.kb.sources, [parseBibtex(writerBib(), 'w.bib')]);
    const text = 'He said “we’ve reached peak data, and there’s no more data to come” [@knuth1984] and [@broken2024].';
    assert.deepEqual(checkCitations(text, 'markdown', corpus.kb, table), []);
  });
});
