import { CancelledError } from '../../core/util/cancellation';
import type { CancelRequest, FailedReply } from './protocol';

/*
 * The loads a source worker is running, each with its cancellation, as either worker keeps them (workerMain.ts in
 * Node, webWorkerMain.ts in the browser): a CancelRequest stops a whole load (superseded by a newer one) or one
 * folder's reading (its notification's Cancel), which the core loader sees between two files.
 */

/** A load's cancellation: the whole load's, and each folder's (its notification's Cancel). */
export interface Cancellation {
  isCancellationRequested: boolean;
  readonly folders: Map<string, { isCancellationRequested: boolean }>;
}

export class RunningLoads {
  private readonly running = new Map<number, Cancellation>();

  /** The cancellation of load `id`, which runs until `end(id)`. */
  start(id: number): Cancellation {
    const cancellation: Cancellation = { isCancellationRequested: false, folders: new Map() };
    this.running.set(id, cancellation);
    return cancellation;
  }

  end(id: number): void {
    this.running.delete(id);
  }

  cancel(request: CancelRequest): void {
    const cancellation = this.running.get(request.id);
    if (!cancellation) return;
    if (request.folder === undefined) cancellation.isCancellationRequested = true;
    else {
      const folder = cancellation.folders.get(request.folder);
      if (folder) folder.isCancellationRequested = true;
    }
  }
}

/** The reply of a load that failed; a cancellation (this bundle's CancelledError or another's) says so. */
export function failedReply(id: number, error: unknown): FailedReply {
  const cancelled = error instanceof CancelledError || (error instanceof Error && error.name === 'CancelledError');
  return { type: 'failed', id, cancelled, message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}
