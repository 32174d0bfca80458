import type { SourceWorker } from './sourceWorker';

/**
 * sourceWorker.ts for the browser build (esbuild.js swaps this file in): a web extension host has no worker_threads
 * and its files are not on a local disk, so there is no source worker; the sources are read on the host, with
 * the knowledge base and indexes built in slices (src/host/timeSlices.ts).
 */
export function createSourceWorker(_extensionPath: string | undefined): SourceWorker | undefined {
  return undefined;
}

export type { SourceWorker };
