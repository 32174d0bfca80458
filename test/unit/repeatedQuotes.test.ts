import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { attributionLine, formatQuote } from '../../src/core/format/formatQuote';
import { loadCorpusFromDisk } from '../../src/node/loadCorpus';
import { SEEDS_DIR } from './helpers/seedCorpus';

const DEMO_SOURCES = path.resolve(__dirname, '..', '..', 'demo', 'sources');

describe('the same words in several sources', () => {
  it('offers Sutskever’s NeurIPS words once, dated by NeurIPS, and says where else they are quoted', async () => {
    const corpus = await loadCorpusFromDisk({ includeSeeds: true, seedsDir: SEEDS_DIR, sourceDirs: [DEMO_SOURCES] });
    const rows = corpus.kb.quotes.filter((q) => q.text.startsWith("We've reached peak data"));
    assert.equal(rows.length, 1, rows.map((q) => q.source.title).join('\n'));
    const [quote] = rows;
    assert.equal(quote.speaker.name, 'Ilya Sutskever');
    assert.equal(quote.source.origin, 'seed');
    assert.deepEqual(quote.quotedIn?.map((s) => s.title), ['Interview: Mara Ellison on the data wall']);
    assert.equal(corpus.index.search('peak data no more data to come', { limit: 10 }).filter((h) => h.quote.text.startsWith("We've reached peak data")).length, 1);
    // The interview still lists what it says; inserting from it names the original occasion, never 2025.
    const interview = corpus.kb.sources.find((s) => s.title.startsWith('Interview: Mara Ellison'))!;
    const echo = corpus.kb.quotesForSource(interview.id).find((q) => q.text.startsWith("We've reached peak data"))!;
    assert.equal(echo.original, quote);
    assert.match(formatQuote(echo, 'markdown'), /— Ilya Sutskever, \*Ilya Sutskever Blows Up at NeurIPS[^\n]*\(NeurIPS 2024\)\n$/u);
    assert.doesNotMatch(formatQuote(echo, 'markdown'), /2025/u);
  });

  it('says “quoted in” for a speaker’s words found only in someone else’s piece', async () => {
    const corpus = await loadCorpusFromDisk({ includeSeeds: false, sourceDirs: [DEMO_SOURCES] });
    const quoted = corpus.kb.quotes.filter((q) => q.attribution === 'direct' && q.source.author && q.source.author.id !== q.speaker.id);
    assert.ok(quoted.length > 0);
    for (const quote of quoted) assert.match(attributionLine(quote), new RegExp(`^— [^,]+, quoted in ${quote.source.title.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}`, 'u'));
  });
});
