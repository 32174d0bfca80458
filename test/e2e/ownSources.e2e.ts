// Your own sources and misquote checks in the real workbench: the demo folder of notes appears in the
// sidebar, and the deliberately altered quote in demo/essay.md is flagged and fixed with the quick fix.
import * as assert from 'node:assert/strict';
import { quickFixAt } from './drafts';
import { showViewAlone } from './views';
import { waitFor, Workbench } from './workbench';

/** The quick fix of a misquote of Sutskever's words. */
const RESTORE = 'Restore the exact words of Ilya Sutskever';

describe('e2e: own sources and misquote checks', () => {
  let wb: Workbench;
  before(async () => {
    wb = await Workbench.open({ openFile: 'essay.md', settings: { 'sourcebook.sources': ['sources', 'sources-curated'] } });
  });
  after(async () => {
    await wb?.close();
  });

  it('lists the user’s sources beside the embedded ones', async () => {
    await wb.openActivityContainer('Sourcebook');
    // The Sources view alone, so that every source row (seeds and the user's, eleven of them) has room.
    await showViewAlone(wb, 'Sources');
    await wb.waitForTreeRow('Sources', /Interview: Mara Ellison on the data wall/);
    await wb.waitForTreeRow('Sources', /Panel: What replaces scale\?/);
    await wb.waitForTreeRow('Sources', /Fruits of scale/);
    await wb.screenshot('own-sources-sidebar');
  });

  it('flags the altered quote in the essay and restores the exact words with the quick fix', async () => {
    const squiggle = wb.page.locator('.editor-group-container.active .monaco-editor .squiggly-warning');
    await squiggle.first().waitFor({ state: 'attached' });
    const card = await wb.hoverText('We have reached peak data', { match: /\(Ilya Sutskever, NeurIPS 2024\)/ });
    assert.match(card, /“We've” → “We have”.*\(Ilya Sutskever, NeurIPS 2024\)/);
    await wb.screenshot('misquote-diagnostic');
    // Put the cursor in the quotation and ask for quick fixes.
    const fix = await quickFixAt(wb, 'We have reached peak data', RESTORE);
    await wb.screenshot('misquote-quick-fix');
    await fix.click();
    const text = await wb.waitForEditorText(/"We've reached peak data, and there's no more data to come," said Ilya Sutskever\./);
    assert.ok(!text.includes('We have reached peak data'));
    // The second finding is a sentence of the transcript that no catalog lists (a passage): flagged and fixed alike.
    const passageCard = await wb.hoverText('what we scale becomes', { match: /“how” → “what”/ });
    assert.match(passageCard, /\(Ilya Sutskever, NeurIPS 2024\)/);
    await wb.screenshot('passage-misquote-diagnostic');
    await (await quickFixAt(wb, 'what we scale becomes', RESTORE)).click();
    await wb.waitForEditorText(/how we scale becomes the number one priority/);
    await waitFor(async () => (await squiggle.count()) === 0, 'the warnings to disappear after the fixes');
  });
});
