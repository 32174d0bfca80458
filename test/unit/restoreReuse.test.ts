import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import type { Corpus } from '../../src/core/corpus';
import type { Quote } from '../../src/core/kb/model';
import { CORPUS_MAKERS } from '../../src/core/snapshot/corpusMakers';
import { PreviousObjects } from '../../src/core/snapshot/previousObjects';
import { restoreCorpus } from '../../src/core/snapshot/readSnapshot';
import type { CorpusSnapshot } from '../../src/core/snapshot/snapshotTypes';
import { snapshotCorpus } from '../../src/core/snapshot/writeSnapshot';
import { runToEnd } from '../../src/core/util/steps';
import { createQuoteIndex, loadCorpusFromDisk } from '../../src/node/loadCorpus';
import { generatedNote } from '../fixtures/generatedNotes';
import { SEEDS_DIR } from './helpers/seedCorpus';

/** The demo's sources: a web page and a PDF, one of which quotes words the seeds hold (an echo of a repeated quote). */
const DEMO_SOURCES = path.resolve(__dirname, '..', '..', 'demo', 'sources');

/** Note 5 is long: hundreds of rows, more than the restore looks ahead for a row (it finds the next file's start). */
const BIG_NOTE = (i: number): string => (i === 5 ? generatedNote(5).repeat(12) : generatedNote(i));

/** A quote as a reader sees it, its shared objects named by id. */
function described(quote: Quote): unknown {
  return JSON.parse(JSON.stringify({ ...quote, source: quote.source.id, speaker: quote.speaker.id, about: quote.about.map((s) => s.id), original: quote.original?.id, quotedIn: quote.quotedIn?.map((s) => s.id), themes: quote.themes.map((t) => t.id), terms: quote.terms.map((t) => t.id) }));
}

/** Everything a reader of a corpus sees, as plain data. */
function seen(corpus: Corpus): unknown {
  return {
    sources: corpus.kb.sources.map((s) => [s.id, s.uri, s.raw, s.repair.text, s.body.text, s.author?.id, s.turns?.length]),
    quotes: corpus.kb.allQuotes.map(described),
    shown: corpus.kb.quotes.map((q) => q.id),
    passages: corpus.passages.map(described),
    speakers: corpus.kb.speakers.map((s) => JSON.stringify(s)),
    problems: corpus.problems.map((p) => p.message),
  };
}

/** What the source worker sends: a snapshot, structured-cloned (nothing shared with the corpus it was written from). */
function sent(corpus: Corpus): CorpusSnapshot {
  return v8.deserialize(v8.serialize(snapshotCorpus(corpus))) as CorpusSnapshot;
}

/**
 * A reload after one file changed (CorpusService): the worker's snapshot is read back taking from the corpus served
 * now every object the snapshot holds unchanged (core/snapshot/previousObjects.ts).
 */
