// No hover card where the writer is not writing prose, in the real workbench: a glossary term in Markdown inline
// code, a fenced code block, an HTML comment or a link target, and in LaTeX in a % comment, a \cite key or $…$ math,
// gets no Sourcebook card, while the same term in prose of the same document does (the control, hovered before and
// after, so the extension is known to be up and answering).
import * as assert from 'node:assert/strict';
import { draftWorkspace, removeDraftWorkspace, SOURCEBOOK_CARD } from './drafts';
import { waitFor, Workbench } from './workbench';

/** Blank lines above the prose control: its card opens above it over them, not over the excluded lines. */
const ROOM_FOR_THE_CARD = Array.from({ length: 14 }, () => '');

const MARKDOWN = [
  '# Where cards do not belong',
  '',
  'Inline code: `peak data in code` is left alone.',
  '',
  '```text',
  'peak data in a fenced block',
  '```',
  '',
  '<!-- peak data in a comment -->',
  '',
  'See [the notes](notes/peak-data-notes.md) for more.',
  ...ROOM_FOR_THE_CARD,
  'In prose, peak data gets a card.',
  '',
].join('\n');

const LATEX = [
  '\\documentclass{article}',
  '\\begin{document}',
  '% peak data in a comment',
  'As argued in~\\cite{peak-data-2024}, the web is finite.',
  'The supply is $peak data + 1$ at most.',
  ...ROOM_FOR_THE_CARD,
  'In prose, peak data gets a card.',
  '\\end{document}',
  '',
].join('\n');

/**
 * How long an excluded spot is watched for a card. Not a sleep before an action: the assertion holds for the whole
 * window. The editor's hover delay is 300 ms and the control card shows well within a second.
 */
const NO_CARD_WINDOW_MS = 2_500;

describe('e2e: no hover card in code, comments, link targets, citations or math', () => {
  let wb: Workbench;
  let folder: string | undefined;

  before(async () => {
    folder = draftWorkspace({ 'exclusions.md': MARKDOWN, 'exclusions.tex': LATEX });
    wb = await Workbench.open({ workspace: folder, openFile: 'exclusions.md' });
  });
  after(async () => {
    await wb?.close();
    removeDraftWorkspace(folder);
  });

  /** The control: the term in prose gets its card. */
  async function cardInProse(): Promise<void> {
    const card = await wb.hoverText('peak data gets a card', { match: /All quotes for “peak data”/u });
    assert.match(card, /^peak data — /u);
  }

  /** Moves the mouse onto `needle` (it starts with the term) and asserts that no Sourcebook card shows. */
  async function noCardOver(needle: string, where: string): Promise<void> {
    const box = await waitFor(() => wb.textBox(needle), `"${needle}" on screen`);
    await wb.moveMouseAway();
    await wb.page.mouse.move(box.x + Math.min(box.width / 2, 8), box.y + box.height / 2, { steps: 2 });
    const card = wb.page.locator(SOURCEBOOK_CARD);
    const deadline = Date.now() + NO_CARD_WINDOW_MS;
    while (Date.now() < deadline) {
      if (await card.count() > 0) {
        await wb.screenshot(`hover-excluded-failure.tmp`);
        assert.fail(`a Sourcebook card over "${needle}" (${where}): ${await card.first().innerText()}`);
      }
      await wb.page.waitForTimeout(100); // polling interval of the negative check
    }
  }

  it('shows no card in Markdown inline code, a fenced block, an HTML comment or a link target, but does in prose', async () => {
    await wb.waitForEditorText('peak-data-notes.md');
    await cardInProse();
    await noCardOver('peak data in code', 'inline code');
    await noCardOver('peak data in a fenced block', 'fenced code block');
    await noCardOver('peak data in a comment', 'HTML comment');
    await noCardOver('peak-data-notes.md', 'link target');
    await cardInProse();
    await wb.screenshot('hover-markdown-prose-only');
  });

  it('shows no card in a LaTeX % comment, \\cite key or $…$ math, but does in prose', async () => {
    await wb.openFile('exclusions.tex');
    await waitFor(async () => /LaTeX/u.test(await wb.page.locator('#status\\.editor\\.mode').innerText()), 'the LaTeX language mode');
    await wb.waitForEditorText('\\cite{peak-data-2024}');
    await cardInProse();
    await noCardOver('peak data in a comment', '% comment');
    await noCardOver('peak-data-2024}', '\\cite key');
    await noCardOver('peak data + 1$', '$…$ math');
    await cardInProse();
    await wb.screenshot('hover-latex-prose-only');
  });
});
