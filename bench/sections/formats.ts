// Web pages and PDFs (issue #17): extraction time per PDF page and per saved web page, and the load of a folder
// of 100 generated PDFs against the same text read from 100 .txt files (the baseline: what the formats add).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readHtml } from '../../src/core/extract/html';
import { readPdf } from '../../src/core/extract/pdf';
import { loadCorpusFromDisk } from '../../src/node/loadCorpus';
import { makePdf, PdfSpec } from '../../test/fixtures/formats/makePdf';
import type { TargetCheck } from '../lib/report';
import { collectGarbage, figure, ms, msUnit, now, ratio, round, summarize, Summary } from '../lib/stats';
import { table } from '../lib/report';

const PAGE = path.join(__dirname, '..', '..', 'test', 'fixtures', 'formats', 'saved-news-page.html');
const FOLDER_SIZE = 100;
const PAGES_PER_PDF = 3;
const LONG_PDF_PAGES = 20;

export interface FormatsResult {
  /** Reading a 20-page PDF, per page. */
  readonly pdfPerPage: Summary;
  /** Reading the saved news page of the tests (about 7 KB of HTML). */
  readonly webPage: Summary;
  /** The same page with ten times the article (a long read, about 40 KB). */
  readonly longWebPage: Summary;
  readonly pdfFolder: Summary;
  readonly txtFolder: Summary;
  readonly quotesPdf: number;
  readonly quotesTxt: number;
}

const WORDS = 'pre-training scale data compute models evaluation benchmark synthetic verification reasoning inference laboratories text tokens quality progress'.split(' ');

/** A report of `pages` pages: running header, page numbers, a heading, body lines and one quotation per page. */
function reportSpec(seed: number, pages: number): PdfSpec {
  const word = (i: number): string => WORDS[(seed * 7 + i * 13) % WORDS.length];
  return {
    title: `Working paper ${seed}`,
    author: 'Lattice Institute',
    creationDate: new Date(Date.UTC(2024, seed % 12, 1 + (seed % 27))),
    runningHeader: `Lattice Institute · Working paper ${seed}`,
    pageNumbers: true,
    pages: Array.from({ length: pages }, (_, p) => ({
      heading: p === 0 ? `Working paper ${seed}` : undefined,
      lines: [
        ...Array.from({ length: 30 }, (_, l) => `The ${word(l)} of ${word(l + 1)} and ${word(l + 2)} was measured again in study ${seed}.${p}.${l}, with ${word(l + 3)} held out.`),
        '',
        `“Paper ${seed} page ${p + 1} shows that ${word(p)} matters more than ${word(p + 1)} now,” said Hana Okafor.`,
      ],
    })),
  };
}

function time(samples: number, work: () => unknown): Summary {
  const out: number[] = [];
  for (let i = 0; i < samples; i++) {
    collectGarbage();
    const t = now();
    work();
    out.push(now() - t);
  }
  return summarize(out);
}

async function timeAsync(samples: number, work: () => Promise<unknown>): Promise<Summary> {
  const out: number[] = [];
  for (let i = 0; i < samples; i++) {
    collectGarbage();
    const t = now();
    await work();
    out.push(now() - t);
  }
  return summarize(out);
}

