import { CancellationToken, noopToken, throwIfCancelled } from '../core/util/cancellation';
import type { Steps } from '../core/util/steps';

/**
 * How long a computation may hold the extension host's thread before it lets other work run: well under a
 * frame, so hovers, completions and other extensions answer while the corpus is built (the bench measures the
 * longest block of the event loop).
 */
export const SLICE_MS = 8;

/**
 * Runs a computation in slices of about SLICE_MS, giving the thread back between them (a macrotask, so that
 * I/O and other extensions' messages are served), until it ends or the token is cancelled.
 */
export async function runInSlices<T>(steps: Steps<T>, token: CancellationToken = noopToken, sliceMs = SLICE_MS): Promise<T> {
  let deadline = performance.now() + sliceMs;
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (performance.now() < deadline) continue;
    await yieldThread();
    throwIfCancelled(token);
    deadline = performance.now() + sliceMs;
  }
}

/**
 * Lets queued work run: setImmediate in Node (after pending I/O, without the 1 ms floor of a timer), a timer in a
 * web worker, which has no setImmediate.
 */
function yieldThread(): Promise<void> {
  return new Promise<void>((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));
}
