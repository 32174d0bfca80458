import * as assert from 'node:assert/strict';
import { MisquoteIndex } from '../../src/core/check/misquoteIndex';
import { checkDocument } from '../../src/core/check/checkDocument';
import { Corpus } from '../../src/core/corpus';
import { loadCatalogCollection } from '../../src/core/kb/loadCollection';
import { QuoteIndex } from '../../src/core/search/quoteIndex';
import { CancelledError } from '../../src/core/util/cancellation';
import { runToEnd, Steps } from '../../src/core/util/steps';
import { runInSlices } from '../../src/host/timeSlices';
import { nodeFolderReader } from '../../src/node/folderReader';
import { loadCatalogParser } from '../../src/node/loadCorpus';
import { SEEDS_DIR } from './helpers/seedCorpus';
import { buildCorpus, buildCorpusSteps } from '../../src/core/buildCorpus';

/** A computation of `n` steps that busy-waits `stepMs` in each. */
function* busy(n: number, stepMs: number): Steps<number> {
  for (let i = 0; i < n; i++) {
    const until = performance.now() + stepMs;
    while (performance.now() < until) {
      // spin: the step holds the thread
    }
    yield;
  }
  return n;
}

async function seedCollections() {
  const seeds = await loadCatalogCollection(nodeFolderReader(SEEDS_DIR, 'seeds'), 'catalog.json', 'seed', { parser: loadCatalogParser });
  assert.ok(seeds.collection);
  return [seeds.collection];
}

const options = { createIndex: (q: Parameters<typeof QuoteIndex.build>[0], t: Parameters<typeof QuoteIndex.build>[1]) => new QuoteIndex(q, t), createIndexSteps: QuoteIndex.build };

describe('building in slices (the thread is given back while the corpus is built)', () => {
  it('lets timers run between slices, and gives the same result as running straight through', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    try {
      const result = await runInSlices(busy(60, 1), undefined, 8);
      assert.equal(result, 60);
      // 60 ms of work in slices of 8 ms: the 1 ms timer ran between them.
      assert.ok(ticks >= 3, `the timer ran ${ticks} times during the computation`);
    } finally {
      clearInterval(timer);
    }
    assert.equal(runToEnd(busy(5, 0)), 5);
  });

  it('stops at the next pause once its token is cancelled', async () => {
    const token = { isCancellationRequested: false };
    setTimeout(() => (token.isCancellationRequested = true), 5);
    await assert.rejects(runInSlices(busy(1_000, 1), token, 2), CancelledError);
  });

  it('builds the same corpus, passages, search index and check index as the synchronous path', async () => {
    const collections = await seedCollections();
    const direct = buildCorpus(collections, [], options);
    const sliced = await runInSlices(buildCorpusSteps(collections, [], options), undefined, 1);
    assert.deepEqual(sliced.kb.quotes.map((q) => q.id), direct.kb.quotes.map((q) => q.id));
    assert.deepEqual(sliced.kb.problems, direct.kb.problems);
    await runInSlices(sliced.prepare(), undefined, 1);
    assert.ok(sliced.passageCount !== undefined && sliced.passageCount > 0, 'prepare builds the passages');
    assert.deepEqual(sliced.searchable.map((q) => q.id), direct.searchable.map((q) => q.id));
    for (const query of ['peak data', 'pre-trainng', 'sutskever scaling', 'ancient history lstm']) {
      const ids = (corpus: Corpus) => corpus.index.search(query, { limit: 10 }).map((h) => `${h.quote.id} ${h.score.toFixed(6)}`);
      assert.deepEqual(ids(sliced), ids(direct), query);
    }
    const prepared = await runInSlices(MisquoteIndex.prepare(sliced.checkable), undefined, 1);
    assert.equal(MisquoteIndex.for(sliced.checkable), prepared, 'the check finds the index prepared for it');
    const draft = '"You could even say that data is the oil of AI," Ilya Sutskever said.';
    const messages = checkDocument(draft, 'markdown', prepared).map((f) => f.message);
    assert.equal(messages.length, 1, 'the altered quotation is flagged');
    assert.deepEqual(messages, checkDocument(draft, 'markdown', direct.checkable).map((f) => f.message));
  });

  it('keeps the passages a surface built meanwhile, so the index and the check see one list', async () => {
    const collections = await seedCollections();
    const corpus = buildCorpus(collections, [], options);
    const steps = corpus.prepare();
    steps.next(); // the preparation has started…
    const built = corpus.passages; // …when the picker needs the passages at once
    runToEnd(steps);
    assert.equal(corpus.passages, built);
    assert.equal(corpus.index.quotes, corpus.searchable);
  });
});
