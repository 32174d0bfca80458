import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { buildSync } from 'esbuild';
import { now, summarize, Summary } from '../lib/stats';

export interface PackagePlan {
  /** Fresh processes per activation figure, first starts and later ones (each interleaved with the empty-module baseline). */
  readonly activationRuns: number;
  /** Fresh processes for the cold seed load. */
  readonly coldLoadRuns: number;
  readonly vsix: boolean;
}

export interface ActivationRun {
  startup: number;
  require: number;
  activate: number;
  ready: number;
  requireActivate: number;
  total: number;
  quotes?: number;
  subscriptions?: number;
  touched?: Record<string, number>;
  error?: string;
}

export interface PackageResult {
  buildDir: string;
  productionBuildMs?: number;
  buildError?: string;
  bundle?: { bytes: number; gzipBytes: number };
  /** dist/web/extension.js, the browser build (package.json's `browser`), without its on-demand bundles. */
  webBundle?: { bytes: number; gzipBytes: number };
  vsix?: { bytes: number; files?: number; how: string };
  vsixUnavailable?: string;
  activation?: {
    runs: number;
    require: Summary;
    activate: Summary;
    ready: Summary;
    requireActivate: Summary;
    toReady: Summary;
    /** The same two figures on the first start of a build, before the desktop entry has saved its code cache. */
    firstRequireActivate: Summary;
    firstToReady: Summary;
    processWall: Summary;
    emptyProcessWall: Summary;
    emptyRequire: Summary;
    quotes?: number;
    subscriptions?: number;
    /** API members the extension reached through the stub's generic fallback (not faked for real). */
    touched: Record<string, number>;
    errors: string[];
  };
  activationError?: string;
  coldLoad?: Record<string, Summary>;
  coldLoadErrors?: string[];
}

const BENCH_DIR = path.resolve(__dirname, '..');
const REPO = path.resolve(BENCH_DIR, '..');
const COPY = ['package.json', 'esbuild.js', 'tsconfig.json', 'LICENSE', 'README.md', 'CHANGELOG.md', '.vscodeignore', 'src', 'seeds', 'media', 'scripts'];

/**
 * Builds the extension exactly as shipped (`node esbuild.js --production`) in a scratch copy of the repository,
 * so the shared work tree's dist/ is never touched; measures the bundle, packages a VSIX there, and times cold
 * activations and cold seed loads in fresh Node processes, one at a time.
 */
