import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { lowerThreadPriority, WORKER_NICE } from '../../src/host/worker/threadPriority';

const ROOT = path.resolve(__dirname, '../..');

describe("the source worker's thread priority (src/host/worker/threadPriority.ts)", function () {
  it("lowers the worker's own thread on Linux, and leaves the extension host's thread as it was", function () {
    if (process.platform !== 'linux') this.skip();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sourcebook-priority-'));
    try {
      // A worker thread of a fresh process, as the extension host starts the source worker.
      const script = path.join(dir, 'run.js');
      const module = path.join(ROOT, 'src', 'host', 'worker', 'threadPriority.ts');
      fs.writeFileSync(
        script,
        `const { Worker } = require('node:worker_threads');
const os = require('node:os');
const before = os.getPriority(0);
const code = "const { lowerThreadPriority } = require(" + ${JSON.stringify(JSON.stringify(module))} + "); const os = require('node:os'); require('node:worker_threads').parentPort.postMessage({ lowered: lowerThreadPriority(), worker: os.getPriority(0) });";
const worker = new Worker(code, { eval: true });
worker.on('message', (m) => { process.stdout.write(JSON.stringify({ ...m, before, after: os.getPriority(0) })); void worker.terminate(); });`,
      );
      const run = spawnSync(process.execPath, ['-r', 'tsx/cjs', script], { encoding: 'utf8', cwd: ROOT });
      assert.equal(run.status, 0, run.stderr);
      const seen = JSON.parse(run.stdout) as { lowered: boolean; worker: number; before: number; after: number };
      assert.equal(seen.lowered, true);
      assert.equal(seen.worker, Math.max(WORKER_NICE, seen.before));
      assert.equal(seen.after, seen.before, "the host's thread keeps its priority");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('does nothing where setpriority would lower the whole extension host (macOS, Windows)', function () {
    const before = os.getPriority(0);
    assert.equal(lowerThreadPriority('darwin'), false);
    assert.equal(lowerThreadPriority('win32'), false);
    assert.equal(os.getPriority(0), before);
  });
});
