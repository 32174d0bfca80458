import type Fuse from 'fuse.js';
import type { Quote, Term } from '../../src/core/kb/model';
import { QuoteIndex } from '../../src/core/search/quoteIndex';
import { fuseDefault, fuseSearch, SubstringScan } from '../lib/baselines';
import { collectGarbage, now, prng, shuffle, summarize, Summary } from '../lib/stats';
import { familyOf } from '../lib/synth';

/** What a writer types, keystroke by keystroke, in the quote picker. */
export const SEQUENCES: Record<string, readonly string[]> = {
  'typing "peek data"': ['p', 'pe', 'pee', 'peek', 'peek d', 'peek data'],
  'typing "deepmind world model"': ['d', 'de', 'dee', 'deep', 'deepm', 'deepmind w', 'deepmind world m', 'deepmind world model'],
};

/** Typo (and loose) queries with the seed quotes they are after; a query succeeds when one of them is in its top 3. */
export const TYPO_QUERIES: readonly { query: string; targets: readonly string[] }[] = [
  { query: 'peek data', targets: ['sutskever-peak-data'] },
  { query: 'deepmind world model', targets: ['world-models-bridge', 'world-simulation-converge', 'deepmind-simulate-physical-world'] },
  { query: 'alphacode 54', targets: ['alphacode-54-percent'] },
  { query: 'fosil fuel', targets: ['data-fossil-fuel'] },
  { query: 'karpathy cognitive', targets: ['karpathy-cognitive-self-knowledge'] },
  { query: 'lecun architectures', targets: ['lecun-ami-framework'] },
  { query: 'synthtic data', targets: ['what-does-synthetic-data-mean', 'amodei-skepticism', 'approaches-vying', 'world-simulation-converge'] },
  { query: 'test time compute', targets: ['deepmind-test-time-compute', 'inference-time-computation-o1'] },
  { query: 'superintelligense', targets: ['talk-about-superintelligence'] },
  { query: 'pretraining will end', targets: ['pretraining-will-end', 'pretraining-route-will-end'] },
  { query: 'only one internt', targets: ['only-one-internet', 'only-one-internet-talk'] },
  { query: 'evolutionary biolgy', targets: ['scaling-evolutionary-biology'] },
  { query: 'sutskevr fossil fuels', targets: ['fossil-fuels-comparison', 'data-fossil-fuel'] },
];

export type Contender = 'ours' | 'fuse' | 'floor';

export interface SearchSizePlan {
  readonly label: string;
  readonly quotes: readonly Quote[];
  readonly terms: readonly Term[];
  /** Rounds over every query for ours and the floor. */
  readonly rounds: number;
  /** At most this many timed fuse.js samples per query (0: fuse is skipped at this size). */
  readonly fuseSamplesPerQuery: number;
  /** fuse.js stops being sampled once it has used this much time (it still answers the quality queries once). */
  readonly fuseBudgetMs: number;
  /** Index builds to time (the first is also reported on its own: a cold build). */
  readonly buildReps: number;
  readonly fuseBuildReps: number;
  /** Count a synthetic copy of a target as a hit too (it is the same quote with light noise). */
  readonly note?: string;
}

export interface QualityResult {
  /** Queries whose top 3 holds one of the target ids exactly. */
  strict: number;
  /** Queries whose top 3 holds a target or a synthetic copy derived from one. */
  family: number;
  total: number;
  perQuery: Record<string, { rankStrict: number; rankFamily: number; top3: string[] }>;
}

export interface SearchSizeResult {
  label: string;
  size: number;
  note?: string;
  build: { ours: Summary; oursCold: number; fuse?: Summary; floor: Summary };
  latency: Record<Contender, Record<string, Summary> | undefined>;
  perQueryMedian: Record<Contender, Record<string, number> | undefined>;
  quality: Partial<Record<Contender, QualityResult>>;
  fuseSkipped?: string;
}

/** Clears the picker index's memo of word expansions, so every sequence is timed as typed for the first time. */
function clearExpansionCache(index: QuoteIndex): boolean {
  const vocabulary = (index as unknown as { vocabulary?: { cache?: unknown } }).vocabulary;
  if (vocabulary?.cache instanceof Map) {
    vocabulary.cache.clear();
    return true;
  }
  return false;
}

function rankOf(ids: readonly string[], targets: readonly string[], family: boolean): number {
  return ids.findIndex((id) => targets.includes(family ? familyOf(id) : id));
}

function quality(top: Map<string, string[]>): QualityResult {
  const result: QualityResult = { strict: 0, family: 0, total: TYPO_QUERIES.length, perQuery: {} };
  for (const { query, targets } of TYPO_QUERIES) {
    const ids = top.get(query) ?? [];
    const rankStrict = rankOf(ids, targets, false);
    const rankFamily = rankOf(ids, targets, true);
    if (rankStrict >= 0 && rankStrict < 3) result.strict++;
    if (rankFamily >= 0 && rankFamily < 3) result.family++;
    result.perQuery[query] = { rankStrict, rankFamily, top3: ids.slice(0, 3) };
  }
  return result;
}

