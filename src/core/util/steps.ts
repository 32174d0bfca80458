/**
 * A long computation that can pause: each `yield` marks a point where the host may hand the thread to other
 * work (the editor's extension host has one thread, shared by every extension). The core decides where a pause
 * is safe; the host decides when to take one (src/host/timeSlices.ts), and the CLI and tests run straight
 * through with runToEnd.
 */
export type Steps<T> = Generator<void, T, undefined>;

/** Runs a computation to its end without pausing. */
export function runToEnd<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** Offers a pause every `every` calls: for loops whose single iteration is far below a millisecond. */
export class PauseEvery {
  private count = 0;

  constructor(private readonly every: number) {}

  /** Whether this iteration is one to pause after. */
  due(): boolean {
    if (++this.count < this.every) return false;
    this.count = 0;
    return true;
  }
}
