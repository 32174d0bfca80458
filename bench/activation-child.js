'use strict';
// One cold activation, in a fresh Node process: `node bench/activation-child.js <extension root> [which]`.
// Installs the vscode stub, requires the extension, calls activate(context) and awaits the API's `ready`, then
// prints one JSON line of timings (ms). `which`:
//   extension  as a start after the first: with the code cache the desktop entry saved (src/node/codeCache.ts);
//   first      as the first start of this build: the code cache is removed first;
//   prime      a first start that then waits until the code cache is saved (for the `extension` runs);
//   empty      requires an empty module instead: the baseline (what Node itself costs).
const { performance } = require('node:perf_hooks');
const path = require('node:path');

const started = performance.now(); // ms since the process started (timeOrigin)
const [root, which = 'extension'] = process.argv.slice(2);
const { installVscodeStub } = require('./vscode-stub.js');

async function main() {
  const stub = installVscodeStub(root);
  const codeCache = path.join(stub.context.globalStorageUri.fsPath, 'code-cache');
  if (which === 'first' || which === 'prime') require('node:fs').rmSync(codeCache, { recursive: true, force: true });
  // The extension as VS Code loads it: package.json's `main` (the desktop entry, which compiles dist/extension.js).
  const main = JSON.parse(require('node:fs').readFileSync(path.join(root, 'package.json'), 'utf8')).main;
  const file = which === 'empty' ? path.join(root, 'empty.js') : path.join(root, main);
  const t0 = performance.now();
  const extension = require(file);
  const t1 = performance.now();
  const api = typeof extension.activate === 'function' ? extension.activate(stub.context) : undefined;
  const t2 = performance.now();
  if (api && api.ready) await api.ready;
  const t3 = performance.now();
  if (which === 'prime') await savedCodeCache(codeCache);
  let quotes;
  try {
    quotes = api && typeof api.corpus === 'function' ? api.corpus().kb.quotes.length : undefined;
  } catch {
    quotes = undefined;
  }
  process.stdout.write(
    `${JSON.stringify({
      startup: started, // ms from process start until this script ran (Node itself)
      require: t1 - t0,
      activate: t2 - t1,
      ready: t3 - t2,
      requireActivate: t2 - t0,
      total: t3 - t0,
      sinceProcessStart: t3,
      quotes,
      subscriptions: stub.context.subscriptions.length,
      touched: Object.fromEntries(stub.touched),
    })}\n`,
  );
  process.exit(0);
}

/** Waits (up to 20 s) until the extension has saved its code cache, some seconds after `ready`. */
async function savedCodeCache(folder) {
  const fs = require('node:fs');
  for (let waited = 0; waited < 20_000; waited += 100) {
    if (fs.existsSync(folder) && fs.readdirSync(folder).some((name) => name.endsWith('.code'))) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no code cache was saved in ${folder}`);
}

main().catch((error) => {
  process.stdout.write(`${JSON.stringify({ error: String(error && error.stack ? error.stack : error) })}\n`);
  process.exit(1);
});
