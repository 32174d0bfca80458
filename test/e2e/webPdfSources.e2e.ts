// Saved web pages and PDFs as sources (#17), in the real workbench: demo/sources holds a saved web page
// (synthetic-data-lattice-review.html) and a PDF report (lattice-institute-annual-report-2024.pdf). With
// `sourcebook.sources: ["sources"]` the Sources view lists both by their titles, and the quote picker finds a
// quote of the PDF, says on which page it stands, and inserts it with its attribution (the page included).
// (No glossary term of the seeds occurs in the PDF's three quotes, so there is no hover card test on them.)
import * as assert from 'node:assert/strict';
import { draftWorkspace, goToLine, removeDraftWorkspace, saveAndRead } from './drafts';
import { findPdfQuoteInPicker, PDF_QUOTE } from './pdfQuote';
import { widenSideBar } from './views';
import { waitFor, Workbench } from './workbench';

const DRAFT = ['# Notes on the data wall', '', ''].join('\n');

/** The PDF's quote on its third page (`node dist/cli.js list quotes --no-seeds --sources demo/sources`). */

describe('e2e: saved web pages and PDFs as sources', () => {
  let wb: Workbench;
  let folder: string | undefined;

  before(async () => {
    folder = draftWorkspace({ 'pdf-notes.md': DRAFT });
    wb = await Workbench.open({ workspace: folder, openFile: 'pdf-notes.md', settings: { 'sourcebook.sources': ['sources'] } });
  });
  after(async () => {
    await wb?.close();
    removeDraftWorkspace(folder);
  });

  it('lists the saved web page and the PDF in the Sources view by their titles', async () => {
    await wb.openActivityContainer('Sourcebook');
    // The other views collapsed, so the Sources rows have the room.
    for (const other of ['Themes', 'Speakers', 'Findings']) {
      const header = wb.viewPane(other).locator('> .pane-header');
      if ((await header.getAttribute('aria-expanded')) === 'true') await header.click();
      await waitFor(async () => (await header.getAttribute('aria-expanded')) === 'false', `view ${other} to collapse`);
    }
    await widenSideBar(wb, 640);
    // The folder's Markdown and text sources are in once it has loaded; the web page and the PDF must not have
    // been skipped ("2 files skipped — see log" in the view's header when their reader does not load).
    await wb.waitForTreeRow('Sources', /^After the Data Wall\b/u);
    const loading = wb.viewPane('Sources').getByText('Loading sources');
    await waitFor(async () => (await loading.count()) === 0, 'the Sources view to finish loading');
    const header = (await wb.viewPane('Sources').locator('> .pane-header').innerText()).replace(/\s+/gu, ' ');
    if (/skipped/u.test(header)) await wb.screenshot('web-pdf-sources-skipped.tmp');
    assert.doesNotMatch(header, /skipped/u, `files of sources/ were skipped: ${header}`);
    await wb.waitForTreeRow('Sources', /^Synthetic data is not a free lunch, researchers warn\b/u);
    const rows = await wb.waitForTreeRow('Sources', /^Annual Report 2024\b/u);
    const web = rows.find((row) => row.startsWith('Synthetic data is not a free lunch, researchers warn'));
    const pdf = rows.find((row) => row.startsWith('Annual Report 2024'));
    assert.match(web ?? '', /\b5 quotes\b/u, rows.join('\n'));
    assert.match(pdf ?? '', /\b3 quotes\b/u, rows.join('\n'));
    // Their folder is named (workspace sources are told apart from the embedded ones).
    assert.match(web ?? '', /sources/u, rows.join('\n'));
    assert.match(pdf ?? '', /sources/u, rows.join('\n'));
    await wb.moveMouseAway();
    await wb.screenshot('web-pdf-sources-view');
  });

  it('finds a PDF quote in the picker with its page, and inserts it with its attribution', async () => {
    await wb.openFile('pdf-notes.md');
    await goToLine(wb, 3);
    await findPdfQuoteInPicker(wb, 'picker-pdf-quote-page');
    await wb.quickInputAccept(new RegExp(`^${PDF_QUOTE}`, 'u'));
    await wb.quickInput.waitFor({ state: 'hidden' });
    await wb.waitForEditorText(PDF_QUOTE);
    const text = await saveAndRead(wb, 'pdf-notes.md', DRAFT);
    assert.equal(text, [
      '# Notes on the data wall',
      '',
      `> ${PDF_QUOTE}`,
      '>',
      '> — Hana Okafor, quoted in *Annual Report 2024* (2 Dec 2024), p. 3',
      '',
    ].join('\n'));
    await wb.moveMouseAway();
    await wb.screenshot('insert-pdf-quote');
  });
});
