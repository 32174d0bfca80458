// Helpers for end-to-end tests on the real VS Code workbench (code-server + headless chromium).
// See test/e2e/README.md for usage. Every helper waits on a condition, never on a fixed sleep.
//
// One code-server per mocha run, with the PACKAGED extension (out/sourcebook.vsix) installed into a
// temporary extensions dir: what ships is what is tested. Each Workbench gets its own browser
// context (fresh browser storage) and its own copy of demo/ (tests may edit files freely).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { launchBrowser } from '../../scripts/lib/browser';
import { copyWorkspace, removeWorkspaceCopy, startCodeServer, workbenchUrl, type CodeServer } from '../../scripts/lib/codeServer';
import { ensureRuntime } from '../../scripts/lib/runtime';

export const ROOT = path.resolve(__dirname, '..', '..');
export const VSIX = path.resolve(process.env.SOURCEBOOK_VSIX ?? path.join(ROOT, 'out', 'sourcebook.vsix'));
export const SCREENSHOTS = path.join(ROOT, 'test', 'e2e', 'screenshots');
export const EXTENSION_ID = 'sourcebook.sourcebook';

/** Default time a helper waits for its condition. */
export const TIMEOUT_MS = Number(process.env.SOURCEBOOK_E2E_TIMEOUT_MS ?? 30_000);

/** The browser-only variant (`npm run package` makes both): code-server runs it in its web worker extension host. */
export const WEB_VSIX = path.resolve(process.env.SOURCEBOOK_WEB_VSIX ?? path.join(ROOT, 'out', 'sourcebook-web.vsix'));

/** One code-server per VSIX: the packaged extension's id is the same in both, so each needs its own server. */
const servers = new Map<string, Promise<CodeServer>>();
let browserPromise: Promise<Browser> | undefined;

/** The shared code-server with `vsix` (the packaged VSIX by default) installed; started on first use. */
export function e2eServer(vsix = VSIX): Promise<CodeServer> {
  let server = servers.get(vsix);
  if (!server) {
    server = startE2eServer(vsix);
    servers.set(vsix, server);
  }
  return server;
}

async function startE2eServer(vsix: string): Promise<CodeServer> {
  if (!fs.existsSync(vsix)) throw new Error(`${vsix} is missing: run \`npm run package\` first (e2e tests install the packaged VSIX).`);
  const rt = await ensureRuntime();
  const server = await startCodeServer(rt, { installVsix: [vsix] });
  const installed = fs.readdirSync(server.extensionsDir).filter((name) => name.startsWith(`${EXTENSION_ID}-`));
  if (installed.length === 0) throw new Error(`the VSIX did not install into ${server.extensionsDir}`);
  return server;
}

function e2eBrowser(): Promise<Browser> {
  browserPromise ??= ensureRuntime().then((rt) => launchBrowser(rt));
  return browserPromise;
}

/** Stops the browser and every code-server (called by the mocha global teardown in fixtures.ts). */
export async function shutdownE2e(): Promise<void> {
  const browser = browserPromise;
  const started = [...servers.values()];
  browserPromise = undefined;
  servers.clear();
  await (await browser?.catch(() => undefined))?.close().catch(() => undefined);
  await Promise.all(started.map(async (server) => (await server.catch(() => undefined))?.stop()));
}

export interface OpenOptions {
  /** Folder copied to a temp dir and opened; default demo/. */
  workspace?: string;
  /** Workspace-relative file to open at start (through the dev payload, no UI). */
  openFile?: string;
  /** Settings written into the workspace copy's .vscode/settings.json (merged over what is there). */
  settings?: Record<string, unknown>;
  /** The VSIX whose server the window opens on: the packaged one by default, WEB_VSIX for the browser build. */
  vsix?: string;
}

/**
 * Waits for `condition` to return a truthy value (errors count as "not yet"); after `timeout` ms throws
 * "timed out … waiting for <message>". `message` may be a function, evaluated at the timeout.
 */
