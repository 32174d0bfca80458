import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';

const ROOT = path.resolve(__dirname, '..', '..');

// The packaged extension ships dist/formats.js without node_modules: pdf.js must load and read a PDF there
// without its optional native canvas package (it once failed with "DOMMatrix is not defined"), and print nothing.
describe('the web page and PDF readers as shipped (dist/formats.js without node_modules)', function () {
  this.timeout(120_000);
  let dir: string;
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'sourcebook-formats-'));
    // As esbuild.js builds it.
    await esbuild.build({
      absWorkingDir: ROOT,
      entryPoints: ['src/core/extract/heavyReaders.ts'],
      outfile: path.join(dir, 'formats.js'),
      bundle: true,
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      logLevel: 'silent',
      define: { 'import.meta.url': 'importMetaUrl' },
      banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" },
    });
    // A one-page PDF with a text layer, made with pdf-lib.
    const { PDFDocument, StandardFonts } = await import('pdf-lib');
    const pdf = await PDFDocument.create();
    const page = pdf.addPage([400, 200]);
    page.drawText('Hello from a page of text.', { x: 40, y: 120, size: 14, font: await pdf.embedFont(StandardFonts.Helvetica) });
    writeFileSync(path.join(dir, 'one.pdf'), await pdf.save());
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('loads and reads a PDF in a folder with no node_modules, printing nothing', () => {
    const script = `
      const { formatReaders } = require('./formats.js');
      const bytes = require('fs').readFileSync('./one.pdf');
      formatReaders.pdf(new Uint8Array(bytes)).then((outcome) => process.stderr.write(JSON.stringify(outcome.ok ? outcome.document : outcome)));`;
    const run = spawnSync(process.execPath, ['-e', script], { cwd: dir, encoding: 'utf8', env: { ...process.env, NODE_PATH: '' } });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, '', 'nothing on stdout (the CLI prints JSON there)');
    assert.match(run.stderr, /Hello from a page of text\./u);
  });
});
