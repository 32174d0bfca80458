import * as assert from 'node:assert/strict';
import { extractCatalog } from '../../src/core/extract/extractCatalog';
import { PAGE_BREAK, pageAt } from '../../src/core/extract/pages';
import { NO_TEXT_LAYER, pdfFailure, readPdf } from '../../src/core/extract/pdf';
import { documentText, isLineBreakHyphenation, normaliseGlyphs, PdfLine, removeRunningLines } from '../../src/core/extract/pdfText';
import { makePdf, makeScannedPdf, REPORT } from '../fixtures/formats/makePdf';

async function report() {
  const result = await readPdf(await makePdf(REPORT));
  assert.ok(result.ok, !result.ok ? result.reason : '');
  return result.document;
}

const line = (text: string, y: number, size = 11): PdfLine => ({ text, x: 72, y, size });

describe('PDF (issue 17)', function () {
  this.timeout(20_000);

  it('reads the text layer: metadata, paragraphs, pages', async () => {
    const document = await report();
    assert.deepEqual(document.metadata, { title: 'Annual Report 2024', author: 'Lattice Institute', date: '2024-12-02' });
    assert.equal(document.pages, 3);
    assert.equal(document.text.split(PAGE_BREAK).length, 3);
    assert.match(document.text, /once the supply of public text runs short\./u, 'lines joined into a paragraph');
    assert.match(document.text, /\n\n“Verification, not data, is the scarce resource now,” said Hana Okafor/u);
  });

  it('joins words hyphenated at a line break, keeps compounds, drops running headers and page numbers', async () => {
    const { text } = await report();
    assert.match(text, /combined information from/u);
    assert.match(text, /state-of-the-art survey/u);
    assert.match(text, /time-limited embargo, so/u);
    assert.ok(!text.includes('Lattice Institute · Annual Report 2024'), 'running header removed');
    assert.ok(!/^\s*\d+\s*$/mu.test(text.replace(/\f/gu, '\n')), 'no bare page number line');
    assert.ok(!text.includes('infor-'));
  });

  it('gives each extracted quote the page it is on', async () => {
    const document = await report();
    const { catalog } = extractCatalog([{ relativePath: 'report.pdf', text: document.text, metadata: document.metadata, language: document.language }], []);
    const pageOf = (start: string) => pageAt(document.text, document.text.indexOf(start));
    const quotes = catalog.quotes!.map((q) => q.text);
    assert.deepEqual(quotes, ['Verification, not data, is the scarce resource now', 'A benchmark that sits in the training set measures memory, not ability', 'The end of cheap data is not the end of progress']);
    assert.deepEqual(quotes.map(pageOf), [1, 2, 3]);
    const speakers = new Map((catalog.speakers ?? []).map((s) => [s.id, s.name]));
    assert.deepEqual(catalog.quotes!.map((q) => speakers.get(q.speaker)), ['Hana Okafor', 'Jonas Feld', 'Hana Okafor']);
    assert.equal(catalog.sources[0].title, 'Annual Report 2024');
  });

  it('skips a scanned PDF, a truncated one and one that is not a PDF, each with one reason', async () => {
    assert.deepEqual(await readPdf(await makeScannedPdf()), { ok: false, code: 'no-text-layer', reason: NO_TEXT_LAYER });
    assert.equal(NO_TEXT_LAYER, 'no text layer: scanned pages need OCR first');
    const bytes = await makePdf(REPORT);
    const truncated = await readPdf(bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    assert.equal(!truncated.ok && truncated.code, 'corrupt');
    assert.match(!truncated.ok ? truncated.reason : '', /truncated/u);
    const notPdf = await readPdf(new TextEncoder().encode('<html>not a pdf</html>'));
    assert.equal(!notPdf.ok && notPdf.code, 'corrupt');
    assert.equal(pdfFailure({ name: 'PasswordException', message: 'No password given' }, bytes).ok, false);
    assert.equal((pdfFailure({ name: 'PasswordException', message: 'No password given' }, bytes) as { code: string }).code, 'encrypted');
  });

  it('falls back to the first page’s heading without a Title, and ignores a word processor’s file name', async () => {
    for (const title of [undefined, 'Microsoft Word - draft3.docx']) {
      const result = await readPdf(await makePdf({ ...REPORT, title }));
      assert.ok(result.ok);
      assert.equal(result.document.metadata.title, 'Annual Report 2024');
    }
  });

  it('normalises ligatures and soft hyphens', () => {
    assert.equal(normaliseGlyphs('the ﬁrst ﬂow, eﬀort, oﬃce, infor\u00ADmation'), 'the first flow, effort, office, information');
  });

  it('tells a typesetter’s hyphen from a compound’s', () => {
    assert.equal(isLineBreakHyphenation('infor', 'mation and', ''), true);
    assert.equal(isLineBreakHyphenation('self', 'evident', ''), false);
    assert.equal(isLineBreakHyphenation('state-of-the', 'art', ''), false);
    assert.equal(isLineBreakHyphenation('anti', 'American', ''), false);
    assert.equal(isLineBreakHyphenation('co', 'operation', 'the cooperation of'), true, 'the text writes it joined elsewhere');
    assert.equal(isLineBreakHyphenation('data', 'driven', 'a data-driven plan'), false, 'the text writes it hyphenated elsewhere');
  });

  it('removes lines repeated at the top or bottom of most pages, digits aside', () => {
    const pages = [1, 2, 3].map((n) => [line(`Report 2024 · page ${n}`, 800, 9), line('Body words here.', 700), line(`Only on page ${n}`, 680), line(`${n}`, 40, 9)]);
    const { pages: cleaned, removed } = removeRunningLines(pages);
    assert.equal(removed, 6);
    assert.deepEqual(cleaned[1].map((l) => l.text), ['Body words here.', 'Only on page 2']);
  });

  it('runs a paragraph on across a page, with the page break in place of the space', () => {
    const text = documentText([[line('The first part of a sentence that', 700)], [line('continues on the next page.', 700)]]);
    assert.equal(text, `The first part of a sentence that${PAGE_BREAK}continues on the next page.\n`);
    assert.equal(pageAt(text, text.indexOf('continues')), 2);
    const hyphenated = documentText([[line('a word broken across pages: infor-', 700)], [line('mation follows.', 700)]]);
    assert.equal(hyphenated, `a word broken across pages: information${PAGE_BREAK}follows.\n`);
  });
});
