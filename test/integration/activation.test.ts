import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'sourcebook.sourcebook';

interface SourcebookApi {
  ready: Promise<void>;
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

  it('registers sourcebook.showLog', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('sourcebook.showLog'), 'sourcebook.showLog is not registered');
    await vscode.commands.executeCommand('sourcebook.showLog');
  });
});
