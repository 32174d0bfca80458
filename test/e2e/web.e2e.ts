// Sourcebook on the web (#21): the browser-only VSIX (out/sourcebook-web.vsix: `browser`, no `main`) in its own
// code-server, which runs it in the web worker extension host as vscode.dev and github.dev do. The extension must say
// it runs there (no Node: `typeof process` is "undefined"), and serve the same scenarios as the Node build: the
// sidebar, a hover card, the quote picker (citing with a Pandoc key, so the BibTeX bundle loads in the browser too), a
// citation key's card, the misquote check with its quick fix, and a saved web page and a PDF extracted and built into
// the corpus in the extension's own Web Worker (dist/web/sourceWorker.js: readability on linkedom, pdf.js without a
// worker of its own), the web extension host reading the files for it and the corpus back.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { goToLine, quickFixAt } from './drafts';
import { findPdfQuoteInPicker } from './pdfQuote';
import { showViewAlone, widenSideBar } from './views';
import { waitFor, WEB_VSIX, Workbench } from './workbench';

/** The PDF's quote on its third page, by Hana Okafor (`node dist/cli.js list quotes --no-seeds --sources demo/sources`). */

/** The NeurIPS talk's citation key in the embedded corpus (`node dist/cli.js bib`). */
const KEY = 'sutskever2024neurips';

/** What the browser build's entry logs first (src/extension.web.ts). */
const WEB_HOST_LINE = /Sourcebook runs in a web extension host: typeof process is "undefined", in a web worker, Mozilla\/5\.0/u;
/** What a load logs when the writer's folders were read and built in the browser's source worker (workspaceSources.ts). */
const WEB_WORKER_LINE = /Your folders were read in a Web Worker \(corpus built\)/u;

