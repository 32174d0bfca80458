import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { setSetting, sourcebook } from './helpers';

const FILES = 1000;
const QUOTES_PER_FILE = 30;
const WORDS = 'data scale model compute wall synthetic reasoning world agent training text video code math verifier benchmark curve plateau axis signal'.split(' ');
const PEOPLE = ['Mara Ellison', 'Tobias Wren', 'Hana Okafor', 'Jonas Feld'];

/** A deterministic note of QUOTES_PER_FILE attributed quotations. */
function note(index: number): string {
  let seed = index + 1;
  const next = (): number => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const lines = [`# Meeting notes ${index}`, ''];
  for (let q = 0; q < QUOTES_PER_FILE; q++) {
    const words = Array.from({ length: 6 + Math.floor(next() * 8) }, () => WORDS[Math.floor(next() * WORDS.length)]);
    lines.push(`In session ${q}, "${words.join(' ')} item ${index}x${q}" ${PEOPLE[Math.floor(next() * PEOPLE.length)]} said.`, '');
  }
  return lines.join('\n');
}

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

  it('loads every quote, and a change to one file re-indexes quickly', async () => {
    const api = await sourcebook();
    let started = Date.now();
    await setSetting('sources', ['large-corpus']);
    await api.reload();
    const firstLoad = Date.now() - started;
    const workspaceQuotes = api.corpus().kb.quotes.filter((q) => q.source.origin === 'workspace');
    assert.equal(workspaceQuotes.length, FILES * QUOTES_PER_FILE);
    assert.ok(workspaceQuotes.every((q) => PEOPLE.includes(q.speaker.name)));

    started = Date.now();
    const changed = vscode.Uri.joinPath(dir(), 'note-0007.md');
    await vscode.workspace.fs.writeFile(changed, new TextEncoder().encode(`${note(7)}\n"a new remark about the data wall entirely" Hana Okafor said.\n`));
    await api.reload();
    const reload = Date.now() - started;
    assert.ok(api.corpus().kb.quotes.some((q) => q.text === 'a new remark about the data wall entirely'));
    console.log(`      first load ${firstLoad} ms, reload after one change ${reload} ms`);
    assert.ok(reload < firstLoad, `an incremental reload (${reload} ms) should be faster than the first load (${firstLoad} ms)`);

    const hits = api.corpus().index.search('item 7x3', { limit: 5 });
    assert.ok(hits.some((h) => h.quote.text.includes('item 7x3')));
  });
});
