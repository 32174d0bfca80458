import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CodeCacheStartup, saveCodeCacheLater } from '../../src/host/codeCacheStartup';
import { codeCacheFile, requireWithCodeCache } from '../../src/node/codeCache';

/** A CommonJS module with enough functions for V8 to have something to cache, and its free variables to show. */
const MODULE = `'use strict';
const host = require('host-api');
function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
exports.answer = () => fib(10) + host.offset;
exports.where = { file: __filename, dir: __dirname, sameModule: module.exports === exports };
`;

interface Fixture {
  readonly answer: () => number;
  readonly where: { file: string; dir: string; sameModule: boolean };
}

/** The requiring module's `require`, with one module of its own, as the extension host gives `vscode`. */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a require function is what the loader is given
const hostRequire = Object.assign((id: string) => (id === 'host-api' ? { offset: 1000 } : require(id)), require) as NodeJS.Require;

describe("V8's code cache for the main bundle (src/node/codeCache.ts)", function () {
  let dir: string;
  let bundle: string;
  let cacheDir: string;
  beforeEach(function () {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sourcebook-code-cache-'));
    bundle = path.join(dir, 'extension.js');
    cacheDir = path.join(dir, 'storage', 'code-cache');
    fs.writeFileSync(bundle, MODULE);
  });
  afterEach(function () {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('runs the module as Node would, with the given require, and saves a cache the next start uses', async function () {
    const first = requireWithCodeCache<Fixture>(bundle, cacheDir, hostRequire);
    assert.equal(first.cache, 'none');
    assert.equal(first.exports.answer(), 1055);
    assert.deepEqual(first.exports.where, { file: bundle, dir, sameModule: true });
    await first.save();
    assert.ok(fs.existsSync(codeCacheFile(bundle, cacheDir)));
    // Whether V8 uses it shows in another process only: within one, V8 reuses its own compilation of the same source.
    assert.deepEqual(startInAnotherProcess(), { cache: 'used', answer: 56 });
  });

  /** A new window of the editor: a new process starts the module, with the cache if there is one it can use. */
  function startInAnotherProcess(): { cache: string; answer: number } {
    const script = path.join(dir, 'start.ts');
    const source = path.resolve(__dirname, '../../src/node/codeCache.ts');
    fs.writeFileSync(
      script,
      `const { requireWithCodeCache } = require(${JSON.stringify(source)});
const load = Object.assign((id) => (id === 'host-api' ? { offset: 1 } : require(id)), require);
const started = requireWithCodeCache(${JSON.stringify(bundle)}, ${JSON.stringify(cacheDir)}, load);
process.stdout.write(JSON.stringify({ cache: started.cache, answer: started.exports.answer() }));`,
    );
    const run = spawnSync(process.execPath, ['-r', 'tsx/cjs', script], { encoding: 'utf8', cwd: path.resolve(__dirname, '../..') });
    assert.equal(run.status, 0, run.stderr);
    return JSON.parse(run.stdout) as { cache: string; answer: number };
  }

  it('never trusts a damaged cache (V8 would run some and crash on others): it compiles the source', async function () {
    await requireWithCodeCache<Fixture>(bundle, cacheDir, hostRequire).save();
    const file = codeCacheFile(bundle, cacheDir);
    const bytes = fs.readFileSync(file);
    const flipped = (at: number) => Buffer.from(bytes.map((b, i) => (i === at ? b ^ 0xff : b)));
    const damages = [bytes.subarray(0, bytes.length >> 1), flipped(bytes.length >> 1), flipped(bytes.length - 1), flipped(0), Buffer.from('not a cache'), Buffer.alloc(0)];
    for (const damaged of damages) {
      fs.writeFileSync(file, damaged);
      assert.deepEqual(startInAnotherProcess(), { cache: 'rejected', answer: 56 });
    }
  });

  it('keys the cache by the bundle: a rebuilt one starts without it, and saving removes the old cache', async function () {
    await requireWithCodeCache<Fixture>(bundle, cacheDir, hostRequire).save();
    const old = codeCacheFile(bundle, cacheDir);
    // The same length (V8's own check), other content and another modification time.
    fs.writeFileSync(bundle, MODULE.replace('fib(10)', 'fib(11)'));
    const later = new Date(Date.now() + 5_000);
    fs.utimesSync(bundle, later, later);
    assert.notEqual(codeCacheFile(bundle, cacheDir), old);
    const rebuilt = requireWithCodeCache<Fixture>(bundle, cacheDir, hostRequire);
    assert.equal(rebuilt.cache, 'none');
    assert.equal(rebuilt.exports.answer(), 1089);
    await rebuilt.save();
    assert.deepEqual(fs.readdirSync(cacheDir), [path.basename(codeCacheFile(bundle, cacheDir))]);
  });
});

describe('saving the code cache after a start (src/host/codeCacheStartup.ts)', function () {
  function logged(): { lines: string[]; info(m: string): void; warn(m: string): void } {
    const lines: string[] = [];
    return { lines, info: (m) => lines.push(`info ${m}`), warn: (m) => lines.push(`warn ${m}`) };
  }
  function startup(cache: CodeCacheStartup['cache'], save: () => Promise<void>): CodeCacheStartup & { saves: number } {
    const counted = {
      cache,
      saves: 0,
      save: () => {
        counted.saves++;
        return save();
      },
    };
    return counted;
  }

  it('saves once the first load is done, not before', async function () {
    let finishLoad = () => undefined as void;
    const ready = new Promise<void>((resolve) => (finishLoad = resolve));
    const start = startup('none', async () => undefined);
    const saving = saveCodeCacheLater(start, ready, logged(), 5);
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.equal(start.saves, 0);
    finishLoad();
    assert.equal(await saving.saved, true);
    assert.equal(start.saves, 1);
  });

  it('saves nothing after a start from the cache, or when cancelled first', async function () {
    const fromCache = startup('used', async () => undefined);
    assert.equal(await saveCodeCacheLater(fromCache, Promise.resolve(), logged(), 1).saved, false);
    const cancelled = startup('none', async () => undefined);
    const saving = saveCodeCacheLater(cancelled, new Promise(() => undefined), logged(), 1);
    saving.dispose();
    assert.equal(await saving.saved, false);
    assert.equal(fromCache.saves + cancelled.saves, 0);
  });

  it('logs a cache V8 refused, and a save that failed, without throwing', async function () {
    const log = logged();
    const failing = startup('rejected', () => Promise.reject(new Error('EACCES: permission denied')));
    assert.equal(await saveCodeCacheLater(failing, Promise.reject(new Error('load failed')), log, 1).saved, false);
    assert.equal(failing.saves, 1);
    assert.match(log.lines[0], /^info V8 refused/u);
    assert.match(log.lines[1], /^warn .*could not be written \(EACCES: permission denied\)/u);
  });
});
