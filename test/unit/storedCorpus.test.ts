import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ExtractionCaches } from '../../src/core/extract/extractionCaches';
import { snapshotCorpus } from '../../src/core/snapshot/writeSnapshot';
import { inputsKey, prefetchStored, StoredCandidate, storedCandidate, writeStored } from '../../src/host/worker/corpusStore';
import { contentOutcomesSync, readersOf } from '../../src/host/worker/folderReaders';
import { InputRecorder, inputsUnchanged, RecordChecks } from '../../src/host/worker/inputRecords';
import { copiedArrays } from '../../src/host/worker/replies';
import type { BuildRequest, LoadRequest, WorkerFolder } from '../../src/host/worker/protocol';
import { seedCorpus } from './helpers/seedCorpus';

const MAX = 1024 * 1024;

/** What the worker serves (workerMain.ts): the stored corpus of the request, if every file it read is unchanged. */
async function storedCorpus(request: LoadRequest, checks: RecordChecks): Promise<StoredCandidate | string | undefined> {
  const stored = await storedCandidate(request);
  if (stored === undefined || typeof stored === 'string') return stored;
  return (await inputsUnchanged(stored.records, checks)) ? stored : undefined;
}

/** The source worker's stored corpus (src/host/worker/corpusStore.ts): used only while every file it read is unchanged. */
describe('the stored corpus of a new window', () => {
  let dir: string;
  let folder: WorkerFolder;
  let request: LoadRequest & { build: BuildRequest };
  let checks: RecordChecks;
  const names = ['a.md', 'b.md', 'c.md'];

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sourcebook-stored-'));
    const notes = path.join(dir, 'notes');
    fs.mkdirSync(notes);
    for (const name of names) fs.writeFileSync(path.join(notes, name), `# ${name}\n\n"Words of ${name} that matter," Hana Okafor said.\n`);
    folder = { label: 'notes', root: notes, rootName: 'notes', boundary: notes, files: names };
    const store = { file: path.join(dir, 'storage', 'extraction-cache.json'), version: 't', snapshotFile: path.join(dir, 'storage', 'corpus.bin') };
    request = { type: 'load', id: 1, folders: [folder], knownSpeakers: [], maxFileBytes: MAX, progressFrom: 150, store, build: { earlier: [], maxFileBytes: MAX, version: 't' } };
    checks = { readerOf: (_label, role) => readersOf(folder)[role], contentOf: (_label, role, file, maxBytes) => contentOutcomesSync(folder)(role, file, maxBytes) };
    // What a load does: read every file through the recording reader, then store the corpus with the records.
    const recorder = new InputRecorder();
    const reader = recorder.wrap('notes', 'files', readersOf(folder).files);
    for (const name of names) await reader.read(name, MAX);
    const snapshot = snapshotCorpus(await seedCorpus());
    assert.equal(await writeStored(store.snapshotFile, { key: inputsKey(request), records: recorder.records(new ExtractionCaches(), MAX), problems: [], snapshot }), undefined);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is used when nothing changed, and counts the files it stands for', async () => {
    const stored = await storedCorpus(request, checks);
    assert.ok(stored && typeof stored !== 'string');
    assert.equal(stored.files, 3);
    const rows = (snapshot: { quotes: readonly { count: number }[] }): number => snapshot.quotes.reduce((n, block) => n + block.count, 0);
    assert.equal(rows(stored.snapshot), rows(snapshotCorpus(await seedCorpus())));
    // The quick synchronous read gives what the reader's read would record.
    for (const name of names) assert.match(contentOutcomesSync(folder)('files', name, MAX) ?? '', /^content:/u);
  });

  it('is not used once a file changed, even with the same size and modification time', async () => {
    const file = path.join(folder.root, 'b.md');
    const { mtime } = fs.statSync(file);
    const text = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, text.replace('matter', 'mattr!'));
    fs.utimesSync(file, mtime, mtime);
    assert.equal(fs.statSync(file).size, Buffer.byteLength(text));
    assert.equal(await storedCorpus(request, checks), undefined);
    fs.writeFileSync(file, text);
    assert.ok(typeof (await storedCorpus(request, checks)) === 'object', 'the same bytes again: used again');
  });

  it('is not used when a file is gone, when the folder lists other files, or under other settings', async () => {
    assert.equal(await storedCorpus({ ...request, folders: [{ ...folder, files: [...names, 'd.md'] }] }, checks), undefined);
    assert.equal(await storedCorpus({ ...request, maxFileBytes: MAX / 2 }, checks), undefined);
    assert.equal(await storedCorpus({ ...request, build: { ...request.build, version: 'u' } }, checks), undefined);
    fs.rmSync(path.join(folder.root, 'c.md'));
    assert.equal(await storedCorpus(request, checks), undefined);
  });

  it('is never read when damaged: the reason is given and the corpus is rebuilt', async () => {
    const file = request.store?.snapshotFile as string;
    const bytes = fs.readFileSync(file);
    bytes[Math.floor(bytes.length * 0.6)] ^= 0xff;
    fs.writeFileSync(file, bytes);
    assert.match(String(await storedCorpus(request, checks)), /damaged|could not be read/u);
    fs.writeFileSync(file, bytes.subarray(0, 100));
    assert.match(String(await storedCorpus(request, checks)), /could not be read|damaged/u);
  });

  it('is read ahead of the first load when the worker starts, and that copy serves that load only', async () => {
    const file = request.store?.snapshotFile as string;
    await prefetchStored(file);
    // Read before it was damaged: what the load that follows finds.
    fs.writeFileSync(file, fs.readFileSync(file).subarray(0, 100));
    const first = await storedCandidate(request);
    assert.ok(first && typeof first !== 'string' && first.files === 3);
    // The next load reads the file again: the copy read ahead is not kept.
    assert.match(String(await storedCandidate(request)), /could not be read|damaged/u);
    // A copy read ahead for another request (other settings) is set aside like a stored corpus read then.
    await writeStored(file, { key: inputsKey(request), records: first.records, problems: [], snapshot: first.snapshot });
    await prefetchStored(file);
    assert.equal(await storedCandidate({ ...request, maxFileBytes: MAX / 2 }), undefined);
  });

  it('checks a file the slow way when the quick read cannot vouch for it (a link leading outside the folder)', async () => {
    const outside = path.join(dir, 'outside.md');
    fs.writeFileSync(outside, 'elsewhere');
    fs.rmSync(path.join(folder.root, 'a.md'));
    fs.symlinkSync(outside, path.join(folder.root, 'a.md'));
    assert.equal(contentOutcomesSync(folder)('files', 'a.md', MAX), undefined);
    assert.equal(await storedCorpus(request, checks), undefined);
  });
});

describe('a corpus sent by the source worker', () => {
  it('carries copies of its typed arrays the size of their contents, not views into a larger buffer', () => {
    const file = new ArrayBuffer(1 << 20);
    const view = new Int32Array(file, 64, 4);
    view.set([1, 2, 3, 4]);
    const { value, buffers } = copiedArrays({ segments: view, turns: [{ asides: view }], name: 'x' });
    assert.deepEqual(Array.from(value.segments), [1, 2, 3, 4]);
    assert.equal(value.name, 'x');
    assert.equal(buffers.length, 2);
    assert.ok(buffers.every((buffer) => buffer.byteLength === 16), 'each buffer holds its array only');
    assert.notEqual(value.turns[0].asides.buffer, file);
  });
});
