import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { escapeMarkdownStrict } from '../../src/core/format/escape';
import { termDecorationRanges } from '../../src/features/hover/decorations';
import { DEFAULT_CONFIG } from '../../src/host/configKeys';
import { closeAllEditors, openDocument, openWorkspaceFile, setSetting, sourcebook, sourcebookHover } from './helpers';

/** What the decorations log: the syntax bundles load without a word (anything logged fails the tests below). */
const logged: string[] = [];
const logger = { info: (m: string) => logged.push(m), warn: (m: string) => logged.push(m), error: (m: string) => logged.push(m) };

/** The position of the n-th occurrence of `needle` in the document, plus `offset` characters. */
function positionOf(document: vscode.TextDocument, needle: string, offset = 1, occurrence = 1): vscode.Position {
  let index = -1;
  for (let i = 0; i < occurrence; i++) index = document.getText().indexOf(needle, index + 1);
  assert.ok(index >= 0, `"${needle}" is not in the document`);
  return document.positionAt(index + offset);
}

describe('hover cards', () => {
  before(async () => {
    await sourcebook();
  });
  afterEach(async () => {
    await setSetting('hover.enabled', undefined);
    await setSetting('hover.mutedTerms', undefined);
    await setSetting('hover.languages', undefined);
    await closeAllEditors();
  });

  it('shows Sutskever’s peak-data quote over "peak data" in the demo essay, with an exact range', async () => {
    const editor = await openWorkspaceFile('essay.md');
    const position = positionOf(editor.document, 'peak data', 2);
    const found = await sourcebookHover(editor.document.uri, position);
    assert.ok(found, 'no Sourcebook hover');
    assert.match(found.markdown, /\*\*peak data\*\*/u);
    assert.ok(found.markdown.includes(`> ${escapeMarkdownStrict("We've reached peak data, and there's no more data to come")}\n`), found.markdown);
    assert.match(found.markdown, /— Ilya Sutskever, \*Ilya Sutskever Blows Up at NeurIPS/u);
    const range = found.hover.range!;
    assert.equal(editor.document.getText(range), 'peak data');
  });

  it('offers the three actions with Sourcebook command links only', async () => {
    const editor = await openDocument('We may have hit peak data already.', 'markdown');
    const found = await sourcebookHover(editor.document.uri, positionOf(editor.document, 'peak data'));
    assert.ok(found);
    const commands = [...found.markdown.matchAll(/\(command:([\w.]+)\?/gu)].map((m) => m[1]);
    assert.ok(commands.includes('sourcebook.insertTreeQuote'));
    assert.ok(commands.includes('sourcebook.openQuote'));
    assert.ok(commands.includes('sourcebook.showQuotesForTerm'));
    assert.ok(commands.every((c) => c.startsWith('sourcebook.')));
    const contents = found.hover.contents[0] as vscode.MarkdownString;
    assert.deepEqual((contents.isTrusted as { enabledCommands: string[] }).enabledCommands.sort(), ['sourcebook.insertTreeQuote', 'sourcebook.openQuote', 'sourcebook.showQuotesForTerm']);
    assert.equal(contents.supportHtml, false);
  });

  for (const [text, term] of [['The end of Pre-Training as we know it', 'Pre-Training'], ['pretraining is over', 'pretraining'], ['more synthetic-data please', 'synthetic-data'], ['spend test time compute', 'test time compute'], ['most LLMs hallucinate', 'LLMs']] as const) {
    it(`matches the variant "${term}" and covers exactly it`, async () => {
      const editor = await openDocument(text, 'plaintext');
      const found = await sourcebookHover(editor.document.uri, positionOf(editor.document, term, 2));
      assert.ok(found, `no hover on ${term}`);
      assert.equal(editor.document.getText(found.hover.range), term);
    });
  }

  for (const [text, needle] of [['the data alone is not enough', 'data'], ['electric cars', 'cars'], ['speak data', 'speak']] as const) {
    it(`shows nothing on "${needle}" in "${text}"`, async () => {
      const editor = await openDocument(text, 'markdown');
      assert.equal(await sourcebookHover(editor.document.uri, positionOf(editor.document, needle, 1)), undefined);
    });
  }

  it('shows nothing in languages that are not enabled, nor when turned off or muted', async () => {
    const code = await openDocument('const peakData = "peak data";', 'javascript');
    assert.equal(await sourcebookHover(code.document.uri, positionOf(code.document, 'peak data', 2)), undefined);
    const md = await openDocument('We hit peak data.', 'markdown');
    const at = positionOf(md.document, 'peak data', 2);
    await setSetting('hover.mutedTerms', ['Peak Data']);
    assert.equal(await sourcebookHover(md.document.uri, at), undefined);
    await setSetting('hover.mutedTerms', undefined);
    await vscode.commands.executeCommand('sourcebook.toggleHover');
    assert.equal(await sourcebookHover(md.document.uri, at), undefined);
    await vscode.commands.executeCommand('sourcebook.toggleHover');
    assert.ok(await sourcebookHover(md.document.uri, at));
  });

  it('answers on a 5 MB single line as on a short one', async () => {
    const filler = 'lorem ipsum dolor sit amet '.repeat(200_000);
    const editor = await openDocument(`${filler}we reached peak data ${filler}`, 'plaintext');
    const position = new vscode.Position(0, filler.length + 'we reached pe'.length);
    const found = await sourcebookHover(editor.document.uri, position);
    assert.ok(found);
    assert.equal(editor.document.getText(found.hover.range), 'peak data');
  });

  it('Insert quote from the card puts the quote after the paragraph, never inside the term under the cursor', async () => {
    const editor = await openDocument('We hit peak data today.\nSecond line.\n\nOther paragraph.\n', 'markdown');
    editor.selection = new vscode.Selection(0, 11, 0, 11); // inside "peak data", where the hover was
    const found = await sourcebookHover(editor.document.uri, new vscode.Position(0, 11));
    assert.ok(found);
    const api = await sourcebook();
    const quote = api.corpus().kb.quotesForTerm('peak-data')[0];
    await vscode.commands.executeCommand('sourcebook.insertTreeQuote', quote.id);
    const text = editor.document.getText();
    assert.match(text, /^We hit peak data today\.\nSecond line\.\n\n> We've reached peak data, and there's no more data to come\n>\n> — Ilya Sutskever[^\n]*\n\nOther paragraph\.\n$/u, text);
  });
});

describe('term decorations', () => {
  it('underline known terms only when enabled, in enabled languages, under the size limit', async () => {
    const api = await sourcebook();
    const editor = await openDocument('We hit peak data; pre-training ends. The data alone is not a term.', 'markdown');
    const base = { ...DEFAULT_CONFIG };
    assert.deepEqual(termDecorationRanges(editor.document, api.corpus().matcher, base, logger), [], 'off by default');
    const on = { ...base, decorationsEnabled: true };
    const ranges = termDecorationRanges(editor.document, api.corpus().matcher, on, logger).map((r) => editor.document.getText(r));
    assert.deepEqual(ranges, ['peak data', 'pre-training']);
    assert.deepEqual(termDecorationRanges(editor.document, api.corpus().matcher, { ...on, hoverMutedTerms: ['peak data'] }, logger).map((r) => editor.document.getText(r)), ['pre-training']);
    assert.deepEqual(termDecorationRanges(editor.document, api.corpus().matcher, { ...on, decorationsMaxFileSizeKB: 0.01 }, logger), []);
    assert.deepEqual(termDecorationRanges(editor.document, api.corpus().matcher, { ...on, hoverLanguages: ['latex'] }, logger), []);
    assert.deepEqual(logged, []);
    await closeAllEditors();
  });
});

describe('hover cards know the syntax', () => {
  before(async () => {
    await sourcebook();
  });
  afterEach(async () => {
    await closeAllEditors();
  });

  /** Hovers inside each `excluded` snippet give no Sourcebook card; inside each `prose` snippet, a card on "peak data". */
  async function expectCards(editor: vscode.TextEditor, excluded: readonly string[], prose: readonly string[]): Promise<void> {
    for (const snippet of excluded) {
      const at = positionOf(editor.document, snippet, snippet.indexOf('data'));
      assert.equal(await sourcebookHover(editor.document.uri, at), undefined, `a card in ${JSON.stringify(snippet)}`);
    }
    for (const snippet of prose) {
      const found = await sourcebookHover(editor.document.uri, positionOf(editor.document, snippet, snippet.indexOf('data')));
      assert.ok(found, `no card in ${JSON.stringify(snippet)}`);
      assert.match(editor.document.getText(found.hover.range), /^peak.data$/u);
    }
  }

  const MARKDOWN = [
    '---',
    'title: front peak data',
    '---',
    '',
    'We hit prose peak data, then `code peak data` in a code span.',
    '',
    '```text',
    'fenced peak data',
    '```',
    '',
    '<!-- comment peak data -->',
    '',
    'See [linked peak data](https://example.com/url-peak-data) and https://example.com/raw-peak-data too.',
    '',
    'Math: $math peak data$ inline.',
    '',
    '> quoted `quoted code peak data` and quoted prose peak data',
    '',
    '- item `item code peak data` and item prose peak data',
    '',
    '$$',
    'display peak data',
    '$$',
    '',
  ].join('\n');

  it('Markdown: no card in front matter, code, comments, URLs, link targets and math; the same term in prose has one', async () => {
    const editor = await openDocument(MARKDOWN, 'markdown');
    await expectCards(
      editor,
      ['front peak data', 'code peak data`', 'fenced peak data', 'comment peak data', 'url-peak-data', 'raw-peak-data', 'math peak data', 'quoted code peak data', 'item code peak data', 'display peak data'],
      ['prose peak data', 'linked peak data', 'quoted prose peak data', 'item prose peak data'],
    );
  });

  it('LaTeX: no card in comments, \\cite, \\ref, \\url, math or verbatim; \\emph and prose have one', async () => {
    const latex = [
      '\\documentclass{article}',
      '\\begin{document}',
      'We hit prose peak data. % comment peak data',
      'As argued \\cite{cite-peak-data}, see \\ref{sec:ref-peak-data} and \\url{https://example.com/url-peak-data}.',
      'Inline $math peak data$ and \\emph{emph peak data}.',
      '\\begin{equation}',
      '  equation peak data',
      '\\end{equation}',
      '\\verb|verb peak data| and',
      '\\begin{verbatim}',
      'verbatim peak data',
      '\\end{verbatim}',
      '\\end{document}',
    ].join('\n');
    for (const language of ['latex', 'tex']) {
      const editor = await openDocument(latex, language);
      await expectCards(
        editor,
        ['comment peak data', 'cite-peak-data', 'ref-peak-data', 'url-peak-data', 'math peak data', 'equation peak data', 'verb peak data', 'verbatim peak data'],
        ['prose peak data', 'emph peak data'],
      );
      await closeAllEditors();
    }
  });

  it('plain text: no card in a URL, a card in prose', async () => {
    const editor = await openDocument('See https://example.com/url-peak-data or www.example.com/www-peak-data for prose peak data.', 'plaintext');
    await expectCards(editor, ['url-peak-data', 'www-peak-data'], ['prose peak data']);
  });

  it('decorations leave code, links and math alone too', async () => {
    const api = await sourcebook();
    const editor = await openDocument(MARKDOWN, 'markdown');
    const ranges = termDecorationRanges(editor.document, api.corpus().matcher, { ...DEFAULT_CONFIG, decorationsEnabled: true }, logger);
    const lines = ranges.map((r) => editor.document.lineAt(r.start.line).text);
    assert.ok(lines.some((line) => line.startsWith('We hit prose peak data')), lines.join('\n'));
    for (const excluded of ['fenced peak data', 'title: front peak data', 'display peak data', '<!-- comment peak data -->']) assert.ok(!lines.includes(excluded), excluded);
    for (const range of ranges) {
      const text = editor.document.lineAt(range.start.line).text;
      const before = text.slice(0, range.start.character);
      assert.ok((before.match(/`/gu)?.length ?? 0) % 2 === 0, `decoration inside a code span: ${text}`);
    }
  });
});
