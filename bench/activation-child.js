'use strict';
// One cold activation, in a fresh Node process: `node bench/activation-child.js <extension root> [module]`.
// Installs the vscode stub, requires the bundle, calls activate(context) and awaits the API's `ready`, then
// prints one JSON line of timings (ms). With `module` = "empty" it requires an empty module instead: the
// baseline (what Node itself costs).
const { performance } = require('node:perf_hooks');
const path = require('node:path');

const started = performance.now(); // ms since the process started (timeOrigin)
const [root, which = 'extension'] = process.argv.slice(2);
const { installVscodeStub } = require('./vscode-stub.js');

async function main() {
  const stub = installVscodeStub(root);
  const file = which === 'empty' ? path.join(root, 'empty.js') : path.join(root, 'dist', 'extension.js');
  const t0 = performance.now();
  const extension = require(file);
  const t1 = performance.now();
  const api = typeof extension.activate === 'function' ? extension.activate(stub.context) : undefined;
  const t2 = performance.now();
  if (api && api.ready) await api.ready;
  const t3 = performance.now();
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

main().catch((error) => {
  process.stdout.write(`${JSON.stringify({ error: String(error && error.stack ? error.stack : error) })}\n`);
  process.exit(1);
});
