import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BuildMemo } from '../../src/core/buildMemo';
import type { Catalog } from '../../src/core/catalog/catalogTypes';
import type { ExtractionCache } from '../../src/core/extract/loadExtractedCollection';
import { refuse, type FolderReader } from '../../src/core/files/folderReader';
import type { CollectionInput } from '../../src/core/kb/buildKnowledgeBase';
import { loadCatalogCollection, loadSourceFolders, SourceFolder } from '../../src/core/kb/loadCollection';
import type { CorpusSnapshot } from '../../src/core/snapshot/snapshotTypes';
import type { MemoCounts } from '../../src/core/util/memoTable';
import { builtSnapshot } from '../../src/core/snapshot/buildSnapshot';
import { loadCatalogParser, loadNodeExtraction } from '../../src/node/loadCorpus';
import { nodeFolderReader } from '../../src/node/folderReader';
import { generatedNote } from '../fixtures/generatedNotes';
import { SEEDS_DIR } from './helpers/seedCorpus';

const CURATED_DIR = path.resolve(__dirname, '..', '..', 'demo', 'sources-curated');
const MAX = 2 * 1024 * 1024;
const NOTES = 12;

/** A folder held in memory, so that a test can change, add and remove its files between loads. */
class MemoryFolder {
  readonly files = new Map<string, { text: string; mtime: number }>();
  private readonly caches = new Map<string, ExtractionCache>();

  constructor(readonly label: string) {}

  write(name: string, text: string): void {
    this.files.set(name, { text, mtime: (this.files.get(name)?.mtime ?? 0) + 1 });
  }

  readonly reader: FolderReader = {
    stat: async (file) => {
      const entry = this.files.get(file);
      return entry ? { ok: true, size: Buffer.byteLength(entry.text), mtime: entry.mtime } : refuse.missing();
    },
    read: async (file) => {
      const entry = this.files.get(file);
      return entry ? { ok: true, bytes: new TextEncoder().encode(entry.text) } : refuse.missing();
    },
    uriOf: (file) => `memory:/${this.label}/${file}`,
    displayPathOf: (file) => `${this.label}/${file}`,
  };

  /** As the editor's worker has it: one extraction cache per folder and known speakers, kept between loads. */
  sourceFolder(withCatalog: boolean): SourceFolder {
    return {
      label: this.label,
      reader: this.reader,
      ...(withCatalog ? { catalogReader: this.reader } : {}),
      list: async () => ({ files: [...this.files.keys()] }),
      cacheFor: (key) => {
        let cache = this.caches.get(key);
        if (!cache) this.caches.set(key, (cache = new Map()));
        return cache;
      },
    };
  }
}

/** How much of each part of the build the last build reused and computed. */
function counts(memo: BuildMemo): Record<string, MemoCounts> {
  return {
    sources: memo.knowledgeBase.sources.lastCounts,
    quotes: memo.knowledgeBase.quotes.lastCounts,
    passages: memo.passages.sources.lastCounts,
    searchWords: memo.searchWords.texts.lastCounts,
    stems: memo.stems.texts.lastCounts,
  };
}

