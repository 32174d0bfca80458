import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'sourcebook.sourcebook';

interface SourcebookApi {
  ready: Promise<void>;
  loadReport(): { seeds?: 'snapshot' | 'files' };
  corpus(): { kb: { sources: readonly { uri: string; origin: string }[]; quotes: readonly unknown[] }; index: { search(query: string): readonly { quote: { speaker: { name: string } } }[] } };
  codeCache: { use: 'used' | 'rejected' | 'none' | 'off'; saved: Promise<boolean> };
}

describe('activation', () => {
  it('finds the extension under development', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed in this extension host`);
  });

  it('activates and exports an API with `ready`', async () => {
    const extension = vscode.extensions.getExtension<SourcebookApi>(EXTENSION_ID);
    assert.ok(extension);
    const api = await extension.activate();
    assert.equal(extension.isActive, true);
    assert.ok(api, 'activate() returned no API');
    assert.ok(api.ready instanceof Promise, 'API has no `ready` promise');
    await api.ready;
  });

  it('serves the seeds from the snapshot the build made of them, each source opening from the installed extension', async () => {
    const extension = vscode.extensions.getExtension<SourcebookApi>(EXTENSION_ID)!;
    const api = await extension.activate();
    await api.ready;
    assert.equal(api.loadReport().seeds, 'snapshot');
    const seeds = api.corpus().kb.sources.filter((s) => s.origin === 'seed');
    const catalog = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extension.extensionUri, 'seeds', 'catalog.json')))) as { sources: unknown[]; quotes: unknown[] };
    assert.equal(seeds.length, catalog.sources.length, 'every catalogued seed is served');
    assert.equal(api.corpus().kb.quotes.length, catalog.quotes.length, 'every catalogued quote is served');
    for (const source of seeds) {
      assert.ok(source.uri.startsWith(vscode.Uri.joinPath(extension.extensionUri, 'seeds').toString()), source.uri);
      await vscode.workspace.fs.stat(vscode.Uri.parse(source.uri));
    }
    assert.equal(api.corpus().index.search('peak data')[0]?.quote.speaker.name, 'Ilya Sutskever');
  });

  it("starts through the desktop entry, which saves V8's code cache for the next start", async function () {
    this.timeout(30_000);
    const api = await vscode.extensions.getExtension<SourcebookApi>(EXTENSION_ID)!.activate();
    await api.ready;
    // 'off' would mean dist/extension.js was required without the loader (package.json's main not followed).
    assert.notEqual(api.codeCache.use, 'off');
    // A test profile starts without a cache (or with one from an earlier run of this build, which is then used).
    if (api.codeCache.use !== 'used') assert.equal(await api.codeCache.saved, true, 'the code cache was not saved after the first load');
  });

  it('shows the Sourcebook log in the Output panel', async () => {
    const api = await vscode.extensions.getExtension<SourcebookApi>(EXTENSION_ID)!.activate();
    await api.ready;
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await vscode.commands.executeCommand('sourcebook.showLog');
    // The panel opens the channel as a document of the output scheme (its text stays with the workbench).
    let log: vscode.TextDocument | undefined;
    for (let attempt = 0; attempt < 50 && !log; attempt++) {
      log = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'output' && d.uri.path.includes('Sourcebook'));
      if (!log) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.ok(log, `no Sourcebook output among ${vscode.workspace.textDocuments.map((d) => d.uri.toString()).join(', ')}`);
    await vscode.commands.executeCommand('workbench.action.closePanel');
  });
});
