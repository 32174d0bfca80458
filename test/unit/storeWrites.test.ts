import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseStore } from '../../src/core/extract/extractionStore';
import { storedCandidate } from '../../src/host/worker/corpusStore';
import { loadFolders } from '../../src/host/worker/folderLoad';
import { contentOutcomesSync, readersOf } from '../../src/host/worker/folderReaders';
import { inputsUnchanged, RecordChecks } from '../../src/host/worker/inputRecords';
import type { FromWorker, LoadRequest, WorkerFolder } from '../../src/host/worker/protocol';
import { Replies } from '../../src/host/worker/replies';
import { RunningLoads } from '../../src/host/worker/runningLoads';
import { createSourceWorker, SourceWorker } from '../../src/host/worker/sourceWorker';
import { FLUSH_TIMEOUT_MS } from '../../src/host/worker/sourceWorkerClient';
import { StoreWrite, StoreWrites } from '../../src/host/worker/storeWrites';

const MAX = 1024 * 1024;

/** A promise a test settles when it wants. */
function gate(): { readonly opened: Promise<void>; open(): void } {
  let open = (): void => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

const tick = (ms = 0): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The source worker's queue of writes made after its replies (src/host/worker/storeWrites.ts), with fake writes. */
describe('the source worker writes what it stores after its reply, one write at a time', () => {
  it('writes only the newest state of a file that was asked for again before its write began, never an older one after it', async () => {
    const made: string[] = [];
    let writing = 0;
    let mostAtOnce = 0;
    const first = gate();
    const write = (name: string, wait?: Promise<void>): StoreWrite => async () => {
      made.push(name);
      mostAtOnce = Math.max(mostAtOnce, ++writing);
      await (wait ?? tick(5));
      writing--;
      return undefined;
    };
    const writes = new StoreWrites(() => assert.fail('no write fails'));
    writes.schedule('corpus.bin', write('corpus 1', first.opened));
    await tick();
    writes.schedule('corpus.bin', write('corpus 2'));
    writes.schedule('cache.json', write('cache 2'));
    writes.schedule('corpus.bin', write('corpus 3'));
    first.open();
    await writes.flush();
    // corpus 1 had begun and is finished; corpus 2 never begins; corpus 3 comes after cache 2, asked for after it.
    assert.deepEqual(made, ['corpus 1', 'cache 2', 'corpus 3']);
    assert.equal(mostAtOnce, 1, 'two writes never overlap');
    assert.equal(writes.pending, false);
  });

  it('flushes once the write in progress and those asked for meanwhile are made', async () => {
    const writes = new StoreWrites(() => assert.fail('no write fails'));
    const slow = gate();
    const made: string[] = [];
    writes.schedule('corpus.bin', async () => (await slow.opened, made.push('corpus'), undefined));
    let flushed = false;
    const flushing = writes.flush().then(() => (flushed = true));
    await tick(10);
    assert.equal(flushed, false, 'the write in progress is waited for');
    writes.schedule('cache.json', async () => (made.push('cache'), undefined));
    slow.open();
    await flushing;
    assert.deepEqual(made, ['corpus', 'cache']);
    // Nothing pending: at once.
    await writes.flush();
  });

  it('reports a write that failed, by its note or its error, and goes on with the next', async () => {
    const notes: string[] = [];
    const writes = new StoreWrites((note) => notes.push(note));
    let written = false;
    writes.schedule('corpus.bin', async () => 'the stored corpus corpus.bin could not be written: ENOSPC');
    writes.schedule('cache.json', async () => {
      throw new Error('EACCES');
    });
    writes.schedule('other.json', async () => ((written = true), undefined));
    await writes.flush();
    assert.deepEqual(notes, ['the stored corpus corpus.bin could not be written: ENOSPC', 'cache.json could not be written: EACCES']);
    assert.ok(written);
  });
});

/** A load of the Node worker's heavy half (folderLoad.ts), in process, its replies and writes recorded. */
describe('a load of the Node source worker replies first and writes the stored corpus and extraction cache after', function () {
  this.timeout(60_000);
  let dir: string;
  let folder: WorkerFolder;
  let request: LoadRequest & { store: NonNullable<LoadRequest['store']> };
  const names = ['a.md', 'b.md', 'c.md'];
  const text = (name: string, words = 'that matter'): string => `# ${name}\n\n"Words of ${name} ${words}," Hana Okafor said.\n`;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sourcebook-writes-'));
    const notes = path.join(dir, 'notes');
    fs.mkdirSync(notes);
    for (const name of names) fs.writeFileSync(path.join(notes, name), text(name));
    folder = { label: 'notes', root: notes, rootName: 'notes', boundary: notes, files: names };
    const store = { file: path.join(dir, 'storage', 'extraction-cache.json'), version: 't', snapshotFile: path.join(dir, 'storage', 'corpus.bin') };
    request = { type: 'load', id: 1, folders: [folder], knownSpeakers: [], maxFileBytes: MAX, progressFrom: 150, store, build: { earlier: [], maxFileBytes: MAX, version: 't' } };
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Loads as workerMain.ts does, the host's side acknowledging each piece; `onReply` sees the reply when it is posted. */
  async function load(writes: StoreWrites, id: number, onReply?: (message: FromWorker) => void): Promise<FromWorker[]> {
    const posted: FromWorker[] = [];
    const replies: Replies = new Replies((message) => {
      posted.push(message);
      if (message.type === 'corpus-part') replies.acknowledge(message.id);
      if (message.type === 'loaded') onReply?.(message);
    });
    await loadFolders({ ...request, id }, new RunningLoads().start(id), undefined, replies, writes);
    return posted;
  }

  const checks = (): RecordChecks => ({ readerOf: (_label, role) => readersOf(folder)[role], contentOf: (_label, role, file, maxBytes) => contentOutcomesSync(folder)(role, file, maxBytes) });

  it('posts the reply before either file is written, and has both written once flushed', async () => {
    const writes = new StoreWrites((note) => assert.fail(note));
    const atReply: boolean[] = [];
    const posted = await load(writes, 1, () => atReply.push(writes.pending, fs.existsSync(request.store.snapshotFile as string), fs.existsSync(request.store.file)));
    assert.deepEqual(atReply, [false, false, false], 'nothing was asked to be written, nor written, when the reply went out');
    assert.equal(posted.at(-1)?.type, 'loaded', 'the reply is the load\'s last message');
    assert.ok(writes.pending, 'the writes wait for their turn');
    await writes.flush();
    const stored = await storedCandidate(request);
    assert.ok(stored && typeof stored !== 'string' && stored.files === 3, 'the corpus of the three files is stored');
    assert.ok(await inputsUnchanged(stored.records, checks()));
    const cache = parseStore(fs.readFileSync(request.store.file, 'utf8'), 't');
    assert.ok(cache instanceof Map && cache.get('notes')?.cache.size === 3);
  });

  it('writes only the newer of two loads that finished before their writes began, never the older after it', async () => {
    const made: string[] = [];
    const writes = new (class extends StoreWrites {
      override schedule(file: string, write: StoreWrite): void {
        super.schedule(file, async () => (made.push(path.basename(file)), write()));
      }
    })((note) => assert.fail(note));
    // A write of something else in progress: both loads' writes wait behind it.
    const busy = gate();
    writes.schedule(path.join(dir, 'busy'), async () => (await busy.opened, undefined));
    await load(writes, 1);
    fs.writeFileSync(path.join(folder.root, 'b.md'), text('b.md', 'that changed'));
    await load(writes, 2);
    busy.open();
    await writes.flush();
    assert.deepEqual(made, ['busy', 'corpus.bin', 'extraction-cache.json'], 'one write of each file');
    // What was written is the second load's: the stored corpus holds against the files as they are now.
    const stored = await storedCandidate(request);
    assert.ok(stored && typeof stored !== 'string');
    assert.ok(await inputsUnchanged(stored.records, checks()), 'the stored corpus is the newer one');
    const cache = parseStore(fs.readFileSync(request.store.file, 'utf8'), 't');
    assert.ok(cache instanceof Map);
    assert.match(cache.get('notes')?.cache.get('b.md')?.text ?? '', /that changed/u);
  });

  it('still tells the log why a write failed, after the reply, and replies without a note', async () => {
    // The storage folder is a file: neither store can be written.
    fs.writeFileSync(path.join(dir, 'storage'), 'not a folder');
    const notes: string[] = [];
    const writes = new StoreWrites((note) => notes.push(note));
    const posted = await load(writes, 1);
    const reply = posted.find((message) => message.type === 'loaded');
    assert.ok(reply && reply.type === 'loaded' && reply.storeNote === undefined);
    await writes.flush();
    assert.equal(notes.length, 2, notes.join('\n'));
    assert.match(notes[0], /the stored corpus .*corpus\.bin could not be written/u);
    assert.match(notes[1], /the extraction cache .*extraction-cache\.json could not be written/u);
  });
});

/**
 * The extension host's side of the Node worker (sourceWorker.ts), with a stand-in worker script that logs what it is
 * asked and answers a flush after `flushMs` (never, when undefined).
 */
describe('stopping the Node source worker waits for its writes', function () {
  this.timeout(FLUSH_TIMEOUT_MS + 10_000);
  let dir: string;
  let log: string;
  /** Every worker a test made, stopped after it even when it failed: a worker listened to keeps the process alive. */
  let made: SourceWorker[];

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sourcebook-stop-'));
    log = path.join(dir, 'log.txt');
    fs.writeFileSync(log, '');
    made = [];
  });
  afterEach(async () => {
    for (const worker of made) worker.onStoreNote = () => undefined;
    await Promise.all(made.map((worker) => worker.dispose()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function workerAnswering(flushMs: number | undefined): SourceWorker {
    const script = `const { parentPort } = require('node:worker_threads');
const fs = require('node:fs');
parentPort.on('message', (message) => {
  if (message.type === 'prefetch') fs.appendFileSync(${JSON.stringify(log)}, 'started ' + message.file + '\\n');
  if (message.type === 'flush' && ${flushMs !== undefined}) setTimeout(() => {
    parentPort.postMessage({ type: 'store-note', note: 'the stored corpus could not be written: ENOSPC' });
    fs.appendFileSync(${JSON.stringify(log)}, 'flushed\\n');
    parentPort.postMessage({ type: 'flushed', id: message.id });
  }, ${flushMs ?? 0});
});`;
    fs.mkdirSync(path.join(dir, 'dist'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'dist', 'sourceWorker.js'), script);
    return newWorker();
  }

  function newWorker(): SourceWorker {
    const worker = createSourceWorker(dir);
    assert.ok(worker);
    made.push(worker);
    return worker;
  }

  const logged = (): string[] => fs.readFileSync(log, 'utf8').split('\n').filter(Boolean);
  async function until(condition: () => boolean): Promise<void> {
    for (let waited = 0; !condition(); waited += 10) {
      if (waited > 5000) assert.fail(`waited in vain: ${logged().join(' | ')}`);
      await tick(10);
    }
  }

  it('stops a worker once it has flushed, tells its notes, and starts the next worker only then', async () => {
    const first = workerAnswering(300);
    const notes: string[] = [];
    first.onStoreNote = (note) => notes.push(note);
    first.prestart('one');
    await until(() => logged().length === 1);
    const started = Date.now();
    const stopping = first.dispose();
    // As a new window on the same storage would: its worker must not start while the first still writes.
    const second = newWorker();
    second.onStoreNote = () => undefined;
    second.prestart('two');
    await stopping;
    assert.ok(Date.now() - started >= 250, 'the stop waited for the flush');
    assert.deepEqual(notes, ['the stored corpus could not be written: ENOSPC'], 'the note of a write after the reply reaches the host');
    await until(() => logged().length === 3);
    assert.deepEqual(logged(), ['started one', 'flushed', 'started two']);
    assert.equal(await second.flush(1000), true);
  });

  it('gives up on a worker that does not answer within the timeout, says so, and stops it', async () => {
    const silent = workerAnswering(undefined);
    const notes: string[] = [];
    silent.onStoreNote = (note) => notes.push(note);
    silent.prestart('one');
    await until(() => logged().length === 1);
    assert.equal(await silent.flush(100), false);
    const started = Date.now();
    await silent.dispose();
    assert.ok(Date.now() - started >= FLUSH_TIMEOUT_MS - 50, 'the stop waited for the timeout');
    assert.equal(notes.length, 1);
    assert.match(notes[0], /had not finished writing/u);
  });
});
