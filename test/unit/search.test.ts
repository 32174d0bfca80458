import * as assert from 'node:assert/strict';
import type { Corpus } from '../../src/core/corpus';
import { parseQuery } from '../../src/core/search/parseQuery';
import { loadCorpusFromDisk } from '../../src/node/loadCorpus';
import { SEEDS_DIR, seedCorpus } from './helpers/seedCorpus';

/** Typo queries a writer really types, and a phrase the quote they want contains. */
const TYPO_QUERIES: [string, RegExp][] = [
  ['peek data', /^We've reached peak data, and there's no more data to come/u],
  ['peak data', /^We've reached peak data/u],
  ['deepmind world model', /world models?/iu],
  ['alphacode', /Alphacode, competing in a coding competition/u],
  ['alphacode 54', /outdid 54%/u],
  ['fosil fuel', /fossil fuel of AI/u],
  ['karpathy cognitive', /cognitive self-knowledge/u],
  ['synthtic data', /synthetic data/iu],
  ['test time compute', /test-time compute|inference time computation/iu],
  ['superintelligense', /superintelligence/iu],
  ['pretraining will end', /pre-training .*(end|will undoubtedly)/iu],
  ['lecun architectures', /LeCun/u],
];

describe('quote search', () => {
  let corpus: Corpus;
  before(async () => {
    corpus = await seedCorpus();
  });

  for (const [query, target] of TYPO_QUERIES) {
    it(`finds the intended quote for "${query}" in the top 3`, () => {
      const hits = corpus.index.search(query, { limit: 3 });
      assert.ok(hits.some((h) => target.test(h.quote.text)), `top 3 for "${query}":\n${hits.map((h) => h.quote.text).join('\n')}`);
    });
  }

  it('puts Sutskever’s “peak data” quote first for "peek data"', () => {
    const [first] = corpus.index.search('peek data', { limit: 5 });
    assert.equal(first.quote.text, "We've reached peak data, and there's no more data to come");
    assert.equal(first.quote.speaker.name, 'Ilya Sutskever');
  });

  it('ranks results best first with scores', () => {
    const hits = corpus.index.search('synthetic data', { limit: 10 });
    assert.ok(hits.length > 1);
    for (let i = 1; i < hits.length; i++) assert.ok(hits[i - 1].score >= hits[i].score);
  });

  it('respects the limit', () => {
    assert.equal(corpus.index.search('data', { limit: 4 }).length, 4);
  });

  it('returns nothing for an empty or whitespace query, and nothing for gibberish', () => {
    assert.deepEqual(corpus.index.search(''), []);
    assert.deepEqual(corpus.index.search('   '), []);
    assert.deepEqual(corpus.index.search('zqxjv wbkpf'), []);
  });

  it('narrows by @speaker and #theme', () => {
    const bySpeaker = corpus.index.search('@karpathy', { limit: 50 });
    assert.ok(bySpeaker.length > 0);
    for (const hit of bySpeaker) assert.ok([hit.quote.speaker, ...hit.quote.about].some((s) => s.name === 'Andrej Karpathy'));
    const byTheme = corpus.index.search('#synthetic data', { limit: 50 });
    assert.ok(byTheme.length > 0);
    for (const hit of byTheme) assert.ok(hit.quote.themes.some((t) => /synthetic/iu.test(t.label)));
    const both = corpus.index.search('@sutskever #biology brain', { limit: 50 });
    assert.ok(both.length > 0);
    for (const hit of both) assert.ok(hit.quote.themes.some((t) => t.id === 'biology'));
  });

  it('completes the word being typed', () => {
    const hits = corpus.index.search('fossil fu', { limit: 3 });
    assert.ok(hits.some((h) => /fossil fuel/u.test(h.quote.text)));
  });

  it('parses filters anywhere in the query', () => {
    assert.deepEqual(parseQuery('@ilya peak #data '), { text: 'peak ', speakers: ['ilya'], themes: ['data'] });
    assert.deepEqual(parseQuery('mail@example.com'), { text: 'mail@example.com', speakers: [], themes: [] });
  });
});

describe('search after a pasted query of thousands of words', () => {
  it('leaves nothing behind: the next search ranks as on a fresh index', async () => {
    const load = () => loadCorpusFromDisk({ includeSeeds: true, sourceDirs: [], seedsDir: SEEDS_DIR });
    const [used, fresh] = await Promise.all([load(), load()]);
    // 4,000 words: a quote matching more than 255 of them once wrapped a byte counter and kept its score.
    used.index.search(' peak data'.repeat(2000));
    const ranked = (corpus: Awaited<ReturnType<typeof load>>, query: string) => corpus.index.search(query).map((h) => [h.quote.id, h.score]);
    for (const query of ['scaling laws', 'peak data', 'synthetic']) assert.deepEqual(ranked(used, query), ranked(fresh, query), query);
  });
});
