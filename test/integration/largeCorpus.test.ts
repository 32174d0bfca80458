import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { generatedNote, NOTE_PEOPLE, NOTE_QUOTES } from '../fixtures/generatedNotes';
import { setSetting, sourcebook } from './helpers';

const FILES = 1000;
const QUOTES_PER_FILE = NOTE_QUOTES;
const PEOPLE = NOTE_PEOPLE;
const note = generatedNote;

describe('a large corpus of your own (1,000 files, 30,000 quotes)', function () {
  this.timeout(180_000);
  const dir = (): vscode.Uri => vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'large-corpus');

  before(async () => {
    const encoder = new TextEncoder();
    await Promise.all(Array.from({ length: FILES }, (_, i) => vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir(), `note-${String(i).padStart(4, '0')}.md`), encoder.encode(note(i)))));
  });
  after(async () => {
    await setSetting('sources', undefined);
    await (await sourcebook()).reload();
    await vscode.workspace.fs.delete(dir(), { recursive: true });
  });

  it('loads every quote in the source worker while the picker keeps serving, and a change re-reads one file', async () => {
    const api = await sourcebook();
    await setSetting('sources', ['large-corpus']);
    let finished = false;
    const loading = api.reload().then(() => (finished = true));
    // While the folder is read and indexed, the seeds go on serving searches from this thread.
    await new Promise<void>((resolve) => setTimeout(resolve, 100));
    assert.equal(finished, false, 'the load of 1,000 files is still running');
    const during = api.corpus().index.search('peak data', { limit: 3 });
    assert.equal(during[0]?.quote.speaker.name, 'Ilya Sutskever');
    await loading;
    const workspaceQuotes = api.corpus().kb.quotes.filter((q) => q.source.origin === 'workspace');
    assert.equal(workspaceQuotes.length, FILES * QUOTES_PER_FILE);
    assert.ok(workspaceQuotes.every((q) => PEOPLE.includes(q.speaker.name)));
    assert.equal(api.loadReport().worker?.extractedFiles, FILES, 'every file was read and extracted in the worker');
    assert.equal(api.loadReport().worker?.corpusFrom, 'built', 'the knowledge base and indexes were built in the worker');
    assert.ok(api.corpus().passageCount !== undefined, 'the passages came built with the corpus');
    // A reload with nothing changed builds nothing: the worker still has the corpus.
    await api.reload();
    assert.deepEqual(api.loadReport().worker, { extractedFiles: 0, restoredFiles: 0, storeNote: undefined, corpusFrom: 'memory' });

    const changed = vscode.Uri.joinPath(dir(), 'note-0007.md');
    const untouched = api.corpus().kb.quotes.filter((q) => q.source.displayPath.endsWith('note-0100.md'));
    await vscode.workspace.fs.writeFile(changed, new TextEncoder().encode(`${note(7)}\n"a new remark about the data wall entirely" Hana Okafor said.\n`));
    await api.reload();
    assert.ok(api.corpus().kb.quotes.some((q) => q.text === 'a new remark about the data wall entirely'));
    // Read back against the corpus served before: an untouched file's quotes are the very same objects.
    assert.equal(untouched.length, QUOTES_PER_FILE);
    const now = new Set(api.corpus().kb.quotes);
    assert.ok(untouched.every((q) => now.has(q)), 'the quotes of an unchanged file were made anew');
    assert.equal(api.loadReport().worker?.extractedFiles, 1, 'only the changed file was extracted again');
    assert.equal(api.loadReport().worker?.corpusFrom, 'built');

    // A new worker (as in a new window) starts from the persistent cache and the stored corpus, which the old one
    // wrote after its reply and finished writing before it stopped: nothing is extracted or built again.
    await api.restartSourceWorker();
    await api.reload();
    assert.deepEqual(api.loadReport().worker, { extractedFiles: 0, restoredFiles: FILES, storeNote: undefined, corpusFrom: 'disk' });
    assert.ok(api.corpus().kb.quotes.some((q) => q.text === 'a new remark about the data wall entirely'));
    assert.equal(api.corpus().kb.quotes.filter((q) => q.source.origin === 'workspace').length, FILES * QUOTES_PER_FILE + 1);

    const hits = api.corpus().index.search('item 7x3', { limit: 5 });
    assert.ok(hits.some((h) => h.quote.text.includes('item 7x3')));

    // A file changed while no worker ran (between two windows): the stored corpus is sent while its files are read
    // again, found stale and not served; the corpus is read and built instead.
    await api.restartSourceWorker();
    const between = vscode.Uri.joinPath(dir(), 'note-0009.md');
    await vscode.workspace.fs.writeFile(between, new TextEncoder().encode(`${note(9)}\n"a remark written between two windows" Hana Okafor said.\n`));
    await api.reload();
    assert.ok(api.corpus().kb.quotes.some((q) => q.text === 'a remark written between two windows'), 'the stale stored corpus was not served');
    assert.notEqual(api.loadReport().worker?.corpusFrom, 'disk');
    assert.equal(api.corpus().kb.quotes.filter((q) => q.source.origin === 'workspace').length, FILES * QUOTES_PER_FILE + 2);
  });
});
