import * as assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { URI, Utils } from 'vscode-uri';
import { parseCatalog } from '../../src/core/catalog/parseCatalog';
import { formatReaders } from '../../src/core/extract/heavyReaders';
import { loadExtractedCollection } from '../../src/core/extract/loadExtractedCollection';
import type { FolderReader } from '../../src/core/files/folderReader';
import { loadSourceFolders } from '../../src/core/kb/loadCollection';
import { builtSnapshot } from '../../src/core/snapshot/buildSnapshot';
import type { CorpusSnapshot } from '../../src/core/snapshot/snapshotTypes';
import { CancelledError } from '../../src/core/util/cancellation';
import { HostRequests } from '../../src/host/worker/hostRequests';
import type { LoadRequest, ToWorker, WorkerFolder, WorkerRequest } from '../../src/host/worker/protocol';
import { fileUri, proxyFolderReader } from '../../src/host/worker/proxyFolderReader';
import type { Token } from '../../src/host/worker/sourceWorkerClient';
import { WebSourceWorker, WebWorkerHost } from '../../src/host/worker/webSourceWorker';
import { nodeFolderReader } from '../../src/node/folderReader';

/*
 * The browser's source worker (issue #19), in process: its client (webSourceWorker.ts) starts a fake Worker whose
 * other side is the real worker module (webWorkerMain.ts, which takes this process's globalThis for its scope), the
 * messages structured-cloned (the bytes and the snapshot's arrays transferred) as between a page and its worker.
 */

const ROOT = path.resolve(__dirname, '..', '..');
const DEMO = path.join(ROOT, 'demo');
const MAX_FILE_BYTES = 2 * 1024 * 1024;

/** A cancellation a test triggers. */
function tokenSource(): { token: Token; cancel(): void } {
  const listeners: (() => void)[] = [];
  const token = { isCancellationRequested: false, onCancellationRequested: (listener: () => void) => (listeners.push(listener), { dispose: () => undefined }) };
  return { token, cancel: () => ((token.isCancellationRequested = true), listeners.forEach((listener) => listener())) };
}
const never = tokenSource().token;

describe('the browser source worker: file URIs and proxy readers', () => {
  it('names a file as vscode.Uri.joinPath would, once the host spells it again', () => {
    for (const root of ['file:///home/writer/My%20Project', 'vscode-vfs://github/owner/repo/', 'vscode-remote://ssh-remote%2Bbox/work']) {
      for (const relative of ['sources/notes.md', 'sources/a b/#1 (draft)%.md', 'Über/naïve — piece?.html', 'x/y/[z]&w+v=;.pdf']) {
        const expected = Utils.joinPath(URI.parse(root), ...relative.split('/')).toString();
        assert.equal(URI.parse(fileUri(root, relative)).toString(), expected, `${root} + ${relative}`);
      }
    }
  });

  it('asks the host for stat and read, and names files by the folder it was made for', async () => {
    const asked: WorkerRequest[] = [];
    const host: HostRequests = new HostRequests((request) => {
      asked.push(request);
      setImmediate(() => host.settle({ type: 'io-reply', id: request.id, value: request.type === 'io' && request.op === 'stat' ? { ok: true, size: 3, mtime: 7 } : { ok: true, bytes: new Uint8Array([104, 105]) } }));
    });
    const folder: WorkerFolder = { label: 'proj/notes', root: 'vscode-vfs://github/o/r', rootName: 'proj', boundary: 'vscode-vfs://github/o/r/notes', catalogRoot: 'vscode-vfs://github/o/r/notes', files: [] };
    const files = proxyFolderReader(host, 4, folder, 'files');
    const catalog = proxyFolderReader(host, 4, folder, 'catalog');
    assert.deepEqual(await files.stat('notes/a.md'), { ok: true, size: 3, mtime: 7 });
    assert.deepEqual(await catalog.read('sourcebook.json', 99), { ok: true, bytes: new Uint8Array([104, 105]) });
    assert.deepEqual(asked, [
      { type: 'io', id: 1, load: 4, folder: 'proj/notes', role: 'files', op: 'stat', path: 'notes/a.md', maxBytes: 0 },
      { type: 'io', id: 2, load: 4, folder: 'proj/notes', role: 'catalog', op: 'read', path: 'sourcebook.json', maxBytes: 99 },
    ]);
    assert.equal(files.uriOf('notes/a b.md'), 'vscode-vfs://github/o/r/notes/a%20b.md');
    assert.equal(files.displayPathOf('notes/a.md'), 'proj/notes/a.md');
    assert.equal(catalog.displayPathOf('a.md'), 'proj/notes/a.md');
  });

  it('fails a read the host could not answer', async () => {
    const host: HostRequests = new HostRequests((request) => setImmediate(() => host.settle({ type: 'io-reply', id: request.id, error: 'gone' })));
    const reader = proxyFolderReader(host, 1, { label: 'l', root: 'file:///r', rootName: 'r', boundary: 'file:///r', files: [] }, 'files');
    await assert.rejects(reader.read('a.md', 10), /gone/u);
  });
});

