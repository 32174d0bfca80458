import * as assert from 'node:assert/strict';
import { editDistanceWithin, matchesWithTypos, phraseMatchesWithTypos } from '../../src/core/search/typoMatch';
import { rankTerms } from '../../src/core/terms/termSearch';
import { runToEnd } from '../../src/core/util/steps';
import { foldForFilter, QuoteFilter } from '../../src/features/sidebar/filter';
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

  it('filters the sidebar as a plain comparison of every word would, ahead of the views or on demand', async () => {
    const { kb } = await seedCorpus();
    // The reference: each filter word is in the quote's folded text, or spells the start of one of its words.
    const haystack = (q: (typeof kb.quotes)[number]): string =>
      foldForFilter([q.text, q.speaker.name, ...q.speaker.aliases, ...q.about.flatMap((s) => [s.name, ...s.aliases]), q.source.title, ...q.themes.map((t) => t.label), ...q.terms.flatMap((t) => [t.label, ...t.variants])].join('\n'));
    const reference = (text: string, q: (typeof kb.quotes)[number]): boolean => {
      const h = haystack(q);
      const words = h.split(/[^\p{L}\p{N}']+/u).filter((w) => w.length > 0);
      return foldForFilter(text).split(' ').every((typed) => h.includes(typed) || words.some((word) => matchesWithTypos(typed, word)));
    };
    const vocabulary = [...new Set(kb.quotes.flatMap((q) => foldForFilter(q.text).split(/[^\p{L}\p{N}']+/u)))].filter((w) => w.length > 2);
    const slips = [(w: string) => w, (w: string) => w.slice(1), (w: string) => `${w.slice(0, 2)}${w.slice(3)}`, (w: string) => `${w}x`, (w: string) => `${w[1]}${w[0]}${w.slice(2)}`, (w: string) => w.slice(0, 4)];
    let matched = 0;
    for (let k = 0; k < 120; k++) {
      const text = [vocabulary[(k * 37) % vocabulary.length], vocabulary[(k * 101 + 7) % vocabulary.length]].map((w, j) => slips[(k + j) % slips.length](w)).join(' ');
      const ahead = QuoteFilter.parse(text)!;
      runToEnd(ahead.prepare(kb.quotes));
      const onDemand = QuoteFilter.parse(text)!;
      for (const quote of kb.quotes) {
        const expected = reference(text, quote);
        assert.equal(onDemand.matches(quote), expected, `${text}: ${quote.id}`);
        assert.equal(ahead.matches(quote), expected, `${text} (prepared): ${quote.id}`);
        if (expected) matched++;
      }
    }
    assert.ok(matched > 50, `only ${matched} matches: the filters tried are not representative`);
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
