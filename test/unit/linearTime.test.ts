import * as assert from 'node:assert/strict';
import type { Catalog } from '../../src/core/catalog/catalogTypes';
import { findQuotations } from '../../src/core/check/findQuotations';
import { extractCatalog } from '../../src/core/extract/extractCatalog';
import { buildKnowledgeBase, CollectionInput } from '../../src/core/kb/buildKnowledgeBase';
import { repairMojibake } from '../../src/core/text/mojibake';
import { extractBody } from '../../src/core/text/sourceBody';

/**
 * Inputs on which the code once took time quadratic in their length, or worse (issue #13). No wall-clock time
 * is compared: each test's mocha timeout is the assertion. Every input is sized so that the old code needed
 * far longer than the timeout (its time is given per test, measured on the 2-core bench machine), while the
 * fixed code takes from a few to a few hundred milliseconds, so a busy machine does not make them flaky.
 */
describe('linear time on pathological inputs', () => {
  const KB = 1_000;
  const repeatTo = (unit: string, length: number): string => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

  describe('finding quotations', () => {
    it('reads 400 KB of -"a (an opening mark each, never closed) once, not once per mark', function () {
      this.timeout(5_000); // before: 2.7 s for 40 KB, over 60 s for 400 KB
      assert.deepEqual(findQuotations(repeatTo('-"a', 400 * KB), 'plaintext'), []);
    });

    it('pairs 400 KB of unmatched “ without rescanning the paragraph for each', function () {
      this.timeout(5_000); // before: 2.3 s for 40 KB, minutes for 400 KB
      assert.deepEqual(findQuotations(repeatTo('\u201C', 400 * KB), 'plaintext'), []);
      const text = `${repeatTo('\u201C', 400 * KB)}\n\n“one “two” three”`;
      assert.deepEqual(findQuotations(text, 'plaintext').map((q) => text.slice(q.start, q.end)), ['one “two” three']);
    });

    it('masks 100,000 inline code spans of a Markdown draft in one pass', function () {
      this.timeout(5_000); // before: 17 s for 400 KB (each span looked for its paragraph end from scratch)
      const text = `${repeatTo('`x` ', 400 * KB)}"real words in a quote"`;
      assert.deepEqual(findQuotations(text, 'markdown').map((q) => text.slice(q.start, q.end)), ['real words in a quote']);
    });

    it('finds LaTeX environments without a lazy scan to the end for each unclosed one', function () {
      this.timeout(5_000); // before: the verbatim, quote and \verb expressions re-read the rest of the text for each
      const text = `${repeatTo('\\begin{quote}[ \\begin{verbatim} \\verb!x ', 400 * KB)}\n\n\`\`one two three four''`;
      assert.deepEqual(findQuotations(text, 'latex').map((q) => text.slice(q.start, q.end)), ['one two three four']);
    });
  });

  describe('extraction', () => {
    it('reads a heading followed by 30,000 spaces as a title', function () {
      this.timeout(5_000); // before: 9 s for 3,000 spaces, cubic (a lazy group before three optional runs)
      const { catalog } = extractCatalog([{ relativePath: 'a.md', text: `# Title${' '.repeat(30_000)}x #\n\nBody.` }], []);
      assert.equal(catalog.sources[0].title, `Title${' '.repeat(30_000)}x`);
    });

    it('places 15,000 copies of one quotation, each found once', function () {
      this.timeout(10_000); // before: every copy listed every occurrence of the quote (15,000 × 15,000)
      const text = repeatTo('"one two three four five" ', 400 * KB);
      const { catalog } = extractCatalog([{ relativePath: 'a.md', text }], []);
      const quotes = catalog.quotes ?? [];
      assert.equal(quotes.length, Math.ceil((400 * KB) / 26) - 1);
      assert.equal(quotes[quotes.length - 1].occurrence, quotes.length);
    });

    it('does not backtrack exponentially on a long hyphenated name before a said-verb', function () {
      this.timeout(5_000); // before: 7 s for 22 parts, doubling with each part (40 here: days)
      const text = `Then A${'-Bb'.repeat(40)} said x "one two three four five."\n`;
      const { catalog } = extractCatalog([{ relativePath: 'a.md', text }], []);
      assert.equal(catalog.quotes?.length, 1);
    });

    it('cuts the body of a source with 200,000 whitespace-only lines', function () {
      this.timeout(5_000); // before: 15 s for 400 KB (a lookahead re-read the block of blank lines at each line)
      const body = extractBody(`Lead.\n${repeatTo('  \n', 600 * KB)}End.`);
      assert.equal(body.text, `Lead.\n${repeatTo('  \n', 600 * KB)}End.`);
    });
  });

  describe('mojibake repair', () => {
    it('repairs a 100 KB paragraph of damaged sequences without rescanning it per guess', function () {
      this.timeout(5_000); // before: 0.3 s for 4 KB, 48 s for 40 KB (cubic: over 10 minutes for 100 KB)
      const n = 33_333; // 100 KB
      const { text, unrecoverable } = repairMojibake('\u0101\u20ac '.repeat(n));
      assert.equal(unrecoverable, n);
      assert.equal(text, '\uFFFD '.repeat(n));
    });

    it('still closes each quote whose last byte was lost, on a 100 KB paragraph', function () {
      this.timeout(5_000); // before: 0.2 s for 4 KB, growing at least quadratically (over a minute for 100 KB)
      const n = 16_666; // 100 KB
      assert.equal(repairMojibake('“x \u0101\u20ac '.repeat(n)).text, '“x ” '.repeat(n));
    });
  });

  describe('building a knowledge base', () => {
    /** One source of n sentences, and a catalog quoting each, or quoting each with a word changed (not found). */
    function collection(n: number, found: boolean): CollectionInput {
      const sentences = Array.from({ length: n }, (_, i) => `Sentence ${i} says that item ${(i * 7919) % 100_003} matters a great deal.`);
      const catalog: Catalog = {
        version: 1,
        sources: [{ id: 's', file: 's.txt', title: 'S', kind: 'notes' }],
        speakers: [{ id: 'p', name: 'Pat Quinn', kind: 'person' }],
        quotes: sentences.map((s, i) => ({ id: `q${i}`, source: 's', text: found ? s : s.replace('says', 'claims'), speaker: 'p', attribution: 'direct' as const })),
      };
      const catalogText = JSON.stringify(catalog, null, 2);
      const file = { name: 's.txt', uri: 'file:///s.txt', displayPath: 's.txt', bytes: new Uint8Array(), text: sentences.join(' ') };
      return { origin: 'workspace', catalogFile: 'sourcebook.json', catalogText, catalog, files: [file] };
    }

    it('locates 100,000 quotes of one source without scanning the source for each', function () {
      this.timeout(20_000); // before: 0.85 s for 10,000 quotes, 71 s for 100,000
      const kb = buildKnowledgeBase([collection(100_000, true)]);
      assert.equal(kb.quotes.length, 100_000);
      const last = kb.quotes.find((q) => q.id === 'q99999');
      assert.equal(last?.text, `Sentence 99999 says that item ${(99_999 * 7919) % 100_003} matters a great deal.`);
    });

    it('reports 20,000 quotes that are not found, each at its line, without re-reading the catalog', function () {
      this.timeout(10_000); // before: each report split the catalog up to the quote and searched both texts
      const input = collection(20_000, false);
      const kb = buildKnowledgeBase([input]);
      assert.equal(kb.quotes.length, 0);
      const problems = kb.problems.filter((p) => p.severity === 'error');
      assert.equal(problems.length, 20_000);
      const lines = (input.catalogText ?? '').split('\n');
      for (const i of [0, 12_345, 19_999]) {
        const problem = problems[i];
        assert.match(problem.message, new RegExp(`^quote "q${i}" is not in the body`, 'u'));
        assert.equal(lines[(problem.line ?? 0) - 1].indexOf(`"q${i}"`), (problem.column ?? 0) - 1);
      }
    });
  });
});