export async function waitFor<T>(
  condition: () => Promise<T> | T, message: string | (() => string), timeout = TIMEOUT_MS, interval = 100,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeout;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await condition();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const why = lastError instanceof Error ? ` (last error: ${lastError.message.split('\n')[0]})` : '';
      throw new Error(`timed out after ${timeout} ms waiting for ${typeof message === 'function' ? message() : message}${why}`);
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

export interface TreeItem {
  label: string;
  description: string;
  /** 1 for top-level rows. */
  level: number;
  /** Present for rows that can expand. */
  expanded?: boolean;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

// Minimal DOM shapes for code that runs in the page (tsconfig has no "dom" lib on purpose).
interface DomNode {
  textContent: string | null;
}
interface DomElement extends DomNode {
  style: { top: string };
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}
interface DomDocument {
  createTreeWalker(root: DomElement, whatToShow: number): { nextNode(): DomNode | null };
  createRange(): {
    setStart(node: DomNode, offset: number): void;
    setEnd(node: DomNode, offset: number): void;
    getBoundingClientRect(): Box;
  };
}

const QUICK_INPUT_ROWS = '.quick-input-widget:visible .quick-input-list .monaco-list-row';

const normalize = (text: string) => text.replace(/\u00a0/g, ' ');

/** Escapes a string for use inside a CSS attribute selector value in double quotes. */
const cssString = (value: string) => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"');

export class Workbench {
  private constructor(
    readonly page: Page,
    readonly context: BrowserContext,
    readonly server: CodeServer,
    /** Absolute path of this workbench's workspace copy. */
    readonly workspace: string,
  ) {}

  /** Opens a new workbench window on a fresh copy of demo/ (or `options.workspace`) and waits for it. */
  static async open(options: OpenOptions = {}): Promise<Workbench> {
    const server = await e2eServer(options.vsix);
    const browser = await e2eBrowser();
    const workspace = copyWorkspace(options.workspace ?? path.join(ROOT, 'demo'));
    // (copies still open at exit — Ctrl-C, a crash, a hook that never closed — are removed then)
    if (options.settings) {
      const file = path.join(workspace, '.vscode', 'settings.json');
      const current = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown> : {};
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, JSON.stringify({ ...current, ...options.settings }, null, 2));
    }
    let context: BrowserContext | undefined;
    try {
      context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      context.setDefaultTimeout(TIMEOUT_MS);
      const page = await context.newPage();
      const workbench = new Workbench(page, context, server, workspace);
      await page.goto(workbenchUrl(server, {
        folder: workspace,
        ...(options.openFile ? { openFile: path.join(workspace, options.openFile) } : {}),
      }));
      await workbench.waitForWorkbench();
      if (options.openFile) await workbench.waitForActiveEditor(path.basename(options.openFile));
      return workbench;
    } catch (error) {
      // A failed open must not leak its window or workspace copy (mocha's `after` sees no Workbench).
      await context?.close().catch(() => undefined);
      removeWorkspaceCopy(workspace);
      throw error;
    }
  }

  /** Waits until the workbench is rendered and connected to the server (the status bar shows the remote). */
  async waitForWorkbench(): Promise<void> {
    await this.page.locator('.monaco-workbench').waitFor({ state: 'visible' });
    await this.page.locator('.activitybar').waitFor({ state: 'visible' });
    await this.page.locator('.statusbar').waitFor({ state: 'visible' });
    // The explorer shows the workspace once the remote file system answers.
    await waitFor(async () => (await this.page.title()).includes(path.basename(this.workspace)), 'the window title to name the workspace');
  }

  /** Closes this window and deletes its workspace copy. */
  async close(): Promise<void> {
    await this.context.close().catch(() => undefined);
    removeWorkspaceCopy(this.workspace);
  }

  // ---------------------------------------------------------------- keyboard / quick input

  /** The quick input widget (command palette, quick open, pickers). */
  get quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  private get quickInputBox(): Locator {
    return this.page.locator('.quick-input-widget .quick-input-box input');
  }

  /** Opens the command palette (F1; Ctrl+Shift+P as a fallback): its input starts with ">". */
  async openCommandPalette(): Promise<void> {
    await this.dismissQuickInput();
    let attempt = 0;
    await waitFor(async () => {
      await this.focusWorkbench();
      await this.page.keyboard.press(attempt++ % 2 === 0 ? 'F1' : 'Control+Shift+P');
      try {
        await this.quickInputBox.waitFor({ state: 'visible', timeout: 2_500 });
        return true;
      } catch {
        return false;
      }
    }, 'the command palette to open');
  }

  /** Replaces the quick input's text, as a user typing it would (input events fire). */
  async quickInputType(text: string): Promise<void> {
    await this.quickInputBox.waitFor({ state: 'visible' });
    await this.quickInputBox.fill(text);
  }

  /**
   * Texts of the rows of the open quick input list, top to bottom: label, description, detail, keybinding
   * and group separator, one space between (NBSP → space). Empty when no quick input is open (a closed
   * widget keeps its old rows in the DOM).
   */
  async quickInputRows(): Promise<string[]> {
    return (await this.quickInputRowData()).map((row) => row.text);
  }

  /** Rows of the open quick input with their DOM index (for `nth`), sorted top to bottom. */
  private async quickInputRowData(): Promise<{ text: string; index: number }[]> {
    const rows = this.page.locator(QUICK_INPUT_ROWS);
    const data = await rows.evaluateAll((elements) => elements.map((element, index) => {
      const row = element as unknown as DomElement & { innerText: string };
      const parts = Array.from(row.querySelectorAll('.label-name, .label-description, .monaco-keybinding, .quick-input-list-separator'))
        .map((part) => (part as unknown as { innerText: string }).innerText.replace(/\s+/g, ' ').trim())
        .filter((text) => text !== '');
      return { text: parts.length > 0 ? parts.join(' ') : row.innerText, index, top: parseFloat(row.style.top || '0') };
    }));
    return data
      .sort((a, b) => a.top - b.top)
      .map((row) => ({ text: normalize(row.text).replace(/\s+/g, ' ').trim(), index: row.index }));
  }

  /** Clicks the first row (top to bottom) whose text satisfies `test`; false if there is none yet. */
  private async clickQuickInputRow(test: (text: string) => boolean): Promise<boolean> {
    const row = (await this.quickInputRowData()).find((candidate) => test(candidate.text));
    if (!row) return false;
    await this.page.locator(QUICK_INPUT_ROWS).nth(row.index).click();
    return true;
  }

  /** Waits until some quick input row matches and returns all rows. */
  async waitForQuickInputRow(match: string | RegExp): Promise<string[]> {
    const test = (row: string) => (typeof match === 'string' ? row.includes(match) : match.test(row));
    let rows: string[] = [];
    await waitFor(async () => {
      rows = await this.quickInputRows();
      return rows.some(test);
    }, () => `a quick input row matching ${String(match)} (rows: ${JSON.stringify(rows)})`);
    return rows;
  }

  /**
   * Accepts the quick input: with `match`, clicks the first row that matches (waiting for it);
   * without, presses Enter (accepts the focused row or the typed value).
   */
  async quickInputAccept(match?: string | RegExp): Promise<void> {
    if (match === undefined) {
      await this.quickInputBox.press('Enter');
      return;
    }
    await waitFor(() => this.clickQuickInputRow((text) => (typeof match === 'string' ? text.includes(match) : match.test(text))),
      () => `a quick input row matching ${String(match)} to click`);
  }

  /** Closes any open quick input (Escape), waiting until it is hidden. */
  async dismissQuickInput(): Promise<void> {
    if (await this.quickInput.isVisible()) {
      await this.page.keyboard.press('Escape');
      await this.quickInput.waitFor({ state: 'hidden' });
    }
  }

  /**
   * Runs a command by its title as shown in the palette, e.g. 'Sourcebook: Show Log'.
   * Waits until the command is listed (extensions may still be activating), clicks its row, and returns
   * once the palette is gone (closed, or replaced by the command's own quick pick / input box, which
   * the quickInput helpers then drive).
   */
  async runCommand(title: string): Promise<void> {
    await this.openCommandPalette();
    await this.quickInputType(`>${title}`);
    await waitFor(() => this.clickQuickInputRow((text) => text === title || text.startsWith(`${title} `)),
      `command "${title}" in the command palette`);
    // Done when the palette has gone: either the quick input closed, or the command opened its own
    // picker in it (the input no longer holds the palette's text).
    const typed = `>${title}`;
    await waitFor(async () => !(await this.quickInputBox.isVisible()) || (await this.quickInputBox.inputValue()) !== typed,
      `the command palette to close after running "${title}"`);
  }

  private async focusWorkbench(): Promise<void> {
    // Keyboard shortcuts need focus inside the workbench. The editor's input is a native EditContext
    // div in Code 1.139 (a textarea in older versions); focusing it does not move the cursor.
    for (const selector of [
      '.editor-group-container.active .monaco-editor .native-edit-context',
      '.editor-group-container.active .monaco-editor textarea',
    ]) {
      const input = this.page.locator(selector).first();
      if (await input.count() > 0) {
        await input.focus().catch(() => undefined);
        return;
      }
    }
    await this.page.locator('.monaco-workbench').focus().catch(() => undefined);
  }

  // ---------------------------------------------------------------- editors

  /** Opens a workspace-relative file through Quick Open (like Ctrl+P) and waits for its editor. */
  async openFile(relPath: string): Promise<void> {
    await this.openCommandPalette();
    await this.quickInputType(relPath);
    const base = path.basename(relPath);
    await waitFor(() => this.clickQuickInputRow((text) => text === base || text.startsWith(`${base} `)), `"${relPath}" in Quick Open`);
    await this.waitForActiveEditor(base);
  }

  /** Waits until the active editor tab is `fileName` and its text is rendered. */
  async waitForActiveEditor(fileName: string): Promise<void> {
    const tab = this.page.locator(`.tabs-container .tab.active[aria-label^="${cssString(fileName)}"]`);
    await tab.first().waitFor({ state: 'visible' });
    await this.page.locator('.editor-group-container.active .monaco-editor .view-lines .view-line').first().waitFor({ state: 'visible' });
  }

  /**
   * Text of the active editor's rendered lines, top to bottom, NBSP → space. Visual lines of a
   * wrapped line are joined again (a wrapped continuation has no line number in the gutter). Only
   * lines in the viewport are rendered, so long files come back partial.
   */
  async editorText(): Promise<string> {
    const editor = this.page.locator('.editor-group-container.active .monaco-editor').first();
    return normalize(await editor.evaluate((element) => {
      // Runs in the page. No named inner functions here: tsx (esbuild keepNames) would wrap them in
      // a `__name` helper that does not exist in the browser.
      const root = element as unknown as DomElement;
      const numbered = new Map<number, boolean>();
      for (const margin of Array.from(root.querySelectorAll('.margin-view-overlays > div'))) {
        numbered.set(Math.round(parseFloat(margin.style.top || '0')), (margin.textContent ?? '').trim() !== '');
      }
      const lines = Array.from(root.querySelectorAll('.view-lines .view-line'))
        .map((line) => ({ top: Math.round(parseFloat(line.style.top || '0')), text: line.textContent ?? '' }))
        .sort((a, b) => a.top - b.top);
      const out: string[] = [];
      for (const line of lines) {
        const continuation = numbered.size > 0 && numbered.get(line.top) === false && out.length > 0;
        if (continuation) out[out.length - 1] += line.text;
        else out.push(line.text);
      }
      return out.join('\n');
    }));
  }

  /** Waits until the active editor's rendered text satisfies `match`; returns the text. */
  async waitForEditorText(match: string | RegExp): Promise<string> {
    let text = '';
    await waitFor(async () => {
      text = await this.editorText();
      return typeof match === 'string' ? text.includes(match) : match.test(text);
    }, () => `editor text matching ${String(match)} (text: ${JSON.stringify(text.slice(0, 300))})`);
    return text;
  }

  /** Screen box of the first rendered occurrence of `text` in the active editor (from a DOM Range). */
  async textBox(text: string): Promise<Box | undefined> {
    return this.page.locator('.editor-group-container.active .monaco-editor .view-lines').first().evaluate((rootElement, needle) => {
      // Runs in the browser. The project compiles without DOM typings, hence the minimal shapes.
      const root = rootElement as unknown as DomElement;
      const doc = (globalThis as unknown as { document: DomDocument }).document;
      const SHOW_TEXT = 4; // NodeFilter.SHOW_TEXT
      for (const line of Array.from(root.querySelectorAll('.view-line'))) {
        const content = (line.textContent ?? '').replace(/\u00a0/g, ' ');
        const index = content.indexOf(needle);
        if (index < 0) continue;
        // Map the character offsets onto text nodes (tokens are separate spans).
        const walker = doc.createTreeWalker(line, SHOW_TEXT);
        let seen = 0;
        let start: [DomNode, number] | undefined;
        let end: [DomNode, number] | undefined;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const length = node.textContent?.length ?? 0;
          if (!start && index < seen + length) start = [node, index - seen];
          if (!end && index + needle.length <= seen + length) {
            end = [node, index + needle.length - seen];
            break;
          }
          seen += length;
        }
        if (!start || !end) continue;
        const range = doc.createRange();
        range.setStart(start[0], start[1]);
        range.setEnd(end[0], end[1]);
        const rect = range.getBoundingClientRect();
        if (rect.width === 0) continue;
        return { x: rect.x, y: rect.y, width: rect.width, height: rect.height };
      }
      return undefined;
    }, text);
  }

  /**
   * Hovers `text` in the active editor and returns the hover card's text (NBSP → space).
   * Moves away and back, and retries, while the extension activates or the hover is slow.
   */
  async hoverText(text: string, options: { timeout?: number; match?: string | RegExp } = {}): Promise<string> {
    const hover = this.page.locator('.monaco-hover:visible .monaco-hover-content');
    let content = '';
    await waitFor(async () => {
      const box = await this.textBox(text);
      if (!box) return false;
      await this.page.mouse.move(2, 2);
      await hover.first().waitFor({ state: 'hidden', timeout: 2_000 }).catch(() => undefined);
      await this.page.mouse.move(box.x + Math.min(box.width / 2, 8), box.y + box.height / 2, { steps: 2 });
      try {
        await hover.first().waitFor({ state: 'visible', timeout: 3_000 });
      } catch {
        return false;
      }
      // Wait for the card to settle: providers answer asynchronously ("Loading..." first).
      let previous: string | undefined;
      const settleDeadline = Date.now() + 5_000;
      for (;;) {
        content = normalize((await hover.allInnerTexts()).join('\n')).trim();
        const loading = content === '' || /^Loading\W*$/i.test(content);
        if (!loading && content === previous) break;
        if (Date.now() > settleDeadline) break;
        previous = loading ? undefined : content;
        await this.page.waitForTimeout(150); // polling interval of the settle condition, not a fixed wait
      }
      if (!content || /^Loading\W*$/i.test(content)) return false;
      if (options.match === undefined) return true;
      return typeof options.match === 'string' ? content.includes(options.match) : options.match.test(content);
    }, () => `a hover card over "${text}"${options.match ? ` matching ${String(options.match)}` : ''} (last: ${JSON.stringify(content.slice(0, 200))})`,
    options.timeout ?? TIMEOUT_MS, 250);
    return content;
  }

  // ---------------------------------------------------------------- views

  /** The activity bar entry of a view container, by its title (e.g. 'Sourcebook'). */
  activityItem(title: string): Locator {
    return this.page.locator(`.activitybar .action-item:has(.action-label[aria-label^="${cssString(title)}"])`).first();
  }

  /** Opens the view container `title` from the activity bar (clicking toggles, so checks first). */
  async openActivityContainer(title: string): Promise<void> {
    const item = this.activityItem(title);
    await item.waitFor({ state: 'visible' });
    const isOpen = async () => {
      const checked = (await item.getAttribute('class'))?.split(/\s+/).includes('checked') ?? false;
      const sidebarTitle = await this.page.locator('.part.sidebar .composite.title h2').first().innerText().catch(() => '');
      return checked && normalize(sidebarTitle).toLowerCase().includes(title.toLowerCase())
        && await this.page.locator('.part.sidebar').isVisible();
    };
    // A count badge (the Findings view's) lies over the icon and takes the pointer: the click goes to the item
    // itself, whose handler the badge's click bubbles to, without waiting for the icon to be clickable.
    if (!(await isOpen())) await item.click({ force: true, position: { x: 6, y: 6 } });
    await waitFor(isOpen, `the "${title}" container to be open in the side bar`);
  }

  /** The pane of a view (e.g. 'Themes') in the side bar. */
  viewPane(viewName: string): Locator {
    return this.page.locator(`.part.sidebar .pane:has(> .pane-header[aria-label^="${cssString(viewName)}"])`).first();
  }

  /** Expands the pane of `viewName` if it is collapsed. */
  async expandView(viewName: string): Promise<void> {
    const header = this.viewPane(viewName).locator('> .pane-header');
    await header.waitFor({ state: 'visible' });
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
    await waitFor(async () => (await header.getAttribute('aria-expanded')) === 'true', `view "${viewName}" to expand`);
  }

  /**
   * The rendered rows of a tree view (e.g. 'Themes'), top to bottom: label, description (the grey text
   * after it), nesting level (1 = top) and expansion state. Trees are virtualised: rows scrolled out of
   * the pane are not in the DOM.
   */
  async treeItems(viewName: string): Promise<TreeItem[]> {
    const rows = this.viewPane(viewName).locator('.monaco-list-row');
    const items = await rows.evaluateAll((elements) => elements.map((element) => {
      const row = element as unknown as DomElement & { getAttribute(name: string): string | null; querySelector(s: string): DomElement | null };
      const label = row.querySelector('.label-name')?.textContent ?? row.textContent ?? '';
      const description = row.querySelector('.label-description')?.textContent ?? '';
      const expanded = row.getAttribute('aria-expanded');
      return {
        label,
        description,
        level: Number(row.getAttribute('aria-level') ?? '1'),
        expanded: expanded === null ? undefined : expanded === 'true',
        top: parseFloat(row.style.top || '0'),
      };
    }));
    return items
      .sort((a, b) => a.top - b.top)
      .map(({ label, description, level, expanded }) => ({
        label: normalize(label).trim(),
        description: normalize(description).trim(),
        level,
        ...(expanded === undefined ? {} : { expanded }),
      }));
  }

  /** Rendered rows of a tree view as text, "label description" (one space between), top to bottom. */
  async treeRows(viewName: string): Promise<string[]> {
    return (await this.treeItems(viewName)).map((item) => (item.description ? `${item.label} ${item.description}` : item.label));
  }

  /** Waits until a tree view has a row matching `match` (expanding the view first); returns the rows. */
  async waitForTreeRow(viewName: string, match: string | RegExp): Promise<string[]> {
    await this.expandView(viewName);
    let rows: string[] = [];
    await waitFor(async () => {
      rows = await this.treeRows(viewName);
      return rows.some((row) => (typeof match === 'string' ? row.includes(match) : match.test(row)));
    }, () => `a row matching ${String(match)} in view "${viewName}" (rows: ${JSON.stringify(rows)})`);
    return rows;
  }

  // ---------------------------------------------------------------- notifications

  /**
   * Texts of notifications. Toasts did not appear in headless chromium here; the notification
   * centre (the bell in the status bar) lists them reliably.
   */
  async notifications(): Promise<string[]> {
    const center = this.page.locator('.notifications-center');
    if (!(await center.isVisible())) await this.page.locator('#status\\.notifications').first().click();
    await center.waitFor({ state: 'visible' });
    return (await center.locator('.notification-list-item').allInnerTexts()).map((text) => normalize(text).trim());
  }

  // ---------------------------------------------------------------- screenshots

  /** Parks the mouse on the status bar and waits until no tooltip or hover card is visible. */
  async moveMouseAway(): Promise<void> {
    await this.page.mouse.move(700, 795);
    const visible = this.page.locator('.workbench-hover:visible, .monaco-hover:visible');
    await waitFor(async () => {
      if (await visible.count() === 0) return true;
      await this.page.keyboard.press('Escape'); // closes a sticky hover; harmless otherwise
      return false;
    }, 'tooltips and hover cards to disappear', 5_000, 250);
  }

  /** Saves test/e2e/screenshots/<name>.png (1280x800) and returns its path. */
  async screenshot(name: string): Promise<string> {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    const file = path.join(SCREENSHOTS, `${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }
}

/** A temp dir for test artefacts that are not screenshots. */
export function tempDir(prefix = 'sourcebook-e2e-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
