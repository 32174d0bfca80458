import * as assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatOf, SOURCE_GLOB } from '../../src/core/extract/formats';
import { loadSourceFolders, SourceFolder } from '../../src/core/kb/loadCollection';
import { listFolderFiles, nodeFolderReader } from '../../src/node/folderReader';
import { loadCatalogParser, loadCorpusFromDisk, loadNodeExtraction } from '../../src/node/loadCorpus';
import { makePdf, makeScannedPdf, REPORT } from '../fixtures/formats/makePdf';

const PAGE = path.join(__dirname, '..', 'fixtures', 'formats', 'saved-news-page.html');

describe('one loader for every format (issue 17)', function () {
  this.timeout(30_000);
  let root: string;

  before(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'sourcebook-formats-'));
    const report = await makePdf(REPORT);
    writeFileSync(path.join(root, 'annual-report.pdf'), report);
    writeFileSync(path.join(root, 'scanned.pdf'), await makeScannedPdf());
    writeFileSync(path.join(root, 'truncated.pdf'), report.subarray(0, Math.floor(report.length * 0.6)));
    copyFileSync(PAGE, path.join(root, 'saved-page.html'));
    writeFileSync(path.join(root, 'notes.md'), '# Notes\n\n"Every plateau so far has been a bad choice of axis," Tobias Wren said.\n');
    writeFileSync(path.join(root, 'picture.png'), new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('has one table of formats', () => {
    assert.deepEqual(['a.md', 'b.MARKDOWN', 'c.txt', 'd.html', 'e.HTM', 'f.pdf', 'g.png', '.pdf'].map((f) => formatOf(f)?.id), ['markdown', 'markdown', 'text', 'html', 'html', 'pdf', undefined, undefined]);
    assert.equal(SOURCE_GLOB, '**/*.{md,markdown,txt,html,htm,pdf}');
  });

  it('serves Markdown, a saved web page and a PDF from one folder; skips the scanned and the truncated PDF by code', async () => {
    const corpus = await loadCorpusFromDisk({ includeSeeds: false, sourceDirs: [root] });
    const { kb } = corpus;
    assert.deepEqual(kb.sources.map((s) => s.id).sort(), ['annual-report-pdf', 'notes-md', 'saved-page-html']);
    const pdf = kb.source('annual-report-pdf')!;
    assert.equal(pdf.title, 'Annual Report 2024');
    assert.equal(pdf.date, '2024-12-02');
    const pdfQuotes = kb.quotesForSource('annual-report-pdf');
    assert.deepEqual(pdfQuotes.map((q) => [q.speaker.name, q.page]), [['Hana Okafor', 1], ['Jonas Feld', 2], ['Hana Okafor', 3]]);
    const html = kb.sources.find((s) => s.id === 'saved-page-html')!;
    assert.equal(html.author?.name, 'Priya Raman');
    assert.equal(html.publisher?.name, 'The Lattice Review');
    assert.equal(html.url, 'https://lattice-review.example/2025/05/synthetic-data-free-lunch');
    assert.ok(kb.quotesForSource('saved-page-html').every((q) => q.page === undefined));
    const skipped = corpus.problems.filter((p) => p.skipped).map((p) => [path.basename(p.file), p.skipped]);
    assert.deepEqual(skipped.sort(), [['scanned.pdf', 'no-text-layer'], ['truncated.pdf', 'corrupt']]);
    const scanned = corpus.problems.find((p) => p.skipped === 'no-text-layer')!;
    assert.equal(scanned.message, 'no text layer: scanned pages need OCR first; skipped');
  });

  it('reads the web pages and PDFs a catalog names, and verifies its quotes against their text', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sourcebook-formats-catalog-'));
    try {
      writeFileSync(path.join(dir, 'report.pdf'), await makePdf(REPORT));
      copyFileSync(PAGE, path.join(dir, 'page.html'));
      writeFileSync(path.join(dir, 'sourcebook.json'), JSON.stringify({
        version: 1,
        sources: [
          { id: 'report', file: 'report.pdf', title: 'Annual Report 2024', kind: 'notes' },
          { id: 'page', file: 'page.html', title: 'Synthetic data', kind: 'news report' },
        ],
        speakers: [{ id: 'okafor', name: 'Hana Okafor', kind: 'person' }],
        quotes: [
          { id: 'q1', source: 'report', text: 'The end of cheap data is not the end of progress', speaker: 'okafor', attribution: 'direct' },
          { id: 'q2', source: 'page', text: 'Synthetic data is a loan against the quality of the model that wrote it', speaker: 'okafor', attribution: 'direct' },
        ],
      }));
      const corpus = await loadCorpusFromDisk({ includeSeeds: false, sourceDirs: [dir] });
      assert.deepEqual(corpus.problems.filter((p) => p.severity !== 'info'), []);
      assert.deepEqual(corpus.kb.quotes.map((q) => [q.id, q.page]), [['q1', 3], ['q2', undefined]]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('loads the heavy readers only when a web page or PDF is present, and says so when they cannot load', async () => {
    let loads = 0;
    const folder = (dir: string): SourceFolder => {
      const reader = nodeFolderReader(dir, 'x');
      return { label: 'x', catalogReader: reader, reader, list: () => listFolderFiles(dir) };
    };
    const mdOnly = mkdtempSync(path.join(os.tmpdir(), 'sourcebook-formats-md-'));
    try {
      writeFileSync(path.join(mdOnly, 'a.md'), '# A\n\nplain\n');
      await loadSourceFolders([folder(mdOnly)], [], { readers: async () => (loads++, Promise.reject(new Error('unused'))), extraction: loadNodeExtraction });
      assert.equal(loads, 0);
    } finally {
      rmSync(mdOnly, { recursive: true, force: true });
    }
    const result = await loadSourceFolders([folder(root)], [], { readers: async () => (loads++, Promise.reject(new Error('dist/formats.js not found'))), extraction: loadNodeExtraction });
    assert.equal(loads, 1, 'tried once for three files');
    const noReader = result.problems.filter((p) => p.skipped === 'no-reader');
    assert.equal(noReader.length, 4);
    assert.match(noReader[0].message, /reader did not load \(dist\/formats\.js not found\)/u);
    assert.deepEqual(result.collections[0].catalog.sources.map((s) => s.id), ['notes-md']);
  });

  it('loads extraction only when a folder without a catalog has sources, and says so when it cannot load', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sourcebook-formats-extract-'));
    try {
      const reader = nodeFolderReader(dir, 'x');
      const folder: SourceFolder = { label: 'x', catalogReader: reader, reader, list: () => listFolderFiles(dir) };
      let loads = 0;
      const failing = async (): Promise<never> => (loads++, Promise.reject(new Error('dist/extract.js not found')));
      writeFileSync(path.join(dir, 'sourcebook.json'), JSON.stringify({ version: 1, sources: [] }));
      const catalogued = await loadSourceFolders([folder], [], { extraction: failing, parser: loadCatalogParser });
      assert.equal(loads, 0, 'a folder with a catalog needs no extraction');
      assert.equal(catalogued.collections.length, 1);
      rmSync(path.join(dir, 'sourcebook.json'));
      writeFileSync(path.join(dir, 'a.md'), '# A\n\n"Every plateau so far has been a bad choice of axis," Tobias Wren said.\n');
      const failed = await loadSourceFolders([folder, folder], [], { extraction: failing });
      assert.equal(loads, 1, 'tried once for two folders');
      assert.deepEqual(failed.collections, []);
      assert.deepEqual(failed.problems.map((p) => [p.severity, p.message]), [
        ['error', 'could not be read: extraction did not load (dist/extract.js not found)'],
        ['error', 'could not be read: extraction did not load (dist/extract.js not found)'],
      ]);
      const extracted = await loadSourceFolders([folder], [], { extraction: loadNodeExtraction });
      assert.deepEqual(extracted.collections[0].catalog.quotes?.map((q) => q.text), ['Every plateau so far has been a bad choice of axis']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('validates a folder\'s catalog with the parser it is given, and refuses it when the parser does not load', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sourcebook-formats-parser-'));
    try {
      const reader = nodeFolderReader(dir, 'x');
      const folder: SourceFolder = { label: 'x', catalogReader: reader, reader, list: () => listFolderFiles(dir) };
      writeFileSync(path.join(dir, 'sourcebook.json'), JSON.stringify({ version: 1, sources: [], quotes: [{ id: 'q', source: 'nowhere', text: 'x', speaker: 'nobody', attribution: 'direct' }] }));
      const validated = await loadSourceFolders([folder], [], { parser: loadCatalogParser });
      assert.deepEqual(validated.collections, []);
      assert.ok(validated.problems.some((p) => /refers to unknown source "nowhere"/u.test(p.message)));
      const unparsed = await loadSourceFolders([folder], [], { parser: () => Promise.reject(new Error('dist/catalog.js not found')) });
      assert.deepEqual(unparsed.problems.map((p) => p.message), ['the catalog could not be read: its parser did not load (dist/catalog.js not found)']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says when a folder has no sources, with a code', async () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), 'sourcebook-formats-empty-'));
    try {
      writeFileSync(path.join(empty, 'photo.jpg'), 'x');
      const corpus = await loadCorpusFromDisk({ includeSeeds: false, sourceDirs: [empty] });
      assert.deepEqual(corpus.problems.map((p) => p.code), ['no-source-files']);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
