import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { parseCatalog } from '../../src/core/catalog/parseCatalog';
import { parseTrustedCatalog } from '../../src/core/kb/loadCollection';
import { SEEDS_DIR } from './helpers/seedCorpus';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the build's own plugin (CommonJS, like esbuild.js)
const { vscodeOncePlugin } = require('../../scripts/vscodeOnce') as { vscodeOncePlugin: esbuild.Plugin };

const ROOT = path.resolve(__dirname, '..', '..');
/** The budget of dist/extension.js as `npm run build:production` writes it (bench/run.ts checks the same). */
const MAX_BYTES = 150 * 1024;

/** Loaded on demand from their own bundles (src/host/lazyBundles.ts, markdownSyntax.ts), never part of the main one. */
const ON_DEMAND = [
  /^node_modules\/fuse\.js\//u,
  /^src\/core\/search\/(quoteIndex|vocabulary|parseQuery)\.ts$/u,
  /^src\/core\/extract\/(extractCatalog|frontMatter|slug|loadExtractedCollection|heavyReaders|html|pdf|pdfText)\.ts$/u,
  /^src\/core\/catalog\/(parseCatalog|jsonSchema|locateJsonSyntaxError)\.ts$/u,
  /^seeds\/catalog\.schema\.json$/u,
  /^node_modules\/(markdown-it|pdfjs-dist|linkedom|@mozilla\/readability|@retorquere\/bibtex-parser)\//u,
  // Building a corpus from files (dist/build.js), where no source worker builds it.
  /^src\/core\/(buildCorpus|kb\/buildKnowledgeBase|kb\/loadCollection|text\/mojibake|text\/codePages)\.ts$/u,
];

describe('the main bundle (dist/extension.js)', function () {
  this.timeout(60_000);
  let bytes: number;
  let inputs: string[];

  before(async () => {
    // The options of esbuild.js for src/extension.ts with --production, in memory.
    const result = await esbuild.build({
      absWorkingDir: ROOT,
      entryPoints: ['src/extension.ts'],
      outfile: 'dist/extension.js',
      external: ['vscode'],
      bundle: true,
      define: { 'import.meta.url': '__importMetaUrl' },
      inject: ['scripts/import-meta-url.js'],
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      minify: true,
      sourcemap: false,
      logLevel: 'silent',
      plugins: [vscodeOncePlugin],
      write: false,
      metafile: true,
    });
    bytes = result.outputFiles[0].contents.length;
    inputs = Object.keys(result.metafile.inputs);
  });

  it(`stays under ${MAX_BYTES / 1024} KB in the production build`, () => {
    assert.ok(bytes < MAX_BYTES, `dist/extension.js is ${bytes} bytes (${(bytes / 1024).toFixed(1)} KB), over the ${MAX_BYTES / 1024} KB budget: load the new code on demand (src/host/lazyBundles.ts)`);
  });

  it('leaves out fuse.js, extraction, the catalog parser and the heavy readers, which load on demand', () => {
    assert.deepEqual(inputs.filter((input) => ON_DEMAND.some((pattern) => pattern.test(input))), []);
  });

  it('serves the seeds parsed as trusted JSON exactly as the validating parser reads them', () => {
    const text = readFileSync(path.join(SEEDS_DIR, 'catalog.json'), 'utf8');
    const checked = parseCatalog(text, 'seeds/catalog.json');
    const trusted = parseTrustedCatalog(text, 'seeds/catalog.json');
    assert.ok(checked.ok && trusted.ok);
    assert.deepEqual(trusted.catalog, checked.catalog);
  });
});