export function runPackage(plan: PackagePlan, log: (line: string) => void): PackageResult {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sourcebook-bench-'));
  const result: PackageResult = { buildDir: dir };
  for (const name of COPY) {
    const from = path.join(REPO, name);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(dir, name), { recursive: true });
  }
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'), 'dir');

  const t0 = now();
  const build = spawnSync(process.execPath, ['esbuild.js', '--production'], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  result.productionBuildMs = now() - t0;
  const bundle = path.join(dir, 'dist', 'extension.js');
  if (build.status !== 0 || !fs.existsSync(bundle)) {
    result.buildError = `node esbuild.js --production failed: ${(build.stderr || build.stdout || String(build.error)).trim().slice(-500)}`;
    log(`  ${result.buildError}`);
    return result;
  }
  const bytes = fs.readFileSync(bundle);
  result.bundle = { bytes: bytes.length, gzipBytes: zlib.gzipSync(bytes, { level: 9 }).length };
  log(`  bundle: ${bytes.length} bytes (built in ${result.productionBuildMs.toFixed(0)} ms)`);
  const webBundle = path.join(dir, 'dist', 'web', 'extension.js');
  if (fs.existsSync(webBundle)) {
    const webBytes = fs.readFileSync(webBundle);
    result.webBundle = { bytes: webBytes.length, gzipBytes: zlib.gzipSync(webBytes, { level: 9 }).length };
    log(`  browser bundle: ${webBytes.length} bytes`);
  }

  if (plan.vsix) packageVsix(dir, result, log);
  else result.vsixUnavailable = 'skipped (--quick)';

  // Cold activations: the extension and an empty module, interleaved, one process at a time; first as the first
  // start of this build (no code cache), then, after one start that saves it, as every later start.
  fs.mkdirSync(path.join(dir, 'baseline'));
  fs.writeFileSync(path.join(dir, 'baseline', 'empty.js'), '');
  fs.writeFileSync(path.join(dir, 'baseline', 'package.json'), fs.readFileSync(path.join(dir, 'package.json')));
  const first = activations(dir, 'first', plan.activationRuns);
  const primed = activationRun(dir, 'prime');
  const later = activations(dir, 'extension', plan.activationRuns);
  const errors = [...first.errors, ...later.errors, ...(primed.error !== undefined ? [primed.error] : [])];
  if (later.ext.length > 0 && first.ext.length > 0) {
    const { ext, empty, wall, emptyWall } = later;
    const touched: Record<string, number> = {};
    for (const r of ext) for (const [k, v] of Object.entries(r.touched ?? {})) touched[k] = Math.max(touched[k] ?? 0, v);
    result.activation = {
      runs: ext.length,
      require: summarize(ext.map((r) => r.require)),
      activate: summarize(ext.map((r) => r.activate)),
      ready: summarize(ext.map((r) => r.ready)),
      requireActivate: summarize(ext.map((r) => r.requireActivate)),
      toReady: summarize(ext.map((r) => r.total)),
      firstRequireActivate: summarize(first.ext.map((r) => r.requireActivate)),
      firstToReady: summarize(first.ext.map((r) => r.total)),
      processWall: summarize(wall),
      emptyProcessWall: summarize([...first.emptyWall, ...emptyWall]),
      emptyRequire: summarize([...first.empty, ...empty].map((r) => r.require)),
      quotes: ext[0].quotes,
      subscriptions: ext[0].subscriptions,
      touched,
      errors: [...new Set(errors)],
    };
    const a = result.activation;
    log(`  activation: require+activate ${a.requireActivate.median.toFixed(1)} ms, to ready ${a.toReady.median.toFixed(1)} ms; first start of a build ${a.firstRequireActivate.median.toFixed(1)} / ${a.firstToReady.median.toFixed(1)} ms (n=${ext.length})`);
  } else {
    result.activationError = errors[0] ?? 'no output';
    log(`  activation failed: ${result.activationError}`);
  }

  // Cold seed loads, bundled like the extension (minified CommonJS) and run by plain Node.
  const coldScript = path.join(dir, 'cold-load.js');
  buildSync({ entryPoints: [path.join(BENCH_DIR, 'children', 'coldLoad.ts')], outfile: coldScript, bundle: true, platform: 'node', format: 'cjs', target: 'node20', minify: true, logLevel: 'silent' });
  const cold: Record<string, number>[] = [];
  const coldErrors: string[] = [];
  for (let i = 0; i < plan.coldLoadRuns; i++) {
    const run = spawnSync(process.execPath, [coldScript, path.join(dir, 'seeds')], { encoding: 'utf8', timeout: 60_000 });
    const parsed = parseLine<Record<string, number> & { error?: string }>(run.stdout, run.stderr);
    if (parsed.error !== undefined) coldErrors.push(parsed.error);
    else cold.push(parsed);
  }
  if (cold.length > 0) {
    const keys = ['readCatalog', 'buildKnowledgeBase', 'termMatcher', 'load', 'quoteIndex', 'firstSearch', 'firstHover'];
    result.coldLoad = Object.fromEntries(keys.map((k) => [k, summarize(cold.map((c) => c[k]))]));
    log(`  cold seed load ${result.coldLoad?.load.median.toFixed(1)} ms, cold seed index ${result.coldLoad?.quoteIndex.median.toFixed(1)} ms (n=${cold.length})`);
  }
  if (coldErrors.length) result.coldLoadErrors = [...new Set(coldErrors)];
  fs.rmSync(dir, { recursive: true, force: true });
  return result;
}

