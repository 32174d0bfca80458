import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CitekeyTable } from '../../src/core/citations/citekeys';
import { loadCorpusFromDisk } from '../../src/node/loadCorpus';

const ROOT = path.resolve(__dirname, '..', '..');
const DEMO_CURATED = path.join(ROOT, 'demo', 'sources-curated');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const WRITER_BIB = path.join(ROOT, 'test', 'fixtures', 'bib', 'writer.bib');
const PEAK = "We've reached peak data, and there's no more data to come";

function run(...args: string[]): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: ROOT });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');

describe('citations wiring: a catalog’s citekey', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'sourcebook-citekey-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('is read from a user catalog (schema-valid) and keys its source', async () => {
    const folder = path.join(dir, 'curated');
    cpSync(DEMO_CURATED, folder, { recursive: true });
    const catalogFile = path.join(folder, 'sourcebook.json');
    const catalog = JSON.parse(readFileSync(catalogFile, 'utf8')) as { $schema?: string; sources: { id: string; citekey?: string }[] };
    delete catalog.$schema;
    catalog.sources[0].citekey = 'panel2025scale';
    writeFileSync(catalogFile, JSON.stringify(catalog, null, 2));
    const corpus = await loadCorpusFromDisk({ includeSeeds: false, sourceDirs: [folder] });
    assert.deepEqual(corpus.problems.filter((p) => p.severity === 'error'), []);
    const source = corpus.kb.source(catalog.sources[0].id);
    assert.ok(source, 'the source was not loaded');
    assert.equal(source.citekey, 'panel2025scale');
    const table = new CitekeyTable(corpus.kb.sources);
    assert.equal(table.keyOf(source), 'panel2025scale');
    assert.equal(table.citationOf(source).origin, 'catalog');
  });

  it('must not be empty', async () => {
    const folder = path.join(dir, 'empty-key');
    cpSync(DEMO_CURATED, folder, { recursive: true });
    const catalogFile = path.join(folder, 'sourcebook.json');
    const catalog = JSON.parse(readFileSync(catalogFile, 'utf8')) as { $schema?: string; sources: { citekey?: string }[] };
    delete catalog.$schema;
    catalog.sources[0].citekey = '';
    writeFileSync(catalogFile, JSON.stringify(catalog, null, 2));
    const corpus = await loadCorpusFromDisk({ includeSeeds: false, sourceDirs: [folder] });
    assert.ok(corpus.problems.some((p) => /citekey/u.test(p.message)), corpus.problems.map((p) => p.message).join('\n'));
  });
});

describe('citations wiring: sourcebook check --bib', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    const build = spawnSync(process.execPath, [path.join(ROOT, 'esbuild.js')], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
    dir = mkdtempSync(path.join(tmpdir(), 'sourcebook-check-bib-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, text: string): string => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it('flags a quote cited to the wrong key at path:line:col and exits 1', () => {
    const text = `# Draft\n\nAs he put it, “${PEAK}” [@pesut-fruits-of-scale].\n`;
    const file = write('wrong.md', text);
    const { code, stdout, stderr } = run('check', file, '--bib', WRITER_BIB);
    assert.equal(code, 1, stderr);
    const column = text.split('\n')[2].indexOf('pesut-fruits-of-scale') + 1;
    assert.match(stdout, new RegExp(`^${escapeRegExp(file)}:3:${column}: Cited @pesut-fruits-of-scale, but these words are from @ilya-neurips \\(Ilya Sutskever Blows Up`, 'u'));
    assert.equal(stdout.trim().split('\n').length, 1);
    assert.match(stderr, /writer\.bib:21: entry "broken2024" is malformed/u, 'the malformed entry is reported, the rest serves');
    assert.match(stderr, /1 finding in 1 of 1 file/u);
  });

  it('reports an unknown key once per file, accepts the bibliography’s keys, and leaves keys alone without --bib', () => {
    const file = write('unknown.tex', 'See \\autocite{nobody1999}, \\cite{knuth1984} and again \\parencite{nobody1999}.\n');
    const { code, stdout } = run('check', file, '--bib', WRITER_BIB);
    assert.equal(code, 1);
    assert.deepEqual(stdout.trim().split('\n'), [`${file}:1:15: Unknown citation key @nobody1999: it is in no bibliography and names no source`]);
    const without = run('check', file);
    assert.equal(without.code, 0);
    assert.equal(without.stdout, '');
  });

  it('gives citation findings the JSON shape of every finding, null where there is no quote or fix, and GitHub titles', () => {
    const file = write('both.md', `As he put it, “${PEAK}” [@pesut-fruits-of-scale].\n\nSee [@nobody1999].\n`);
    const json = run('check', file, '--bib', WRITER_BIB, '--format', 'json');
    assert.equal(json.code, 1, json.stderr);
    const findings = JSON.parse(json.stdout) as Record<string, unknown>[];
    const fields = ['file', 'line', 'column', 'endLine', 'endColumn', 'kind', 'message', 'expected', 'speaker', 'quoteId', 'sourceId', 'sourceTitle', 'fix'];
    assert.deepEqual(findings.map((f) => Object.keys(f)), [fields, fields]);
    const [wrong, unknown] = findings;
    assert.equal(wrong.kind, 'wrong-citation');
    assert.equal(wrong.expected, PEAK);
    assert.equal(wrong.speaker, 'Ilya Sutskever');
    assert.equal(typeof wrong.quoteId, 'string');
    assert.equal(wrong.sourceId, 'sutskever-neurips-2024');
    const line = `As he put it, “${PEAK}” [@pesut-fruits-of-scale].`;
    const column = line.indexOf('pesut') + 1;
    assert.deepEqual(wrong.fix, { line: 1, column, endLine: 1, endColumn: column + 'pesut-fruits-of-scale'.length, text: 'ilya-neurips' });
    assert.deepEqual(unknown, {
      file,
      line: 3,
      column: 7,
      endLine: 3,
      endColumn: 17,
      kind: 'unknown-key',
      message: 'Unknown citation key @nobody1999: it is in no bibliography and names no source',
      expected: null,
      speaker: null,
      quoteId: null,
      sourceId: null,
      sourceTitle: null,
      fix: null,
    });
    const github = run('check', file, '--bib', WRITER_BIB, '--format', 'github').stdout.trim().split('\n');
    assert.equal(github.length, 2);
    assert.match(github[0], /^::warning file=.*,line=1,col=\d+,endLine=1,endColumn=\d+,title=Sourcebook%3A wrong citation::Cited @pesut-fruits-of-scale/u);
    assert.match(github[1], /,line=3,col=7,endLine=3,endColumn=17,title=Sourcebook%3A unknown citation key::Unknown citation key @nobody1999/u);
  });
});
