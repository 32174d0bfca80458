import * as vscode from 'vscode';
import { loadBundle, readBundleText } from '../bundleFiles.web';
import { workspaceFolderReader } from '../workspaceFolderReader';
import type { LoadRequest, ProgressReply } from './protocol';
import type { LoadResult, Location, SourceWorker, Token } from './sourceWorkerClient';
import type * as WebClient from './webSourceWorker';
import { workerUnavailableError } from './workerUnavailable';

export type { LoadResult, SourceWorker, Token } from './sourceWorkerClient';

/*
 * sourceWorker.ts for the browser build (esbuild.js swaps this file in): the source worker is a Web Worker
 * (webWorkerMain.ts, dist/web/sourceWorker.js) that extracts the writer's folders and builds their corpus; its
 * client (webSourceWorker.ts) is a bundle of its own, dist/web/sourceWorkerClient.js, read when the first load of the
 * writer's folders starts: the browser bundle stays small for those who have none. Here only what needs VS Code: the
 * bundles' texts and the folders' readers, given to the client.
 */

/** A source worker where the host can start workers; none elsewhere (then sources are read on the host). */
export function createSourceWorker(_extensionPath: string | undefined): SourceWorker | undefined {
  return typeof (globalThis as { Worker?: unknown }).Worker === 'function' ? new DeferredSourceWorker() : undefined;
}

const host: WebClient.WebWorkerHost = {
  bundleText: async (name) => (await readBundleText(name)).text,
  readerOf: (folder, role) => {
    if (role === 'catalog') return folder.catalogRoot === undefined ? undefined : workspaceFolderReader(vscode.Uri.parse(folder.catalogRoot), folder.label);
    return workspaceFolderReader(vscode.Uri.parse(folder.root), folder.rootName, { boundary: vscode.Uri.parse(folder.boundary) });
  },
};

/**
 * The client of dist/web/sourceWorkerClient.js, read from its creation on (the first load of the writer's folders);
 * what is asked of it meanwhile waits for it. Small on purpose: this is in the browser bundle.
 */
class DeferredSourceWorker implements SourceWorker {
  readonly kind = 'a Web Worker';
  private loaded?: SourceWorker;
  private unavailable = false;
  onStoreNote?: (note: string) => void;
  private readonly client = loadBundle<typeof WebClient>('sourceWorkerClient.js', 'WebSourceWorker').then(
    (bundle) => {
      this.loaded = new bundle.WebSourceWorker(host);
      this.loaded.onStoreNote = (note) => this.onStoreNote?.(note);
      return this.loaded;
    },
    (error: unknown) => {
      this.unavailable = true;
      throw workerUnavailableError(`the source worker's client could not be read (${String(error)})`);
    },
  );

  reads(scheme: string): boolean {
    return this.loaded?.reads(scheme) ?? !this.unavailable;
  }

  locationOf(uri: Location): string {
    return uri.toString();
  }

  async load(request: Omit<LoadRequest, 'type' | 'id'>, token: Token, onProgress?: (progress: ProgressReply) => void): Promise<LoadResult> {
    return (await this.client).load(request, token, onProgress);
  }

  cancelFolder(id: number, folder: string): void {
    this.loaded?.cancelFolder(id, folder);
  }

  prestart(storeFile?: string): void {
    this.client.then((client) => client.prestart(storeFile), () => undefined);
  }

  flush(timeoutMs?: number): Promise<boolean> {
    return this.client.then((client) => client.flush(timeoutMs), () => true);
  }

  dispose(): Promise<void> {
    return this.client.then((client) => client.dispose(), () => undefined);
  }
}