/** The host's readers of the test: over the local disk (the extension's are over workspace.fs), slowed when asked. */
class TestHost implements WebWorkerHost {
  reads = 0;
  bundles: string[] = [];
  /** Set: each stat and read waits for this before it is answered (the worker keeps its caches between tests). */
  gate?: Promise<void>;

  async bundleText(name: string): Promise<string> {
    this.bundles.push(name);
    // The worker script runs in this process already; the readers are this process's (real) ones.
    return name === 'formats.js' ? 'module.exports = globalThis.__sourcebookTestFormats;' : '';
  }

  readerOf(folder: WorkerFolder, role: 'catalog' | 'files'): FolderReader | undefined {
    const local = (uri: string): string => fileURLToPath(uri);
    const reader = role === 'catalog' ? folder.catalogRoot && nodeFolderReader(local(folder.catalogRoot), folder.label) : nodeFolderReader(local(folder.root), folder.rootName, local(folder.boundary));
    if (!reader) return undefined;
    return {
      ...reader,
      stat: async (file) => {
        await this.gate;
        return reader.stat(file);
      },
      read: async (file, maxBytes) => {
        this.reads++;
        await this.gate;
        return reader.read(file, maxBytes);
      },
    };
  }
}

/** A Worker whose other side is webWorkerMain.ts in this process, messages cloned and transferred as a browser does. */
class FakeWorker {
  static started = 0;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror: ((event: { message?: string }) => void) | null = null;
  private terminated = false;

  constructor() {
    FakeWorker.started++;
    const scope = globalThis as unknown as { postMessage: (message: unknown, transfer: ArrayBuffer[]) => void };
    scope.postMessage = (message, transfer) => {
      const data = structuredClone(message, { transfer });
      setImmediate(() => this.terminated || this.onmessage?.({ data }));
    };
  }

  postMessage(message: ToWorker, transfer: ArrayBuffer[]): void {
    const data = structuredClone(message, { transfer });
    const scope = globalThis as unknown as { onmessage: (event: { data: unknown }) => void };
    setImmediate(() => this.terminated || scope.onmessage({ data }));
  }

  terminate(): void {
    this.terminated = true;
  }
}

/** The demo's sources/ folder as the extension names it on the web: by URIs. */
function demoRequest(): Omit<LoadRequest, 'type' | 'id'> {
  const root = pathToFileURL(DEMO).toString();
  const base = `${root}/sources`;
  const files = readdirSync(path.join(DEMO, 'sources')).map((name) => `sources/${name}`).sort();
  const folder: WorkerFolder = { label: 'demo/sources', root, rootName: 'demo', boundary: base, catalogRoot: base, files };
  return { folders: [folder], knownSpeakers: [], maxFileBytes: MAX_FILE_BYTES, progressFrom: 150, build: { earlier: [], maxFileBytes: MAX_FILE_BYTES, version: 'test' } };
}

