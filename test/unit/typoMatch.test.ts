import * as assert from 'node:assert/strict';
import { editDistanceWithin, matchesWithTypos, phraseMatchesWithTypos } from '../../src/core/search/typoMatch';
import { rankTerms } from '../../src/core/terms/termSearch';
import { QuoteFilter } from '../../src/features/sidebar/filter';
import { seedCorpus } from './helpers/seedCorpus';

describe('typo tolerance where writers type a few letters', () => {
  it('counts one slip (left out, added, changed, swapped) against the start of a word', () => {
    assert.ok(editDistanceWithin('karpaty', 'karpath', 1));
    assert.ok(editDistanceWithin('fosil', 'fossil', 1));
    assert.ok(editDistanceWithin('teh', 'the', 1));
    assert.ok(!editDistanceWithin('abc', 'xyz', 1));
    assert.ok(matchesWithTypos('karpaty', 'karpathy'));
    assert.ok(matchesWithTypos('syntetic', 'synthetic'));
    assert.ok(matchesWithTypos('sutsk', 'sutskever'));
    assert.ok(!matchesWithTypos('cat', 'car'), 'three letters must be exact');
    assert.ok(!matchesWithTypos('lecun', 'karpathy'));
    assert.ok(phraseMatchesWithTypos('deep mind', ['DeepMind']));
    assert.ok(phraseMatchesWithTypos('deepmnd', ['Google DeepMind']));
  });

  it('finds @karpaty and #syntetic in the picker’s filters', async () => {
    const corpus = await seedCorpus();
    const karpathy = corpus.index.search('@karpaty');
    assert.ok(karpathy.length > 0);
    assert.ok(karpathy.every((h) => [h.quote.speaker, ...h.quote.about].some((p) => p.name === 'Andrej Karpathy')));
    const synthetic = corpus.index.search('#syntetic');
    assert.ok(synthetic.length > 0);
    assert.ok(synthetic.every((h) => h.quote.themes.some((t) => /synthetic/iu.test(t.label))));
  });

  it('finds "pre trainng" among the terms, the exact spelling first', async () => {
    const { kb } = await seedCorpus();
    assert.equal(rankTerms(kb.terms, 'pre trainng')[0]?.id, 'pre-training');
    assert.equal(rankTerms(kb.terms, 'Pre-Training')[0]?.id, 'pre-training');
    assert.deepEqual(rankTerms(kb.terms, 'zzzzqqq'), []);
    assert.equal(rankTerms(kb.terms, '').length, kb.terms.length);
  });

  it('filters the sidebar with typos: "fosil" finds the fossil-fuel quote', async () => {
    const { kb } = await seedCorpus();
    const filter = QuoteFilter.parse('fosil')!;
    const found = kb.quotes.filter((q) => filter.matches(q));
    assert.ok(found.some((q) => /fossil fuel/iu.test(q.text)), found.map((q) => q.text).join('\n'));
    assert.equal(kb.quotes.filter((q) => QuoteFilter.parse('qqqzzzx')!.matches(q)).length, 0);
  });

  it('leaves no trace of a cancelled search in the next one', async () => {
    const corpus = await seedCorpus();
    const before = corpus.index.search('peak data', { limit: 5 });
    let calls = 0;
    // Cancelled after the candidates are scored: the scratch scores must be reset all the same.
    const token = { get isCancellationRequested() { return ++calls > 1; } };
    assert.throws(() => corpus.index.search('data pre-training', { token }));
    assert.deepEqual(corpus.index.search('peak data', { limit: 5 }), before);
  });
});

describe('numbers are never typos', () => {
  it('"2999" does not find "2998"', () => {
    assert.ok(!matchesWithTypos('2999', '2998'));
    assert.ok(matchesWithTypos('2999', '29990'));
  });
});