export function runSearchSize(plan: SearchSizePlan, log: (line: string) => void): SearchSizeResult {
  const { quotes, terms } = plan;
  const rand = prng(quotes.length);
  collectGarbage();

  // Index builds. The first build is also the cold figure (for the seeds: the first build in the process).
  const oursBuild: number[] = [];
  let index!: QuoteIndex;
  for (let r = 0; r < plan.buildReps; r++) {
    const t0 = now();
    index = new QuoteIndex(quotes, terms);
    oursBuild.push(now() - t0);
  }
  const floorBuild: number[] = [];
  let floor!: SubstringScan;
  for (let r = 0; r < Math.max(3, plan.buildReps); r++) {
    const t0 = now();
    floor = new SubstringScan(quotes);
    floorBuild.push(now() - t0);
  }
  let fuse: Fuse<Quote> | undefined;
  const fuseBuild: number[] = [];
  if (plan.fuseSamplesPerQuery > 0) {
    for (let r = 0; r < plan.fuseBuildReps; r++) {
      const t0 = now();
      fuse = fuseDefault(quotes);
      fuseBuild.push(now() - t0);
    }
  }
  log(`  ${plan.label}: built (ours ${summarize(oursBuild).median.toFixed(1)} ms, fuse ${fuseBuild.length ? summarize(fuseBuild).median.toFixed(1) : '–'} ms)`);

  const run: Record<Contender, (q: string) => string[]> = {
    ours: (q) => index.search(q).map((h) => h.quote.id),
    floor: (q) => floor.search(q).map((x) => x.id),
    fuse: (q) => (fuse ? fuseSearch(fuse, q).map((x) => x.id) : []),
  };

  const groups: [string, readonly string[]][] = [...Object.entries(SEQUENCES), ['typo queries', TYPO_QUERIES.map((t) => t.query)]];
  const samples: Record<Contender, Map<string, number[]>> = { ours: new Map(), fuse: new Map(), floor: new Map() };
  const perQuery: Record<Contender, Map<string, number[]>> = { ours: new Map(), fuse: new Map(), floor: new Map() };
  const tops: Record<Contender, Map<string, string[]>> = { ours: new Map(), fuse: new Map(), floor: new Map() };
  const record = (c: Contender, group: string, query: string, ms: number): void => {
    for (const [map, key] of [[samples[c], group], [samples[c], 'all'], [perQuery[c], query]] as const) {
      let list = map.get(key);
      if (!list) map.set(key, (list = []));
      list.push(ms);
    }
  };

  // Warm-up: one untimed pass of ours and the floor (fuse's code is warm from the smaller sizes, and too slow
  // at the large ones to run twice).
  for (const [, queries] of groups) for (const q of queries) { run.ours(q); run.floor(q); }
  if (fuse && plan.fuseSamplesPerQuery >= 3) for (const q of groups[0][1]) run.fuse(q);

  let fuseSpent = 0;
  const fuseCount = new Map<string, number>();
  const fuseWanted = (q: string, isQuality: boolean): boolean => {
    if (!fuse) return false;
    const done = fuseCount.get(q) ?? 0;
    if (isQuality && !tops.fuse.has(q)) return true;
    return done < plan.fuseSamplesPerQuery && fuseSpent < plan.fuseBudgetMs;
  };
  let cacheCleared = true;
  for (let round = 0; round < plan.rounds; round++) {
    for (const [group, queries] of groups) {
      const isTypos = group === 'typo queries';
      if (!isTypos) cacheCleared = clearExpansionCache(index) && cacheCleared;
      for (const q of queries) {
        if (isTypos) cacheCleared = clearExpansionCache(index) && cacheCleared;
        for (const c of shuffle(rand, ['ours', 'floor', 'fuse'] as Contender[])) {
          if (c === 'fuse' && !fuseWanted(q, isTypos)) continue;
          const t0 = now();
          const ids = run[c](q);
          const dt = now() - t0;
          record(c, group, q, dt);
          if (c === 'fuse') {
            fuseSpent += dt;
            fuseCount.set(q, (fuseCount.get(q) ?? 0) + 1);
          }
          if (isTypos && !tops[c].has(q)) tops[c].set(q, ids.slice(0, 3));
        }
      }
    }
  }
  if (!cacheCleared) log('  (note: could not clear the index’s expansion cache; repeated queries are timed warm)');

  const toSummaries = (m: Map<string, number[]>): Record<string, Summary> | undefined =>
    m.size ? Object.fromEntries([...m].map(([k, v]) => [k, summarize(v)])) : undefined;
  const toMedians = (m: Map<string, number[]>): Record<string, number> | undefined =>
    m.size ? Object.fromEntries([...m].map(([k, v]) => [k, summarize(v).median])) : undefined;
  const oursBuildSummary = summarize(oursBuild);
  return {
    label: plan.label,
    size: quotes.length,
    note: plan.note,
    build: { ours: oursBuildSummary, oursCold: oursBuild[0], fuse: fuseBuild.length ? summarize(fuseBuild) : undefined, floor: summarize(floorBuild) },
    latency: { ours: toSummaries(samples.ours), fuse: toSummaries(samples.fuse), floor: toSummaries(samples.floor) },
    perQueryMedian: { ours: toMedians(perQuery.ours), fuse: toMedians(perQuery.fuse), floor: toMedians(perQuery.floor) },
    quality: { ours: quality(tops.ours), ...(fuse ? { fuse: quality(tops.fuse) } : {}), floor: quality(tops.floor) },
    fuseSkipped: fuse ? undefined : plan.note,
  };
}
