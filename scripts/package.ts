// `npm run package`: builds the VSIX with @vscode/vsce into out/sourcebook.vsix (vsce runs the
// `vscode:prepublish` production build first) and checks that it ships exactly what it should.
// fuse.js and everything else the extension imports is bundled by esbuild, hence --no-dependencies.
// Then out/sourcebook-web.vsix, for the tests only: the same extension with a `browser` entry and no `main`, which
// code-server runs in its web worker extension host (as vscode.dev and github.dev run every web extension).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as yauzl from 'yauzl';
import { log, run } from './lib/proc';

const ROOT = path.resolve(__dirname, '..');
export const VSIX = path.join(ROOT, 'out', 'sourcebook.vsix');
export const WEB_VSIX = path.join(ROOT, 'out', 'sourcebook-web.vsix');

/** Entry names of a zip file, as written (yauzl, the zip reader @vscode/vsce itself uses; no unzip binary needed). */
export function zipEntries(file: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(new Error(`${file} is not a readable zip file: ${error.message}`));
      const names: string[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        names.push(entry.fileName);
        zip.readEntry();
      });
      zip.once('end', () => resolve(names));
      zip.once('error', reject);
      zip.readEntry();
    });
  });
}

/** The on-demand bundles beside each entry (src/host/bundleFiles.ts): nothing else would notice them missing. */
const BUNDLES = ['syntax', 'markdownSyntax', 'formats', 'search', 'extract', 'catalog', 'bibtex', 'check', 'snapshot', 'build'];

const SHARED_FILES = [
  /^extension\.vsixmanifest$/,
  /^\[Content_Types\]\.xml$/,
  /^extension\/package\.json$/,
  /^extension\/(readme|changelog)\.md$/i,
  /^extension\/LICENSE(\.txt|\.md)?$/i,
  /^extension\/media\/[^/].*$/,
  /^extension\/seeds\/[^/].*$/,
];
/**
 * The browser's source worker (src/host/worker/webWorkerMain.ts) and its client on the web host
 * (webSourceWorker.ts): without them the folders are read on the web extension host.
 */
const WEB_ONLY = ['sourceWorker', 'sourceWorkerClient'];
const WEB_FILES = new RegExp(`^extension/dist/web/((extension|${[...WEB_ONLY, ...BUNDLES].join('|')})\\.js|seeds\\.(snapshot|indexes)\\.json)$`);
const ALLOWED = [...SHARED_FILES, new RegExp(`^extension/dist/(extensionLoader|extension|cli|sourceWorker|sourceWorkerLoad|${BUNDLES.join('|')})\\.js$`), /^extension\/dist\/seeds\.(snapshot|indexes)\.json$/, WEB_FILES];
const WEB_REQUIRED = ['extension/package.json', 'extension/dist/web/extension.js', 'extension/dist/web/seeds.snapshot.json', 'extension/dist/web/seeds.indexes.json', ...[...WEB_ONLY, ...BUNDLES].map((name) => `extension/dist/web/${name}.js`)];
const REQUIRED = [
  // The desktop entry (package.json's `main`) and the bundle it compiles with V8's code cache.
  'extension/dist/extensionLoader.js',
  'extension/dist/extension.js',
  'extension/dist/cli.js',
  // The source worker (src/host/worker/workerMain.ts): without it the writer's folders load on the host's thread.
  'extension/dist/sourceWorker.js',
  'extension/dist/sourceWorkerLoad.js',
  'extension/dist/seeds.snapshot.json',
  'extension/dist/seeds.indexes.json',
  ...BUNDLES.map((name) => `extension/dist/${name}.js`),
  ...WEB_REQUIRED,
];

async function vscePackage(cwd: string, out: string): Promise<void> {
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.rmSync(out, { force: true });
  const vsce = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  // The README's screenshots are repository files, not shipped (they would double the VSIX), and the
  // repository has no public URL to rewrite them to: keep its links relative instead of failing.
  await run(process.execPath, [vsce, 'package', '--no-dependencies', '--no-rewrite-relative-links', '--out', out], { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
}

/** Fails (exit 1) unless the VSIX holds exactly what `allowed` admits and everything `required` names. */
async function checkContents(vsix: string, allowed: readonly RegExp[], required: readonly string[]): Promise<void> {
  const entries = await zipEntries(vsix);
  const unexpected = entries.filter((name) => !allowed.some((pattern) => pattern.test(name)));
  const missing = required.filter((name) => !entries.includes(name));
  if (unexpected.length > 0 || missing.length > 0) {
    if (unexpected.length > 0) console.error(`[sourcebook] unexpected files in ${path.basename(vsix)} (tighten .vscodeignore):\n  ${unexpected.join('\n  ')}`);
    if (missing.length > 0) console.error(`[sourcebook] missing from ${path.basename(vsix)}:\n  ${missing.join('\n  ')}`);
    process.exit(1);
  }
  log(`${path.relative(ROOT, vsix)}: ${entries.length} files, ${(fs.statSync(vsix).size / 1024).toFixed(1)} KB, contents checked`);
}

/**
 * The browser-only variant: the built dist/web/, seeds, media and texts copied to a staging folder with a manifest
 * that has `browser` and no `main` (nor the CLI, the scripts or the dependencies), packaged there.
 */
async function packageWeb(): Promise<void> {
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'sourcebook-web-vsix-'));
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
    if (typeof manifest.browser !== 'string') throw new Error('package.json has no `browser` entry');
    for (const key of ['main', 'bin', 'scripts', 'dependencies', 'devDependencies']) delete manifest[key];
    fs.writeFileSync(path.join(stage, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    for (const name of ['README.md', 'CHANGELOG.md', 'LICENSE', 'media', 'seeds']) {
      fs.cpSync(path.join(ROOT, name), path.join(stage, name), { recursive: true });
    }
    fs.mkdirSync(path.join(stage, 'dist', 'web'), { recursive: true });
    for (const file of ['extension', ...WEB_ONLY, ...BUNDLES].map((name) => `${name}.js`).concat('seeds.snapshot.json', 'seeds.indexes.json')) {
      fs.copyFileSync(path.join(ROOT, 'dist', 'web', file), path.join(stage, 'dist', 'web', file));
    }
    await vscePackage(stage, WEB_VSIX);
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
  await checkContents(WEB_VSIX, [...SHARED_FILES, WEB_FILES], WEB_REQUIRED);
}

async function main(): Promise<void> {
  await vscePackage(ROOT, VSIX);
  await checkContents(VSIX, ALLOWED, REQUIRED);
  await packageWeb();
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(`[sourcebook] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
