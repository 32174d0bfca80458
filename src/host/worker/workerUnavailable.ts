/**
 * The name of the error a source worker's load fails with when the worker could not be started here (its script
 * unreadable, workers refused by the host): the folders are then read on the extension host instead
 * (workspaceSources.ts), and the worker's `reads` answers false from then on. Told by its name: the browser's
 * client is a bundle of its own (dist/web/sourceWorkerClient.js), whose classes are not the main bundle's.
 */
export const WORKER_UNAVAILABLE = 'WorkerUnavailableError';

export function workerUnavailableError(message: string): Error {
  const error = new Error(message);
  error.name = WORKER_UNAVAILABLE;
  return error;
}
