// The hover card in the real workbench: hovering "peak data" in the demo essay shows Sutskever's quote.
import * as assert from 'node:assert/strict';
import { Workbench } from './workbench';

describe('e2e: hover cards', () => {
  let wb: Workbench;
  before(async () => {
    wb = await Workbench.open({ openFile: 'essay.md' });
  });
  after(async () => {
    await wb?.close();
  });

  it('shows Sutskever’s “peak data” quote with attribution and actions', async () => {
    const card = await wb.hoverText('peak data', { match: /reached peak data/ });
    assert.match(card, /peak data/);
    assert.match(card, /We've reached peak data, and there's no more data to come/);
    assert.match(card, /— Ilya Sutskever, Ilya Sutskever Blows Up at NeurIPS/);
    assert.match(card, /Insert quote/);
    assert.match(card, /Open source/);
    assert.match(card, /All quotes for “peak data”/);
    await wb.screenshot('hover-peak-data');
  });

  it('opens the source at the quote from the card', async () => {
    await wb.hoverText('peak data', { match: /Open source/ });
    await wb.page.locator('.monaco-hover:visible a', { hasText: 'Open source' }).first().click();
    await wb.waitForActiveEditor('Ilya Sutskever Blows Up');
    const text = await wb.waitForEditorText(/We've reached peak data/);
    assert.match(text, /Sutskever said/);
    await wb.screenshot('hover-open-source');
  });
});
