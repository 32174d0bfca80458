// Citations (#18) in the real workbench: with `sourcebook.citations.style: "pandoc"`, Insert Quote in a Markdown
// draft inserts the quote with its attribution followed by the source's Pandoc key, `[@key]`; hovering a citation
// key in a draft shows the card of the source it names.
import * as assert from 'node:assert/strict';
import { draftWorkspace, goToLine, removeDraftWorkspace, saveAndRead } from './drafts';
import { waitFor, Workbench } from './workbench';

/** The NeurIPS talk's key in the embedded corpus (`node dist/cli.js bib`). */
const KEY = 'sutskever2024neurips';

/** Blank lines above the cited sentence: the key's card opens above it, over them. */
const ROOM_FOR_THE_CARD = Array.from({ length: 14 }, () => '');

const DRAFT = [
  '# Citing the talk',
  '',
  '',
  ...ROOM_FOR_THE_CARD,
  `The web is finite, as the talk argued [@${KEY}].`,
  '',
].join('\n');

const QUOTE = "We've reached peak data, and there's no more data to come";

describe('e2e: citations in a Markdown draft', () => {
  let wb: Workbench;
  let folder: string | undefined;

  before(async () => {
    folder = draftWorkspace({ 'citing.md': DRAFT });
    wb = await Workbench.open({ workspace: folder, openFile: 'citing.md', settings: { 'sourcebook.citations.style': 'pandoc' } });
  });
  after(async () => {
    await wb?.close();
    removeDraftWorkspace(folder);
  });

  it('shows the source’s card over a Pandoc citation key', async () => {
    // The mouse on the key's first letters (hoverText points 8 px into the needle, which on "@" gave no card).
    const card = await wb.hoverText(`${KEY}]`, { match: /Ilya Sutskever Blows Up at NeurIPS/u });
    assert.match(card, new RegExp(`@${KEY}`, 'u'), card);
    assert.match(card, /talk transcript/u, card);
    assert.match(card, /Open source/u, card);
    await wb.screenshot('citation-key-card');
    await wb.moveMouseAway();
  });

  it('inserts a picked quote with its attribution and the Pandoc citation [@key]', async () => {
    await goToLine(wb, 3);
    await wb.runCommand('Sourcebook: Insert Quote…');
    await wb.quickInputType('reached peak data');
    await wb.waitForQuickInputRow(new RegExp(`^${QUOTE}`, 'u'));
    await wb.quickInputAccept(new RegExp(`^${QUOTE}`, 'u'));
    await wb.quickInput.waitFor({ state: 'hidden' });
    await wb.waitForEditorText(`[@${KEY}]`);
    const text = await saveAndRead(wb, 'citing.md', DRAFT);
    const block = [`> ${QUOTE}`, '>', `> — Ilya Sutskever [@${KEY}]`].join('\n');
    assert.ok(text.startsWith(`# Citing the talk\n\n${block}\n\n`), `the quote, its speaker and its key as one blockquote on line 3:\n${text}`);
    assert.ok(text.endsWith(`The web is finite, as the talk argued [@${KEY}].\n`), text);
    await waitFor(async () => (await wb.textBox(`— Ilya Sutskever [@${KEY}]`)) !== undefined, 'the inserted attribution on screen');
    await wb.moveMouseAway();
    await wb.screenshot('insert-quote-pandoc-citation');
  });
});
