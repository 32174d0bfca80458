// Where an inserted quote lands, in the real workbench: right after an existing blockquote (from the picker) and
// with the cursor inside a hyphenated term (from a hover card). A block quote always stands as its own paragraph,
// with one blank line before and after, never merged into the old blockquote, never splitting a word; one Undo
// takes it back. Texts are read back from the saved file, so blank lines are counted exactly.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { draftWorkspace, focusEditor, goToLine, removeDraftWorkspace, saveAndRead, SOURCEBOOK_CARD } from './drafts';
import { waitFor, Workbench } from './workbench';

const OLD_QUOTE = '> "Pre-training as we know it will end," said Ilya Sutskever.';

/** The cursor's line (6) is empty and directly follows the blockquote: no blank line between them. */
const EMPTY_AFTER = [
  '# After a quote',
  '',
  'At NeurIPS 2024 the argument was put bluntly:',
  '',
  OLD_QUOTE,
  '',
  'What comes next is less clear.',
  '',
].join('\n');

/** The cursor's line (6) is prose directly under the blockquote (a lazy continuation in CommonMark). */
const PROSE_AFTER = [
  '# After a quote',
  '',
  'At NeurIPS 2024 the argument was put bluntly:',
  '',
  OLD_QUOTE,
  'He went on to say that the data is not growing.',
  '',
  '## Next',
  '',
].join('\n');

/** The quote picked in the picker, as the Markdown formatter writes it (README "Inserted formats"). */
const NEW_QUOTE = /^> You could even say that data is the fossil fuel of AI\.\n>\n> — Ilya Sutskever, \*Ilya Sutskever Blows Up at NeurIPS[^\n]*\* \(NeurIPS 2024\)$/u;

