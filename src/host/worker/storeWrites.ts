/*
 * The source worker's writes of what it keeps between windows (the stored corpus, corpusStore.ts; the extraction
 * cache, core/extract/extractionStore.ts), made after the load's reply rather than before it: at 10,000 files they
 * are hundreds of megabytes to serialize and write, and the writer who saved one file waits for the corpus, not for
 * them. Light on purpose: the worker's light entry (workerMain.ts) owns the one queue and answers the host's
 * FlushRequest from it; the heavy half (folderLoad.ts) fills it.
 */

/** One file's write, serialized when its turn comes; resolves to why it failed, when it did. */
export type StoreWrite = () => Promise<string | undefined>;

export class StoreWrites {
  /** The newest write of each file not yet started, in the order they were asked for. */
  private readonly waiting = new Map<string, StoreWrite>();
  /** Settles when the queue is empty again; set while writes are made. */
  private draining?: Promise<void>;

  /** `onNote` hears why a write failed: the load's reply went out before it, so the note goes on its own. */
  constructor(private readonly onNote: (note: string) => void) {}

  /**
   * Writes `file` after the writes already started. A write of the same file that has not started yet is dropped:
   * only the newest state is written, and never an older one after it. One write at a time, so that two writes of
   * one file never interleave (replaceFile.ts's temporary file).
   */
  schedule(file: string, write: StoreWrite): void {
    // Deleted first so that the newest write of a file takes its place at the end of the queue.
    this.waiting.delete(file);
    this.waiting.set(file, write);
    this.draining ??= this.drain();
  }

  /** Whether a write is being made or waits. */
  get pending(): boolean {
    return this.draining !== undefined;
  }

  /** Settles once every write asked for, including those asked for meanwhile, is made (or failed and noted). */
  async flush(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private async drain(): Promise<void> {
    // Begins on a later turn, so that `draining` is set before the loop can find the queue empty and clear it.
    await Promise.resolve();
    for (let next = this.take(); next; next = this.take()) {
      const [file, write] = next;
      const note = await write().catch((error: unknown) => `${file} could not be written: ${error instanceof Error ? error.message : String(error)}`);
      if (note) this.onNote(note);
    }
    // Cleared in the same turn as the queue was found empty: a write asked for later starts a new drain.
    this.draining = undefined;
  }

  private take(): [string, StoreWrite] | undefined {
    const first = this.waiting.entries().next();
    if (first.done) return undefined;
    this.waiting.delete(first.value[0]);
    return first.value;
  }
}
