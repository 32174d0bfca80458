import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const WRITER_BIB = path.join(ROOT, 'test', 'fixtures', 'bib', 'writer.bib');

function run(...args: string[]): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

describe('sourcebook CLI: citations', function () {
  this.timeout(60_000);
  before(() => {
    const build = spawnSync(process.execPath, [path.join(ROOT, 'esbuild.js')], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
  });

  it('format --cite inserts the quote with its citation per style; attribution stays the default', () => {
    const latex = run('format', 'sutskever-peak-data', '--language', 'latex', '--cite', 'biblatex');
    assert.equal(latex.code, 0, latex.stderr);
    assert.match(latex.stdout, /\\par --- Ilya Sutskever \\autocite\{sutskever2024neurips\}\n\\end\{quote\}\n$/u);
    assert.match(run('format', 'sutskever-peak-data', '--language', 'latex', '--cite', 'natbib').stdout, /\\citep\{sutskever2024neurips\}/u);
    assert.match(run('format', 'sutskever-peak-data', '--language', 'markdown', '--cite', 'pandoc').stdout, /\n> — Ilya Sutskever \[@sutskever2024neurips\]\n$/u);
    assert.equal(run('format', 'sutskever-peak-data', '--language', 'markdown', '--cite', 'attribution').stdout, run('format', 'sutskever-peak-data', '--language', 'markdown').stdout);
    const bad = run('format', 'sutskever-peak-data', '--language', 'markdown', '--cite', 'apa');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--cite must be one of attribution, pandoc, biblatex, natbib/u);
  });

  it('bib writes BibTeX (default) and CSL-JSON, reports a malformed --bib entry by line, and refuses a missing file', () => {
    const bibtex = run('bib', '--bib', WRITER_BIB);
    assert.equal(bibtex.code, 0, bibtex.stderr);
    assert.equal((bibtex.stdout.match(/^@\w+\{/gmu) ?? []).length, 5);
    // The writer's own key for the talk (writer.bib) is reused, not ours.
    assert.match(bibtex.stdout, /^@misc\{ilya-neurips,$/mu);
    assert.doesNotMatch(bibtex.stdout, /sutskever2024neurips/u);
    assert.match(bibtex.stderr, /writer\.bib:21: entry "broken2024" is malformed/u);
    const csl = run('bib', '--format', 'csl-json');
    assert.equal(csl.code, 0);
    assert.equal((JSON.parse(csl.stdout) as unknown[]).length, 5);
    assert.equal(run('bib', '--format', 'ris').code, 2);
    const missing = run('bib', '--bib', 'no-such.bib');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read the bibliography no-such\.bib: no such file/u);
  });
});
