import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { PagedView } from '../../src/core/extract/pages';
import { formatQuote, sourcePhrase } from '../../src/core/format/formatQuote';
import { loadCorpusFromDisk } from '../../src/node/loadCorpus';

describe('pages of a paged source', function () {
  this.timeout(30_000);

  it('shows page breaks as "— page N —" lines and maps offsets both ways', () => {
    const text = 'first page\fsecond page\fthird';
    const view = new PagedView(text);
    assert.equal(view.text, 'first page\n— page 2 —\nsecond page\n— page 3 —\nthird');
    for (let i = 0; i <= text.length; i++) {
      if (text[i] === '\f') continue;
      assert.equal(view.text[view.toView(i)], text[i], `offset ${i}`);
      assert.equal(view.fromView(view.toView(i)), i, `offset ${i} back`);
    }
    assert.equal(view.fromView(view.text.indexOf('page 2')), text.indexOf('\f'), 'inside a marker: the break');
  });

  it('says the page in every attribution of a PDF quote: Markdown, LaTeX, plain text, cards', async () => {
    const corpus = await loadCorpusFromDisk({ includeSeeds: false, sourceDirs: [path.resolve(__dirname, '..', '..', 'demo', 'sources')] });
    const quote = corpus.kb.quotes.find((q) => q.page !== undefined);
    assert.ok(quote, 'the demo PDF has a quote');
    assert.match(sourcePhrase(quote), new RegExp(`, p\\. ${quote.page}$`, 'u'));
    assert.match(formatQuote(quote, 'markdown'), new RegExp(`\\*Annual Report 2024\\* \\([^)]*\\), p\\. ${quote.page}\\n$`, 'u'));
    assert.match(formatQuote(quote, 'latex'), new RegExp(`\\\\emph\\{Annual Report 2024\\} \\([^)]*\\), p\\.~${quote.page}\\n`, 'u'));
    assert.match(formatQuote(quote, 'plaintext'), new RegExp(`, p\\. ${quote.page}\\n$`, 'u'));
    const seedsHaveNoPages = (await loadCorpusFromDisk({ includeSeeds: true, sourceDirs: [] })).kb.quotes.every((q) => q.page === undefined);
    assert.ok(seedsHaveNoPages);
  });
});
