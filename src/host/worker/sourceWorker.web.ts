import type { LoadedReply, LoadRequest, ProgressReply } from './protocol';

/**
 * sourceWorker.ts for the browser build (esbuild.js swaps this file in): a web extension host has no worker_threads
 * and its files are not on a local disk, so there is no source worker; the sources are read on the host, with
 * the knowledge base and indexes built in slices (src/host/timeSlices.ts).
 */
export class SourceWorker {
  static create(_extensionPath: string | undefined): SourceWorker | undefined {
    return undefined;
  }

  load(_request: Omit<LoadRequest, 'type' | 'id'>, _token: unknown, _onProgress?: (progress: ProgressReply) => void): Promise<LoadedReply> {
    return Promise.reject(new Error('there is no source worker in a web extension host'));
  }

  cancelFolder(_id: number, _folder: string): void {}

  dispose(): void {}
}
