import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { formatQuote } from '../../src/core/format/formatQuote';
import type { Quote } from '../../src/core/kb/model';
import { termQueryAt } from '../../src/features/insert';
import { itemsFor, PICKER_PLACEHOLDER } from '../../src/features/insert/quotePicker';
import { closeAllEditors, openDocument, setSetting, sourcebook } from './helpers';

describe('inserting quotes', () => {
  let peak: Quote;
  let alphacode: Quote;
  before(async () => {
    const api = await sourcebook();
    const quotes = api.corpus().kb.quotes;
    peak = quotes.find((q) => q.text.startsWith("We've reached peak data"))!;
    alphacode = quotes.find((q) => q.text.includes('outdid 54%'))!;
  });
  afterEach(async () => {
    await setSetting('insert.templates', undefined);
    await closeAllEditors();
  });

  const insert = (quote: Quote): Thenable<unknown> => vscode.commands.executeCommand('sourcebook.insertTreeQuote', quote.id);

  it('writes a Markdown blockquote with attribution', async () => {
    const editor = await openDocument('', 'markdown');
    await insert(peak);
    assert.equal(editor.document.getText(), formatQuote(peak, 'markdown'));
    assert.match(editor.document.getText(), /^> We've reached peak data, and there's no more data to come\n>\n> — Ilya Sutskever, \*Ilya Sutskever Blows Up/u);
  });

  it('writes a LaTeX quote environment with escaped specials', async () => {
    const editor = await openDocument('\\section{Results}\n', 'latex');
    editor.selection = new vscode.Selection(1, 0, 1, 0);
    await insert(alphacode);
    assert.match(editor.document.getText(), /\\begin\{quote\}\n.*outdid 54\\% of other competitors.*\n\\par --- Lovre Pešut, \\emph\{Fruits of scale\}\n\\end\{quote\}/u);
  });

  it('writes plain text with typographic quotes', async () => {
    const editor = await openDocument('', 'plaintext');
    await insert(peak);
    assert.match(editor.document.getText(), /^“We've reached peak data, and there's no more data to come”\n— Ilya Sutskever, /u);
  });

  it('inserts at every cursor, replacing selections, as one undoable edit', async () => {
    const before = 'first REPLACE line\nsecond line\n';
    const editor = await openDocument(before, 'plaintext');
    editor.selections = [new vscode.Selection(0, 6, 0, 13), new vscode.Selection(2, 0, 2, 0)];
    await insert(peak);
    const text = editor.document.getText();
    assert.equal(text.split('“We\'ve reached peak data').length - 1, 2, text);
    assert.ok(!text.includes('REPLACE'));
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), before);
  });

  it('uses a valid user template and refuses one with an unknown token', async () => {
    await setSetting('insert.templates', { markdown: '${text} (${speaker}, ${date})' });
    const editor = await openDocument('', 'markdown');
    await insert(peak);
    assert.equal(editor.document.getText(), "We've reached peak data, and there's no more data to come (Ilya Sutskever, NeurIPS 2024)");
    await setSetting('insert.templates', { markdown: '${text} by ${author}' });
    const other = await openDocument('', 'markdown');
    await insert(peak);
    assert.equal(other.document.getText(), '', 'a broken template inserts nothing');
  });

  it('does not insert into a read-only source document', async () => {
    await vscode.commands.executeCommand('sourcebook.openQuote', peak.id);
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document.uri.scheme, 'sourcebook');
    const before = editor.document.getText();
    await insert(alphacode);
    assert.equal(editor.document.getText(), before);
    assert.equal(editor.document.isDirty, false);
  });

  it('does nothing harmful without an editor', async () => {
    await closeAllEditors();
    await insert(peak);
    await vscode.commands.executeCommand('sourcebook.insertQuote');
  });
});

describe('the quote picker', () => {
  before(async () => {
    await sourcebook();
  });

  it('ranks a misspelled query by our search: "peek data" → Sutskever first', async () => {
    const api = await sourcebook();
    const [first] = itemsFor(api.corpus(), 'peek data');
    assert.equal(first.quote?.text, "We've reached peak data, and there's no more data to come");
    assert.equal(first.alwaysShow, true);
    assert.equal(first.description, undefined, 'nothing after the label, where a long quote would cut it off');
    assert.match(first.detail ?? '', /^Ilya Sutskever · Ilya Sutskever Blows Up .* · NeurIPS 2024(?: · |$)/u, 'who comes first');
    assert.equal(first.buttons?.length, 2);
  });

  it('shows sources as separators with quotes when the query is empty or blank', async () => {
    const api = await sourcebook();
    for (const value of ['', '   ']) {
      const items = itemsFor(api.corpus(), value);
      const separators = items.filter((i) => i.kind === vscode.QuickPickItemKind.Separator);
      assert.equal(separators.length, 5);
      assert.ok(items.filter((i) => i.quote).length >= 10);
    }
  });

  it('explains when nothing matches instead of showing an empty list', async () => {
    const api = await sourcebook();
    const items = itemsFor(api.corpus(), 'zqxjv wbkpf');
    assert.equal(items.length, 1);
    assert.equal(items[0].quote, undefined);
    assert.match(items[0].label, /No quote matches/u);
  });

  it('teaches the syntax in its placeholder', () => {
    assert.match(PICKER_PLACEHOLDER, /@name/u);
    assert.match(PICKER_PLACEHOLDER, /#theme/u);
  });
});

describe('copying quotes and the term at the cursor', () => {
  afterEach(async () => {
    await closeAllEditors();
  });

  it('copies a quote formatted for the active editor, and as plain text', async () => {
    const api = await sourcebook();
    const peak = api.corpus().kb.quotes.find((q) => q.text.startsWith("We've reached peak data"))!;
    await openDocument('', 'latex');
    await vscode.commands.executeCommand('sourcebook.copyTreeQuote', peak.id);
    assert.equal(await vscode.env.clipboard.readText(), formatQuote(peak, 'latex'));
    await vscode.commands.executeCommand('sourcebook.copyTreeQuotePlain', { quoteId: peak.id });
    assert.match(await vscode.env.clipboard.readText(), /^“We've reached peak data, and there's no more data to come”\n— Ilya Sutskever, /u);
  });

  it('starts from the term under the cursor, else the selection or word', async () => {
    const api = await sourcebook();
    const editor = await openDocument('Is this the end of Pre Training? Ask Karpathy.', 'markdown');
    editor.selection = new vscode.Selection(0, 22, 0, 22);
    assert.equal(termQueryAt(editor, api.corpus().matcher), 'Pre Training');
    editor.selection = new vscode.Selection(0, 39, 0, 39);
    assert.equal(termQueryAt(editor, api.corpus().matcher), 'Karpathy');
    editor.selection = new vscode.Selection(0, 0, 0, 7);
    assert.equal(termQueryAt(editor, api.corpus().matcher), 'Is this');
  });
});
