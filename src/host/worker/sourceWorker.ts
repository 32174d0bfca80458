import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { CancelledError } from '../../core/util/cancellation';
import type { FromWorker, ToWorker, WorkerRequest } from './protocol';
import { Location, SourceWorker, SourceWorkerClient } from './sourceWorkerClient';

export type { LoadResult, SourceWorker, Token } from './sourceWorkerClient';

/** The worker beside the extension's bundle, or undefined when it is not there (then sources load in process). */
export function createSourceWorker(extensionPath: string | undefined): SourceWorker | undefined {
  const candidates = [path.join(__dirname, 'sourceWorker.js'), ...(extensionPath ? [path.join(extensionPath, 'dist', 'sourceWorker.js')] : [])];
  const script = candidates.find((file) => fs.existsSync(file));
  return script ? new NodeSourceWorker(script) : undefined;
}

/**
 * The extension host's side of the source worker (workerMain.ts, bundled as dist/sourceWorker.js): one
 * worker_threads worker, started on the first load of the writer's own folders and kept, so that its extraction
 * caches make a reload after one change re-read one file. The browser build has no worker_threads and gets
 * sourceWorker.web.ts (a Web Worker, whose files the host reads).
 */
class NodeSourceWorker extends SourceWorkerClient {
  readonly kind = 'a worker thread';
  private worker?: Worker;

  constructor(private readonly script: string) {
    super();
  }

  reads(scheme: string): boolean {
    return scheme === 'file';
  }

  locationOf(uri: Location): string {
    return uri.fsPath;
  }

  prestart(storeFile?: string): void {
    if (this.worker) return;
    this.start();
    if (storeFile) this.send({ type: 'prefetch', file: storeFile });
  }

  dispose(): void {
    void this.worker?.terminate();
    this.worker = undefined;
    this.failAll(new CancelledError());
  }

  protected send(message: ToWorker, transfer: ArrayBuffer[] = []): void {
    this.worker?.postMessage(message, transfer);
  }

  protected start(): void {
    if (this.worker) return;
    const worker = new (workerThreads().Worker)(this.script);
    // The worker never keeps the extension host alive on its own.
    worker.unref();
    // The Node worker reads the disk itself and never asks the host for files (FromWorker's WorkerRequest).
    worker.on('message', (message: Exclude<FromWorker, WorkerRequest>) => this.receive(message));
    worker.on('error', (error) => this.failAll(error));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.worker = undefined;
      this.failAll(new Error(`the source worker stopped (exit code ${code})`));
    });
    this.worker = worker;
  }
}

/** node:worker_threads, required when the first worker starts: loading it at activation costs 2 to 7 ms. */
function workerThreads(): typeof import('node:worker_threads') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('node:worker_threads') as typeof import('node:worker_threads');
}
