/** What the core needs to report: the host decides where it goes (an output channel, stderr, nowhere). */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const nullLogger: Logger = Object.freeze({
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
});

/** Collects messages; used by tests and by the CLI's `check`. */
export class MemoryLogger implements Logger {
  readonly messages: { level: 'info' | 'warn' | 'error'; message: string }[] = [];
  info(message: string): void {
    this.messages.push({ level: 'info', message });
  }
  warn(message: string): void {
    this.messages.push({ level: 'warn', message });
  }
  error(message: string): void {
    this.messages.push({ level: 'error', message });
  }
}
