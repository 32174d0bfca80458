import * as assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import type * as BundleFiles from '../../src/host/bundleFiles';
import type * as BundleFilesWeb from '../../src/host/bundleFiles.web';
import type * as LinkResolver from '../../src/node/linkResolver';
import type * as LinkResolverWeb from '../../src/node/linkResolver.web';
import type * as SeedsSnapshotPath from '../../src/host/seedsSnapshotPath';
import type * as SeedsSnapshotPathWeb from '../../src/host/seedsSnapshotPath.web';
import type * as SourceWorker from '../../src/host/worker/sourceWorker';
import type * as SourceWorkerWeb from '../../src/host/worker/sourceWorker.web';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { webVariantsPlugin } = require('../../scripts/webVariants') as { webVariantsPlugin: esbuild.Plugin };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { vscodeOncePlugin } = require('../../scripts/vscodeOnce') as { vscodeOncePlugin: esbuild.Plugin };

const ROOT = path.resolve(__dirname, '..', '..');
/** The budget of dist/web/extension.js in the production build (bench/run.ts checks the same). */
const MAX_BYTES = 150 * 1024;

/**
 * Compiles only when the browser variant offers every export of the Node module it stands for, with a type that
 * fits: call sites are type-checked against the Node module and get the `.web.ts` one in the browser build.
 */
function standsFor<_Node, _Web extends _Node>(): void {}
standsFor<typeof BundleFiles, typeof BundleFilesWeb>();
standsFor<typeof LinkResolver, typeof LinkResolverWeb>();
standsFor<typeof SeedsSnapshotPath, typeof SeedsSnapshotPathWeb>();
standsFor<typeof SourceWorker, typeof SourceWorkerWeb>();
/** The siblings checked above: a new `.web.ts` must be added there too. */
const SIBLINGS = ['src/host/bundleFiles.web.ts', 'src/node/linkResolver.web.ts', 'src/host/seedsSnapshotPath.web.ts', 'src/host/worker/sourceWorker.web.ts'];

/** The options of esbuild.js for the browser build, in memory: its size is the shipped file's. */
function buildWeb(entry: string, external: string[] = [], format: esbuild.Format = 'cjs'): Promise<esbuild.BuildResult & { metafile: esbuild.Metafile; outputFiles: esbuild.OutputFile[] }> {
  return esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: [entry],
    outfile: 'dist/web/out.js',
    external,
    bundle: true,
    define: { 'import.meta.url': '""' },
    format,
    platform: 'browser',
    target: 'es2022',
    minify: true,
    sourcemap: false,
    logLevel: 'silent',
    write: false,
    metafile: true,
    plugins: [vscodeOncePlugin, webVariantsPlugin],
  });
}

/** Every `require("…")` of a module left in a bundle's text (not `module.require`, which lodash feature-tests). */
const requiresIn = (text: string): string[] => [...new Set([...text.matchAll(/(?<![.\w$])require\(\s*"([\w@./:-]+)"\s*\)/gu)].map((m) => m[1]))].sort();

function webSiblings(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.web.ts'))
    .map((file) => `${dir}/${file.split(path.sep).join('/')}`)
    .sort();
}

describe('the browser bundle (dist/web/extension.js)', function () {
  this.timeout(60_000);
  let text: string;
  let inputs: string[];

  before(async () => {
    const result = await buildWeb('src/extension.web.ts', ['vscode']);
    text = result.outputFiles[0].text;
    inputs = Object.keys(result.metafile.inputs);
  });

  it(`stays under ${MAX_BYTES / 1024} KB in the production build`, () => {
    const bytes = Buffer.byteLength(text);
    assert.ok(bytes < MAX_BYTES, `dist/web/extension.js is ${bytes} bytes (${(bytes / 1024).toFixed(1)} KB), over the ${MAX_BYTES / 1024} KB budget`);
  });

  it('requires nothing but vscode: no Node built-in, no node_modules left outside', () => {
    assert.deepEqual(requiresIn(text), ['vscode']);
  });

  it('is built from the web variants, never from the Node-only modules they stand for', () => {
    for (const sibling of SIBLINGS) {
      assert.ok(inputs.includes(sibling), `${sibling} is not in the bundle`);
      assert.ok(!inputs.includes(sibling.replace(/\.web\.ts$/u, '.ts')), `${sibling.replace(/\.web\.ts$/u, '.ts')} is in the bundle`);
    }
  });

  it('type-checks every web variant against its Node module', () => {
    assert.deepEqual(webSiblings('src').filter((file) => file !== 'src/extension.web.ts'), [...SIBLINGS].sort());
  });
});

