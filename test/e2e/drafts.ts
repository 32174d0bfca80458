// Helpers for e2e tests that write their own small drafts: a workspace (a copy of demo/ plus the drafts),
// moving the cursor to a line, and reading a draft back exactly as saved. Every wait is on a condition.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator } from 'playwright-core';
import { ROOT, tempDir, waitFor, type Workbench } from './workbench';

/**
 * A temp folder holding a copy of demo/ plus `files` (workspace-relative path → text), for
 * `Workbench.open({ workspace })` (which copies it again). Remove it with `removeDraftWorkspace` in `after`.
 */
export function draftWorkspace(files: Record<string, string>): string {
  const dir = tempDir('sourcebook-e2e-drafts-');
  fs.cpSync(path.join(ROOT, 'demo'), dir, { recursive: true });
  for (const [relPath, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, relPath)), { recursive: true });
    fs.writeFileSync(path.join(dir, relPath), text);
  }
  return dir;
}

export function removeDraftWorkspace(dir: string | undefined): void {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}

const ACTIVE_EDITOR = '.editor-group-container.active .monaco-editor';

/** Puts the keyboard focus into the active editor without moving its cursor. */
export async function focusEditor(wb: Workbench): Promise<void> {
  await wb.page.locator(`${ACTIVE_EDITOR} .native-edit-context, ${ACTIVE_EDITOR} textarea`).first().focus();
}

/** Moves the cursor to a 1-based line (and column) with Go to Line (the `:` mode of Quick Open). */
export async function goToLine(wb: Workbench, line: number, column = 1): Promise<void> {
  await wb.openCommandPalette();
  await wb.quickInputType(`:${line}:${column}`);
  await wb.quickInputAccept();
  await wb.quickInput.waitFor({ state: 'hidden' });
  // The status bar shows the cursor position once the editor has it.
  const position = wb.page.locator('#status\\.editor\\.selection');
  await waitFor(async () => (await position.innerText()).includes(`Ln ${line}, Col ${column}`), `the cursor at line ${line}, column ${column}`);
}

/**
 * Saves the active editor (Ctrl+S), waits until its tab is clean and the file on disk changed from
 * `before` (when given), and returns the file's text as saved: exactly what the editor holds.
 */
export async function saveAndRead(wb: Workbench, relPath: string, before?: string): Promise<string> {
  await focusEditor(wb);
  await wb.page.keyboard.press('Control+S');
  const file = path.join(wb.workspace, relPath);
  const dirty = wb.page.locator('.tabs-container .tab.active.dirty');
  return waitFor(async () => {
    if (await dirty.count() > 0) return undefined;
    const text = fs.readFileSync(file, 'utf8');
    return before === undefined || text !== before ? text : undefined;
  }, `${relPath} to be saved`);
}

/** A visible Sourcebook hover card: the card's footer link is always there. */
export const SOURCEBOOK_CARD = '.monaco-hover:visible .monaco-hover-content:has-text("All quotes for")';

/**
 * Clicks into the first rendered occurrence of `text` in the active editor, asks for quick fixes (Ctrl+.) and
 * returns the row of the fix titled `title` once the menu shows it. Asks again while the menu does not come (a hover
 * card still open may take the keystroke, and the fixes are computed by the extension host, busy or not).
 */
export async function quickFixAt(wb: Workbench, text: string, title: string): Promise<Locator> {
  const fix = wb.page.locator('.action-widget .monaco-list-row', { hasText: title }).first();
  await waitFor(async () => {
    await wb.moveMouseAway();
    const box = await wb.textBox(text);
    if (!box) return false;
    await wb.page.mouse.click(box.x + 10, box.y + box.height / 2);
    await wb.page.keyboard.press('Control+Period');
    try {
      await fix.waitFor({ state: 'visible', timeout: 5_000 });
      return true;
    } catch {
      await wb.page.keyboard.press('Escape');
      return false;
    }
  }, `the quick fix "${title}" at "${text}"`, 60_000);
  return fix;
}
