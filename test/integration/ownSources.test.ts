import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { itemsFor } from '../../src/features/insert/quotePicker';
import { closeAllEditors, openDocument, setSetting, sourcebook, sourcebookHover } from './helpers';

/** Polls until the corpus satisfies a condition (a reload follows a file change after a short pause). */
async function corpusWhere(test: (api: Awaited<ReturnType<typeof sourcebook>>) => boolean, what: string): Promise<void> {
  const api = await sourcebook();
  for (let i = 0; i < 100; i++) {
    if (test(api)) return;
    await new Promise<void>((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`timed out waiting for: ${what}`);
}

describe('your own sources', () => {
  const folder = (): vscode.Uri => vscode.workspace.workspaceFolders![0].uri;

  before(async () => {
    await setSetting('sources', ['sources', 'sources-curated']);
    const api = await sourcebook();
    await api.reload();
  });
  after(async () => {
    await setSetting('sources', undefined);
    await (await sourcebook()).reload();
    await closeAllEditors();
  });

  it('serves the seeds and the user’s folders together, with their origin', async () => {
    const { kb } = (await sourcebook()).corpus();
    const origins = new Set(kb.sources.map((s) => s.origin));
    const problems = (await sourcebook()).corpus().problems.map((p) => `${p.file}: ${p.message}`).join('\n');
    assert.ok(origins.has('workspace'), `no workspace source loaded (${(await sourcebook()).loadReport().failure ?? 'the load did not fail'}); problems:\n${problems}\nsetting: ${JSON.stringify(vscode.workspace.getConfiguration('sourcebook').get('sources'))}`);
    assert.deepEqual([...origins].sort(), ['seed', 'workspace']);
    const titles = kb.sources.filter((s) => s.origin === 'workspace').map((s) => s.title).sort();
    assert.deepEqual(titles, ['After the Data Wall', 'Annual Report 2024', 'Interview: Mara Ellison on the data wall', 'Panel: What replaces scale?', 'Reading notes: is pre-training ending?', 'Synthetic data is not a free lunch, researchers warn']);
  });

  it('shows where each of the user’s sources comes from, in the sidebar and the picker', async () => {
    const api = await sourcebook();
    const provider = api.sidebar.providers.sources;
    const rows = await Promise.all(((await provider.getChildren()) ?? []).map((node) => provider.getTreeItem(node)));
    const interview = rows.find((r) => String(typeof r.label === 'object' ? r.label.label : r.label).startsWith('Interview: Mara Ellison'));
    assert.match(String(interview?.description), / · demo\/sources\/$|· [\w-]+\/sources\/$/u);
    const seed = rows.find((r) => String(typeof r.label === 'object' ? r.label.label : r.label) === 'Fruits of scale');
    assert.doesNotMatch(String(seed?.description), /\//u);
    const [item] = itemsFor(api.corpus(), 'curve bends');
    assert.match(item.detail ?? '', /^Priya Castellanos · Panel: What replaces scale\? · 20 May 2025 · [\w-]+\/sources-curated\/(?: · |$)/u);
  });

  it('extracts attributed quotes and never guesses an unattributed one onto a person', async () => {
    const { kb } = (await sourcebook()).corpus();
    const plateau = kb.quotes.find((q) => q.text.startsWith('Every plateau so far'));
    assert.equal(plateau?.speaker.name, 'Tobias Wren');
    // The interview quotes Sutskever's NeurIPS words: its own list still has them, as an echo of the original.
    const peak = kb.sources.filter((s) => s.origin === 'workspace').flatMap((s) => kb.quotesForSource(s.id)).find((q) => q.text.startsWith("We've reached peak data"));
    assert.equal(peak?.speaker.name, 'Ilya Sutskever', 'a known speaker is matched by alias');
    const orphan = kb.quotes.find((q) => q.text.startsWith('scaling laws describe the past'));
    if (orphan) assert.notEqual(orphan.speaker.kind, 'person', 'an unattributed quote stays the source’s own');
    const curated = kb.quote('panel-curve-bends');
    assert.equal(curated?.speaker.name, 'Priya Castellanos');
  });

  it('hovers and inserts user quotes like the seeds', async () => {
    const api = await sourcebook();
    const editor = await openDocument('', 'markdown');
    const quote = api.corpus().kb.quote('panel-curve-bends')!;
    await vscode.commands.executeCommand('sourcebook.insertTreeQuote', quote.id);
    assert.match(editor.document.getText(), /^> Our own results say the curve bends, it does not break\.\n>\n> — Priya Castellanos, \*Panel: What replaces scale\?\* \(20 May 2025\)/u);
    const hoverDoc = await openDocument('Is synthetic data enough?', 'markdown');
    const found = await sourcebookHover(hoverDoc.document.uri, new vscode.Position(0, 6));
    assert.ok(found);
  });

  it('re-reads a folder when a file changes, and skips a binary file with one line', async () => {
    const api = await sourcebook();
    const added = vscode.Uri.joinPath(folder(), 'sources', 'new-note.md');
    const binary = vscode.Uri.joinPath(folder(), 'sources', 'broken.txt');
    await vscode.workspace.fs.writeFile(added, new TextEncoder().encode('# Late note\n\n"Nothing about scale is settled yet, not even the axis," Tobias Wren said.\n'));
    await vscode.workspace.fs.writeFile(binary, Uint8Array.of(0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0));
    try {
      await corpusWhere((a) => a.corpus().kb.sources.some((s) => s.title === 'Late note'), 'the new file to be read');
      await corpusWhere((a) => a.corpus().problems.some((p) => p.file.endsWith('broken.txt')), 'the binary file to be reported');
      const problem = api.corpus().problems.find((p) => p.file.endsWith('broken.txt'))!;
      assert.match(problem.message, /binary.*skipped/u);
      assert.ok(api.corpus().kb.quotes.some((q) => q.text.startsWith('Nothing about scale is settled')));
    } finally {
      await vscode.workspace.fs.delete(added);
      await vscode.workspace.fs.delete(binary);
    }
  });
});
