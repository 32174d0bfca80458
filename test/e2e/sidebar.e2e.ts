// The Sourcebook sidebar in the real workbench: the container and its three views, each expanded and
// screenshotted; a click on a quote opens its source with the quote selected; the filter and Show Quotes for
// Term as a user runs them.
import * as assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { showViewAlone, SOURCEBOOK_VIEWS, widenSideBar } from './views';
import { waitFor, Workbench } from './workbench';


describe('e2e: sidebar', () => {
  let wb: Workbench;

  before(async () => {
    wb = await Workbench.open({ openFile: 'essay.md' });
    await wb.openActivityContainer('Sourcebook');
    await widenSideBar(wb, 560);
  });

  after(async () => {
    await wb?.close();
  });

  /** A rendered row of a view whose text contains `text`. */
  const row = (view: string, text: string): Locator => wb.viewPane(view).locator('.monaco-list-row', { hasText: text }).first();

  const focusView = (view: (typeof SOURCEBOOK_VIEWS)[number]): Promise<void> => showViewAlone(wb, view);

  /** Expands a parent row (clicking its twistie) and waits for its first child to render. */
  async function expand(view: string, parentText: string, childMatch: RegExp): Promise<string[]> {
    await wb.waitForTreeRow(view, parentText);
    const parent = row(view, parentText);
    if ((await parent.getAttribute('aria-expanded')) !== 'true') await parent.locator('.monaco-tl-twistie').click();
    return wb.waitForTreeRow(view, childMatch);
  }

  it('shows the Themes view with counts, and a theme’s quotes', async () => {
    await focusView('Themes');
    const rows = await wb.waitForTreeRow('Themes', 'Peak data and the end of pre-training');
    assert.ok(rows.some((r) => /Synthetic data\s*\d+ quotes/u.test(r)), rows.join('\n'));
    assert.ok(rows.length >= 8, rows.join('\n'));
    const expanded = await expand('Themes', 'Peak data and the end of pre-training', /reached peak data/u);
    assert.ok(expanded.some((r) => /Ilya Sutskever$/u.test(r)), expanded.join('\n'));
    // Quote rows are one short line ending in "…" when cut.
    assert.ok(expanded.some((r) => r.includes('…')), expanded.join('\n'));
    await wb.screenshot('sidebar-themes');
  });

  it('shows a quote’s full words, attribution and source in its tooltip', async () => {
    const quote = row('Themes', 'reached peak data');
    await quote.hover();
    const hover = wb.page.locator('.monaco-hover:visible, .workbench-hover:visible').first();
    await hover.waitFor({ state: 'visible' });
    // The tooltip is resolved when shown (resolveTreeItem): "Loading..." until the extension host answers.
    let text = '';
    await waitFor(async () => {
      text = (await hover.innerText()).replace(/\u00a0/gu, ' ');
      return !/^\s*Loading\W*$/iu.test(text);
    }, () => `the tooltip's words (last: ${JSON.stringify(text.slice(0, 200))})`);
    assert.match(text, /We've reached peak data, and there's no more data to come/u);
    assert.match(text, /— Ilya Sutskever, Ilya Sutskever Blows Up at NeurIPS.*\(NeurIPS 2024\)/u);
    assert.doesNotMatch(text, /\\/u, 'escapes show as backslashes');
    await wb.screenshot('sidebar-tooltip');
    await wb.page.mouse.move(2, 2);
  });

  it('shows the Speakers view with roles, own words and reported views', async () => {
    await focusView('Speakers');
    const rows = await wb.waitForTreeRow('Speakers', /Ilya Sutskever\s*\d+ quotes(?:, \d+ reports?)? · Former chief scientist/u);
    assert.ok(rows.some((r) => r.startsWith('OpenAI')), rows.join('\n'));
    // Ilya's own words come first (his 70-odd rows push the reports of his view below the fold).
    await expand('Speakers', 'Ilya Sutskever', /own words · /u);
    await row('Speakers', 'Ilya Sutskever').locator('.monaco-tl-twistie').click();
    // An organisation only reported on, and a writer who both speaks and reports.
    const reported = await expand('Speakers', 'Google DeepMind', /reported by Coding Chronicles/u);
    assert.ok(reported.some((r) => /^Google DeepMind\s*\d+ (?:quotes|reports) · Invests/u.test(r)), reported.join('\n'));
    await row('Speakers', 'Google DeepMind').locator('.monaco-tl-twistie').click();
    await expand('Speakers', 'Chief AI Sharing Circle', /own words · /u);
    // Its reports come after its own words, below the fold: scroll the list down.
    await wb.viewPane('Speakers').locator('.monaco-list').first().hover();
    await wb.page.mouse.wheel(0, 400);
    await wb.waitForTreeRow('Speakers', /reporting Ilya Sutskever’s view/u);
    await wb.screenshot('sidebar-speakers');
  });

  it('shows the Sources view with title, kind and date, and quotes in document order', async () => {
    await focusView('Sources');
    const rows = await wb.waitForTreeRow('Sources', /Ilya Sutskever Blows Up at NeurIPS.*\d+ quotes · talk transcript · NeurIPS 2024/u);
    assert.equal(rows.filter((r) => /\d+ quotes · /u.test(r)).length, 5, rows.join('\n'));
    await expand('Sources', 'Ilya Sutskever Blows Up at NeurIPS', /Ilya Sutskever$/u);
    await wb.screenshot('sidebar-sources');
  });

  it('opens the source at a quote, selected, in a read-only editor', async () => {
    const quote = row('Sources', 'reached peak data');
    await quote.waitFor({ state: 'visible' });
    await quote.click();
    await wb.waitForActiveEditor('Ilya Sutskever Blows Up');
    const text = await wb.waitForEditorText(/We've reached peak data/u);
    assert.match(text, /peak data/u);
    // The quote is selected: the editor paints a selection over it.
    const selection = wb.page.locator('.editor-group-container.active .monaco-editor .selected-text');
    await waitFor(async () => (await selection.count()) > 0, 'a selection in the source editor');
    // Read-only: typing changes nothing and the tab shows no unsaved dot.
    await wb.page.locator('.editor-group-container.active .monaco-editor textarea').first().focus();
    await wb.page.keyboard.type('zzz');
    assert.doesNotMatch(await wb.editorText(), /zzz/u);
    assert.equal(await wb.page.locator('.tabs-container .tab.active.dirty').count(), 0);
    await wb.screenshot('sidebar-open-quote');
  });

  it('filters the views from the title bar and clears the filter', async () => {
    await focusView('Themes');
    await wb.viewPane('Themes').hover();
    await wb.viewPane('Themes').locator('.pane-header .action-label[aria-label^="Filter"]').click();
    await wb.quickInputType('synthetic');
    await wb.quickInputAccept();
    await waitFor(async () => (await wb.viewPane('Themes').locator('.pane-header').innerText()).includes('filter: synthetic'), 'the filter in the view description');
    const rows = await wb.waitForTreeRow('Themes', /^Synthetic data\s*\d+ (of \d+ )?quotes/u);
    assert.ok(!rows.some((r) => r.startsWith('Lessons from biology')), rows.join('\n'));
    await wb.screenshot('sidebar-filter');
    await wb.runCommand('Sourcebook: Clear Filter');
    await waitFor(async () => !(await wb.viewPane('Themes').locator('.pane-header').innerText()).includes('filter:'), 'the filter to clear');
  });

  it('filters with a typo ("fosil" finds the fossil-fuel quotes), and says when nothing matches', async () => {
    const header = wb.viewPane('Themes').locator('.pane-header');
    const filterViews = async (text: string): Promise<void> => {
      await wb.viewPane('Themes').hover();
      await wb.viewPane('Themes').locator('.pane-header .action-label[aria-label^="Filter"]').click();
      await wb.quickInputType(text);
      await wb.quickInputAccept();
      await waitFor(async () => (await header.innerText()).includes(`filter: ${text}`), `"filter: ${text}" in the view description`);
    };
    await focusView('Themes');
    await filterViews('fosil');
    // "fosil" is in no quote as typed: only the typo-tolerant match finds "fossil", all under one theme.
    const rows = await wb.waitForTreeRow('Themes', /^Peak data and the end of pre-training\s*3 of \d+ quotes/u);
    assert.equal(rows.filter((r) => /\d+ of \d+ quotes/u.test(r)).length, 1, rows.join('\n'));
    const quotes = await expand('Themes', 'Peak data and the end of pre-training', /^You could even say that data is the fossil fuel of AI\. Ilya Sutskever$/u);
    assert.ok(quotes.some((r) => /^Sutskever compares the situation to the depletion of fossil/u.test(r)), quotes.join('\n'));
    await wb.moveMouseAway();
    await wb.screenshot('sidebar-filter-typo');

    await filterViews('zqxwv blorptang');
    const message = wb.viewPane('Themes').getByText('No quotes match “zqxwv blorptang”. Use Clear Filter to see everything.');
    await message.waitFor({ state: 'visible' });
    assert.deepEqual(await wb.treeRows('Themes'), []);
    await wb.moveMouseAway();
    await wb.screenshot('sidebar-filter-nothing-matches');
    await wb.runCommand('Sourcebook: Clear Filter');
    await waitFor(async () => !(await header.innerText()).includes('filter:'), 'the filter to clear');
  });

  it('shows the quotes of a term picked from Show Quotes for Term', async () => {
    // Through the palette by hand: the command opens its own picker at once (runCommand would wait for the palette to close).
    await wb.openCommandPalette();
    await wb.quickInputType('>Sourcebook: Show Quotes for Term');
    await wb.quickInputAccept('Sourcebook: Show Quotes for Term');
    await wb.waitForQuickInputRow(/^(?!Sourcebook:).*\d+ quotes?/u);
    // A typo, as writers type: the term picker ranks "peak data" first, and Enter takes it.
    await wb.quickInputType('peak dta');
    await wb.waitForQuickInputRow(/^peak data/u);
    await wb.quickInputAccept();
    const rows = await wb.waitForTreeRow('Themes', /^Term: peak data\s*\d+ quotes/u);
    assert.ok(rows.some((r) => r.includes('reached peak data')), rows.join('\n'));
    await wb.screenshot('sidebar-term');
  });
});
