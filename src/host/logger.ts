import * as vscode from 'vscode';
import type { Logger } from '../core/util/logger';

/** The Sourcebook log output channel, created on first use so activation stays cheap. */
export class OutputChannelLogger implements Logger, vscode.Disposable {
  private channel?: vscode.LogOutputChannel;

  private get output(): vscode.LogOutputChannel {
    this.channel ??= vscode.window.createOutputChannel('Sourcebook', { log: true });
    return this.channel;
  }

  info(message: string): void {
    this.output.info(message);
  }
  warn(message: string): void {
    this.output.warn(message);
  }
  error(message: string): void {
    this.output.error(message);
  }
  show(): void {
    this.output.show(true);
  }
  dispose(): void {
    this.channel?.dispose();
  }
}
