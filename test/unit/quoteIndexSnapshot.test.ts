import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { Corpus } from '../../src/core/corpus';
import { loadCatalogCollection, loadSourceFolders } from '../../src/core/kb/loadCollection';
import type { Quote, Term } from '../../src/core/kb/model';
import { QuoteIndex, QuoteIndexSnapshot } from '../../src/core/search/quoteIndex';
import { runToEnd, Steps } from '../../src/core/util/steps';
import { runInSlices } from '../../src/host/timeSlices';
import { listFolderFiles, nodeFolderReader } from '../../src/node/folderReader';
import { loadCatalogParser, loadNodeExtraction } from '../../src/node/loadCorpus';
import { generatedNote } from '../fixtures/generatedNotes';
import { SEEDS_DIR } from './helpers/seedCorpus';
import { buildCorpus } from '../../src/core/buildCorpus';

/** Generated notes beside the seeds: 9,000 quotes of the writer's own, and a vocabulary of some 15,000 words. */
const NOTES = 300;

/** What a writer types: exact words, typos, a word still being typed, phrases, filters, glossary terms, nothing. */
const QUERIES = [
  'peak data', 'peek data', 'pretraning', 'pre', 'pretraining will end', 'pre-training', 'synthtic data', 'synthetic data',
  'data', 'fossil fuel', 'fosil fuel', 'fossil fu', 'alphacode 54', 'deepmind world model', 'world model', 'test time compute',
  'inference-time compute', 'superintelligense', 'karpathy cognitive', 'lecun architectures', 'scaling laws', 'agents',
  'Pešut', 'pesut', '@karpathy', '@karpaty data', '#synthetic data', '#syntetic', '@sutskever #biology brain', '#scaling',
  '@mara', '@hana okafor verifier', 'item 7x3', 'item 212x29', 'verifer benchmark', 'plateau axis signal', 'reasoning agent',
  'the', 'a', 'zqxjv wbkpf', '', '   ', '"peak data"', 'AGI', 'o1',
];