describe('incremental rebuild in the source worker (core/buildMemo.ts)', function () {
  this.timeout(60_000);
  let seeds: CollectionInput;
  let notes: MemoryFolder;
  let curated: MemoryFolder;
  let memo: BuildMemo;
  let maxFileBytes: number;
  /** Speakers defined before the seeds and folders, as the settings' known speakers are in the worker. */
  let known: CollectionInput[];

  before(async () => {
    const loaded = await loadCatalogCollection(nodeFolderReader(SEEDS_DIR, 'seeds'), 'catalog.json', 'seed', { parser: loadCatalogParser });
    assert.ok(loaded.collection);
    seeds = loaded.collection;
  });

  beforeEach(() => {
    notes = new MemoryFolder('notes');
    for (let i = 0; i < NOTES; i++) notes.write(`note-${i}.md`, generatedNote(i));
    curated = new MemoryFolder('curated');
    for (const name of fs.readdirSync(CURATED_DIR)) curated.write(name, fs.readFileSync(path.join(CURATED_DIR, name), 'utf8'));
    memo = new BuildMemo();
    maxFileBytes = MAX;
    known = [];
  });

  /** What the worker builds from: the seeds (bytes, repaired text, turns), a catalogued folder and a folder of notes. */
  async function collections(): Promise<CollectionInput[]> {
    const earlier = [...known, seeds];
    const loaded = await loadSourceFolders([curated.sourceFolder(true), notes.sourceFolder(false)], earlier, { maxFileBytes: MAX, extraction: loadNodeExtraction, parser: loadCatalogParser });
    assert.equal(loaded.collections.length, 2, loaded.problems.map((p) => p.message).join('\n'));
    return [...earlier, ...loaded.collections];
  }

  /** Builds with the memo and without: the snapshots (search and check indexes included) must be the same. */
  async function rebuild(): Promise<CorpusSnapshot> {
    const inputs = await collections();
    const incremental = builtSnapshot({ maxFileBytes }, inputs, memo);
    const full = builtSnapshot({ maxFileBytes }, inputs);
    assert.deepStrictEqual(incremental, full);
    return incremental;
  }

  function editCatalog(edit: (catalog: Catalog) => void): void {
    const catalog = JSON.parse(curated.files.get('sourcebook.json')?.text ?? '') as Catalog;
    edit(catalog);
    curated.write('sourcebook.json', JSON.stringify(catalog, null, 2));
  }

  const sourceCount = 5 + 1 + NOTES;

  it('reuses every source, quote, passage and text when nothing changed', async () => {
    const first = await rebuild();
    assert.deepEqual(counts(memo).sources, { reused: 0, computed: sourceCount });
    assert.ok(first.quotes[0].count > 400, 'quotes and passages are built');
    await rebuild();
    const { sources, quotes, passages, searchWords, stems } = counts(memo);
    assert.deepEqual(sources, { reused: sourceCount, computed: 0 });
    assert.equal(quotes.computed, 0);
    assert.equal(passages.computed, 0);
    assert.ok(searchWords.computed < 5 && searchWords.reused > 400, JSON.stringify(searchWords));
    assert.ok(stems.computed < 5 && stems.reused > 400, JSON.stringify(stems));
  });

  it('redoes only a changed note, and gives what a full build gives', async () => {
    await rebuild();
    notes.write('note-3.md', generatedNote(3).replace('In session 4,', 'In session four, a new sentence of the writer’s own, long enough to be a passage.'));
    await rebuild();
    const { sources, quotes, passages } = counts(memo);
    assert.deepEqual(sources, { reused: sourceCount - 1, computed: 1 });
    assert.deepEqual(quotes, { reused: sourceCount - 1, computed: 1 });
    assert.deepEqual(passages, { reused: sourceCount - 1, computed: 1 });
  });

  it('builds an added note and forgets a removed one', async () => {
    await rebuild();
    notes.write('note-new.md', generatedNote(99));
    await rebuild();
    assert.deepEqual(counts(memo).sources, { reused: sourceCount, computed: 1 });
    notes.files.delete('note-2.md');
    notes.files.delete('note-new.md');
    await rebuild();
    assert.deepEqual(counts(memo).sources, { reused: sourceCount - 1, computed: 0 });
    assert.equal(memo.knowledgeBase.sources.size, sourceCount - 1, 'the memo keeps only what the latest build used');
  });

  it('redoes a catalogued folder whose catalog changed, reporting its problems in place', async () => {
    await rebuild();
    editCatalog((catalog) => {
      const quote = catalog.quotes?.[1];
      assert.ok(quote);
      quote.text = 'Our own results say the curve breaks.';
    });
    const snapshot = await rebuild();
    assert.ok(snapshot.problems.some((p) => p.file.endsWith('sourcebook.json') && p.line !== undefined && /not in the body/u.test(p.message)), 'the misquote in the catalog is reported with its line');
    assert.deepEqual(counts(memo).sources, { reused: sourceCount - 1, computed: 1 });
  });

  it('redoes what names a speaker whose name changed', async () => {
    await rebuild();
    editCatalog((catalog) => {
      const speaker = catalog.speakers?.find((s) => s.id === 'ravi-anand');
      assert.ok(speaker);
      speaker.name = 'Ravi A. Anand';
      speaker.aliases = [];
    });
    await rebuild();
    editCatalog((catalog) => {
      const speaker = catalog.speakers?.find((s) => s.id === 'ravi-anand');
      assert.ok(speaker);
      speaker.role = 'Fictional panellist, renamed';
    });
    await rebuild();
  });

  it('redoes what refers to a speaker another collection now defines first, though its own catalog is unchanged', async () => {
    await rebuild();
    const speaker = { id: 'ravi-anand', name: 'Ravi Anand', kind: 'person' as const, role: 'Known from the settings' };
    known = [{ origin: 'seed', catalogFile: 'known speakers', catalog: { version: 1, sources: [], speakers: [speaker] }, files: [] }];
    await rebuild();
    assert.equal(counts(memo).quotes.computed, 1, 'the curated source quotes him');
    assert.equal(counts(memo).passages.computed, 1, 'his turns in the transcript name him');
    known = [{ ...known[0], catalog: { version: 1, sources: [], speakers: [{ ...speaker, role: 'Renamed in the settings' }] } }];
    await rebuild();
    assert.equal(counts(memo).quotes.computed, 1);
  });

  it('redoes the passages of a source whose unsigned writer a catalog now names', async () => {
    const first = await rebuild();
    const note = first.sources.find((source) => source.displayPath === 'notes/note-5.md');
    assert.ok(note && note.author === -1 && note.publisher === -1, 'an unsigned note');
    known = [{ origin: 'seed', catalogFile: 'known speakers', catalog: { version: 1, sources: [], speakers: [{ id: `unsigned-${note.id}`, name: 'The note taker', kind: 'unsigned' }] }, files: [] }];
    await rebuild();
    assert.equal(counts(memo).passages.computed, 1);
  });

  it('reports an id another collection uses, also when the source itself is reused', async () => {
    await rebuild();
    editCatalog((catalog) => catalog.sources.push({ ...catalog.sources[0], id: seeds.catalog.sources[0].id }));
    const snapshot = await rebuild();
    assert.ok(snapshot.problems.some((p) => /already used by another collection/u.test(p.message)));
    await rebuild();
  });

  it('redoes the sources a new size limit refuses', async () => {
    await rebuild();
    maxFileBytes = 6 * 1024;
    const snapshot = await rebuild();
    assert.ok(snapshot.problems.some((p) => p.skipped === 'too-large'), 'a seed is over the new limit');
    maxFileBytes = MAX;
    await rebuild();
  });

  it('is never used without a memo: the build is the same as ever', async () => {
    await rebuild();
    const before = counts(memo);
    builtSnapshot({ maxFileBytes }, await collections());
    assert.deepEqual(counts(memo), before);
  });
});
