import type { QuoteTable, SourceRecord } from '../../core/snapshot/snapshotTypes';
import { CancelledError } from '../../core/util/cancellation';
import type { FromWorker, LoadedReply, LoadRequest, ProgressReply, ToWorker, WorkerRequest } from './protocol';

/*
 * The extension host's side of a source worker, whichever it is (a worker_threads worker in Node, sourceWorker.ts; a
 * Web Worker in the browser build, webSourceWorker.ts): the loads sent and awaited, the corpus assembled from its
 * acknowledged pieces, the verdicts on stored corpora, and every load failed when the worker goes. The two differ only
 * in how the worker starts and is posted to, and in the browser's answering the worker's requests for files.
 */

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

/** A location as vscode.Uri gives it: its path on the local disk, and the URI's own spelling. */
export interface Location {
  readonly scheme: string;
  readonly fsPath: string;
  toString(): string;
}

/** The extension host's side of the source worker: what CorpusService, workspaceSources.ts and the bench use. */
export interface SourceWorker {
  /** How the worker runs, for the log: "a worker thread", "a Web Worker". */
  readonly kind: string;
  /** Whether this worker can read folders of this URI scheme (the Node one reads the local disk only). */
  reads(scheme: string): boolean;
  /** How a folder is named in a load request: its path on the local disk (Node), its URI (the browser). */
  locationOf(uri: Location): string;
  /** Reads and extracts the folders in the worker; rejects with a CancelledError when the token is cancelled. */
  load(request: Omit<LoadRequest, 'type' | 'id'>, token: Token, onProgress?: (progress: ProgressReply) => void): Promise<LoadResult>;
  /** Cancels the reading of one folder of a load (its notification's Cancel); the rest of the load goes on. */
  cancelFolder(id: number, folder: string): void;
  /**
   * Starts the worker now, so that it is up by the time the first load is sent (the host finds the files meanwhile),
   * and, on its start, has it read the stored corpus `storeFile` ahead of that load.
   */
  prestart(storeFile?: string): void;
  /**
   * Waits until the worker has written what it keeps between windows, which it writes after its replies (the stored
   * corpus, the extraction cache); resolves whether it did within `timeoutMs`. At once when no worker runs.
   */
  flush(timeoutMs?: number): Promise<boolean>;
  /**
   * Stops the worker, once its pending writes are made or FLUSH_TIMEOUT_MS have passed (a write cut short leaves
   * the file as it was: replaceFile.ts); the loads awaited fail at once. The next load starts a new worker.
   */
  dispose(): Promise<void>;
  /** Where the worker's notes on its stores go (a write that failed after its reply, a flush that timed out): the log. */
  onStoreNote?: (note: string) => void;
}

/**
 * How long a worker being stopped is given to finish its writes: VS Code gives an extension host that shuts down 5
 * seconds for its extensions' deactivate, and a stored corpus of 10,000 files (125 MB) is written in one or two.
 */
export const FLUSH_TIMEOUT_MS = 4_000;

interface Pending {
  readonly resolve: (reply: LoadResult) => void;
  readonly reject: (error: Error) => void;
  readonly onProgress?: (progress: ProgressReply) => void;
  /** The corpus's sources and quote blocks received so far (CorpusPartReply), in order. */
  readonly sources: SourceRecord[];
  readonly quotes: QuoteTable[];
  readonly indexes: { search?: unknown; check?: unknown };
}

export abstract class SourceWorkerClient implements SourceWorker {
  abstract readonly kind: string;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** The verdicts awaited on stored corpora already received (LoadResult.checked), by load. */
  private readonly checks = new Map<number, (unchanged: boolean) => void>();
  /** The flushes awaited (FlushRequest), by request: each ends with its FlushedReply or its timeout. */
  private readonly flushes = new Map<number, (done: boolean) => void>();
  onStoreNote?: (note: string) => void;

  abstract reads(scheme: string): boolean;
  abstract locationOf(uri: Location): string;
  abstract prestart(storeFile?: string): void;
  abstract dispose(): Promise<void>;
  /** Whether a worker runs or is starting (what is sent reaches it). */
  protected abstract hasWorker(): boolean;
  /** Starts the worker unless it runs: what is sent meanwhile reaches it once it does. */
  protected abstract start(): void;
  /** Posts to the worker; dropped when none runs. */
  protected abstract send(message: ToWorker, transfer?: ArrayBuffer[]): void;

  load(request: Omit<LoadRequest, 'type' | 'id'>, token: Token, onProgress?: (progress: ProgressReply) => void): Promise<LoadResult> {
    const message: LoadRequest = { ...request, type: 'load', id: this.nextId++ };
    this.start();
    const cancel = token.onCancellationRequested(() => this.send({ type: 'cancel', id: message.id }));
    return new Promise<LoadResult>((resolve, reject) => {
      this.pending.set(message.id, { resolve, reject, onProgress, sources: [], quotes: [], indexes: {} });
      this.send(message);
    }).finally(() => cancel.dispose());
  }

  cancelFolder(id: number, folder: string): void {
    this.send({ type: 'cancel', id, folder });
  }

  flush(timeoutMs = FLUSH_TIMEOUT_MS): Promise<boolean> {
    return this.hasWorker() ? this.flushThrough((message) => this.send(message), timeoutMs) : Promise.resolve(true);
  }

  /**
   * Sends a FlushRequest through `post` (a worker being stopped is no longer the one `send` reaches) and resolves
   * true on its FlushedReply, false after `timeoutMs`: a worker that never answers (it stopped, or hangs) is not
   * waited for longer.
   */
  protected flushThrough(post: (message: ToWorker) => void, timeoutMs: number): Promise<boolean> {
    const id = this.nextId++;
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => settle(false), timeoutMs);
      const settle = (done: boolean): void => {
        clearTimeout(timer);
        this.flushes.delete(id);
        resolve(done);
      };
      this.flushes.set(id, settle);
      post({ type: 'flush', id });
    });
  }

  /** A note on the worker's stores, for the log; the extension host's console when nobody listens. */
  protected note(note: string): void {
    if (this.onStoreNote) this.onStoreNote(note);
    else console.warn(`Sourcebook: ${note}`);
  }

  /** A message of the worker's (the browser's client answers the worker's requests for files first). */
  protected receive(message: Exclude<FromWorker, WorkerRequest>): void {
    if (message.type === 'checked') {
      this.receiveVerdict(message.id, message.unchanged);
      return;
    }
    if (message.type === 'flushed') {
      this.flushes.get(message.id)?.(true);
      return;
    }
    if (message.type === 'store-note') {
      this.note(message.note);
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

  /**
   * Every load awaited fails with a CancelledError, told to the worker too, so that a worker given time to finish
   * its writes does not spend it building a corpus nobody waits for.
   */
  protected cancelLoads(post: (message: ToWorker) => void): void {
    for (const id of this.pending.keys()) post({ type: 'cancel', id });
    this.failAll(new CancelledError());
  }

  /** Every load awaited fails with `error` (the worker stopped, or could not start). */
  protected failAll(error: Error): void {
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) p.reject(error);
    // A stored corpus whose check never came is not served.
    for (const id of [...this.checks.keys()]) this.receiveVerdict(id, false);
  }
}

/** The reply with its corpus joined from the pieces that came before it. */
function withPieces(reply: LoadedReply, pending: Pending): LoadedReply {
  return { ...reply, corpus: { ...reply.corpus, snapshot: { ...reply.corpus.snapshot, sources: pending.sources, quotes: pending.quotes, ...pending.indexes } } };
}
