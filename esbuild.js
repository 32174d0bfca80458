// Bundles the extension (CommonJS, `vscode` external), the modules it loads on demand, and the CLI (Node, with a
// shebang); then the same extension and modules for the browser (dist/web/, package.json's `browser`).
// Type checking is a separate step (`npm run check-types`), as in the esbuild-sample.
const { execFileSync } = require('node:child_process');
const path = require('node:path');
const esbuild = require('esbuild');
const { webVariantsPlugin } = require('./scripts/webVariants');
const { vscodeOncePlugin } = require('./scripts/vscodeOnce');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Prints errors as file:line:col so the `$esbuild-watch` problem matcher can pick them up. */
const problemMatcherPlugin = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => {
      if (watch) console.log('[watch] build started');
    });
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      if (watch) console.log('[watch] build finished');
    });
  },
};

const common = {
  bundle: true,
  // import.meta.url of bundled ES modules: see scripts/import-meta-url.js.
  define: { 'import.meta.url': '__importMetaUrl' },
  inject: [require('node:path').join(__dirname, 'scripts', 'import-meta-url.js')],
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'silent',
  plugins: [problemMatcherPlugin, vscodeOncePlugin],
};

const builds = [
  // The desktop entry (package.json's `main`): compiles dist/extension.js with V8's code cache (src/node/codeCache.ts).
  { ...common, entryPoints: ['src/extensionLoader.ts'], outfile: 'dist/extensionLoader.js', external: ['vscode'] },
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  // Loaded by src/host/markdownSyntax.ts on first use, never at activation: the region scanners on the first hover
  // over a term, markdown-it (as large as the whole extension) on the first one in Markdown.
  { ...common, entryPoints: ['src/core/syntax/excludedRegions.ts'], outfile: 'dist/syntax.js' },
  { ...common, entryPoints: ['src/core/syntax/markdownIt.ts'], outfile: 'dist/markdownSyntax.js' },
  // @retorquere/bibtex-parser (about 1 MB): required by src/host/bibtexBundle.ts only when a .bib is configured.
  { ...common, entryPoints: ['src/core/citations/bibtexBundle.ts'], outfile: 'dist/bibtex.js' },
  // Required by src/host/lazyBundles.ts, never at activation: the quote index with fuse.js on the first search,
  // extraction (attribution, names, front matter) when a folder without a sourcebook.json is read.
  { ...common, entryPoints: ['src/core/search/quoteIndex.ts'], outfile: 'dist/search.js' },
  { ...common, entryPoints: ['src/core/extract/loadExtractedCollection.ts'], outfile: 'dist/extract.js' },
  // The catalog parser with its JSON schema, required when a folder with a sourcebook.json is read.
  { ...common, entryPoints: ['src/core/catalog/parseCatalog.ts'], outfile: 'dist/catalog.js' },
  // The misquote check (alignment, attribution, names), required by src/features/check on the first check of a draft.
  { ...common, entryPoints: ['src/core/check/checkDocument.ts'], outfile: 'dist/check.js' },
  // Reading corpus snapshots back (the seeds', the source worker's): required by src/host/corpusService.ts.
  { ...common, entryPoints: ['src/core/snapshot/snapshotBundle.ts'], outfile: 'dist/snapshot.js' },
  // Required by src/host/lazyBundles.ts where no source worker builds the corpus: building one from files.
  { ...common, entryPoints: ['src/core/buildBundle.ts'], outfile: 'dist/build.js' },
  { ...common, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // The source worker (a worker_threads worker of the Node extension host): reads and extracts the writer's own
  // folders off the host's thread (src/host/worker/sourceWorker.ts starts it; the browser's is dist/web/sourceWorker.js).
  { ...common, entryPoints: ['src/host/worker/workerMain.ts'], outfile: 'dist/sourceWorker.js' },
  // Its heavy half (reading, extraction, building the corpus), required by the worker on the first load that the
  // stored corpus does not answer: a new window's worker starts without it.
  { ...common, entryPoints: ['src/host/worker/folderLoad.ts'], outfile: 'dist/sourceWorkerLoad.js' },
  // The web page and PDF readers (readability, linkedom, pdf.js with its worker run in process): required by
  // src/host/workspaceSources.ts and src/node/loadCorpus.ts only when an .html, .htm or .pdf file is read. pdf.js
  // is an ES module that asks import.meta.url for a require function: give it this file's URL.
  {
    ...common,
    entryPoints: ['src/core/extract/heavyReaders.ts'],
    outfile: 'dist/formats.js',
    define: { 'import.meta.url': 'importMetaUrl' },
    banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" },
  },
];

// The browser build (package.json's `browser`, for vscode.dev and github.dev): the extension and the same on-demand
// bundles under dist/web/, for a web worker (no Node built-ins; src/host/bundleFiles.web.ts reads them through
// workspace.fs). Modules with a `.web.ts` sibling are swapped for it (webVariantsPlugin).
const web = {
  ...common,
  platform: 'browser',
  target: 'es2022',
  define: { 'import.meta.url': '""' },
  inject: [],
  plugins: [problemMatcherPlugin, vscodeOncePlugin, webVariantsPlugin],
};
const WEB_BUNDLES = {
  syntax: 'src/core/syntax/excludedRegions.ts',
  markdownSyntax: 'src/core/syntax/markdownIt.ts',
  bibtex: 'src/core/citations/bibtexBundle.ts',
  search: 'src/core/search/quoteIndex.ts',
  extract: 'src/core/extract/loadExtractedCollection.ts',
  catalog: 'src/core/catalog/parseCatalog.ts',
  check: 'src/core/check/checkDocument.ts',
  snapshot: 'src/core/snapshot/snapshotBundle.ts',
  build: 'src/core/buildBundle.ts',
  // pdf.js runs in the extension host's worker itself: pdf.ts gives it its worker's message handler.
  formats: 'src/core/extract/heavyReaders.ts',
};
builds.push(
  { ...web, entryPoints: ['src/extension.web.ts'], outfile: 'dist/web/extension.js', external: ['vscode'] },
  ...Object.entries(WEB_BUNDLES).map(([name, entry]) => ({ ...web, entryPoints: [entry], outfile: `dist/web/${name}.js` })),
  // The browser's source worker (a Web Worker started from this file's text by src/host/worker/webSourceWorker.ts):
  // extraction and building, the web page and PDF readers left out (it asks the host for dist/web/formats.js). A
  // script, not a module: the worker runs it with importScripts.
  { ...web, entryPoints: ['src/host/worker/webWorkerMain.ts'], outfile: 'dist/web/sourceWorker.js', format: 'iife' },
  // Its client on the web extension host, read by src/host/worker/sourceWorker.web.ts on the first load of the
  // writer's own folders.
  { ...web, entryPoints: ['src/host/worker/webSourceWorker.ts'], outfile: 'dist/web/sourceWorkerClient.js' },
);

async function main() {
  const contexts = await Promise.all(builds.map((options) => esbuild.context(options)));
  if (watch) {
    await Promise.all(contexts.map((ctx) => ctx.watch()));
    return;
  }
  const results = await Promise.all(contexts.map((ctx) => ctx.rebuild()));
  await Promise.all(contexts.map((ctx) => ctx.dispose()));
  if (results.some((r) => r.errors.length > 0)) process.exit(1);
  await writeSeedsSnapshot();
}

/**
 * The seeds built into a snapshot (scripts/seedsSnapshot.ts), which activation reads instead of building them: made
 * by this build from the seed files, so it is never older than they are; the unit tests check the generator.
 */
async function writeSeedsSnapshot() {
  const script = path.join(__dirname, 'out', 'build', 'seedsSnapshot.js');
  const result = await esbuild.build({ ...common, minify: false, sourcemap: false, entryPoints: ['scripts/seedsSnapshot.ts'], outfile: script });
  if (result.errors.length > 0) process.exit(1);
  execFileSync(process.execPath, [script, 'seeds', 'dist', 'dist/web'], { cwd: __dirname, stdio: 'inherit' });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
