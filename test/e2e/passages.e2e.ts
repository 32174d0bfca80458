// Every sentence of every source in the real workbench: a sentence of the NeurIPS transcript that no catalog lists
// is found from a typo and inserted as Sutskever's; a Q&A question goes to the audience member; words selected in a
// source view go into the draft with Quote Selection in Draft.
import * as assert from 'node:assert/strict';
import { draftWorkspace, removeDraftWorkspace } from './drafts';
import { waitFor, Workbench } from './workbench';

const ACTIVE_EDITOR = '.editor-group-container.active .monaco-editor';

describe('e2e: every sentence is quotable (passages)', () => {
  let wb: Workbench;
  let dir: string | undefined;
  before(async () => {
    dir = draftWorkspace({ 'passages.md': '# Passages\n\nNotes for the essay.\n' });
    wb = await Workbench.open({ workspace: dir, openFile: 'passages.md' });
  });
  after(async () => {
    await wb?.close();
    removeDraftWorkspace(dir);
  });

  /** The cursor at the end of the draft, on a line of its own. */
  async function toEnd(): Promise<void> {
    await wb.page.locator(`${ACTIVE_EDITOR} .view-lines`).first().click();
    await wb.page.keyboard.press('Control+End');
    await wb.page.keyboard.press('Enter');
  }

  it('finds a transcript sentence from a typo and inserts it as Sutskever’s', async () => {
    await toEnd();
    await wb.runCommand('Sourcebook: Insert Quote…');
    await wb.quickInputType('ancint history LSTM');
    // The list may still hold the empty query's rows when the match appears: look at the matching row.
    const rows = await wb.waitForQuickInputRow(/ancient history that many of you/);
    const row = rows.find((r) => /ancient history that many of you/.test(r)) ?? '';
    assert.match(row, /Ilya Sutskever/, `row: ${row}`);
    assert.match(row, /sentence/);
    await waitFor(async () => /ancient history/.test((await wb.quickInputRows())[0] ?? ''), 'the sentence to be the first row');
    await wb.screenshot('passage-picker');
    await wb.quickInputAccept(/ancient history that many of you/);
    const text = await wb.waitForEditorText(/> — Ilya Sutskever/);
    assert.match(text, /> Now I'm going to show you some ancient history that many of you have probably never seen before, and it's called the LSTM\./);
    await wb.screenshot('passage-inserted');
  });

  it('gives a question from the Q&A to the audience member', async () => {
    await toEnd();
    await wb.runCommand('Sourcebook: Insert Quote…');
    await wb.quickInputType('question about autocorect');
    const rows = await wb.waitForQuickInputRow(/ask a question about autocorrect/);
    const row = rows.find((r) => /ask a question about autocorrect/.test(r)) ?? '';
    assert.match(row, /Audience member/, `row: ${row}`);
    await wb.quickInputAccept(/ask a question about autocorrect/);
    const text = await wb.waitForEditorText(/> — Audience member/);
    assert.match(text, /> I'd like to ask a question about autocorrect\./);
  });

  it('quotes the words selected in a source view into the draft', async () => {
    await toEnd();
    await wb.runCommand('Sourcebook: Insert Quote…');
    await wb.quickInputType('peek data');
    await wb.waitForQuickInputRow(/We've reached peak data/);
    // The row's Open Source button opens the source beside, with the quote selected, and keeps the picker.
    const row = wb.page.locator('.quick-input-list .monaco-list-row', { hasText: "We've reached peak data" }).first();
    await row.hover();
    await row.locator('.action-label[aria-label="Open source at this quote"]').click();
    await waitFor(async () => (await wb.page.locator('.tab', { hasText: 'Ilya Sutskever Blows Up' }).count()) > 0, 'the source to open beside');
    await wb.dismissQuickInput();
    // Into the source's editor group, where the quote is selected, and quote the selection.
    await wb.runCommand('View: Focus Next Editor Group');
    await wb.waitForActiveEditor('Ilya Sutskever Blows Up');
    await wb.screenshot('passage-source-selection');
    await wb.runCommand('Sourcebook: Quote Selection in Draft');
    await wb.waitForActiveEditor('passages.md');
    const text = await wb.waitForEditorText(/> We've reached peak data, and there's no more data to come/);
    assert.match(text, /> — Ilya Sutskever/);
    await wb.screenshot('passage-quote-selection');
  });
});
