import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { CancelledError } from '../../core/util/cancellation';
import type { QuoteTable, SourceRecord } from '../../core/snapshot/snapshotTypes';
import type { FromWorker, LoadedReply, LoadRequest, ProgressReply, ToWorker } from './protocol';

/**
 * A load's answer. `checked` is set when the corpus is the stored one, sent while the worker reads its files again: it
 * resolves to whether they are unchanged, and the corpus may be served only then (CorpusService).
 */
export type LoadResult = LoadedReply & { readonly checked?: Promise<boolean> };

/** The host's cancellation: a VS Code token fits. */
export interface Token {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => void): { dispose(): void };
}

interface Pending {
  readonly resolve: (reply: LoadResult) => void;
  readonly reject: (error: Error) => void;
  readonly onProgress?: (progress: ProgressReply) => void;
  /** The corpus's sources and quote blocks received so far (CorpusPartReply), in order. */
  readonly sources: SourceRecord[];
  readonly quotes: QuoteTable[];
  readonly indexes: { search?: unknown; check?: unknown };
}

/** The extension host's side of the source worker: what CorpusService and the bench use. */
export interface SourceWorker {
  /** Reads and extracts the folders in the worker; rejects with a CancelledError when the token is cancelled. */
  load(request: Omit<LoadRequest, 'type' | 'id'>, token: Token, onProgress?: (progress: ProgressReply) => void): Promise<LoadResult>;
  /** Cancels the reading of one folder of a load (its notification's Cancel); the rest of the load goes on. */
  cancelFolder(id: number, folder: string): void;
  /**
   * Starts the thread now, so that it is up by the time the first load is sent (the host finds the files meanwhile),
   * and, on its start, has it read the stored corpus `storeFile` ahead of that load.
   */
  prestart(storeFile?: string): void;
  dispose(): void;
}

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
 * sourceWorker.web.ts (no worker: the sources are read on the host, in slices).
 */
class NodeSourceWorker implements SourceWorker {
  private worker?: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** The verdicts awaited on stored corpora already received (LoadResult.checked), by load. */
  private readonly checks = new Map<number, (unchanged: boolean) => void>();

  constructor(private readonly script: string) {}

  load(request: Omit<LoadRequest, 'type' | 'id'>, token: Token, onProgress?: (progress: ProgressReply) => void): Promise<LoadResult> {
    const id = this.nextId++;
    const worker = this.started();
    return new Promise<LoadResult>((resolve, reject) => {
      const cancel = token.onCancellationRequested(() => this.send({ type: 'cancel', id }));
      this.pending.set(id, {
        resolve: (reply) => {
          cancel.dispose();
          resolve(reply);
        },
        reject: (error) => {
          cancel.dispose();
          reject(error);
        },
        onProgress,
        sources: [],
        quotes: [],
        indexes: {},
      });
      worker.postMessage({ ...request, type: 'load', id } satisfies LoadRequest);
    });
  }

  cancelFolder(id: number, folder: string): void {
    this.send({ type: 'cancel', id, folder });
  }

  prestart(storeFile?: string): void {
    if (this.worker) return;
    this.started();
    if (storeFile) this.send({ type: 'prefetch', file: storeFile });
  }

  dispose(): void {
    void this.worker?.terminate();
    this.worker = undefined;
    this.failAll(new CancelledError());
  }

  private send(message: ToWorker): void {
    this.worker?.postMessage(message);
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new (workerThreads().Worker)(this.script);
    // The worker never keeps the extension host alive on its own.
    worker.unref();
    worker.on('message', (message: FromWorker) => this.receive(message));
    worker.on('error', (error) => this.failAll(error));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.worker = undefined;
      this.failAll(new Error(`the source worker stopped (exit code ${code})`));
    });
    this.worker = worker;
    return worker;
  }

  private receive(message: FromWorker): void {
    if (message.type === 'checked') {
      this.receiveVerdict(message.id, message.unchanged);
      return;
    }
    const pending = this.pending.get(message.id);
    if (!pending) return;
    if (message.type === 'progress') {
      pending.onProgress?.(message);
      return;
    }
    if (message.type === 'corpus-part') {
      for (const source of message.sources ?? []) pending.sources.push(source);
      if (message.quotes) pending.quotes.push(message.quotes);
      if (message.search !== undefined) pending.indexes.search = message.search;
      if (message.check !== undefined) pending.indexes.check = message.check;
      this.send({ type: 'received', id: message.id });
      return;
    }
    this.pending.delete(message.id);
    if (message.type === 'loaded') pending.resolve(this.withCheck(withPieces(message, pending)));
    else if (message.type === 'failed') pending.reject(message.cancelled ? new CancelledError() : new Error(message.message));
  }

  /** A reply whose stored corpus is still being checked gets the verdict's promise (resolved by its CheckedReply). */
  private withCheck(reply: LoadedReply): LoadResult {
    if (!reply.checking) return reply;
    const checked = new Promise<boolean>((resolve) => this.checks.set(reply.id, resolve));
    return { ...reply, checked };
  }

  private receiveVerdict(id: number, unchanged: boolean): void {
    this.checks.get(id)?.(unchanged);
    this.checks.delete(id);
  }

  private failAll(error: Error): void {
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) p.reject(error);
    // A stored corpus whose check never came is not served.
    for (const id of [...this.checks.keys()]) this.receiveVerdict(id, false);
  }
}

/** node:worker_threads, required when the first worker starts: loading it at activation costs 2 to 7 ms. */
function workerThreads(): typeof import('node:worker_threads') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('node:worker_threads') as typeof import('node:worker_threads');
}

/** The reply with its corpus joined from the pieces that came before it. */
function withPieces(reply: LoadedReply, pending: Pending): LoadedReply {
  return { ...reply, corpus: { ...reply.corpus, snapshot: { ...reply.corpus.snapshot, sources: pending.sources, quotes: pending.quotes, ...pending.indexes } } };
}
