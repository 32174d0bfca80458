import * as os from 'node:os';

/*
 * The source worker yields the processor to the editor (issue #19, never in the writer's way). Extraction and
 * building keep a core busy for seconds; on a machine with few cores the extension host's own thread then waits
 * for the processor between its timers, though it has nothing in the worker's way (measured: 50 to 80 ms gaps in a
 * thread doing nothing else while 10,000 files load). A lower priority for the worker's thread lets the host's
 * thread, and every other extension's, run first.
 */

/** The nice value of the worker's thread: low enough to yield, not so low that a busy machine starves the load. */
export const WORKER_NICE = 10;

/**
 * Lowers the calling thread's priority where that is the thread's alone: on Linux, where setpriority with no process
 * id sets the calling thread (a task of its own). Elsewhere it would lower the whole extension host, so nothing is
 * done. Says whether it was lowered.
 */
export function lowerThreadPriority(platform: NodeJS.Platform = process.platform): boolean {
  if (platform !== 'linux') return false;
  try {
    if (os.getPriority(0) < WORKER_NICE) os.setPriority(0, WORKER_NICE);
    return true;
  } catch {
    // A sandbox that refuses it: the worker runs at the host's priority, as before.
    return false;
  }
}
