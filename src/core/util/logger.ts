/** What the core needs to report: the host decides where it goes (an output channel, stderr, nowhere). */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}
