// Proves the e2e rig: the packaged extension in a real workbench, its activity bar container,
// a demo file opened through Quick Open, and a screenshot.
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
  });

  it('opens the Sourcebook container with its three views', async () => {
    await wb.openActivityContainer('Sourcebook');
    for (const view of ['Themes', 'Speakers', 'Sources']) {
      await wb.viewPane(view).waitFor({ state: 'visible' });
    }
  });

  it('saves a screenshot', async () => {
    const file = await wb.screenshot('rig-workbench');
    assert.ok(fs.statSync(file).size > 10_000, 'the screenshot is suspiciously small');
  });
});