export async function runFormats(quick: boolean, log: (line: string) => void): Promise<FormatsResult> {
  log('formats: generating PDFs …');
  const longPdf = await makePdf(reportSpec(0, LONG_PDF_PAGES));
  await readPdf(longPdf); // pdf.js loaded and warmed up
  const pdfWhole = await timeAsync(quick ? 5 : 15, () => readPdf(longPdf));
  const pdfPerPage = summarize([pdfWhole.median / LONG_PDF_PAGES, pdfWhole.p95 / LONG_PDF_PAGES]);

  const html = fs.readFileSync(PAGE, 'utf8');
  const body = /<div class="story-body">([\s\S]*?)<\/div>\s*<div class="article-tags">/u.exec(html)?.[1] ?? '';
  const longHtml = html.replace(body, body.repeat(10));
  readHtml(html);
  const webPage = time(quick ? 20 : 60, () => readHtml(html));
  const longWebPage = time(quick ? 10 : 30, () => readHtml(longHtml));

  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sourcebook-bench-formats-'));
  try {
    const pdfDir = path.join(root, 'pdf');
    const txtDir = path.join(root, 'txt');
    fs.mkdirSync(pdfDir);
    fs.mkdirSync(txtDir);
    for (let i = 0; i < FOLDER_SIZE; i++) {
      const bytes = await makePdf(reportSpec(i + 1, PAGES_PER_PDF));
      fs.writeFileSync(path.join(pdfDir, `paper-${i}.pdf`), bytes);
      const read = await readPdf(bytes);
      if (!read.ok) throw new Error(`generated PDF ${i} did not read: ${read.reason}`);
      // The same words as plain text: the baseline reads and extracts exactly what the PDFs give.
      fs.writeFileSync(path.join(txtDir, `paper-${i}.txt`), read.document.text);
    }
    log(`formats: loading ${FOLDER_SIZE} PDFs against ${FOLDER_SIZE} .txt …`);
    let quotesPdf = 0;
    let quotesTxt = 0;
    const pdfFolder = await timeAsync(quick ? 2 : 5, async () => (quotesPdf = (await loadCorpusFromDisk({ includeSeeds: false, sourceDirs: [pdfDir] })).kb.quotes.length));
    const txtFolder = await timeAsync(quick ? 2 : 5, async () => (quotesTxt = (await loadCorpusFromDisk({ includeSeeds: false, sourceDirs: [txtDir] })).kb.quotes.length));
    return { pdfPerPage, webPage, longWebPage, pdfFolder, txtFolder, quotesPdf, quotesTxt };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/** Adds the figures to results.json and the targets, and returns the table to print. */
export function addFormats(results: { json: Record<string, unknown>; checks: TargetCheck[] }, r: FormatsResult): string {
  const folderRatio = r.pdfFolder.median / r.txtFolder.median;
  results.json.formats = {
    pdfPerPage: { median: round(r.pdfPerPage.median), p95: round(r.pdfPerPage.p95) },
    webPage: figure(r.webPage),
    longWebPage: figure(r.longWebPage),
    folder: { files: FOLDER_SIZE, pagesEach: PAGES_PER_PDF, pdf: figure(r.pdfFolder), txt: figure(r.txtFolder), ratio: round(folderRatio), quotesPdf: r.quotesPdf, quotesTxt: r.quotesTxt },
  };
  results.checks.push(
    { name: 'PDF extraction per page (20-page report)', target: 'p95 < 50 ms', measured: msUnit(r.pdfPerPage.p95), pass: r.pdfPerPage.p95 < 50 },
    { name: 'saved web page extraction (7 KB news page)', target: 'p95 < 50 ms', measured: msUnit(r.webPage.p95), pass: r.webPage.p95 < 50 },
    { name: `load ${FOLDER_SIZE} PDFs (${PAGES_PER_PDF} pages each)`, target: 'median < 5 s, same quotes as .txt', measured: `${msUnit(r.pdfFolder.median)}, ${r.quotesPdf}/${r.quotesTxt} quotes`, pass: r.pdfFolder.median < 5000 && r.quotesPdf === r.quotesTxt },
  );
  const f = (s: Summary): string => `${ms(s.median)} / ${ms(s.p95)} (${s.n})`;
  return table('Web pages and PDFs (issue #17)', ['what', 'median / p95 (n)', 'baseline', 'ratio'], [
    [`PDF, per page (${LONG_PDF_PAGES}-page report)`, `${ms(r.pdfPerPage.median)} / ${ms(r.pdfPerPage.p95)}`, '–', '–'],
    ['saved web page (7 KB)', f(r.webPage), '–', '–'],
    ['saved web page, long read (×10 article)', f(r.longWebPage), '–', '–'],
    [`load ${FOLDER_SIZE} PDFs × ${PAGES_PER_PDF} pages vs the same text as .txt`, f(r.pdfFolder), f(r.txtFolder), ratio(folderRatio)],
  ]);
}
