import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, openDocument, setSetting, sourcebook, sourcebookHover } from './helpers';

const EXACT = "We've reached peak data, and there's no more data to come";
const ALTERED = 'We have reached peak data and there will be no more data to come';

function workspaceFolder(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need a workspace folder');
  return folder;
}

async function write(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

/** Waits until `condition` holds (watchers and debounced checks answer after a moment), for a few seconds at most. */
async function eventually(condition: () => boolean | Promise<boolean>, what: string, ms = 8000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > until) assert.fail(`timed out waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('check all drafts and the findings view', () => {
  const name = `drafts-check-${Date.now()}`;
  let dir: vscode.Uri;
  const file = (relative: string): vscode.Uri => vscode.Uri.joinPath(dir, ...relative.split('/'));
  const findingsIn = async (relative: string): Promise<number> => {
    const api = await sourcebook();
    return api.check.findings().find((p) => p.uri.toString() === file(relative).toString())?.entries.length ?? 0;
  };

  before(async () => {
    await sourcebook();
    dir = vscode.Uri.joinPath(workspaceFolder().uri, name);
    await write(file('a.md'), `# Draft A\n\n"${ALTERED}," said Ilya Sutskever.\n\nLater, Yann LeCun said, "${EXACT}."\n`);
    await write(file('b.tex'), `\\section{Data}\nAs he said, \`\`${ALTERED}.''\n`);
    await write(file('c.txt'), 'Nothing quoted here yet.\n');
    await write(file('.gitignore'), 'ignored/\n');
    await write(file('ignored/d.md'), `"${ALTERED}," said Ilya Sutskever.\n`);
    await write(file('catalogued/sourcebook.json'), '{"version": 1, "sources": [], "speakers": [], "themes": [], "terms": [], "quotes": []}\n');
    await write(file('catalogued/e.md'), `"${ALTERED}," said Ilya Sutskever.\n`);
    await write(file('excluded/f.md'), `"${ALTERED}," said Ilya Sutskever.\n`);
    await vscode.workspace.getConfiguration('search').update('exclude', { [`${name}/excluded`]: true }, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await setSetting('check.problemsPanel', undefined);
    await vscode.workspace.getConfiguration('search').update('exclude', undefined, vscode.ConfigurationTarget.Global);
    await closeAllEditors();
    await vscode.workspace.fs.delete(dir, { recursive: true, useTrash: false });
  });

  it('lists the findings of every draft, leaving out git-ignored, excluded and catalogued folders', async () => {
    const api = await sourcebook();
    const result = await api.check.checkAllDrafts();
    assert.equal(result.cancelled, false);
    assert.ok(result.files >= 3, `only ${result.files} drafts`);
    assert.equal(await findingsIn('a.md'), 2);
    assert.equal(await findingsIn('b.tex'), 1);
    assert.equal(await findingsIn('c.txt'), 0);
    for (const left of ['ignored/d.md', 'catalogued/e.md', 'excluded/f.md']) assert.equal(await findingsIn(left), 0, `${left} was checked`);
    // Read from disk: no editor was opened for them.
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === file('b.tex').toString()));
    const rows = api.findings.rows();
    const a = rows.find((r) => r.label === 'a.md' && r.description.includes(name));
    assert.ok(a, JSON.stringify(rows.map((r) => [r.label, r.description])));
    assert.match(a.description, /^2 findings · /u);
    assert.equal(a.contextValue, 'findingsFile');
    assert.deepEqual(a.children.map((c) => c.contextValue), ['misquoteFinding', 'wrongSpeakerFinding']);
    assert.match(a.children[0].description, /^Ln 3, Col \d+$/u);
    assert.match(api.statusBar.text() ?? '', /^\$\(quote\) \d+$/u);
  });

  it('keeps problemsPanel=false findings out of the Problems panel, still in the view', async () => {
    const api = await sourcebook();
    const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Sourcebook');
    assert.equal(ours(file('b.tex')).length, 1, 'Check All Drafts publishes diagnostics by default');
    await setSetting('check.problemsPanel', false);
    await eventually(() => ours(file('b.tex')).length === 0, 'diagnostics withdrawn');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file('b.tex')));
    api.check.check(editor.document);
    assert.deepEqual(ours(file('b.tex')), []);
    assert.equal(await findingsIn('b.tex'), 1);
    assert.ok(api.findings.rows().some((r) => r.label === 'b.tex'));
    await setSetting('check.problemsPanel', undefined);
    await eventually(() => ours(file('b.tex')).length === 1, 'diagnostics back');
  });

  it('keeps findings fresh as drafts change on disk', async () => {
    await write(file('c.txt'), `Ilya Sutskever said, "${ALTERED}."\n`);
    await eventually(async () => (await findingsIn('c.txt')) === 1, 'c.txt re-checked after it changed');
    await write(file('g.md'), `"${ALTERED}," said Ilya Sutskever.\n`);
    await eventually(async () => (await findingsIn('g.md')) === 1, 'new draft g.md checked');
    await vscode.workspace.fs.delete(file('g.md'));
    await eventually(async () => (await findingsIn('g.md')) === 0, 'deleted draft forgotten');
  });

  it('fixes every finding of a file with Fix All in File, and one Undo reverts them all', async () => {
    const api = await sourcebook();
    const uri = file('a.md');
    const before = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    assert.equal(await api.findings.fixAllInFile(uri), 2);
    const document = await vscode.workspace.openTextDocument(uri);
    assert.ok(document.getText().includes(`"${EXACT}," said Ilya Sutskever.`), document.getText());
    assert.ok(document.getText().includes(`Later, Ilya Sutskever said, "${EXACT}."`), document.getText());
    assert.deepEqual(api.check.check(document), []);
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), before);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});

