import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { FromWorker, ToWorker, WorkerRequest } from './protocol';
import { FLUSH_TIMEOUT_MS, Location, SourceWorker, SourceWorkerClient } from './sourceWorkerClient';

export type { LoadResult, SourceWorker, Token } from './sourceWorkerClient';

/** The worker beside the extension's bundle, or undefined when it is not there (then sources load in process). */
export function createSourceWorker(extensionPath: string | undefined): SourceWorker | undefined {
  const candidates = [path.join(__dirname, 'sourceWorker.js'), ...(extensionPath ? [path.join(extensionPath, 'dist', 'sourceWorker.js')] : [])];
  const script = candidates.find((file) => fs.existsSync(file));
  return script ? new NodeSourceWorker(script) : undefined;
}

/**
 * The workers of this process being stopped, until their writes are made (or their time is up) and their threads
 * are gone: a new worker starts only after them, so that it reads the stored corpus they were writing, whole, and
 * never writes a file one of them still writes (the bench and the tests start one right after stopping one).
 */
const stopping = new Set<Promise<void>>();

/**
 * The extension host's side of the source worker (workerMain.ts, bundled as dist/sourceWorker.js): one
 * worker_threads worker, started on the first load of the writer's own folders and kept, so that its extraction
 * caches make a reload after one change re-read one file. The browser build has no worker_threads and gets
 * sourceWorker.web.ts (a Web Worker, whose files the host reads).
 */
class NodeSourceWorker extends SourceWorkerClient {
  readonly kind = 'a worker thread';
  private worker?: Worker;
  /** Set while an earlier worker of this process is being stopped: what is sent meanwhile, posted once this starts. */
  private queued?: { message: ToWorker; transfer: ArrayBuffer[] }[];

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
    if (this.hasWorker()) return;
    this.start();
    if (storeFile) this.send({ type: 'prefetch', file: storeFile });
  }

  /** The loads fail at once; the thread is stopped once it has written what it keeps, or after FLUSH_TIMEOUT_MS. */
  dispose(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.queued = undefined;
    this.cancelLoads((message) => worker?.postMessage(message));
    if (!worker) return Promise.resolve();
    // Never rejects (terminate does not fail): a listener's error must not keep the next worker from starting.
    const stopped = this.stopped(worker).catch(() => undefined);
    stopping.add(stopped);
    void stopped.finally(() => stopping.delete(stopped));
    return stopped;
  }

  private async stopped(worker: Worker): Promise<void> {
    const exited = new Promise<boolean>((resolve) => worker.once('exit', () => resolve(false)));
    const flushed = await Promise.race([this.flushThrough((message) => worker.postMessage(message), FLUSH_TIMEOUT_MS), exited]);
    if (!flushed) this.note(`the source worker had not finished writing the stored corpus and extraction cache within ${FLUSH_TIMEOUT_MS / 1000} s; it was stopped, and the next window builds what was not stored`);
    await worker.terminate();
  }

  protected hasWorker(): boolean {
    return this.worker !== undefined || this.queued !== undefined;
  }

  protected send(message: ToWorker, transfer: ArrayBuffer[] = []): void {
    if (this.worker) this.worker.postMessage(message, transfer);
    else this.queued?.push({ message, transfer });
  }

  protected start(): void {
    if (this.hasWorker()) return;
    if (stopping.size === 0) {
      this.spawn();
      return;
    }
    const queued: { message: ToWorker; transfer: ArrayBuffer[] }[] = [];
    this.queued = queued;
    void afterStopping().then(() => {
      if (this.queued !== queued) return; // disposed meanwhile
      this.queued = undefined;
      const worker = this.spawn();
      for (const { message, transfer } of queued) worker.postMessage(message, transfer);
    });
  }

  private spawn(): Worker {
    // execArgv: the worker is a plain bundle and needs none of the host's Node options (a loader given to the host
    // process, as `tsx` in the bench, would otherwise be set up again in the thread, tens of milliseconds).
    const worker = new (workerThreads().Worker)(this.script, { execArgv: [] });
    // The worker never keeps the extension host alive on its own.
    worker.unref();
    // The Node worker reads the disk itself and never asks the host for files (FromWorker's WorkerRequest).
    worker.on('message', (message: Exclude<FromWorker, WorkerRequest>) => this.receive(message));
    // A worker being stopped fails nothing: its loads have failed already, and a newer worker's go on.
    worker.on('error', (error) => {
      if (this.worker === worker) this.failAll(error);
    });
    worker.on('exit', (code) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.failAll(new Error(`the source worker stopped (exit code ${code})`));
    });
    this.worker = worker;
    return worker;
  }
}

/** Settles once no worker of this process is being stopped, those that began stopping meanwhile included. */
async function afterStopping(): Promise<void> {
  while (stopping.size > 0) await Promise.all(stopping);
}

/** node:worker_threads, required when the first worker starts: loading it at activation costs 2 to 7 ms. */
function workerThreads(): typeof import('node:worker_threads') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('node:worker_threads') as typeof import('node:worker_threads');
}
