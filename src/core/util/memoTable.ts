/**
 * A table of results one build keeps for the next (an incremental rebuild, core/buildMemo.ts), which holds only
 * what the latest build used: a build looks entries up in the previous generation and carries over those it
 * reuses or stores, and ending the build drops the rest. So a file deleted, or a quote changed, costs memory
 * for one build at most, however long the worker runs.
 *
 * An entry is reused at most once per build: it moves out of the previous generation when found. A full build
 * makes a new object for every catalog entry, even for two identical ones, and an incremental build must give
 * the same objects as it (the snapshot tells objects apart by identity), so two entries never share one result.
 */
export class MemoTable<K, V> {
  private previous = new Map<K, V>();
  private current = new Map<K, V>();
  private counts = { reused: 0, computed: 0 };
  /** What the last build that ended reused and computed: for the tests and for measuring. */
  lastCounts: MemoCounts = { reused: 0, computed: 0 };

  /** The previous build's value under `key`, when `fits` accepts it (what it was made from is unchanged). */
  find(key: K, fits: (value: V) => boolean): V | undefined {
    const value = this.previous.get(key);
    if (value === undefined || !fits(value)) return undefined;
    this.previous.delete(key);
    this.current.set(key, value);
    this.counts.reused++;
    return value;
  }

  /** A value computed in this build, for the next one. */
  keep(key: K, value: V): V {
    this.current.set(key, value);
    this.counts.computed++;
    return value;
  }

  /** Ends a build: what it used is what the next build may reuse; everything else is dropped. */
  nextGeneration(): void {
    this.previous = this.current;
    this.current = new Map();
    this.lastCounts = this.counts;
    this.counts = { reused: 0, computed: 0 };
  }

  /** How many entries the next build may reuse. */
  get size(): number {
    return this.previous.size;
  }
}

export interface MemoCounts {
  readonly reused: number;
  readonly computed: number;
}
