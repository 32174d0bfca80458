import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { citedSource } from '../../src/core/citations/citeStyles';
import { formatQuote } from '../../src/core/format/formatQuote';
import type { Quote } from '../../src/core/kb/model';
import { closeAllEditors, hoverMarkdown, openDocument, setSetting, sourcebook } from './helpers';

const PEAK = "We've reached peak data, and there's no more data to come";

/** The citation card among the hovers at a position (the term cards of the same line are others). */
async function citationHover(uri: vscode.Uri, position: vscode.Position): Promise<{ hover: vscode.Hover; markdown: string } | undefined> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
  for (const hover of hovers) {
    const markdown = hoverMarkdown(hover).map((m) => m.value).join('\n');
    if (markdown.includes('command:sourcebook.openCitedSource') || markdown.includes('no source of Sourcebook matches')) return { hover, markdown };
  }
  return undefined;
}

function positionOf(document: vscode.TextDocument, needle: string, offset = 1): vscode.Position {
  const index = document.getText().indexOf(needle);
  assert.ok(index >= 0, `"${needle}" is not in the document`);
  return document.positionAt(index + offset);
}

describe('citations', () => {
  let folder: vscode.Uri;
  before(async () => {
    await sourcebook();
    const workspace = vscode.workspace.workspaceFolders?.[0];
    assert.ok(workspace, 'the tests need a workspace folder');
    folder = workspace.uri;
  });
  afterEach(async () => {
    await setSetting('bibliography', undefined);
    await setSetting('citations.style', undefined);
    await setSetting('insert.templates', undefined);
    await closeAllEditors();
  });

  it('shows the source card over a Pandoc key, with the paragraph’s quote from it, and Go to Definition opens the source', async () => {
    const editor = await openDocument(`As he put it, “${PEAK}” [@sutskever2024neurips, p. 2].\n`, 'markdown');
    const position = positionOf(editor.document, 'sutskever2024neurips', 3);
    const found = await citationHover(editor.document.uri, position);
    assert.ok(found, 'no citation card');
    assert.match(found.markdown, /\*\*Ilya Sutskever Blows Up at NeurIPS/u);
    assert.match(found.markdown, /NeurIPS 2024/u);
    assert.ok(found.markdown.includes('reached peak data'), found.markdown);
    assert.equal(editor.document.getText(found.hover.range!), 'sutskever2024neurips');
    const locations = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', editor.document.uri, position);
    const uris = locations.map((l) => ('uri' in l ? l.uri : l.targetUri));
    assert.ok(uris.some((u) => u.scheme === 'sourcebook' && u.path.startsWith('/sutskever-neurips-2024/')), uris.map(String).join(', '));
  });

  it('shows the card over one of several keys of a LaTeX \\autocite', async () => {
    const editor = await openDocument('See \\autocite[2]{pesut-fruits-of-scale,airace2024scale}.\n', 'latex');
    const found = await citationHover(editor.document.uri, positionOf(editor.document, 'airace2024scale', 2));
    assert.ok(found, 'no citation card');
    assert.match(found.markdown, /\*\*AI Race Shifts Focus/u);
  });

  it('reads the writer’s .bib: its keys name the sources they match and its other entries get a card', async () => {
    const bib = vscode.Uri.joinPath(folder, 'citations-test.bib');
    await vscode.workspace.fs.writeFile(bib, new TextEncoder().encode('@book{knuth1984, author = {Knuth, Donald}, title = {The {\\TeX}book}, year = 1984}\n@misc{broken, title = {x}\n'));
    try {
      const api = await sourcebook();
      await setSetting('bibliography', ['citations-test.bib']);
      for (let i = 0; i < 50 && !api.citations.keys()?.isKnown('knuth1984'); i++) await new Promise((r) => setTimeout(r, 100));
      assert.ok(api.citations.keys()?.isKnown('knuth1984'), 'the .bib was not read');
      const editor = await openDocument('Knuth [@knuth1984] wrote it.\n', 'markdown');
      const found = await citationHover(editor.document.uri, positionOf(editor.document, 'knuth1984', 2));
      assert.ok(found, 'no card for the bibliography entry');
      assert.match(found.markdown, /The TeXbook/u);
    } finally {
      await vscode.workspace.fs.delete(bib);
    }
  });

  it('Export Bibliography writes BibTeX for all sources, and CSL-JSON for only the sources a draft quotes', async () => {
    const api = await sourcebook();
    const all = vscode.Uri.joinPath(folder, 'citations-export.bib');
    const some = vscode.Uri.joinPath(folder, 'citations-export.json');
    try {
      const written = await vscode.commands.executeCommand<vscode.Uri>('sourcebook.exportBibliography', { format: 'bibtex', scope: 'all', target: all });
      assert.equal(written?.toString(), all.toString());
      const bibtex = new TextDecoder().decode(await vscode.workspace.fs.readFile(all));
      assert.equal((bibtex.match(/^@\w+\{/gmu) ?? []).length, api.corpus().kb.sources.length);
      assert.match(bibtex, /^@misc\{sutskever2024neurips,$/mu);
      const draft = await openDocument(`> ${PEAK}\n>\n> — Ilya Sutskever\n`, 'markdown');
      await vscode.commands.executeCommand('sourcebook.exportBibliography', { format: 'csl-json', scope: 'document', document: draft.document.uri, target: some });
      const items = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(some))) as { id: string; type: string }[];
      assert.deepEqual(items.map((i) => [i.id, i.type]), [['sutskever2024neurips', 'speech']]);
    } finally {
      for (const uri of [all, some]) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    }
  });

  describe('insertion and the check', () => {
    let peak: Quote;
    before(async () => {
      const api = await sourcebook();
      peak = api.corpus().kb.quotes.find((q) => q.text === PEAK)!;
      assert.ok(peak, 'the peak-data quote is not in the corpus');
    });

    const insert = (quote: Quote): Thenable<unknown> => vscode.commands.executeCommand('sourcebook.insertTreeQuote', quote.id);

    it('inserts the quote with a Pandoc citation in Markdown under style pandoc', async () => {
      const api = await sourcebook();
      await setSetting('citations.style', 'pandoc');
      const key = api.citations.keys()!.keyOf(citedSource(peak));
      assert.equal(key, 'sutskever2024neurips');
      const editor = await openDocument('', 'markdown');
      await insert(peak);
      const text = editor.document.getText();
      assert.equal(text, formatQuote(peak, 'markdown', { cite: { style: 'pandoc', key } }));
      assert.match(text, /^> We've reached peak data, and there's no more data to come\n>\n> — Ilya Sutskever \[@sutskever2024neurips\]\n$/u);
    });

    it('inserts the quote with \\autocite in LaTeX under style biblatex, and keeps plain text attributed', async () => {
      await setSetting('citations.style', 'biblatex');
      const latex = await openDocument('', 'latex');
      await insert(peak);
      assert.match(latex.document.getText(), /^\\begin\{quote\}\n.*peak data.*\n\\par --- Ilya Sutskever \\autocite\{sutskever2024neurips\}\n\\end\{quote\}\n$/u);
      const plain = await openDocument('', 'plaintext');
      await insert(peak);
      assert.equal(plain.document.getText(), formatQuote(peak, 'plaintext'));
    });

    it('fills ${cite} of a template under the default attribution style', async () => {
      await setSetting('insert.templates', { markdown: '“${text}” ${cite}' });
      const editor = await openDocument('', 'markdown');
      await insert(peak);
      assert.match(editor.document.getText(), /” \[@sutskever2024neurips\]/u);
    });

    it('flags a quote cited to the wrong key, and its quick fix puts the right key', async () => {
      const api = await sourcebook();
      await setSetting('citations.style', 'pandoc');
      const editor = await openDocument(`As he put it, “${PEAK}” [@pesut-fruits-of-scale].\n`, 'markdown');
      const findings = api.check.check(editor.document).filter((f) => f.kind === 'wrong-citation');
      assert.equal(findings.length, 1, JSON.stringify(findings.map((f) => f.message)));
      const diagnostic = vscode.languages.getDiagnostics(editor.document.uri).find((d) => d.source === 'Sourcebook' && d.code === 'wrong-citation');
      assert.ok(diagnostic, 'no wrong-citation diagnostic');
      assert.match(diagnostic.message, /^Cited @pesut-fruits-of-scale, but these words are from @sutskever2024neurips \(/u);
      assert.equal(editor.document.getText(diagnostic.range), 'pesut-fruits-of-scale');
      let fix: vscode.CodeAction | undefined;
      for (let attempt = 0; !fix && attempt < 20; attempt++) {
        const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, diagnostic.range)) ?? [];
        fix = actions.find((a) => a.title === 'Use @sutskever2024neurips');
        if (!fix) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      assert.ok(fix?.edit, 'no quick fix');
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      assert.equal(editor.document.getText(), `As he put it, “${PEAK}” [@sutskever2024neurips].\n`);
      assert.deepEqual(api.check.check(editor.document), []);
      const rows = api.findings.rows();
      assert.ok(!rows.some((r) => r.children.some((c) => c.contextValue === 'wrongCitationFinding')));
    });

    it('checks again when a bibliography is read: an unknown key once, in the Findings view without a fix', async () => {
      const api = await sourcebook();
      const bib = vscode.Uri.joinPath(folder, 'citations-check.bib');
      await vscode.workspace.fs.writeFile(bib, new TextEncoder().encode('@book{villalobos2022, author = {Villalobos, Pablo}, title = {Will we run out of data?}, year = 2022}\n'));
      try {
        const editor = await openDocument('See [@nobody1999] and [@villalobos2022], and again [@nobody1999].\n', 'markdown');
        const unknown = (): vscode.Diagnostic[] => vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.code === 'unknown-key');
        api.check.check(editor.document);
        assert.deepEqual(unknown(), [], 'no bibliography and no citation style: keys are not checked');
        await setSetting('bibliography', ['citations-check.bib']);
        for (let i = 0; i < 50 && unknown().length === 0; i++) await new Promise((r) => setTimeout(r, 100));
        assert.equal(unknown().length, 1, 'the open document was not checked again when the bibliography was read');
        assert.equal(editor.document.getText(unknown()[0].range), 'nobody1999');
        const row = api.findings.rows().flatMap((r) => r.children).find((c) => c.contextValue === 'unknownKeyFinding');
        assert.ok(row, JSON.stringify(api.findings.rows()));
        assert.match(row.label, /^Unknown citation key @nobody1999/u);
        const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, unknown()[0].range)) ?? [];
        assert.ok(!actions.some((a) => a.title.startsWith('Use @')), 'an unknown key has no fix');
      } finally {
        await vscode.workspace.fs.delete(bib);
      }
    });
  });
});
