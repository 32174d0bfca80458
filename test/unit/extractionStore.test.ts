import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseStore, serializeStore, StoredFolder } from '../../src/core/extract/extractionStore';
import { ExtractionCache, loadExtractedCollection } from '../../src/core/extract/loadExtractedCollection';
import { contentHash } from '../../src/core/util/contentHash';
import { nodeFolderReader } from '../../src/node/folderReader';

const NOTE = '# Notes\n\n"Every plateau so far has been a measurement problem" Tobias Wren said.\n';

/** Extracts the folder with a cache; returns the speakers of its quotes and the cache. */
async function extract(dir: string, cache: ExtractionCache): Promise<string[]> {
  const loaded = await loadExtractedCollection(nodeFolderReader(dir, 'notes'), ['a.md'], [], { origin: 'workspace', catalogFile: 'notes (extracted)', cache });
  return (loaded.collection?.catalog.quotes ?? []).map((q) => q.text);
}

describe('the persistent extraction cache', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sourcebook-store-'));
    fs.writeFileSync(path.join(dir, 'a.md'), NOTE);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('round-trips, and a restored entry is used once the file is read again with the same fingerprint', async () => {
    const cache: ExtractionCache = new Map();
    assert.deepEqual(await extract(dir, cache), ['Every plateau so far has been a measurement problem']);
    const text = serializeStore('1.2.3', new Map<string, StoredFolder>([['notes', { knownKey: 'k', cache }]]));
    const restored = parseStore(text, '1.2.3');
    assert.ok(restored instanceof Map);
    const folder = restored.get('notes')!;
    assert.equal(folder.knownKey, 'k');
    const entry = folder.cache.get('a.md')!;
    assert.equal(entry.origin, 'disk');
    assert.equal(entry.verified, false);
    assert.equal(entry.hash, contentHash(new TextEncoder().encode(NOTE)));
    assert.deepEqual(await extract(dir, folder.cache), ['Every plateau so far has been a measurement problem']);
    const used = folder.cache.get('a.md')!;
    assert.equal(used.verified, true, 'verified against the file');
    assert.equal(used.result, entry.result, 'its extraction was used, not redone');
  });

  it('never trusts a restored entry whose file changed with the same size and time', async () => {
    const cache: ExtractionCache = new Map();
    await extract(dir, cache);
    const restored = parseStore(serializeStore('1', new Map([['notes', { knownKey: '', cache }]])), '1') as Map<string, StoredFolder>;
    const changed = NOTE.replace('Tobias Wren', 'Tobias Wran');
    const { mtime } = fs.statSync(path.join(dir, 'a.md'));
    fs.writeFileSync(path.join(dir, 'a.md'), changed);
    fs.utimesSync(path.join(dir, 'a.md'), mtime, mtime);
    const folderCache = restored.get('notes')!.cache;
    const before = folderCache.get('a.md')!.result;
    await extract(dir, folderCache);
    const after = folderCache.get('a.md')!;
    assert.notEqual(after.result, before, 'extracted again');
    assert.equal(after.origin, undefined);
    assert.equal(after.text, changed);
  });

  it('refuses a store that is corrupt, of another version or format, or malformed, and says why', () => {
    const cache: ExtractionCache = new Map([['a.md', { stat: { size: 1, mtime: 2 }, hash: 'h', text: 't', bytes: new Uint8Array(0), result: { catalog: { version: 1, sources: [] }, notes: [] } }]]);
    const good = serializeStore('2.0.0', new Map([['notes', { knownKey: '', cache }]]));
    assert.ok(parseStore(good, '2.0.0') instanceof Map);
    const reasons = [
      parseStore(good.slice(0, good.length / 2), '2.0.0'),
      parseStore(good, '2.0.1'),
      parseStore(good.replace('"format":1', '"format":7'), '2.0.0'),
      parseStore(good.replace('"size":1', '"size":"1"'), '2.0.0'),
      parseStore('[]', '2.0.0'),
    ].map((r) => (r instanceof Map ? 'used' : r.unusable));
    assert.deepEqual(reasons, [
      'it is not valid JSON (a write was interrupted?)',
      'it was written by version 2.0.0, not 2.0.1',
      'it is not of format 1',
      'an entry of folder "notes" is malformed',
      'it is not of format 1',
    ]);
  });

  it('fingerprints content: same bytes, same hash; one byte changed, another', () => {
    const a = new TextEncoder().encode(NOTE);
    const b = new TextEncoder().encode(NOTE.replace('W', 'V'));
    assert.equal(contentHash(a), contentHash(new Uint8Array(a)));
    assert.notEqual(contentHash(a), contentHash(b));
    assert.notEqual(contentHash(new Uint8Array(0)), contentHash(new Uint8Array(1)));
  });
});
