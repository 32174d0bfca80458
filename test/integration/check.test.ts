import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, openDocument, openWorkspaceFile, setSetting, sourcebook } from './helpers';

const EXACT = "We've reached peak data, and there's no more data to come";

/**
 * Our quick fixes at a range. The editor answers a request made while new diagnostics are arriving without
 * them now and then (it asks again when they land), so ask until they are there, for a few seconds at most.
 */
async function quickFixes(document: vscode.TextDocument, range: vscode.Range): Promise<vscode.CodeAction[]> {
  for (let attempt = 0; ; attempt++) {
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, range)) ?? [];
    // Actions come back converted, without their diagnostics: ours are the quick fixes with our titles.
    const ours = actions.filter((a) => a.kind?.value === 'quickfix' && /^(Restore the exact words of|Attribute to) /u.test(a.title));
    if (ours.length > 0 || attempt >= 20) return ours;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Our diagnostics for a document once published (the checker runs after a short pause). */
async function diagnosticsOf(document: vscode.TextDocument): Promise<vscode.Diagnostic[]> {
  const api = await sourcebook();
  api.check.check(document);
  return vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'Sourcebook');
}

describe('misquote checks', () => {
  before(async () => {
    await sourcebook();
  });
  afterEach(async () => {
    await setSetting('check.severity', undefined);
    await setSetting('check.languages', undefined);
    await closeAllEditors();
  });

  it('flags the altered quote in the demo essay and restores the exact words with the quick fix', async () => {
    const editor = await openWorkspaceFile('essay.md');
    // Two findings: the catalogued peak-data quote, and a sentence of the transcript that no catalog lists (a passage).
    const all = await diagnosticsOf(editor.document);
    assert.equal(all.length, 2, all.map((d) => d.message).join('\n'));
    const diagnostic = all.find((d) => /peak data/u.test(editor.document.getText(d.range)));
    const passage = all.find((d) => d !== diagnostic);
    assert.ok(diagnostic, 'no diagnostic on the altered quote');
    assert.ok(passage && /“how” → “what” \(Ilya Sutskever, NeurIPS 2024\)/u.test(passage.message), passage?.message);
    assert.match(diagnostic.message, /^“.+” → “.+”.* \(Ilya Sutskever, NeurIPS 2024\)$/u);
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(editor.document.getText(diagnostic.range), /We have reached peak data and there will be no more data to come/u);
    const [fix] = await quickFixes(editor.document, diagnostic.range);
    assert.ok(fix?.edit, 'no quick fix');
    assert.match(fix.title, /Restore the exact words of Ilya Sutskever/u);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.ok(editor.document.getText().includes(`"${EXACT}," said Ilya Sutskever.`), editor.document.getText().split('\n').find((l) => l.startsWith('>')));
    const [left] = await diagnosticsOf(editor.document);
    assert.ok(left && /“how” → “what”/u.test(left.message), left?.message);
    const [passageFix] = await quickFixes(editor.document, left.range);
    assert.ok(passageFix?.edit, 'no quick fix for the passage');
    assert.ok(await vscode.workspace.applyEdit(passageFix.edit));
    assert.match(editor.document.getText(), /we're actually finding that how we scale becomes the number one priority/u);
    assert.deepEqual(await diagnosticsOf(editor.document), []);
  });

  it('gives each diagnostic its code and, in data, its id and fix', async () => {
    const editor = await openDocument(`Yann LeCun said, "${EXACT}."`, 'markdown');
    const [diagnostic] = await diagnosticsOf(editor.document);
    assert.ok(diagnostic, 'no wrong-speaker diagnostic');
    assert.equal(diagnostic.code, 'wrong-speaker');
    const data = (diagnostic as { data?: { id?: unknown; version?: unknown; fix?: { title: string; range: vscode.Range; text: string } } }).data;
    assert.equal(typeof data?.id, 'string');
    assert.equal(data?.version, editor.document.version);
    assert.equal(data?.fix?.title, 'Attribute to Ilya Sutskever');
    assert.equal(data?.fix?.text, 'Ilya Sutskever');
    assert.equal(editor.document.getText(data?.fix?.range), 'Yann LeCun');
  });

  it('flags a known quote given to the wrong speaker, with a fix to the right name', async () => {
    const editor = await openDocument(`Yann LeCun said, "${EXACT}."`, 'markdown');
    const [diagnostic] = await diagnosticsOf(editor.document);
    assert.ok(diagnostic, 'no wrong-speaker diagnostic');
    assert.match(diagnostic.message, /Ilya Sutskever/u);
    assert.equal(editor.document.getText(diagnostic.range), 'Yann LeCun');
    const [fix] = await quickFixes(editor.document, diagnostic.range);
    assert.ok(fix?.edit);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(editor.document.getText(), `Ilya Sutskever said, "${EXACT}."`);
  });

  it('accepts exact quotes, marked omissions and editorial brackets', async () => {
    const editor = await openDocument([
      `“${EXACT},” Sutskever said.`,
      '"Pre-training as we know it … come to an end," he said.',
      '"We have to utilize the data that is available because there is only one [Internet]."',
    ].join('\n\n'), 'markdown');
    const messages = (await diagnosticsOf(editor.document)).map((d) => `${d.message} @ ${editor.document.getText(d.range)} in ${editor.document.uri}`);
    assert.deepEqual(messages, []);
  });

  it('checks LaTeX quotations and honours the severity and language settings', async () => {
    await setSetting('check.severity', 'hint');
    const editor = await openDocument("As he said, ``We have reached peak data and there will be no more data to come.''", 'latex');
    const [diagnostic] = await diagnosticsOf(editor.document);
    assert.ok(diagnostic);
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Hint);
    await setSetting('check.languages', ['markdown']);
    assert.deepEqual(await diagnosticsOf(editor.document), []);
  });
});