async function corpusWithNotes(notes: number): Promise<Corpus> {
  const seeds = await loadCatalogCollection(nodeFolderReader(SEEDS_DIR, 'seeds'), 'catalog.json', 'seed', { parser: loadCatalogParser });
  assert.ok(seeds.collection);
  const dir = mkdtempSync(path.join(tmpdir(), 'sourcebook-snapshot-'));
  try {
    for (let i = 0; i < notes; i++) writeFileSync(path.join(dir, `note-${String(i).padStart(4, '0')}.md`), generatedNote(i));
    const folder = { label: 'notes', reader: nodeFolderReader(dir, 'notes'), list: () => listFolderFiles(dir) };
    const loaded = await loadSourceFolders([folder], [seeds.collection], { extraction: loadNodeExtraction, parser: loadCatalogParser });
    return buildCorpus([seeds.collection, ...loaded.collections], loaded.problems);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What a search answers, comparable with deepEqual: quote ids and scores, in order. */
function answers(index: QuoteIndex): [string, number][][] {
  return QUERIES.map((query) => index.search(query, { limit: 100 }).map((hit): [string, number] => [hit.quote.id, hit.score]));
}

function yieldsOf<T>(steps: Steps<T>): { value: T; yields: number } {
  for (let yields = 0; ; yields++) {
    const next = steps.next();
    if (next.done) return { value: next.value, yields };
  }
}

/** The kinds of value found anywhere in `value` that are not plain data (see QuoteIndexSnapshot). */
function foreignKinds(value: unknown, found = new Set<string>()): Set<string> {
  if (value === null || typeof value !== 'object') {
    if (typeof value !== 'string' && typeof value !== 'number') found.add(typeof value);
  } else if (ArrayBuffer.isView(value)) {
    if (value instanceof DataView) found.add('DataView');
  } else if (Array.isArray(value)) {
    for (const item of value) foreignKinds(item, found);
  } else if (Object.getPrototypeOf(value) === Object.prototype) {
    for (const item of Object.values(value)) foreignKinds(item, found);
  } else {
    found.add(value.constructor?.name ?? 'object without prototype');
  }
  return found;
}

describe('QuoteIndex snapshots (built in the worker, restored on the main thread)', function () {
  this.timeout(60_000);
  let quotes: readonly Quote[];
  let terms: readonly Term[];
  let index: QuoteIndex;
  let expected: [string, number][][];
  let snapshot: QuoteIndexSnapshot;

  before(async () => {
    const corpus = await corpusWithNotes(NOTES);
    quotes = corpus.searchable;
    terms = corpus.kb.terms;
    assert.ok(quotes.some((q) => q.kind === 'passage'), 'the corpus has passages');
    assert.ok(terms.length > 0, 'the corpus has glossary terms');
    index = runToEnd(QuoteIndex.build(quotes, terms));
    expected = answers(index);
    snapshot = index.toSnapshot();
  });

  it('searches the queries of this test meaningfully: most find something, gibberish and blanks nothing', () => {
    assert.ok(expected.filter((hits) => hits.length > 0).length >= QUERIES.length - 5);
    for (const query of ['zqxjv wbkpf', '', '   ']) assert.deepEqual(expected[QUERIES.indexOf(query)], []);
    assert.equal(index.search('peek data')[0].quote.text, "We've reached peak data, and there's no more data to come");
  });

  it('answers every query as the original when restored from a structured clone', () => {
    const restored = runToEnd(QuoteIndex.fromSnapshot(quotes, terms, structuredClone(snapshot)));
    assert.deepEqual(answers(restored), expected);
    // Searches share scratch space: asking again gives the same, after other queries.
    assert.deepEqual(answers(restored), expected);
  });

  it('answers every query as the original when restored from v8.serialize, as kept on disk', () => {
    const restored = runToEnd(QuoteIndex.fromSnapshot(quotes, terms, v8.deserialize(v8.serialize(snapshot)) as QuoteIndexSnapshot));
    assert.deepEqual(answers(restored), expected);
  });

  it('restores in slices, as the host runs it', async () => {
    const restored = await runInSlices(QuoteIndex.fromSnapshot(quotes, terms, structuredClone(snapshot)), undefined, 1);
    assert.deepEqual(answers(restored), expected);
  });

  it('is plain data: strings, numbers and a few typed arrays, no Map, Set or class instance', () => {
    assert.deepEqual([...foreignKinds(snapshot)], []);
    const values = Object.values(snapshot);
    assert.ok(values.filter((v) => ArrayBuffer.isView(v)).length <= 12, 'a few large typed arrays, not one per word');
    assert.ok(values.every((v) => !Array.isArray(v)), 'no array of small arrays or strings');
  });

  it('pauses while restoring, more often as the corpus grows', () => {
    const small = yieldsOf(QuoteIndex.fromSnapshot([], [], new QuoteIndex([], []).toSnapshot()));
    const large = yieldsOf(QuoteIndex.fromSnapshot(quotes, terms, snapshot));
    assert.ok(large.yields >= 3, `${large.yields} pauses over ${quotes.length} quotes`);
    assert.ok(large.yields > small.yields);
    assert.deepEqual(small.value.search('data'), []);
  });

  it('transferring its arrays leaves the original index whole', () => {
    const own = index.toSnapshot();
    const buffers = new Set(Object.values(own).filter(ArrayBuffer.isView).map((array) => array.buffer as ArrayBuffer));
    const moved = structuredClone(own, { transfer: [...buffers] });
    assert.equal(own.postingQuotes.length, 0, 'the transferred arrays are detached');
    assert.deepEqual(answers(index), expected);
    assert.deepEqual(answers(runToEnd(QuoteIndex.fromSnapshot(quotes, terms, moved))), expected);
  });

  it('refuses a snapshot made over other quotes or terms, or of another format', () => {
    assert.throws(() => runToEnd(QuoteIndex.fromSnapshot(quotes.slice(1), terms, snapshot)), /made over/u);
    assert.throws(() => runToEnd(QuoteIndex.fromSnapshot(quotes, terms.slice(1), snapshot)), /made over/u);
    assert.throws(() => runToEnd(QuoteIndex.fromSnapshot(quotes, terms, { ...snapshot, format: -1 })), /format/u);
    assert.throws(() => runToEnd(QuoteIndex.fromSnapshot(quotes, terms, { ...snapshot, postingQuotes: snapshot.postingQuotes.subarray(1) })), /postings/u);
  });
});