describe('e2e: the browser build in the web worker extension host', () => {
  let wb: Workbench;
  before(async () => {
    // With a citation style, the citation bundle (the BibTeX parser) is read at activation too.
    wb = await Workbench.open({ vsix: WEB_VSIX, openFile: 'essay.md', settings: { 'sourcebook.sources': ['sources'], 'sourcebook.citations.style': 'pandoc' } });
  });
  after(async () => {
    await wb?.close();
  });

  /** The text of the output view in the panel (the channel that is shown). */
  const outputText = async (): Promise<string> => {
    const text = await wb.page.locator('.part.panel .monaco-editor .view-lines').first().innerText();
    // The view wraps long lines at a space: join them again.
    return text.replace(/\u00a0/gu, ' ').replace(/ ?\n(?!\d{4}-\d\d-\d\d )/gu, ' ');
  };

  it('runs in the web worker extension host, not in the Node one', async () => {
    // Once the check has flagged the essay's altered quote, the extension is active and its sources loaded.
    // The first window starts the web worker extension host and reads the seeds, the web page and the PDF in it.
    await wb.page.locator('.editor-group-container.active .monaco-editor .squiggly-warning').first().waitFor({ state: 'attached', timeout: 90_000 });
    await wb.runCommand('Sourcebook: Show Log');
    let text = '';
    await waitFor(async () => WEB_HOST_LINE.test(text = await outputText()), () => `the web host line in the Sourcebook log (log: ${JSON.stringify(text.slice(0, 600))})`);
    // sources/ (the saved web page and the PDF among its files) was extracted and built in the Web Worker, not here.
    await waitFor(async () => WEB_WORKER_LINE.test(text = await outputText()), () => `the source worker's line in the Sourcebook log (log: ${JSON.stringify(text.slice(0, 1500))})`);
    assert.doesNotMatch(text, /could not start|Loading sources failed/u, text);
    // The server's Node extension host keeps a log folder per extension with a log channel (the Node build's
    // Sourcebook has one there, logs/<time>/exthost1/sourcebook.sourcebook): none for this one, which runs in the tab.
    const logs = path.join(wb.server.stateDir, 'logs');
    const nodeHosts = fs.readdirSync(logs, { recursive: true, encoding: 'utf8' }).filter((entry) => /exthost\d*$/u.test(entry));
    assert.ok(nodeHosts.length > 0, `no Node extension host logs under ${logs}`);
    for (const host of nodeHosts) {
      const channels = fs.readdirSync(path.join(logs, host));
      assert.ok(channels.includes('vscode.git'), `${host}: ${channels.join(', ')}`);
      assert.ok(!channels.includes('sourcebook.sourcebook'), `Sourcebook logs in the Node extension host: ${host}`);
    }
    await wb.screenshot('web-host-log');
    await wb.runCommand('View: Hide Panel');
  });

  it('shows the Themes view, and opens a quote at its place in the source', async () => {
    await wb.openActivityContainer('Sourcebook');
    await widenSideBar(wb, 560);
    await showViewAlone(wb, 'Themes');
    const rows = await wb.waitForTreeRow('Themes', /^Peak data and the end of pre-training\s*\d+ quotes/u);
    assert.ok(rows.some((r) => /Synthetic data\s*\d+ quotes/u.test(r)), rows.join('\n'));
    const theme = wb.viewPane('Themes').locator('.monaco-list-row', { hasText: 'Peak data and the end of pre-training' }).first();
    await theme.locator('.monaco-tl-twistie').click();
    await wb.waitForTreeRow('Themes', /reached peak data.*Ilya Sutskever$/u);
    await wb.moveMouseAway();
    await wb.screenshot('web-sidebar-themes');
    await wb.viewPane('Themes').locator('.monaco-list-row', { hasText: 'reached peak data' }).first().click();
    await wb.waitForActiveEditor('Ilya Sutskever Blows Up');
    await wb.waitForEditorText(/We've reached peak data/u);
    const selection = wb.page.locator('.editor-group-container.active .monaco-editor .selected-text');
    await waitFor(async () => (await selection.count()) > 0, 'the quote selected in the source');
  });

  it('lists the saved web page and the PDF, read in the worker, in the Sources view', async () => {
    await showViewAlone(wb, 'Sources');
    await wb.waitForTreeRow('Sources', /^After the Data Wall\b/u);
    await waitFor(async () => (await wb.viewPane('Sources').getByText('Loading sources').count()) === 0, 'the Sources view to finish loading');
    const header = (await wb.viewPane('Sources').locator('> .pane-header').innerText()).replace(/\s+/gu, ' ');
    assert.doesNotMatch(header, /skipped/u, `files of sources/ were skipped: ${header}`);
    const rows = await wb.waitForTreeRow('Sources', /^Annual Report 2024\b.*\b3 quotes\b/u);
    assert.ok(rows.some((r) => /^Synthetic data is not a free lunch, researchers warn\b.*\b5 quotes\b/u.test(r)), rows.join('\n'));
    await wb.moveMouseAway();
    await wb.screenshot('web-sources-web-page-and-pdf');
    // A quote of a source the worker built opens at its place in the source, as the host restored it.
    const article = wb.viewPane('Sources').locator('.monaco-list-row', { hasText: 'After the Data Wall' }).first();
    await article.locator('.monaco-tl-twistie').click();
    // Its speaker as extraction found it (`node dist/cli.js list quotes --no-seeds --sources demo/sources`).
    await wb.waitForTreeRow('Sources', /^The internet is finite, but the world keeps producing data.*Hana Okafor$/u);
    await wb.viewPane('Sources').locator('.monaco-list-row', { hasText: 'The internet is finite, but the world keeps producing data' }).first().click();
    await wb.waitForActiveEditor('After the Data Wall');
    await wb.waitForEditorText(/The internet is finite, but the world keeps producing data every day/u);
    const selection = wb.page.locator('.editor-group-container.active .monaco-editor .selected-text');
    await waitFor(async () => (await selection.count()) > 0, 'the quote selected in the source');
  });

  it('shows the hover card over “peak data” in the essay', async () => {
    await wb.openFile('essay.md');
    const card = await wb.hoverText('peak data', { match: /reached peak data/u });
    assert.match(card, /We've reached peak data, and there's no more data to come/u);
    assert.match(card, /— Ilya Sutskever, Ilya Sutskever Blows Up at NeurIPS/u);
    assert.match(card, /Insert quote/u);
    await wb.screenshot('web-hover-peak-data');
  });

  it('flags the altered quote and restores the exact words with the quick fix', async () => {
    await wb.moveMouseAway();
    const squiggle = wb.page.locator('.editor-group-container.active .monaco-editor .squiggly-warning');
    await squiggle.first().waitFor({ state: 'attached' });
    const card = await wb.hoverText('We have reached peak data', { match: /\(Ilya Sutskever, NeurIPS 2024\)/u });
    assert.match(card, /“We've” → “We have”/u);
    const fix = await quickFixAt(wb, 'We have reached peak data', 'Restore the exact words of Ilya Sutskever');
    await wb.screenshot('web-misquote-quick-fix');
    await fix.click();
    const text = await wb.waitForEditorText(/"We've reached peak data, and there's no more data to come," said Ilya Sutskever\./u);
    assert.ok(!text.includes('We have reached peak data'), text);
  });

  it('inserts a quote found from the misspelled "peek data" with the picker, cited by its Pandoc key', async () => {
    await goToLine(wb, 2); // the blank line under the essay's title
    await wb.runCommand('Sourcebook: Insert Quote…');
    await wb.quickInputType('peek data');
    const rows = await wb.waitForQuickInputRow(/We've reached peak data/u);
    assert.match(rows[0], /We've reached peak data/u, `first row: ${rows[0]}`);
    await wb.screenshot('web-picker-peek-data');
    await wb.quickInputAccept();
    const text = await wb.waitForEditorText(`> — Ilya Sutskever [@${KEY}]`);
    assert.match(text, /> We've reached peak data, and there's no more data to come\n>\n> — Ilya Sutskever \[@/u);
  });

  it('shows the source’s card over the inserted citation key', async () => {
    const card = await wb.hoverText(`${KEY}]`, { match: /Ilya Sutskever Blows Up at NeurIPS/u });
    assert.match(card, new RegExp(`@${KEY}`, 'u'), card);
    assert.match(card, /talk transcript/u, card);
    await wb.screenshot('web-citation-key-card');
  });

  it('finds the PDF’s quote, built in the Web Worker, in the picker with its speaker and page', async () => {
    await wb.openFile('essay.md');
    await findPdfQuoteInPicker(wb, 'web-picker-pdf-quote-page');
    await wb.page.keyboard.press('Escape');
    await wb.quickInput.waitFor({ state: 'hidden' });
  });
});
