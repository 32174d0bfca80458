// The command palette and the quote picker's query prefixes, in the real workbench: "Sourcebook: Insert Quote" lists
// Insert Quote… first; `@karpaty` narrows to Karpathy, `#syntetic` to the Synthetic data theme (typos allowed, as
// the README promises); a nonsense query says nothing matches.
import * as assert from 'node:assert/strict';
import { waitFor, Workbench } from './workbench';

const PICKER_ROWS = '.quick-input-widget:visible .quick-input-list .monaco-list-row';

describe('e2e: command palette and picker prefixes', () => {
  let wb: Workbench;
  before(async () => {
    wb = await Workbench.open({ openFile: 'essay.md' });
  });
  after(async () => {
    await wb?.close();
  });

  /** Every rendered picker row's whole text (label, description and detail line), top to bottom. */
  async function pickerRows(): Promise<string[]> {
    const rows = await wb.page.locator(PICKER_ROWS).evaluateAll((elements) => elements
      .map((element) => {
        const row = element as unknown as { innerText: string; style: { top: string } };
        return { text: row.innerText.replace(/\u00a0/gu, ' ').replace(/\s+/gu, ' ').trim(), top: parseFloat(row.style.top || '0') };
      })
      .sort((a, b) => a.top - b.top)
      .map((row) => row.text));
    return rows;
  }

  /** Waits until there are picker rows and every one satisfies `test`; returns them. */
  async function rowsSettled(test: (row: string) => boolean, what: string): Promise<string[]> {
    let rows: string[] = [];
    await waitFor(async () => (rows = await pickerRows()).length > 0 && rows.every(test), () => `${what} (rows: ${JSON.stringify(rows, null, 1)})`);
    return rows;
  }

  /** Opens Insert Quote… (the palette closes, the picker opens empty) and types `query`. */
  async function openPicker(query: string): Promise<void> {
    await wb.runCommand('Sourcebook: Insert Quote…');
    await wb.page.locator('.quick-input-widget:visible .quick-input-title', { hasText: 'Insert Quote' }).waitFor({ state: 'visible' });
    await wb.quickInputType(query);
  }

  it('lists “Sourcebook: Insert Quote…” first for “Sourcebook: Insert Quote” in the command palette', async () => {
    // The palette lists the commands known when it opens: right after the window opens the extension's
    // contributions may not be in yet, so open it again until they are (the Sourcebook container shows first).
    await wb.activityItem('Sourcebook').waitFor({ state: 'visible' });
    let rows: string[] = [];
    await waitFor(async () => {
      await wb.openCommandPalette();
      await wb.quickInputType('>Sourcebook: Insert Quote');
      try {
        await waitFor(async () => (rows = await wb.quickInputRows()).some((r) => r.startsWith('Sourcebook: ')), 'Sourcebook rows', 3_000);
      } catch {
        await wb.dismissQuickInput();
        return false;
      }
      return true;
    }, () => `Sourcebook commands in the palette (rows: ${JSON.stringify(rows)})`);
    // The list settles as it is typed: read it once more.
    rows = await wb.waitForQuickInputRow(/^Sourcebook: /u);
    assert.match(rows[0], /^Sourcebook: Insert Quote…(?: |$)/u, `rows: ${JSON.stringify(rows)}`);
    // A fresh window has no command history: the order is the palette's ranking, not "recently used".
    assert.doesNotMatch(rows.join('\n'), /recently used/u);
    assert.match(rows[0], /Ctrl\s*\+\s*Alt\s*\+\s*Q/iu, `the row shows its keybinding: ${rows[0]}`);
    await wb.screenshot('palette-insert-quote-first');
    await wb.dismissQuickInput();
  });

  it('finds Karpathy’s quotes for “@karpaty”', async () => {
    await openPicker('@karpaty');
    // Every row is by or about Karpathy (his view reported by a writer counts). The list is re-rendered as the
    // query is typed: wait until the rows of the empty query have gone.
    const rows = await rowsSettled((row) => /Andrej Karpathy/u.test(row), 'rows about Andrej Karpathy only');
    assert.ok(rows.some((r) => r.startsWith('Andrej Karpathy, another former OpenAI co-founder, highlights the lack of')), JSON.stringify(rows, null, 1));
    await wb.screenshot('picker-at-karpaty');
    await wb.dismissQuickInput();
  });

  it('finds the Synthetic data theme’s quotes for “#syntetic”', async () => {
    await openPicker('#syntetic');
    // The detail line of every row lists the quote's themes.
    const rows = await rowsSettled((row) => /Synthetic data/u.test(row), 'rows of the Synthetic data theme only');
    assert.ok(rows.length >= 3, JSON.stringify(rows, null, 1));
    assert.ok(rows.some((r) => r.startsWith('More specifically, but also somewhat vaguely, synthetic data.')), JSON.stringify(rows, null, 1));
    await wb.screenshot('picker-hash-syntetic');
    await wb.dismissQuickInput();
  });

  it('says nothing matches a nonsense query', async () => {
    await openPicker('zqxwv blorptang');
    const rows = await rowsSettled((row) => row.startsWith('No quote matches “zqxwv blorptang”'), 'the one row that says nothing matches');
    assert.equal(rows.length, 1, JSON.stringify(rows));
    assert.match(rows[0], /Try fewer or different words, a speaker with @name/u);
    await wb.screenshot('picker-nothing-matches');
    // Enter on the explanation inserts nothing and keeps the picker open.
    const before = await wb.editorText();
    await wb.quickInputAccept();
    // Still open: a new query there is answered in it.
    await wb.quickInputType('peak data');
    await rowsSettled((row) => !row.startsWith('No quote matches'), 'the picker, still open, to answer "peak data"');
    await wb.dismissQuickInput();
    assert.equal(await wb.editorText(), before);
  });
});
