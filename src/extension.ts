import * as vscode from 'vscode';

/** Wiring only: builds the services, registers each feature, returns an API for tests. */
export function activate(context: vscode.ExtensionContext): { ready: Promise<void> } {
  const output = vscode.window.createOutputChannel('Sourcebook', { log: true });
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('sourcebook.showLog', () => output.show(true)),
  );
  return { ready: Promise.resolve() };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