describe('the browser on-demand bundles (dist/web/*.js)', function () {
  this.timeout(120_000);

  const BUNDLES = {
    syntax: 'src/core/syntax/excludedRegions.ts',
    markdownSyntax: 'src/core/syntax/markdownIt.ts',
    search: 'src/core/search/quoteIndex.ts',
    check: 'src/core/check/checkDocument.ts',
    catalog: 'src/core/catalog/parseCatalog.ts',
    extract: 'src/core/extract/loadExtractedCollection.ts',
    bibtex: 'src/core/citations/bibtexBundle.ts',
    formats: 'src/core/extract/heavyReaders.ts',
    snapshot: 'src/core/snapshot/snapshotBundle.ts',
    // The source worker's client on the web host, evaluated without `vscode` (sourceWorker.web.ts gives it what it needs).
    sourceWorkerClient: 'src/host/worker/webSourceWorker.ts',
    build: 'src/core/buildBundle.ts',
  };

  for (const [name, entry] of Object.entries(BUNDLES)) {
    it(`${name}.js requires no module${name === 'formats' ? ' (but linkedom’s optional canvas, in a try)' : ''}`, async () => {
      const result = await buildWeb(entry);
      const left = requiresIn(result.outputFiles[0].text).filter((id) => !(name === 'formats' && id === 'canvas'));
      assert.deepEqual(left, []);
    });
  }
});

describe('the browser source worker (dist/web/sourceWorker.js)', function () {
  this.timeout(60_000);
  /** Extraction, the catalog parser and the corpus builder with both indexes, without the web page and PDF readers. */
  const MAX_WORKER_BYTES = 200 * 1024;
  let text: string;
  let inputs: string[];

  before(async () => {
    const result = await buildWeb('src/host/worker/webWorkerMain.ts', [], 'iife');
    text = result.outputFiles[0].text;
    inputs = Object.keys(result.metafile.inputs);
  });

  it(`requires no module and stays under ${MAX_WORKER_BYTES / 1024} KB`, () => {
    assert.deepEqual(requiresIn(text), []);
    const bytes = Buffer.byteLength(text);
    assert.ok(bytes < MAX_WORKER_BYTES, `dist/web/sourceWorker.js is ${(bytes / 1024).toFixed(1)} KB`);
  });

  it('leaves out the Node worker (its store, its disk readers) and the web page and PDF readers, which it asks the host for', () => {
    const nodeOnly = ['src/host/worker/corpusStore.ts', 'src/host/worker/folderLoad.ts', 'src/host/worker/corpusBuilder.ts', 'src/host/worker/folderReaders.ts', 'src/host/worker/workerMain.ts'];
    for (const file of nodeOnly) assert.ok(!inputs.includes(file), `${file} is in the browser's worker`);
    assert.ok(!inputs.some((file) => file.startsWith('src/node/')), inputs.filter((file) => file.startsWith('src/node/')).join(', '));
    assert.ok(!inputs.some((file) => /node_modules\/(pdfjs-dist|linkedom|@mozilla\/readability)\//u.test(file)), 'a heavy reader is bundled in');
    for (const shared of ['src/core/snapshot/buildSnapshot.ts', 'src/host/worker/replies.ts', 'src/host/worker/folderLoadParts.ts']) assert.ok(inputs.includes(shared), `${shared} is not shared`);
  });
});
