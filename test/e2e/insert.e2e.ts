// The quote picker in the real workbench: a misspelled query finds the quote and inserts it formatted.
import * as assert from 'node:assert/strict';
import { Workbench } from './workbench';

describe('e2e: quote picker', () => {
  let wb: Workbench;
  before(async () => {
    wb = await Workbench.open({ openFile: 'essay.md' });
  });
  after(async () => {
    await wb?.close();
  });

  it('inserts a Markdown blockquote for the misspelled query "peek data"', async () => {
    // Put the cursor at the end of the document's first line, then open the picker from the palette.
    await wb.page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
    await wb.page.keyboard.press('Control+Home');
    await wb.page.keyboard.press('End');
    await wb.page.keyboard.press('Enter');
    await wb.runCommand('Sourcebook: Insert Quote…');
    await wb.quickInputType('peek data');
    const rows = await wb.waitForQuickInputRow(/We've reached peak data/);
    assert.match(rows[0], /We've reached peak data/, `first row: ${rows[0]}`);
    await wb.screenshot('picker-peek-data');
    await wb.quickInputAccept();
    const text = await wb.waitForEditorText(/> — Ilya Sutskever, \*Ilya Sutskever Blows Up/);
    assert.match(text, /> We've reached peak data, and there's no more data to come/);
    await wb.screenshot('picker-inserted-markdown');
  });

  it('inserts an escaped LaTeX quote for "alphacode" with the keybinding', async () => {
    await wb.openFile('draft.tex');
    await wb.page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
    await wb.page.keyboard.press('Control+End');
    await wb.page.keyboard.press('Enter');
    await wb.page.keyboard.press('Control+Alt+KeyQ');
    await wb.quickInputType('alphacode');
    await wb.waitForQuickInputRow(/Alphacode/);
    await wb.quickInputAccept();
    const text = await wb.waitForEditorText(/54\\%/);
    assert.match(text, /\\begin\{quote\}/);
    assert.match(text, /--- Lovre Pešut/);
    await wb.screenshot('picker-inserted-latex');
  });
});
