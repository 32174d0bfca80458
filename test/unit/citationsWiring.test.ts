import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CitekeyTable } from '../../src/core/citations/citekeys';
import { loadCorpusFromDisk } from '../../src/node/loadCorpus';

const ROOT = path.resolve(__dirname, '..', '..');
const DEMO_CURATED = path.join(ROOT, 'demo', 'sources-curated');

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
