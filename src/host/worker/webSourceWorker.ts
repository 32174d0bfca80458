import { type FolderReader, refuse } from '../../core/files/folderReader';
import { CancelledError } from '../../core/util/cancellation';
import type { ReaderRole } from './inputRecords';
import type { FromWorker, IoReply, IoRequest, LoadRequest, ToWorker, WorkerFolder, WorkerRequest } from './protocol';
import { Location, SourceWorkerClient } from './sourceWorkerClient';
import { workerUnavailableError } from './workerUnavailable';

/*
 * The web extension host's side of the browser's source worker (webWorkerMain.ts, dist/web/sourceWorker.js), a
 * bundle of its own (dist/web/sourceWorkerClient.js), read only when the writer has folders of their own
 * (sourceWorker.web.ts). The worker extracts and builds; this host only reads the files it asks for and reads the
 * corpus back in slices.
 *
 * VS Code's web worker extension host lets an extension start a Worker from a URL, but not from the extension's own
 * location when that is remote (code-server, Codespaces: "Creating workers from remote extensions is currently not
 * supported"), and a CDN's would be another origin. So the script is read through workspace.fs, like every bundle of
 * the browser build, and started from a blob: URL.
 */

/** What the client needs of VS Code, given by the main bundle (this one is evaluated without `vscode`). */
export interface WebWorkerHost {
  /** The text of dist/web/<name>. */
  bundleText(name: string): Promise<string>;
  /** The host's reader of a folder, made as a load on the host makes it (workspaceFolderReader.ts). */
  readerOf(folder: WorkerFolder, role: ReaderRole): FolderReader | undefined;
}

/** A Web Worker, as much of it as is used (the project's types have no DOM). */
interface WebWorker {
  onmessage: ((event: { readonly data: FromWorker }) => void) | null;
  onerror: ((event: { readonly message?: string; preventDefault?(): void }) => void) | null;
  postMessage(message: ToWorker, transfer: ArrayBuffer[]): void;
  terminate(): void;
}
type WebWorkerConstructor = new (url: string, options?: { name?: string }) => WebWorker;

export class WebSourceWorker extends SourceWorkerClient {
  readonly kind = 'a Web Worker';
  private worker?: { readonly worker: WebWorker; readonly url: string };
  /** Set while the script is read and the worker started: what is sent meanwhile waits in `queued`. */
  private starting?: Promise<void>;
  private queued: { message: ToWorker; transfer: ArrayBuffer[] }[] = [];
  /** Set when the worker could not start: the folders are read on the host from then on. */
  private unavailable = false;
  /** The folders of each load sent and not yet answered: the only ones the worker's requests may read. */
  private readonly folders = new Map<number, LoadRequest['folders']>();

  constructor(private readonly host: WebWorkerHost) {
    super();
  }

  reads(_scheme: string): boolean {
    // Any folder the host's reader serves: the worker reads through it.
    return !this.unavailable;
  }

  locationOf(uri: Location): string {
    return uri.toString();
  }

  prestart(_storeFile?: string): void {
    // Nothing is stored in the browser: there is no stored corpus to read ahead.
    this.start();
  }

  /** At once: the browser's worker writes nothing between windows, so there is nothing to wait for. */
  dispose(): Promise<void> {
    this.stop();
    this.failAll(new CancelledError());
    return Promise.resolve();
  }

  protected hasWorker(): boolean {
    return this.worker !== undefined || this.starting !== undefined;
  }

  protected start(): void {
    if (this.worker || this.starting || this.unavailable) return;
    const starting: Promise<void> = this.spawn().then(
      (started) => {
        if (this.starting !== starting) return stopped(started); // disposed meanwhile
        this.starting = undefined;
        this.worker = started;
        for (const { message, transfer } of this.queued.splice(0)) started.worker.postMessage(message, transfer);
      },
      (error: unknown) => {
        if (this.starting !== starting) return;
        this.stop();
        this.unavailable = true;
        this.failAll(workerUnavailableError(`the source worker could not start: ${error instanceof Error ? error.message : String(error)}`));
      },
    );
    this.starting = starting;
  }

  protected send(message: ToWorker, transfer: ArrayBuffer[] = []): void {
    if (message.type === 'load') this.folders.set(message.id, message.folders);
    if (this.worker) this.worker.worker.postMessage(message, transfer);
    else if (this.starting) this.queued.push({ message, transfer });
  }

  private async spawn(): Promise<{ worker: WebWorker; url: string }> {
    const text = await this.host.bundleText('sourceWorker.js');
    const Worker = (globalThis as { Worker?: WebWorkerConstructor }).Worker;
    if (!Worker) throw new Error('this extension host cannot start workers');
    const url = URL.createObjectURL(new Blob([text], { type: 'application/javascript' }));
    try {
      const worker = new Worker(url, { name: 'Sourcebook source worker' });
      worker.onmessage = ({ data }) => {
        if (data.type === 'io' || data.type === 'bundle') return this.answer(data);
        if (data.type === 'loaded' || data.type === 'failed') this.folders.delete(data.id);
        this.receive(data);
      };
      worker.onerror = (event) => {
        event.preventDefault?.();
        this.stop();
        this.failAll(new Error(`the source worker stopped: ${event.message ?? 'an error'}`));
      };
      return { worker, url };
    } catch (error) {
      URL.revokeObjectURL(url);
      throw error;
    }
  }

  private stop(): void {
    this.starting = undefined;
    this.queued = [];
    this.folders.clear();
    if (this.worker) stopped(this.worker);
    this.worker = undefined;
  }

  /** The worker asks for a file (through the host's reader of its folder) or a bundle's text. */
  private answer(request: WorkerRequest): void {
    void this.answerOf(request).then(
      ({ value, transfer }) => this.send({ type: 'io-reply', id: request.id, value }, transfer),
      (error: unknown) => this.send({ type: 'io-reply', id: request.id, error: error instanceof Error ? error.message : String(error) }),
    );
  }

  private async answerOf(request: WorkerRequest): Promise<{ value: IoReply['value']; transfer: ArrayBuffer[] }> {
    if (request.type === 'bundle') {
      // Only the web page and PDF readers are ever asked for.
      if (request.name !== 'formats.js') throw new Error(`dist/web/${request.name} is not for the source worker`);
      return { value: await this.host.bundleText(request.name), transfer: [] };
    }
    const reader = this.readerFor(request);
    if (!reader) return { value: refuse.unreadable('its load is over'), transfer: [] };
    if (request.op === 'stat') return { value: await reader.stat(request.path), transfer: [] };
    const read = await reader.read(request.path, request.maxBytes);
    if (!read.ok) return { value: read, transfer: [] };
    // A copy of its own, moved rather than copied again: workspace.fs may hand out a view into a larger buffer.
    const bytes = read.bytes.slice();
    return { value: { ok: true, bytes }, transfer: [bytes.buffer] };
  }

  /** Only a folder of a load this client sent and still awaits is read: the worker reads nothing else. */
  private readerFor(request: IoRequest): FolderReader | undefined {
    const folder = this.folders.get(request.load)?.find((f) => f.label === request.folder);
    return folder && this.host.readerOf(folder, request.role);
  }
}

function stopped(started: { readonly worker: WebWorker; readonly url: string }): void {
  started.worker.terminate();
  URL.revokeObjectURL(started.url);
}
