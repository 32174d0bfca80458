import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { closeAllEditors, openDocument, sourcebook } from './helpers';

// Issue 15: the draft fixture of attribution lines through the real diagnostics and quick fixes of the editor,
// which must agree line for line with the core check and the CLI (test/unit/attributionDrafts.test.ts).

const DRAFTS = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'drafts');

interface Expected {
  readonly kind: string;
  readonly marks: string;
  readonly fix: string;
}

const expected = JSON.parse(readFileSync(path.join(DRAFTS, 'attribution-lines.expected.json'), 'utf8')) as Record<string, Record<string, Expected>>;

async function diagnosticsOf(document: vscode.TextDocument): Promise<vscode.Diagnostic[]> {
  const api = await sourcebook();
  api.check.check(document);
  return vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'Sourcebook');
}

/** The title of our quick fix for a diagnostic ("Attribute to Ilya Sutskever"), asked until it is there. */
async function fixTitle(document: vscode.TextDocument, range: vscode.Range): Promise<string | undefined> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, range)) ?? [];
    const ours = actions.find((a) => a.kind?.value === 'quickfix' && /^Attribute to /u.test(a.title));
    if (ours) return ours.title;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return undefined;
}

describe('attribution lines of a draft in the editor (issue 15)', () => {
  before(async () => {
    await sourcebook();
  });
  afterEach(closeAllEditors);

  for (const file of ['attribution-lines.md', 'attribution-lines.tex']) {
    it(`gives ${file} exactly the expected wrong-speaker findings and fixes`, async () => {
      const editor = await openDocument(readFileSync(path.join(DRAFTS, file), 'utf8'), file.endsWith('.tex') ? 'latex' : 'markdown');
      const diagnostics = await diagnosticsOf(editor.document);
      const actual: Record<string, Expected> = {};
      for (const d of diagnostics) {
        const title = await fixTitle(editor.document, d.range);
        actual[String(d.range.start.line + 1)] = { kind: String(d.code), marks: editor.document.getText(d.range), fix: title?.replace(/^Attribute to /u, '') ?? '' };
      }
      assert.deepEqual(actual, expected[file]);
    });
  }
});
