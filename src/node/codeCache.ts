import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import type { CodeCacheStartup, CodeCacheUse } from '../host/codeCacheStartup';
import { replaceFile } from './replaceFile';

/*
 * V8's code cache for the extension's main bundle (issue #19, activation to ready). Requiring dist/extension.js
 * costs most of activation in compiling it: V8 parses the whole bundle, then compiles each function on its first
 * call. A code cache made after a first activation holds that work, bytecode included, and a later activation reads
 * it instead (as VS Code does for its own code, and Node 22's module.enableCompileCache for modules). The cache is
 * only ever an accelerator: V8 refuses one made by another V8, other flags or another source length, the file name
 * carries the bundle's size and modification time and the V8 version, and anything unreadable means a plain compile.
 * V8 does not check the cache's own bytes (seen with Node 20: a flipped byte was accepted, and some crashed the
 * process), so the file carries their SHA-256, checked before V8 sees them.
 */

/** A CommonJS module compiled with the code cache, and how to save one for next time. */
export interface CachedModule<T> extends CodeCacheStartup {
  readonly exports: T;
  readonly cache: CodeCacheUse;
}

/** The CommonJS wrapper Node itself puts around a module, so the bundle sees its usual free variables. */
const WRAPPER_HEAD = '(function (exports, require, module, __filename, __dirname) { ';
const WRAPPER_TAIL = '\n});';

/** The file kept in `cacheDir` for `file` as it is now: another bundle, or another V8, gets another name. */
export function codeCacheFile(file: string, cacheDir: string): string {
  const stat = fs.statSync(file);
  const v8 = process.versions.v8.replace(/[^\w.-]/gu, '_');
  return path.join(cacheDir, `${path.basename(file, '.js')}-${v8}-${process.arch}-${stat.size}-${Math.trunc(stat.mtimeMs)}.code`);
}

/**
 * Runs `file` as a CommonJS module compiled with the code cache in `cacheDir` when there is one V8 accepts.
 * `load` is the requiring module's own `require`, so that the bundle's `require('vscode')` is the extension's.
 */
export function requireWithCodeCache<T>(file: string, cacheDir: string, load: NodeJS.Require): CachedModule<T> {
  const source = fs.readFileSync(file, 'utf8');
  const cacheFile = codeCacheFile(file, cacheDir);
  const stored = readIfPresent(cacheFile);
  const cachedData = stored && unsealed(stored);
  const script = new vm.Script(WRAPPER_HEAD + source + WRAPPER_TAIL, { filename: file, cachedData });
  const module = { exports: {} as T, id: file, filename: file, loaded: false };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, load, module, file, path.dirname(file));
  module.loaded = true;
  const cache: CodeCacheUse = stored === undefined ? 'none' : cachedData === undefined || script.cachedDataRejected ? 'rejected' : 'used';
  return { exports: module.exports, cache, save: () => saveCodeCache(script, cacheFile) };
}

function readIfPresent(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Writes the cache whole (replaceFile: a half-written cache is never read), then removes older ones. */
async function saveCodeCache(script: vm.Script, cacheFile: string): Promise<void> {
  const dir = path.dirname(cacheFile);
  await replaceFile(cacheFile, sealed(script.createCachedData()));
  const prefix = path.basename(cacheFile).split('-')[0] + '-';
  for (const name of await fs.promises.readdir(dir)) {
    if (name.startsWith(prefix) && name.endsWith('.code') && name !== path.basename(cacheFile)) await fs.promises.rm(path.join(dir, name), { force: true });
  }
}


/** What precedes the cache in its file: a name for the format, then the checksum of the rest. */
const MAGIC = Buffer.from('SBCODE01');
const HEADER_BYTES = MAGIC.length + 32;

/** The cache with its header. */
function sealed(data: Buffer): Buffer {
  return Buffer.concat([MAGIC, checksum(data), data]);
}

/** The cache in a file, if its header and checksum hold; undefined for a damaged or foreign file. */
function unsealed(stored: Buffer): Buffer | undefined {
  if (stored.length <= HEADER_BYTES || !stored.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const data = stored.subarray(HEADER_BYTES);
  return stored.subarray(MAGIC.length, HEADER_BYTES).equals(checksum(data)) ? data : undefined;
}

/** SHA-256 of the bytes (node:crypto is loaded with Node itself: 160 KB take under a millisecond). */
function checksum(bytes: Uint8Array): Buffer {
  return createHash('sha256').update(bytes).digest();
}
