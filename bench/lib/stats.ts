import { performance } from 'node:perf_hooks';

/** A latency distribution, in milliseconds. */
export interface Summary {
  readonly median: number;
  readonly p95: number;
  readonly p99: number;
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  readonly n: number;
}

export const now = (): number => performance.now();

/** Nearest-rank percentile of an ascending array (p in 0..100). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return { median: NaN, p95: NaN, p99: NaN, min: NaN, max: NaN, mean: NaN, n: 0 };
  const mid = n >> 1;
  const median = n % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return {
    median,
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    min: sorted[0],
    max: sorted[n - 1],
    mean: sorted.reduce((a, b) => a + b, 0) / n,
    n,
  };
}

/** Rounds to 3 significant digits (and at least 4 decimals for tiny figures) for JSON and tables. */
export function round(x: number): number {
  if (!Number.isFinite(x)) return x;
  if (x === 0) return 0;
  const digits = Math.max(0, 2 - Math.floor(Math.log10(Math.abs(x))));
  return Number(x.toFixed(Math.min(6, digits)));
}

/** The summary as it goes into results.json: rounded, with or without p99. */
export function figure(s: Summary, withP99 = false): { median: number; p95: number; p99?: number; n: number } {
  const base = { median: round(s.median), p95: round(s.p95), n: s.n };
  return withP99 ? { ...base, p99: round(s.p99) } : base;
}

/** Formats milliseconds for the table: 3 significant digits, µs below 0.1 ms for readability. */
export function ms(x: number): string {
  if (!Number.isFinite(x)) return '–';
  if (x < 0.1) return `${round(x * 1000)}µs`;
  return `${round(x)}`;
}

/** Like ms(), with the unit: "83.4 µs", "6.18 ms". */
export function msUnit(x: number): string {
  if (!Number.isFinite(x)) return '–';
  return x < 0.1 ? `${round(x * 1000)} µs` : `${round(x)} ms`;
}

export function ratio(x: number): string {
  if (!Number.isFinite(x)) return '–';
  return `${round(x)}×`;
}

/** mulberry32: a small, fast, seedable PRNG, so every corpus and every run is the same. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)];
}

export function shuffle<T>(rand: () => number, list: T[]): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [list[i], list[j]] = [list[j], list[i]];
  }
  return list;
}

/** Lets the GC run between phases when node was started with --expose-gc. */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) gc();
}