describe('reading a reload back against the corpus served now', () => {
  let dir: string;
  let served: Corpus;
  let fresh: Corpus;
  let reused: Corpus;
  let previous: PreviousObjects;
  let servedBefore: unknown;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sourcebook-reuse-'));
    for (let i = 0; i < 12; i++) fs.writeFileSync(path.join(dir, `note-${i}.md`), BIG_NOTE(i));
    const load = (): Promise<Corpus> => loadCorpusFromDisk({ includeSeeds: true, sourceDirs: [dir, DEMO_SOURCES], seedsDir: SEEDS_DIR });
    served = runToEnd(restoreCorpus(sent(await load()), CORPUS_MAKERS, { createIndex: createQuoteIndex }));
    servedBefore = seen(served);
    fs.writeFileSync(path.join(dir, 'note-3.md'), `${generatedNote(3)}\n"a remark added to one note only" Hana Okafor said.\n`);
    const snapshot = sent(await load());
    fresh = runToEnd(restoreCorpus(snapshot, CORPUS_MAKERS, { createIndex: createQuoteIndex }));
    previous = new PreviousObjects(served);
    reused = runToEnd(restoreCorpus(snapshot, CORPUS_MAKERS, { createIndex: createQuoteIndex, previous }));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('gives the corpus a plain reading gives', () => {
    assert.deepEqual(seen(reused), seen(fresh));
    assert.ok(reused.kb.quotes.some((q) => q.text === 'a remark added to one note only'));
    for (const query of ['peak data', 'remark added', 'sutskever']) {
      assert.deepEqual(reused.index.search(query).map((h) => [h.quote.id, h.score]), fresh.index.search(query).map((h) => [h.quote.id, h.score]), query);
    }
  });

  it('takes every unchanged quote, passage and source from the served corpus, and makes the changed file’s anew', () => {
    const servedQuote = new Map([...served.kb.allQuotes, ...served.passages].map((q) => [q.id, q]));
    const changed = (q: Quote): boolean => q.source.id.includes('note-3');
    let kept = 0;
    for (const quote of [...reused.kb.allQuotes, ...reused.passages]) {
      const before = servedQuote.get(quote.id);
      if (changed(quote) || quote.original !== undefined) assert.notEqual(quote, before, `${quote.id} is made anew`);
      else if (before !== undefined && before.original === undefined) {
        assert.equal(quote, before, `${quote.id} is the served object`);
        kept++;
      }
    }
    assert.ok(kept > 300, `${kept} quotes and passages taken`);
    assert.ok(reused.kb.allQuotes.some((q) => q.original !== undefined), 'echoes of repeated quotes (made anew) are among the quotes');
    const note3 = (c: Corpus) => c.kb.sources.find((s) => s.id.includes('note-3'));
    assert.notEqual(note3(reused), note3(served));
    assert.equal(reused.kb.sources.find((s) => s.origin === 'seed'), served.kb.sources.find((s) => s.origin === 'seed'));
    assert.ok(previous.counts.reused > previous.counts.made * 10, JSON.stringify(previous.counts));
  });

  it('finds its way past a file removed and a file added, whatever their size', async () => {
    fs.rmSync(path.join(dir, 'note-5.md'));
    fs.writeFileSync(path.join(dir, 'note-50.md'), generatedNote(50).repeat(12));
    const snapshot = sent(await loadCorpusFromDisk({ includeSeeds: true, sourceDirs: [dir, DEMO_SOURCES], seedsDir: SEEDS_DIR }));
    const plainly = runToEnd(restoreCorpus(snapshot, CORPUS_MAKERS, { createIndex: createQuoteIndex }));
    const counted = new PreviousObjects(reused);
    const again = runToEnd(restoreCorpus(snapshot, CORPUS_MAKERS, { createIndex: createQuoteIndex, previous: counted }));
    assert.deepEqual(seen(again), seen(plainly));
    const after = (c: Corpus) => c.kb.quotes.filter((q) => q.source.id.includes('note-6'));
    assert.ok(after(again).length > 0 && after(again).every((q, k) => q === after(reused)[k]), 'the next file’s quotes are the served objects');
    assert.ok(counted.counts.reused > counted.counts.made * 2, JSON.stringify(counted.counts));
    fs.rmSync(path.join(dir, 'note-50.md'));
    fs.writeFileSync(path.join(dir, 'note-5.md'), BIG_NOTE(5));
  });

  it('never changes the corpus served meanwhile', () => {
    assert.deepEqual(seen(served), servedBefore);
  });

  it('takes nothing whose record differs: another speaker name makes the speaker and everything naming it anew', () => {
    const snapshot = sent(fresh);
    const renamed = { ...snapshot, speakers: snapshot.speakers.map((s) => (s.name === 'Hana Okafor' ? { ...s, name: 'Hana Okafor-Reyes' } : s)) };
    const restored = runToEnd(restoreCorpus(renamed, CORPUS_MAKERS, { createIndex: createQuoteIndex, previous: new PreviousObjects(reused) }));
    const hers = restored.kb.quotes.filter((q) => q.speaker.name === 'Hana Okafor-Reyes');
    assert.ok(hers.length > 0);
    const before = new Map(reused.kb.quotes.map((q) => [q.id, q]));
    for (const quote of hers) assert.notEqual(quote, before.get(quote.id), quote.id);
    assert.deepEqual(seen(reused), seen(fresh), 'the corpus it was given is unchanged');
  });
});
