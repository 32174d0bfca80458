import * as assert from 'node:assert/strict';
import { findDateline } from '../../src/core/extract/dateline';
import { loadCorpusFromDisk } from '../../src/node/loadCorpus';
import * as path from 'node:path';

describe('the dateline under a plain article’s title', () => {
  it('reads a publication and a date, a byline, or a date alone', () => {
    assert.deepEqual(findDateline('After the Data Wall\nThe Lattice Review, 2 April 2025\n\nText.'), { date: '2 April 2025', author: undefined, publisher: 'The Lattice Review' });
    assert.deepEqual(findDateline('T\n\nBy Hana Okafor, The Lattice Review, April 2, 2025'), { date: 'April 2, 2025', author: 'Hana Okafor', publisher: 'The Lattice Review' });
    assert.deepEqual(findDateline('T\n17 Nov 2024'), { date: '17 Nov 2024', author: undefined, publisher: undefined });
  });

  it('takes no lead sentence for a dateline', () => {
    assert.equal(findDateline('T\nFor most of a decade, progress in 2024 was big.'), undefined);
    assert.equal(findDateline('T\nThe Lattice Review, spring issue'), undefined);
    assert.equal(findDateline('Only a title'), undefined);
  });

  it('dates and publishes the demo article from its dateline', async () => {
    const corpus = await loadCorpusFromDisk({ includeSeeds: false, sourceDirs: [path.resolve(__dirname, '..', '..', 'demo', 'sources')] });
    const article = corpus.kb.sources.find((s) => s.title === 'After the Data Wall');
    assert.equal(article?.date, '2 April 2025');
    assert.equal(article?.publisher?.name, 'The Lattice Review');
  });
});
