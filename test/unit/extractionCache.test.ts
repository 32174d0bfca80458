import * as assert from 'node:assert/strict';
import { ExtractionCache, loadExtractedCollection } from '../../src/core/extract/loadExtractedCollection';
import { FolderReader, refuse } from '../../src/core/files/folderReader';

/** Modification times by path; a test bumps one to say the file changed. */
const versions = new Map<string, number>();

function memoryReader(files: Map<string, string>): FolderReader {
  return {
    read: async (p) => (files.has(p) ? { ok: true, bytes: new TextEncoder().encode(files.get(p)) } : refuse.missing()),
    uriOf: (p) => `memory:/${p}`,
    displayPathOf: (p) => `notes/${p}`,
    stat: async (p) => (files.has(p) ? { ok: true, size: files.get(p)!.length, mtime: versions.get(p) ?? 0 } : refuse.missing()),
  };
}

describe('incremental extraction', () => {
  it('re-extracts only the files whose text changed, and forgets deleted ones', async () => {
    const files = new Map([
      ['a.md', '# A\n\n"Every plateau so far has been a bad choice of axis," Tobias Wren said.\n'],
      ['b.md', '# B\n\n"Evaluation, not data, is what will run out first," Jonas Feld said.\n'],
    ]);
    const cache: ExtractionCache = new Map();
    const options = { origin: 'workspace' as const, catalogFile: 'notes (extracted)', cache };
    const first = await loadExtractedCollection(memoryReader(files), [...files.keys()], [], options);
    const aBefore = cache.get('a.md')!.result;
    const bBefore = cache.get('b.md')!.result;
    files.set('b.md', '# B\n\n"Evaluation, not data, will run out first of all," Jonas Feld said.\n');
    versions.set('b.md', 2);
    const second = await loadExtractedCollection(memoryReader(files), [...files.keys()], [], options);
    assert.equal(cache.get('a.md')!.result, aBefore, 'unchanged file reused');
    assert.notEqual(cache.get('b.md')!.result, bBefore, 'changed file extracted again');
    assert.equal(first.collection!.catalog.quotes!.length, 2);
    assert.deepEqual(second.collection!.catalog.quotes!.map((q) => q.text).sort(), ['Evaluation, not data, will run out first of all', 'Every plateau so far has been a bad choice of axis'].sort());
    files.delete('a.md');
    await loadExtractedCollection(memoryReader(files), [...files.keys()], [], options);
    assert.deepEqual([...cache.keys()], ['b.md']);
  });

  it('merges a person named in several files into one speaker', async () => {
    const files = new Map([
      ['a.md', '"Every plateau so far has been a bad choice of axis," Tobias Wren said.\n'],
      ['b.md', '"Nothing about scale is settled yet, not even the axis," Tobias Wren said.\n'],
    ]);
    const loaded = await loadExtractedCollection(memoryReader(files), [...files.keys()], [], { origin: 'workspace', catalogFile: 'x' });
    const catalog = loaded.collection!.catalog;
    assert.deepEqual(catalog.speakers!.filter((s) => s.name === 'Tobias Wren').length, 1);
    assert.equal(new Set(catalog.quotes!.map((q) => q.speaker)).size, 1);
  });
});
