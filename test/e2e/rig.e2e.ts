// Proves the e2e rig itself: the packaged extension in a real workbench, its activity bar container,
// a demo file opened through Quick Open, a screenshot, and each helper against built-in VS Code
// features (so a broken helper is told apart from a broken Sourcebook feature).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { Workbench } from './workbench';

describe('e2e rig: the packaged Sourcebook in a real VS Code workbench', () => {
  let wb: Workbench;

  before(async () => {
    wb = await Workbench.open();
  });

  after(async () => {
    await wb?.close();
  });

  it('shows the workbench with the Sourcebook container in the activity bar', async () => {
    await wb.activityItem('Sourcebook').waitFor({ state: 'visible' });
  });

  it('opens demo/essay.md through Quick Open', async () => {
    await wb.openFile('essay.md');
    const text = await wb.waitForEditorText('peak data');
    assert.match(text, /Is pre-training ending\?/);
    assert.match(text, /"We have reached peak data and there will be no more data to come," said Ilya Sutskever\./);
  });

  it('opens the Sourcebook container with its three views, and a screenshot shows it', async () => {
    await wb.openActivityContainer('Sourcebook');
    for (const view of ['Themes', 'Speakers', 'Sources']) {
      await wb.viewPane(view).waitFor({ state: 'visible' });
    }
    await wb.openActivityContainer('Sourcebook'); // already open: must not toggle it closed
    await wb.viewPane('Themes').waitFor({ state: 'visible' });
    await wb.moveMouseAway(); // no tooltip in the picture
    const file = await wb.screenshot('rig-workbench');
    assert.ok(fs.statSync(file).size > 10_000, 'the screenshot is suspiciously small');
  });

  describe('helpers on built-in features', () => {
    it('treeRows lists the demo files in the Explorer', async () => {
      await wb.openActivityContainer('Explorer');
      const rows = await wb.waitForTreeRow('Explorer', 'essay.md');
      for (const name of ['draft.tex', 'note.txt']) assert.ok(rows.includes(name), `${name} missing from ${JSON.stringify(rows)}`);
    });

    it('hoverText reads a hover card (a setting description in .vscode/settings.json)', async () => {
      await wb.openFile('.vscode/settings.json');
      const card = await wb.hoverText('editor.wordWrap', { match: /wrap/i });
      assert.match(card, /Controls how lines should wrap/);
    });

    it('runCommand runs a Sourcebook command from the palette (Show Log opens its output)', async () => {
      await wb.runCommand('Sourcebook: Show Log');
      const panel = wb.page.locator('.part.panel');
      await panel.waitFor({ state: 'visible' });
      await wb.page.locator('.part.panel .monaco-select-box[title*="Sourcebook"], .part.panel .monaco-select-box:has-text("Sourcebook")')
        .first().waitFor({ state: 'visible' });
    });
  });
});