type Which = 'first' | 'prime' | 'extension' | 'empty';

/** One activation in a fresh process (bench/activation-child.js), with its wall time. */
function activationRun(dir: string, which: Which): ActivationRun & { wall: number } {
  const child = path.join(BENCH_DIR, 'activation-child.js');
  const root = which === 'empty' ? path.join(dir, 'baseline') : dir;
  const s = now();
  const run = spawnSync(process.execPath, [child, root, which], { encoding: 'utf8', timeout: 60_000 });
  const wall = now() - s;
  return { ...parseLine<ActivationRun>(run.stdout, run.stderr), wall };
}

/** `runs` activations of the extension as `which`, interleaved with as many of an empty module (the baseline). */
function activations(dir: string, which: Which, runs: number): { ext: ActivationRun[]; empty: ActivationRun[]; wall: number[]; emptyWall: number[]; errors: string[] } {
  const out = { ext: [] as ActivationRun[], empty: [] as ActivationRun[], wall: [] as number[], emptyWall: [] as number[], errors: [] as string[] };
  for (let i = 0; i < runs; i++) {
    for (const one of i % 2 === 0 ? [which, 'empty' as const] : ['empty' as const, which]) {
      const run = activationRun(dir, one);
      if (run.error !== undefined) out.errors.push(run.error);
      else if (one === 'empty') {
        out.empty.push(run);
        out.emptyWall.push(run.wall);
      } else {
        out.ext.push(run);
        out.wall.push(run.wall);
      }
    }
  }
  return out;
}

function packageVsix(dir: string, result: PackageResult, log: (line: string) => void): void {
  const vsce = path.join(REPO, 'node_modules', '@vscode', 'vsce', 'vsce');
  const out = path.join(dir, 'sourcebook.vsix');
  if (!fs.existsSync(vsce)) {
    result.vsixUnavailable = '@vscode/vsce is not installed';
    return;
  }
  const vsceRun = (extra: string[]): ReturnType<typeof spawnSync> =>
    spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', out, ...extra], { cwd: dir, encoding: 'utf8', timeout: 180_000, input: '' });
  const failure = (r: ReturnType<typeof spawnSync>): string => {
    const lines = `${r.stdout || ''}\n${r.stderr || ''}\n${r.error ? String(r.error) : ''}`.split('\n').filter((l) => l.trim() && !/^npm warn/u.test(l));
    const errors = lines.filter((l) => /error/iu.test(l));
    return (errors.length ? errors : lines.slice(-2)).join(' ').trim();
  };
  // The same options as `npm run package` (scripts/package.ts): the README's screenshots are repository files,
  // so its relative links are kept rather than rewritten to a repository URL the project does not have.
  const run = vsceRun(['--no-rewrite-relative-links']);
  const how = 'vsce package --no-dependencies --no-rewrite-relative-links, as npm run package (in a scratch copy of the repo)';
  if (run.status === 0 && fs.existsSync(out)) {
    const files = /\((\d+) files?,/u.exec(String(run.stdout))?.[1];
    result.vsix = { bytes: fs.statSync(out).size, files: files ? Number(files) : undefined, how };
    log(`  vsix: ${result.vsix.bytes} bytes`);
  } else {
    result.vsixUnavailable = `vsce package failed: ${failure(run)}`;
    log(`  ${result.vsixUnavailable}`);
  }
}

function parseLine<T>(stdout: string, stderr: string): T & { error?: string } {
  const line = stdout.trim().split('\n').filter(Boolean).pop();
  if (!line) return { error: `no output: ${stderr.trim().slice(-300)}` } as T & { error?: string };
  try {
    return JSON.parse(line) as T & { error?: string };
  } catch {
    return { error: `bad output: ${line.slice(0, 300)}` } as T & { error?: string };
  }
}