describe('hover modes', () => {
  const TEXT = ['# One', '', 'First peak data here. Then peak data again.', '', '# Two', '', 'And peak data in another section.'].join('\n');

  before(async () => {
    await sourcebook();
  });
  afterEach(async () => {
    await setSetting('hover.mode', undefined);
    await setSetting('hover.mutedTerms', undefined);
    await closeAllEditors();
  });

  const at = (document: vscode.TextDocument, needle: string, occurrence: number): vscode.Position => {
    let index = -1;
    for (let i = 0; i < occurrence; i++) index = document.getText().indexOf(needle, index + 1);
    assert.ok(index >= 0);
    return document.positionAt(index + 2);
  };

  it('firstOccurrence gives a card on the first occurrence of a term per section only', async () => {
    await setSetting('hover.mode', 'firstOccurrence');
    const { document } = await openDocument(TEXT, 'markdown');
    assert.ok(await sourcebookHover(document.uri, at(document, 'peak data', 1)), 'no card on the first occurrence');
    assert.equal(await sourcebookHover(document.uri, at(document, 'peak data', 2)), undefined, 'a card on the second occurrence');
    assert.ok(await sourcebookHover(document.uri, at(document, 'peak data', 3)), 'no card on the first occurrence of the next section');
    await setSetting('hover.mode', 'always');
    assert.ok(await sourcebookHover(document.uri, at(document, 'peak data', 2)), 'always: no card on the second occurrence');
  });

  it('off gives no card on hover, and Show Card at Cursor shows it on request', async () => {
    await setSetting('hover.mode', 'off');
    const editor = await openDocument(TEXT, 'markdown');
    const position = at(editor.document, 'peak data', 2);
    assert.equal(await sourcebookHover(editor.document.uri, position), undefined);
    editor.selection = new vscode.Selection(position, position);
    assert.equal(await vscode.commands.executeCommand('sourcebook.showCardAtCursor'), true);
    const card = await sourcebookHover(editor.document.uri, position);
    assert.ok(card, 'no card after Show Card at Cursor');
    assert.match(card.markdown, /\*\*peak data\*\*/u);
    await vscode.commands.executeCommand('editor.action.hideHover');
    const nothing = new vscode.Position(0, 0);
    editor.selection = new vscode.Selection(nothing, nothing);
    assert.equal(await vscode.commands.executeCommand('sourcebook.showCardAtCursor'), false);
  });

  it('shows a one-line “from <source>” card inside a quotation of a known quote', async () => {
    const { document } = await openDocument(`As Sutskever put it, “${EXACT.replace(/'/gu, '’')}.”`, 'markdown');
    const found = await sourcebookHover(document.uri, at(document, 'peak data', 1));
    assert.ok(found);
    assert.match(found.markdown, /^from \*Ilya Sutskever Blows Up at NeurIPS/u);
    assert.ok(!found.markdown.includes('\n'), found.markdown);
  });

  it('mutes a term from its card’s link, in the mute setting', async () => {
    const { document } = await openDocument(TEXT, 'markdown');
    const found = await sourcebookHover(document.uri, at(document, 'peak data', 1));
    assert.ok(found);
    const link = /\(command:(sourcebook\.muteTerm)\?([^ )]+)/u.exec(found.markdown);
    assert.ok(link, found.markdown);
    const contents = found.hover.contents[1] as vscode.MarkdownString;
    assert.deepEqual((contents.isTrusted as { enabledCommands: string[] }).enabledCommands, ['sourcebook.muteTerm']);
    await vscode.commands.executeCommand(link[1], ...(JSON.parse(decodeURIComponent(link[2])) as string[]));
    assert.deepEqual(vscode.workspace.getConfiguration('sourcebook').get('hover.mutedTerms'), ['peak data']);
    assert.equal(await sourcebookHover(document.uri, at(document, 'peak data', 1)), undefined);
  });
});

describe('add sources folder', () => {
  after(async () => {
    await vscode.workspace.getConfiguration('sourcebook').update('sources', undefined, vscode.ConfigurationTarget.Workspace);
    await (await sourcebook()).reload();
  });

  it('writes the folder relative to the workspace, once, and refuses folders outside it', async () => {
    const folder = workspaceFolder();
    const result = await vscode.commands.executeCommand('sourcebook.addSourcesFolder', vscode.Uri.joinPath(folder.uri, 'sources'));
    assert.deepEqual(result, { added: 'sources', alreadyThere: false });
    assert.deepEqual(vscode.workspace.getConfiguration('sourcebook').inspect('sources')?.workspaceValue, ['sources']);
    assert.deepEqual(await vscode.commands.executeCommand('sourcebook.addSourcesFolder', vscode.Uri.joinPath(folder.uri, 'sources')), { added: 'sources', alreadyThere: true });
    const outside = (await vscode.commands.executeCommand('sourcebook.addSourcesFolder', vscode.Uri.joinPath(folder.uri, '..'))) as { refused?: string };
    assert.match(outside.refused ?? '', /outside the workspace/u);
    const itself = (await vscode.commands.executeCommand('sourcebook.addSourcesFolder', folder.uri)) as { refused?: string };
    assert.match(itself.refused ?? '', /workspace folder .* itself/u);
    assert.deepEqual(vscode.workspace.getConfiguration('sourcebook').inspect('sources')?.workspaceValue, ['sources']);
  });
});