describe('e2e: where inserted quotes land', () => {
  let wb: Workbench;
  let folder: string | undefined;

  before(async () => {
    folder = draftWorkspace({ 'empty-after-quote.md': EMPTY_AFTER, 'prose-after-quote.md': PROSE_AFTER });
    wb = await Workbench.open({ workspace: folder, openFile: 'empty-after-quote.md' });
  });
  after(async () => {
    await wb?.close();
    removeDraftWorkspace(folder);
  });

  /** Runs Insert Quote…, finds the "fossil fuel" quote and picks it; returns the saved text. */
  async function insertFossilFuelQuote(file: string, before: string): Promise<string> {
    await wb.runCommand('Sourcebook: Insert Quote…');
    await wb.quickInputType('fossil fuel of AI');
    await wb.waitForQuickInputRow(/^You could even say that data is the fossil fuel of AI\./u);
    await wb.quickInputAccept(/^You could even say that data is the fossil fuel of AI\./u);
    await wb.quickInput.waitFor({ state: 'hidden' });
    await wb.waitForEditorText('fossil fuel of AI');
    return saveAndRead(wb, file, before);
  }

  /** One Undo (Ctrl+Z in the editor) and a save give back exactly `original`. */
  async function undoRestores(file: string, original: string, inserted: string): Promise<void> {
    await focusEditor(wb);
    await wb.page.keyboard.press('Control+Z');
    await wb.waitForEditorText(new RegExp(`^(?![\\s\\S]*fossil fuel of AI)`, 'u'));
    assert.equal(await saveAndRead(wb, file, inserted), original);
  }

  it('puts a picked quote on the empty line right after a blockquote as its own paragraph; one Undo restores the draft', async () => {
    await goToLine(wb, 6);
    const text = await insertFossilFuelQuote('empty-after-quote.md', EMPTY_AFTER);
    const [head, tail] = [EMPTY_AFTER.split('\n').slice(0, 5).join('\n'), 'What comes next is less clear.\n'];
    assert.ok(text.startsWith(`${head}\n\n`), `the old blockquote and one blank line come first:\n${text}`);
    assert.ok(text.endsWith(`\n\n${tail}`), `one blank line, then the paragraph that followed:\n${text}`);
    const block = text.slice(head.length + 2, text.length - tail.length - 2);
    assert.match(block, NEW_QUOTE, `the new blockquote alone between them:\n${text}`);
    assert.equal(text.split('\n').filter((line) => line === OLD_QUOTE).length, 1, 'the old blockquote is unchanged');
    await wb.moveMouseAway();
    await wb.screenshot('insert-after-blockquote');
    await undoRestores('empty-after-quote.md', EMPTY_AFTER, text);
  });

  it('puts a picked quote after prose that runs on from a blockquote, as its own paragraph; one Undo restores the draft', async () => {
    await wb.openFile('prose-after-quote.md');
    await goToLine(wb, 6, 10);
    const text = await insertFossilFuelQuote('prose-after-quote.md', PROSE_AFTER);
    const lines = PROSE_AFTER.split('\n');
    const head = lines.slice(0, 6).join('\n');
    const tail = '## Next\n';
    assert.ok(text.startsWith(`${head}\n\n`), `the old blockquote, the prose under it and one blank line come first:\n${text}`);
    assert.ok(text.endsWith(`\n\n${tail}`), `one blank line, then the heading that followed:\n${text}`);
    assert.match(text.slice(head.length + 2, text.length - tail.length - 2), NEW_QUOTE, `the new blockquote alone between them:\n${text}`);
    await wb.moveMouseAway();
    await wb.screenshot('insert-after-blockquote-prose');
    await undoRestores('prose-after-quote.md', PROSE_AFTER, text);
  });

  it('inserts from a hover card with the cursor inside “pre-training”: the word intact, the quote after the paragraph, the card closed', async () => {
    await wb.openFile('essay.md');
    const original = fs.readFileSync(path.join(wb.workspace, 'essay.md'), 'utf8');
    const sentence = 'If that is true, pre-training as we know it ends, and something else has to carry progress.';
    assert.ok(original.includes(`\n${sentence}\n\n## Three candidates\n`), 'the demo essay changed: update this test');
    // The cursor inside the word: click between "pre-tr" and "aining".
    // (The heading "Is pre-training ending?" comes first on screen: the needles name this sentence's occurrence.)
    const before = await wb.textBox('If that is true, pre-tr');
    assert.ok(before, 'the sentence is not on screen');
    await wb.page.mouse.click(before.x + before.width, before.y + before.height / 2);
    await waitFor(async () => (await wb.page.locator('#status\\.editor\\.selection').innerText()).includes('Col 24'), 'the cursor inside "pre-training" (column 24)');
    // The card for the term under the mouse, and the first quote it offers.
    await wb.hoverText('pre-training as we know it', { match: /Insert quote/u });
    const card = wb.page.locator(SOURCEBOOK_CARD).first();
    assert.match(await card.innerText(), /^pre-training — /u);
    const offered = (await card.locator('blockquote').first().locator('p').first().innerText()).replace(/\u00a0/gu, ' ').replace(/…$/u, '').trim();
    assert.ok(offered.length > 20, `the card's first quote: ${offered}`);
    await wb.screenshot('hover-insert-card');
    await card.locator('a', { hasText: 'Insert quote' }).first().click();
    await waitFor(async () => await wb.page.locator(SOURCEBOOK_CARD).count() === 0, 'the hover card to close after Insert quote', 5_000);
    await wb.waitForEditorText(offered.slice(0, 40));
    const text = await saveAndRead(wb, 'essay.md', original);
    const at = text.indexOf(`\n${sentence}\n\n> `);
    assert.ok(at >= 0, `the sentence intact ("pre-training" not split), then one blank line and the blockquote:\n${text}`);
    const block = text.slice(at + sentence.length + 3, text.indexOf('\n\n## Three candidates\n', at));
    assert.ok(block.startsWith(`> ${offered}`), `the card's first quote is inserted:\n${block}`);
    assert.match(block, /^(?:>(?: [^\n]*)?\n)*> — [^\n]+$/u, `a blockquote alone, one blank line before the heading:\n${block}`);
    assert.equal(text.replace(`\n\n${block}`, ''), original, 'nothing else changed');
    await wb.moveMouseAway();
    assert.equal(await wb.page.locator(SOURCEBOOK_CARD).count(), 0);
    await wb.screenshot('hover-inserted-inside-word');
  });
});