/** The same folder read and built here, directly: what the worker's answer must equal. */
async function builtHere(request: Omit<LoadRequest, 'type' | 'id'>): Promise<CorpusSnapshot> {
  const [folder] = request.folders;
  const reader = nodeFolderReader(path.join(DEMO), 'demo', path.join(DEMO, 'sources'));
  const loaded = await loadSourceFolders([{
    label: folder.label,
    catalogReader: nodeFolderReader(path.join(DEMO, 'sources'), folder.label),
    reader: { ...reader, uriOf: (file) => fileUri(folder.root, file) },
    list: async () => ({ files: folder.files }),
  }], [{ origin: 'seed', catalogFile: 'known speakers', catalog: { version: 1, sources: [], speakers: [] }, files: [] }], {
    maxFileBytes: MAX_FILE_BYTES,
    readers: async () => formatReaders,
    extraction: async () => ({ loadExtractedCollection }),
    parser: async () => parseCatalog,
  });
  return builtSnapshot(request.build, loaded.collections);
}

describe('the browser source worker: a load through its client, in process', function () {
  this.timeout(60_000);
  const scope = globalThis as unknown as Record<string, unknown>;
  const saved = { Worker: scope.Worker, postMessage: scope.postMessage, onmessage: scope.onmessage };
  let host: TestHost;
  let client: WebSourceWorker;

  before(() => {
    scope.__sourcebookTestFormats = { formatReaders };
    scope.Worker = FakeWorker;
    // The worker's module sets globalThis.onmessage, as a Web Worker's script does.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- run for its effect, once the scope is ready
    require('../../src/host/worker/webWorkerMain');
  });
  after(() => {
    for (const [key, value] of Object.entries(saved)) scope[key] = value;
    delete scope.__sourcebookTestFormats;
  });
  beforeEach(() => {
    host = new TestHost();
    client = new WebSourceWorker(host);
  });
  afterEach(() => client.dispose());

  it('reads every file through the host, extracts the web page and the PDF, and answers the corpus a load here builds', async () => {
    const request = demoRequest();
    const reply = await client.load(request, never);
    assert.equal(reply.corpus.from, 'built');
    assert.equal(reply.extractedFiles, request.folders[0].files.length);
    assert.ok(host.reads >= request.folders[0].files.length, `${host.reads} reads`);
    assert.deepEqual(host.bundles, ['sourceWorker.js', 'formats.js']);
    const titles = reply.corpus.snapshot.sources.map((source) => source.title);
    assert.ok(titles.includes('Annual Report 2024'), titles.join(' | '));
    assert.ok(titles.includes('Synthetic data is not a free lunch, researchers warn'), titles.join(' | '));
    assert.deepEqual(reply.corpus.snapshot, await builtHere(request));
  });

  it('extracts nothing again on a second load of unchanged files (its caches are kept in the worker)', async () => {
    const request = demoRequest();
    await client.load(request, never);
    const again = await client.load(request, never);
    assert.equal(again.extractedFiles, 0);
    assert.ok(again.corpus.snapshot.sources.length > 0);
  });

  it('stops a superseded load: the worker reads no further file, and the load rejects with a CancelledError', async () => {
    let open = (): void => undefined;
    host.gate = new Promise<void>((resolve) => (open = resolve));
    const source = tokenSource();
    const loading = client.load(demoRequest(), source.token);
    await new Promise((resolve) => setTimeout(resolve, 50));
    source.cancel();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const readsWhenCancelled = host.reads;
    open();
    await assert.rejects(loading, CancelledError);
    assert.ok(host.reads <= readsWhenCancelled + 1, `${host.reads} reads, ${readsWhenCancelled} when cancelled`);
  });

  it('answers a flush at once: the browser worker writes nothing between windows', async () => {
    await client.load(demoRequest(), never);
    assert.equal(await client.flush(1000), true);
  });

  it('fails the loads awaited when disposed', async () => {
    host.gate = new Promise<void>(() => undefined);
    const loading = client.load(demoRequest(), never);
    await new Promise((resolve) => setTimeout(resolve, 20));
    client.dispose();
    await assert.rejects(loading, CancelledError);
  });

  it('says it cannot start, and reads no more, when the worker script cannot be read', async () => {
    const failing = new WebSourceWorker({ ...host, bundleText: () => Promise.reject(new Error('no such file')), readerOf: () => undefined });
    await assert.rejects(failing.load(demoRequest(), never), (error: Error) => error.name === 'WorkerUnavailableError' && /no such file/u.test(error.message));
    assert.equal(failing.reads('file'), false);
  });
});
