/** The subset of vscode.CancellationToken the core needs; a VS Code token satisfies it as is. */
export interface CancellationToken {
  readonly isCancellationRequested: boolean;
}

export const noopToken: CancellationToken = Object.freeze({ isCancellationRequested: false });

export class CancelledError extends Error {
  constructor() {
    super('Cancelled');
    this.name = 'CancelledError';
  }
}

export function throwIfCancelled(token: CancellationToken): void {
  if (token.isCancellationRequested) throw new CancelledError();
}
