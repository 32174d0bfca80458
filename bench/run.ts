// `npm run bench`: every hot path of Sourcebook against a baseline measured in the same process.
// Prints tables and PASS/MISS per target of issue #8, and writes bench/results.json. See bench/README.md.
//
//   npm run bench                  full run (~100 s on a quiet 2-core machine, up to ~3.5 min when it is busy)
//   npm run bench -- --quick       fewer samples, no 300,000-quote corpus, no naive 5 MB × 5,000-term lookup
//   npm run bench -- --skip=activation,hover,search,300k,check,sidebar,eventloop,pathological,formats,attribution
import { execSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildKnowledgeBase } from '../src/core/kb/buildKnowledgeBase';
import type { KnowledgeBase } from '../src/core/kb/knowledgeBase';
import { loadCatalogCollection } from '../src/core/kb/loadCollection';
import type { Quote } from '../src/core/kb/model';
import { nodeFolderReader } from '../src/node/folderReader';
import { loadCatalogParser, loadCorpusFromDisk } from '../src/node/loadCorpus';
import { table, TargetCheck, targetsTable } from './lib/report';
import { collectGarbage, figure, ms, msUnit, now, ratio, round, summarize, Summary } from './lib/stats';
import { synthCorpus, SynthCorpusInfo } from './lib/synth';
import { CheckCell, runCheck } from './sections/check';
import { runSidebar, SidebarCell } from './sections/sidebar';
import { EventLoopCell, runEventLoop, runStart, StartCell } from './sections/eventLoop';
import { HoverResult, runHover } from './sections/hover';
import { PackageResult, runPackage } from './sections/package';
import { addAttribution, AttributionResult, runAttribution } from './sections/attribution';
import { addFormats, FormatsResult, runFormats } from './sections/formats';
import { MISS_RATIO, PathologicalCell, runPathological } from './sections/pathological';
import { runSearchSize, SearchSizePlan, SearchSizeResult, TYPO_QUERIES } from './sections/search';

const REPO = path.resolve(__dirname, '..');
const SEEDS = path.join(REPO, 'seeds');
const RESULTS = path.join(__dirname, 'results.json');
const KB = 1024;

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const skip = new Set((args.find((a) => a.startsWith('--skip='))?.slice('--skip='.length) ?? '').split(',').filter(Boolean));
if (quick) skip.add('300k');
const log = (line: string): void => void process.stderr.write(`${line}\n`);

interface SizeSpec {
  label: string;
  size: number | 'seeds';
  plan: Omit<SearchSizePlan, 'label' | 'quotes' | 'terms'>;
}

const SIZES: SizeSpec[] = [
  { label: 'seeds', size: 'seeds', plan: { rounds: quick ? 15 : 60, fuseSamplesPerQuery: quick ? 5 : 20, fuseBudgetMs: 20_000, buildReps: quick ? 10 : 30, fuseBuildReps: 10 } },
  { label: '300', size: 300, plan: { rounds: quick ? 15 : 60, fuseSamplesPerQuery: quick ? 3 : 10, fuseBudgetMs: 20_000, buildReps: quick ? 5 : 20, fuseBuildReps: 10 } },
  { label: '3,000', size: 3_000, plan: { rounds: quick ? 8 : 30, fuseSamplesPerQuery: quick ? 1 : 2, fuseBudgetMs: 15_000, buildReps: quick ? 2 : 5, fuseBuildReps: 3 } },
  { label: '30,000', size: 30_000, plan: { rounds: quick ? 4 : 12, fuseSamplesPerQuery: 1, fuseBudgetMs: quick ? 5_000 : 20_000, buildReps: quick ? 1 : 3, fuseBuildReps: 1 } },
  {
    label: '300,000',
    size: 300_000,
    plan: { rounds: 3, fuseSamplesPerQuery: 0, fuseBudgetMs: 0, buildReps: 1, fuseBuildReps: 0, note: 'fuse.js skipped: one query takes tens of seconds at this size' },
  },
];

function machine(): Record<string, unknown> {
  let commit = 'unknown';
  try {
    commit = execSync('git rev-parse --short HEAD', { cwd: REPO, encoding: 'utf8' }).trim();
    const dirty = execSync('git status --porcelain -- src', { cwd: REPO, encoding: 'utf8' }).trim();
    if (dirty) commit += ' (src has uncommitted changes)';
  } catch {
    // not a git checkout
  }
  const fuseVersion = (JSON.parse(fs.readFileSync(path.join(REPO, 'node_modules', 'fuse.js', 'package.json'), 'utf8')) as { version: string }).version;
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGiB: round(os.totalmem() / 2 ** 30),
    node: process.version,
    v8: process.versions.v8,
    platform: `${os.platform()} ${os.release()}`,
    fuseJs: fuseVersion,
    date: new Date().toISOString(),
    loadAverageAtStart: os.loadavg().map(round),
    cpuPressureAtStart: cpuPressure(),
    commit,
  };
}

/** Linux PSI: the share of the last 60 s in which runnable tasks waited for a CPU (0–100). Other work on the box. */
function cpuPressure(): number | undefined {
  try {
    const some = /some avg10=[\d.]+ avg60=([\d.]+)/u.exec(fs.readFileSync('/proc/pressure/cpu', 'utf8'));
    return some ? Number(some[1]) : undefined;
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const started = now();
  const info = machine();
  log(`Sourcebook bench — ${info.cpu} ×${info.cores}, Node ${info.node}, load ${(info.loadAverageAtStart as number[]).join(' ')}, CPU pressure ${info.cpuPressureAtStart ?? '?'}%${quick ? ' (quick)' : ''}`);
  if ((os.loadavg()[0] ?? 0) > os.cpus().length) log('  (the machine is busy with other work: absolute figures will be inflated; the ratios much less)');

  // 1. Packaging and cold processes first, while this process is still small.
  let pkg: PackageResult | undefined;
  if (!skip.has('activation')) {
    log('packaging, activation and cold loads (fresh processes, one at a time)…');
    pkg = runPackage({ activationRuns: quick ? 6 : 20, coldLoadRuns: quick ? 4 : 10, vsix: true }, log);
  }

  // 2. Seed corpus load, warm, in process.
  log('seed corpus load…');
  const corpus = await loadCorpusFromDisk({ includeSeeds: true, sourceDirs: [], seedsDir: SEEDS });
  const kb = corpus.kb;
  const loadSamples: number[] = [];
  const kbSamples: number[] = [];
  const seedsCollection = await loadCatalogCollection(nodeFolderReader(SEEDS, 'seeds'), 'catalog.json', 'seed', { parser: loadCatalogParser });
  for (let i = 0; i < (quick ? 5 : 15); i++) {
    let t0 = now();
    await loadCorpusFromDisk({ includeSeeds: true, sourceDirs: [], seedsDir: SEEDS });
    loadSamples.push(now() - t0);
    t0 = now();
    if (seedsCollection.collection) buildKnowledgeBase([seedsCollection.collection]);
    kbSamples.push(now() - t0);
  }

  /** n quotes and their passages, at the seeds' ratio of passages to quotes. */
  const withPassages = (n: number): number => Math.round((n * corpus.searchable.length) / kb.quotes.length);

  // 3. Hover.
  let hover: HoverResult | undefined;
  if (!skip.has('hover')) {
    log('hover term lookup…');
    hover = runHover(kb, { positions: quick ? 600 : 2_000, naiveBudgetMs: quick ? 400 : 1_500, skipNaiveHuge: quick }, log);
  }

  // 4. Search, smallest corpus first.
  const search: (SearchSizeResult & { synth?: SynthCorpusInfo })[] = [];
  if (!skip.has('search')) {
    for (const spec of SIZES) {
      if (spec.size === 300_000 && skip.has('300k')) continue;
      collectGarbage();
      log(`search over ${spec.label} quotes…`);
      // Every size is quotes plus their passages (issue #16): the seeds' sentences, and for a synthetic corpus of
      // n quotes as many items more as the seeds have passages per quote.
      let quotes: readonly Quote[] = corpus.searchable;
      let synth: SynthCorpusInfo | undefined;
      if (spec.size !== 'seeds') ({ quotes, info: synth } = synthCorpus(kb, withPassages(spec.size)));
      const result = runSearchSize({ ...spec.plan, label: spec.label, quotes, terms: kb.terms }, log);
      search.push({ ...result, synth });
    }
  }

  // 5. Misquote check of a long draft (issue #9).
  let check: CheckCell[] = [];
  if (!skip.has('check')) {
    const corpora = [{ label: 'seeds', quotes: corpus.searchable }, { label: '30,000', quotes: synthCorpus(kb, withPassages(30_000)).quotes }];
    check = runCheck(corpora, kb.quotes, kb.speakers, quick ? 10 : 40, log);
  }

  // 5a. The sidebar on a large corpus: expanding a theme, filtering.
  let sidebar: SidebarCell[] = [];
  if (!skip.has('sidebar')) sidebar = runSidebar([30_000, ...(skip.has('300k') ? [] : [300_000])].map((n) => synthCorpus(kb, n).quotes), quick ? 5 : 15, log);

  // 5b. The event loop while the writer's own folder loads and reloads (issue #19).
  let eventLoop: EventLoopCell[] = [];
  let starts: StartCell[] = [];
  if (!skip.has('eventloop') && seedsCollection.collection) {
    const sizes = skip.has('300k') ? [1_000] : [1_000, 10_000];
    eventLoop = await runEventLoop([seedsCollection.collection], sizes, REPO, log);
    starts = await runStart([seedsCollection.collection], sizes, REPO, log);
  }

  // 6. Pathological inputs (issue #13): each shape at two sizes ten times apart.
  let pathological: PathologicalCell[] = [];
  if (!skip.has('pathological')) pathological = runPathological(kb, quick ? 3 : 5, log);

  // 7. Web pages and PDFs (issue #17): extraction per page, and 100 PDFs against the same text as .txt.
  let formats: FormatsResult | undefined;
  if (!skip.has('formats')) formats = await runFormats(quick, log);

  // 8. Attribution (issue #15): precision and recall over the labelled corpus, and its time.
  let attribution: AttributionResult | undefined;
  if (!skip.has('attribution')) attribution = runAttribution(quick, log);

  const elapsed = (now() - started) / 1000;
  const results = buildResults(info, kb, pkg, summarize(loadSamples), summarize(kbSamples), hover, search, elapsed);
  addCheck(results, check);
  addSidebar(results, sidebar);
  addEventLoop(results, eventLoop);
  addStarts(results, starts);
  addPathological(results, pathological);
  if (formats) process.stdout.write(`${addFormats(results, formats)}\n`);
  if (attribution) process.stdout.write(`${addAttribution(results, attribution)}\n`);
  printReport(results.report, results.checks);
  fs.writeFileSync(RESULTS, `${JSON.stringify(results.json, null, 2)}\n`);
  log(`\nwrote ${path.relative(process.cwd(), RESULTS)} in ${elapsed.toFixed(0)} s total`);
}

interface Report {
  search: string[][];
  searchGroups: string[][];
  quality: string[][];
  hover: string[][];
  build: string[][];
  activation: string[][];
  sizes: string[][];
  check?: string[][];
  sidebar?: string[][];
  eventLoop?: string[][];
  start?: string[][];
  pathological?: string[][];
  machine: string;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function fm(s: Summary | undefined, withP99 = false): string {
  if (!s || s.n === 0) return '–';
  return `${ms(s.median)} / ${ms(s.p95)}${withP99 ? ` / ${ms(s.p99)}` : ''} (${s.n})`;
}

type Results = { json: Record<string, unknown>; report: Report; checks: TargetCheck[] };

/** The figures of the sections measured in main(): JSON, text tables and the targets, each section in its own function. */
function buildResults(
  info: Record<string, unknown>,
  kb: KnowledgeBase,
  pkg: PackageResult | undefined,
  load: Summary,
  kbBuild: Summary,
  hover: HoverResult | undefined,
  search: (SearchSizeResult & { synth?: SynthCorpusInfo })[],
  elapsed: number,
): Results {
  const report: Report = { search: [], searchGroups: [], quality: [], hover: [], build: [], activation: [], sizes: [], machine: '' };
  const checks: TargetCheck[] = [];
  const searchJson = searchFigures(search, report);
  const hoverJson = hoverFigures(hover, report);
  seedLoadRows(pkg, load, kbBuild, report);
  activationAndSizeRows(pkg, report);
  searchTargets(search, checks);
  if (hover) hoverTargets(hover, checks);
  packageTargets(pkg, search, checks);
  report.machine = machineLine(info);
  const json = {
    machine: { ...info, loadAverageAtEnd: os.loadavg().map(round), cpuPressureAtEnd: cpuPressure() },
    run: { quick, skipped: [...skip], seconds: round(elapsed) },
    units: 'milliseconds unless named otherwise; n = samples; p95/p99 are nearest-rank percentiles',
    corpus: { seeds: { quotes: kb.quotes.length, terms: kb.terms.length, speakers: kb.speakers.length, sources: kb.sources.length } },
    typoQueries: TYPO_QUERIES,
    search: searchJson,
    hover: hoverJson,
    build: {
      seedCorpusLoadWarm: figure(load),
      seedKnowledgeBaseBuildWarm: figure(kbBuild),
      coldFreshProcess: pkg?.coldLoad ? Object.fromEntries(Object.entries(pkg.coldLoad).map(([k, v]) => [k, figure(v)])) : pkg?.coldLoadErrors,
    },
    activation: activationJson(pkg),
    size: sizeJson(pkg),
    targets: checks.map((c) => ({ ...c, result: c.pass === undefined ? 'n/a' : c.pass ? 'PASS' : 'MISS' })),
  };
  return { json, report, checks };
}

/** Search latency, quality and index build per corpus size: the tables' rows, and the JSON entries. */
function searchFigures(search: readonly (SearchSizeResult & { synth?: SynthCorpusInfo })[], report: Report): Record<string, unknown>[] {
  return search.map((s) => {
    const ours = s.latency.ours?.all;
    const fuse = s.latency.fuse?.all;
    const floor = s.latency.floor?.all;
    const groupJson = (c: 'ours' | 'fuse' | 'floor'): Record<string, unknown> | undefined => {
      const l = s.latency[c];
      if (!l) return undefined;
      return Object.fromEntries(Object.entries(l).map(([k, v]) => [k, figure(v)]));
    };
    const speedMedian = fuse && ours ? fuse.median / ours.median : NaN;
    const speedP95 = fuse && ours ? fuse.p95 / ours.p95 : NaN;
    const costFloor = floor && ours ? ours.median / floor.median : NaN;
    report.search.push([
      `${s.label} (${s.size})`,
      fm(ours),
      fm(fuse),
      fm(floor),
      Number.isFinite(speedMedian) ? `${ratio(speedMedian)} / ${ratio(speedP95)}` : '– (skipped)',
      ratio(costFloor),
    ]);
    for (const group of Object.keys(s.latency.ours ?? {})) {
      if (group === 'all') continue;
      report.searchGroups.push([`${s.label}: ${group}`, fm(s.latency.ours?.[group]), fm(s.latency.fuse?.[group]), fm(s.latency.floor?.[group])]);
    }
    const q = s.quality;
    report.quality.push([
      `${s.label}`,
      `${q.ours?.strict}/${q.ours?.family}`,
      q.fuse ? `${q.fuse.strict}/${q.fuse.family}` : '– (skipped)',
      q.floor ? `${q.floor.strict}/${q.floor.family}` : '–',
      `${TYPO_QUERIES.length}`,
    ]);
    report.build.push([
      `quote index, ${s.label} quotes`,
      fm(s.build.ours),
      ms(s.build.oursCold),
      s.build.fuse ? fm(s.build.fuse) : '– (skipped)',
      s.build.fuse ? ratio(s.build.ours.median / s.build.fuse.median) : '–',
      fm(s.build.floor),
    ]);
    return {
      label: s.label,
      quotes: s.size,
      synthetic: s.synth,
      ours: ours ? { ...figure(ours), speedupVsFuse: { median: round(speedMedian), p95: round(speedP95) }, costVsFloor: { median: round(costFloor), p95: floor ? round(ours.p95 / floor.p95) : null } } : undefined,
      oursByGroup: groupJson('ours'),
      fuse: fuse ? figure(fuse) : { skipped: s.fuseSkipped ?? s.note },
      fuseByGroup: groupJson('fuse'),
      floor: floor ? figure(floor) : undefined,
      floorByGroup: groupJson('floor'),
      perQueryMedian: Object.fromEntries(
        Object.entries(s.perQueryMedian).map(([c, m]) => [c, m ? Object.fromEntries(Object.entries(m).map(([k, v]) => [k, round(v)])) : undefined]),
      ),
      quality: q,
      build: {
        ours: { ...figure(s.build.ours), first: round(s.build.oursCold), costVsFuseBuild: s.build.fuse ? round(s.build.ours.median / s.build.fuse.median) : null },
        fuse: s.build.fuse ? figure(s.build.fuse) : { skipped: s.note },
        floor: figure(s.build.floor),
      },
    };
  });
}

/** Hover lookups per glossary and line length: the tables' rows, and the JSON entry. */
function hoverFigures(hover: HoverResult | undefined, report: Report): Record<string, unknown> | undefined {
  for (const c of hover?.cells ?? []) {
    report.hover.push([`${c.glossary}, ${c.line}`, fm(c.ours, true), c.naive ? fm(c.naive, true) : (c.naiveSkipped ?? '–'), c.naive ? ratio(c.naive.median / c.ours.median) : '–']);
  }
  for (const [name, b] of Object.entries(hover?.build ?? {})) {
    report.build.push([`term matcher, ${name} (${b.spellings} spellings)`, fm(b.ours), ms(b.ours.max), `naive prep ${fm(b.naive)}`, '–', '–']);
  }
  return hover
    ? {
        build: Object.fromEntries(Object.entries(hover.build).map(([k, v]) => [k, { terms: v.terms, spellings: v.spellings, ours: figure(v.ours), naive: figure(v.naive) }])),
        cells: hover.cells.map((c) => ({
          glossary: c.glossary,
          terms: c.terms,
          spellings: c.spellings,
          line: c.line,
          ours: figure(c.ours, true),
          naive: c.naive ? figure(c.naive, true) : { skipped: c.naiveSkipped },
          speedupVsNaive: c.naive ? { median: round(c.naive.median / c.ours.median) } : null,
          onTermFound: round(c.onTermFound),
        })),
      }
    : undefined;
}

/** The seed corpus's load, warm in this process and cold in fresh ones. */
function seedLoadRows(pkg: PackageResult | undefined, load: Summary, kbBuild: Summary, report: Report): void {
  report.build.push(['seed corpus load (read+decode+repair+body+catalog+locate+matcher), warm', fm(load), '–', '–', '–', '–']);
  report.build.push(['  of which buildKnowledgeBase (decode+repair+body+locate), warm', fm(kbBuild), '–', '–', '–', '–']);
  if (pkg?.coldLoad) {
    const c = pkg.coldLoad;
    report.build.push(['seed corpus load, cold (fresh process)', fm(c.load), '–', '–', '–', '–']);
    report.build.push(['  read files + parse/validate catalog', fm(c.readCatalog), '–', '–', '–', '–']);
    report.build.push(['  buildKnowledgeBase (decode+repair+body+locate)', fm(c.buildKnowledgeBase), '–', '–', '–', '–']);
    report.build.push(['  term matcher', fm(c.termMatcher), '–', '–', '–', '–']);
    report.build.push(['seed quote index, cold (fresh process, first build)', fm(c.quoteIndex), '–', '–', '–', '–']);
    report.build.push(['first search after cold index ("peek data")', fm(c.firstSearch), '–', '–', '–', '–']);
  }

}

/** Activation phases and artifact sizes. */
function activationAndSizeRows(pkg: PackageResult | undefined, report: Report): void {
  const a = pkg?.activation;
  if (a) {
    report.activation.push(['require(package.json main), code cache saved by an earlier start', fm(a.require)]);
    report.activation.push(['activate(context), synchronous part', fm(a.activate)]);
    report.activation.push(['await api.ready (first corpus load)', fm(a.ready)]);
    report.activation.push(['require + activate', fm(a.requireActivate)]);
    report.activation.push(['require + activate + ready', fm(a.toReady)]);
    report.activation.push(['first start of a build (no code cache yet): require + activate / + ready', `${fm(a.firstRequireActivate)} / ${fm(a.firstToReady)}`]);
    report.activation.push(['whole process (spawn → exit)', fm(a.processWall)]);
    report.activation.push(['baseline: bare node requiring an empty module', fm(a.emptyProcessWall)]);
    report.activation.push(['whole process ÷ baseline', ratio(a.processWall.median / a.emptyProcessWall.median)]);
  } else if (pkg?.activationError) {
    report.activation.push(['activation failed', pkg.activationError.slice(0, 200)]);
  }
  if (pkg?.bundle) report.sizes.push(['dist/extension.js (node esbuild.js --production)', `${pkg.bundle.bytes} B = ${round(pkg.bundle.bytes / KB)} KB`, `gzip ${round(pkg.bundle.gzipBytes / KB)} KB`]);
  if (pkg?.webBundle) report.sizes.push(['dist/web/extension.js (browser build, same command)', `${pkg.webBundle.bytes} B = ${round(pkg.webBundle.bytes / KB)} KB`, `gzip ${round(pkg.webBundle.gzipBytes / KB)} KB; PDF and web page readers apart`]);
  if (pkg?.vsix) {
    report.sizes.push(['VSIX (vsce package, as npm run package)', `${pkg.vsix.bytes} B = ${round(pkg.vsix.bytes / KB)} KB`, `${pkg.vsix.files ?? '?'} files`]);
  } else if (pkg) report.sizes.push(['VSIX', 'n/a', clip(pkg.vsixUnavailable ?? pkg.buildError ?? '', 110)]);

}

/** Search targets: latency at 300 and 30,000 quotes, the speed-up over fuse.js, and ranking quality. */
function searchTargets(search: readonly SearchSizeResult[], checks: TargetCheck[]): void {
  const bySize = new Map(search.map((s) => [s.label, s]));
  const s300 = bySize.get('300');
  const s30k = bySize.get('30,000');
  if (s300?.latency.ours) checks.push({ name: 'search p95, 300 quotes', target: '< 2 ms', measured: `${msUnit(s300.latency.ours.all.p95)}`, pass: s300.latency.ours.all.p95 < 2 });
  if (s30k?.latency.ours) checks.push({ name: 'search p95, 30,000 quotes', target: '< 16 ms', measured: `${msUnit(s30k.latency.ours.all.p95)}`, pass: s30k.latency.ours.all.p95 < 16 });
  if (s30k?.latency.ours && s30k.latency.fuse) {
    const m = s30k.latency.fuse.all.median / s30k.latency.ours.all.median;
    const p = s30k.latency.fuse.all.p95 / s30k.latency.ours.all.p95;
    checks.push({ name: 'speed-up vs fuse default, 30,000', target: '≥ 3× (median and p95)', measured: `${ratio(m)} / ${ratio(p)}`, pass: m >= 3 && p >= 3 });
  }
  for (const s of search) {
    if (!s.quality.fuse || !s.quality.ours || s.size > 30_000) continue;
    const o = s.quality.ours;
    const f = s.quality.fuse;
    checks.push({
      name: `top-3 quality, ${s.label} (strict/family)`,
      target: '≥ fuse default',
      measured: `${o.strict}/${o.family} vs ${f.strict}/${f.family} of ${o.total}`,
      pass: o.strict >= f.strict && o.family >= f.family,
    });
  }
}

/** Hover targets: p99 per line length, and flat cost as the glossary grows. */
function hoverTargets(hover: HoverResult, checks: TargetCheck[]): void {
  const normal = hover.cells.filter((c) => c.lineLength <= 2_000);
  const huge = hover.cells.filter((c) => c.lineLength > 2_000);
  const worst = (cells: typeof normal): number => Math.max(...cells.map((c) => c.ours.p99));
  checks.push({ name: 'hover p99, 80 and 2,000-ch lines', target: '< 0.2 ms', measured: `${msUnit(worst(normal))} (worst cell)`, pass: worst(normal) < 0.2 });
  checks.push({ name: 'hover p99, 5 MB line', target: '< 2 ms', measured: `${msUnit(worst(huge))} (worst cell)`, pass: worst(huge) < 2 });
  const glossaries = Object.keys(hover.build);
  const growth = ['80 ch', '2,000 ch', '5 MB line'].map((line) => {
    const small = hover.cells.find((c) => c.glossary === glossaries[0] && c.line === line);
    const big = hover.cells.find((c) => c.glossary === glossaries[1] && c.line === line);
    return small && big ? big.ours.median / small.ours.median : NaN;
  });
  const spellingGrowth = (hover.build[glossaries[1]]?.spellings ?? 0) / (hover.build[glossaries[0]]?.spellings ?? 1);
  const worstGrowth = Math.max(...growth);
  checks.push({
    name: `hover flat, ${hover.build[glossaries[0]]?.terms} → 5,000 terms`,
    target: 'median grows ≤ 3×',
    measured: `${growth.map((g) => ratio(g)).join(', ')} (spellings ×${round(spellingGrowth)})`,
    pass: worstGrowth <= 3,
  });
}

/** Targets of the package section: cold seed index, activation, bundle and VSIX sizes. */
function packageTargets(pkg: PackageResult | undefined, search: readonly SearchSizeResult[], checks: TargetCheck[]): void {
  if (pkg?.coldLoad) checks.push({ name: 'seeds indexed (cold, fresh process)', target: '< 20 ms', measured: `${msUnit(pkg.coldLoad.quoteIndex.median)} median`, pass: pkg.coldLoad.quoteIndex.median < 20 });
  const seedsBuild = search.find((s) => s.label === 'seeds')?.build.ours;
  if (seedsBuild) checks.push({ name: 'seeds indexed (warm, in process)', target: '< 20 ms', measured: `${msUnit(seedsBuild.median)} median`, pass: seedsBuild.median < 20 });
  const a = pkg?.activation;
  if (a) {
    checks.push({ name: 'activation: require + activate + ready', target: '< 30 ms', measured: `${msUnit(a.toReady.median)} median`, pass: a.toReady.median < 30 });
    checks.push({ name: 'activation: require + activate (sync part)', target: '< 30 ms', measured: `${msUnit(a.requireActivate.median)} median`, pass: a.requireActivate.median < 30 });
    checks.push({ name: 'activation, first start of a build: require + activate + ready', target: 'reported', measured: `${msUnit(a.firstToReady.median)} median`, pass: undefined });
  }
  if (pkg?.bundle) checks.push({ name: 'bundle size', target: '< 150 KB', measured: `${round(pkg.bundle.bytes / KB)} KB`, pass: pkg.bundle.bytes < 150 * KB });
  if (pkg?.webBundle) checks.push({ name: 'browser bundle size (without the PDF and web page readers)', target: '< 150 KB', measured: `${round(pkg.webBundle.bytes / KB)} KB`, pass: pkg.webBundle.bytes < 150 * KB });
  if (pkg) {
    checks.push(
      pkg.vsix
        ? { name: 'VSIX size (web page and PDF readers included)', target: '< 3 MB', measured: `${round(pkg.vsix.bytes / KB)} KB`, pass: pkg.vsix.bytes < 3 * 1024 * KB }
        : { name: 'VSIX size (web page and PDF readers included)', target: '< 3 MB', measured: 'n/a (vsce failed)', pass: undefined, note: pkg.vsixUnavailable },
    );
  }
}

function machineLine(info: Record<string, unknown>): string {
  return `${info.cpu} ×${info.cores} cores, ${info.memoryGiB} GiB, ${info.platform}, Node ${info.node}, fuse.js ${info.fuseJs}, ${info.date}, commit ${info.commit}, load avg at start ${(info.loadAverageAtStart as number[]).join(' ')} / end ${os.loadavg().map(round).join(' ')}, CPU pressure (PSI some avg60) ${info.cpuPressureAtStart ?? '?'}% / ${cpuPressure() ?? '?'}%`;
}

function activationJson(pkg: PackageResult | undefined): Record<string, unknown> {
  const a = pkg?.activation;
  return a
  ? {
      runs: a.runs,
      require: figure(a.require),
      activate: figure(a.activate),
      ready: figure(a.ready),
      requireActivate: figure(a.requireActivate),
      requireActivateReady: figure(a.toReady),
      firstStartRequireActivate: figure(a.firstRequireActivate),
      firstStartRequireActivateReady: figure(a.firstToReady),
      processWall: { ...figure(a.processWall), costVsBareNode: round(a.processWall.median / a.emptyProcessWall.median) },
      bareNodeProcessWall: figure(a.emptyProcessWall),
      quotesLoaded: a.quotes,
      subscriptions: a.subscriptions,
      stubFallbackTouched: a.touched,
      errors: a.errors,
    }
  : { unavailable: pkg?.activationError ?? 'skipped' };
}

function sizeJson(pkg: PackageResult | undefined): Record<string, unknown> {
  return pkg
  ? {
      bundleBytes: pkg.bundle?.bytes ?? null,
      bundleGzipBytes: pkg.bundle?.gzipBytes ?? null,
      webBundleBytes: pkg.webBundle?.bytes ?? null,
      webBundleGzipBytes: pkg.webBundle?.gzipBytes ?? null,
      productionBuildMs: pkg.productionBuildMs ? round(pkg.productionBuildMs) : null,
      vsixBytes: pkg.vsix?.bytes ?? null,
      vsixFiles: pkg.vsix?.files ?? null,
      vsixHow: pkg.vsix?.how ?? null,
      vsixNote: pkg.vsixUnavailable ?? null,
      buildError: pkg.buildError ?? null,
    }
  : { skipped: true };
}

/** The longest blocks of the event loop while a folder loads, in one go (before issue #19) and in slices. */
function addEventLoop(results: Results, cells: readonly EventLoopCell[]): void {
  if (cells.length === 0) return;
  const run = (r: EventLoopCell['oneGo'] | undefined) => (r ? { longestBlock: round(r.longestBlock), total: round(r.total) } : undefined);
  results.json.eventLoop = cells.map((c) => ({ scenario: c.scenario, files: c.files, quotes: c.quotes, oneGo: run(c.oneGo), sliced: run(c.sliced), worker: run(c.worker) }));
  results.report.eventLoop = cells.map((c) => {
    const shipped = c.worker ?? c.sliced;
    return [`${c.scenario}, ${c.files.toLocaleString('en-US')} files / ${c.quotes.toLocaleString('en-US')} quotes`, c.worker ? ms(c.worker.longestBlock) : '–', ms(c.sliced.longestBlock), ms(c.oneGo.longestBlock), ratio(c.oneGo.longestBlock / shipped.longestBlock), `${ms(shipped.total)} / ${ms(c.oneGo.total)}`];
  });
  for (const c of cells) {
    const shipped = c.worker ?? c.sliced;
    results.checks.push({ name: `longest event-loop block, ${c.scenario}, ${c.files.toLocaleString('en-US')} files`, target: '< 50 ms', measured: msUnit(shipped.longestBlock), pass: shipped.longestBlock < 50 });
  }
}

/** A new window on the writer's folder: time to ready without and with the persistent cache, and the heap. */
function addStarts(results: { json: Record<string, unknown>; report: Report; checks: TargetCheck[] }, cells: readonly StartCell[]): void {
  if (cells.length === 0) return;
  results.json.start = cells.map((c) => ({ files: c.files, quotes: c.quotes, coldMs: round(c.cold), warmMs: round(c.warm), restoredFiles: c.restoredFiles, warmCorpusFrom: c.warmCorpusFrom, heapMB: round(c.heapMB) }));
  results.report.start = cells.map((c) => [`${c.files.toLocaleString('en-US')} files / ${c.quotes.toLocaleString('en-US')} quotes`, ms(c.warm), ms(c.cold), ratio(c.cold / c.warm), `${c.restoredFiles.toLocaleString('en-US')} of ${c.files.toLocaleString('en-US')}`, c.warmCorpusFrom === 'disk' ? 'stored snapshot' : (c.warmCorpusFrom ?? '–'), `${round(c.heapMB)} MB`]);
  const thousand = cells.find((c) => c.files === 1_000);
  if (thousand) results.checks.push({ name: 'ready on a warm start, 1,000 files (persistent cache)', target: '< 300 ms', measured: msUnit(thousand.warm), pass: thousand.warm < 300 });
}

/** The misquote-check figures: a table, a JSON entry and a target (on every edit of a 5,000-line draft). */
function addCheck(results: { json: Record<string, unknown>; report: Report; checks: TargetCheck[] }, cells: readonly CheckCell[]): void {
  if (cells.length === 0) return;
  results.json.check = cells.map((c) => ({ corpus: c.corpus, quotes: c.quotes, lines: c.lines, quotations: c.quotations, findings: c.findings, indexBuild: round(c.indexBuild), firstCheck: round(c.first), ours: figure(c.ours), floor: figure(c.floor), costVsFloor: round(c.ours.median / c.floor.median) }));
  results.report.check = cells.map((c) => [`${c.corpus} (${c.quotes}), ${c.lines} lines, ${c.quotations} quotations`, fm(c.ours), fm(c.floor), ratio(c.ours.median / c.floor.median), ms(c.indexBuild), ms(c.first), String(c.findings)]);
  const largest = cells[cells.length - 1];
  results.checks.push({ name: `misquote check, 5,000-line draft, ${largest.corpus} quotes`, target: 'p95 < 50 ms (every edit)', measured: msUnit(largest.ours.p95), pass: largest.ours.p95 < 50 });
}

function addSidebar(results: { json: Record<string, unknown>; report: Report; checks: TargetCheck[] }, cells: readonly SidebarCell[]): void {
  if (cells.length === 0) return;
  results.json.sidebar = cells.map((c) => ({ quotes: c.quotes, expand: figure(c.expand), allRows: figure(c.allRows), firstFilter: round(c.firstFilter), longestFilterStep: round(c.longestFilterStep), filter: figure(c.filter), plainFilter: figure(c.plainFilter), matches: c.matches }));
  results.report.sidebar = cells.map((c) => [c.quotes.toLocaleString('en-US'), fm(c.expand), fm(c.allRows), ms(c.firstFilter), fm(c.filter), ms(c.longestFilterStep), fm(c.plainFilter), String(c.matches)]);
  for (const c of cells) {
    results.checks.push({ name: `sidebar: expand a theme of ${c.quotes.toLocaleString('en-US')} quotes`, target: '< 16 ms (a frame)', measured: msUnit(c.expand.median), pass: c.expand.median < 16 });
    results.checks.push({ name: `sidebar: longest step of a filter over ${c.quotes.toLocaleString('en-US')} quotes`, target: '< 16 ms (a frame)', measured: msUnit(c.longestFilterStep), pass: c.longestFilterStep < 16 });
  }
}

/** The pathological-input figures: a table, a JSON entry and one target per shape (linear growth). */
function addPathological(results: { json: Record<string, unknown>; report: Report; checks: TargetCheck[] }, cells: readonly PathologicalCell[]): void {
  if (cells.length === 0) return;
  results.json.pathological = cells.map((c) => ({
    shape: c.shape,
    unit: c.unit,
    small: { size: c.smallSize, ...figure(c.small) },
    large: { size: c.largeSize, ...figure(c.large) },
    ratio: round(c.ratio),
    result: c.pass ? 'PASS' : 'MISS',
  }));
  const size = (n: number, unit: string): string => (unit === 'characters' || unit === 'spaces' ? `${round(n / 1000)}K` : n.toLocaleString('en-US'));
  results.report.pathological = cells.map((c) => [c.shape, `${size(c.smallSize, c.unit)} → ${size(c.largeSize, c.unit)} ${c.unit}`, fm(c.small), fm(c.large), ratio(c.ratio), c.pass ? 'PASS' : 'MISS']);
  for (const c of cells) {
    results.checks.push({ name: `linear: ${c.shape}`, target: `×10 input → ≤ ${MISS_RATIO}× time`, measured: ratio(c.ratio), pass: c.pass });
  }
}

function printReport(r: Report, checks: TargetCheck[]): void {
  const out: string[] = [];
  out.push(`Machine: ${r.machine}`);
  out.push('Figures are ms: median / p95 (n), hover median / p95 / p99 (n); µs below 0.1 ms.');
  if (r.search.length) {
    out.push(
      table(
        'Search per keystroke — all typed prefixes and typo queries pooled',
        ['corpus (quotes)', 'ours', 'fuse.js default', 'substring floor', 'speed-up vs fuse (med / p95)', 'ours ÷ floor (med)'],
        r.search,
      ),
    );
    out.push(table('Search by query group', ['corpus: group', 'ours', 'fuse.js default', 'substring floor'], r.searchGroups));
    out.push(table('Typo queries with their target in the top 3 (strict id / incl. synthetic copies)', ['corpus', 'ours', 'fuse.js default', 'substring floor', 'queries'], r.quality));
  }
  if (r.hover.length) out.push(table('Hover: term at a position', ['glossary, line', 'ours (token trie)', 'naive indexOf, whole line', 'speed-up (med)'], r.hover));
  if (r.build.length) out.push(table('Build and load', ['what', 'ours', 'first/max', 'baseline', 'ours ÷ baseline', 'substring floor prep'], r.build));
  if (r.activation.length) out.push(table('Activation (bundled extension, vscode stubbed, fresh processes)', ['phase', 'median / p95 (n)'], r.activation));
  if (r.sizes.length) out.push(table('Sizes (KB = 1,024 B)', ['artifact', 'size', 'note'], r.sizes));
  if (r.check?.length) out.push(table('Misquote check of a draft (per edit)', ['corpus, draft', 'ours', 'verbatim-lookup floor', 'ours ÷ floor (med)', 'index build (once)', 'first check', 'findings'], r.check));
  if (r.sidebar?.length) out.push(table('Sidebar: a theme of N quotes', ['quotes', 'expand (groups, last page)', 'every row at once', 'first filter', 'filter', 'its longest step (in slices)', 'plain includes, texts only', 'matches'], r.sidebar));
  if (r.eventLoop?.length) out.push(table('Event loop while your own folder loads (issue #19): longest block, ms', ['scenario', 'worker + slices (shipped)', 'in slices, no worker (web)', 'in one go (before)', 'one go ÷ shipped', 'time to ready, shipped / one go'], r.eventLoop));
  if (r.start?.length) out.push(table('A new window on your own folder: ready to search and check, ms', ['folder', 'warm (persistent cache)', 'cold (extract all)', 'cold ÷ warm', 'files restored', 'warm corpus from', 'heap with the corpus'], r.start));
  if (r.pathological?.length) {
    out.push(table('Pathological inputs (issue #13): two sizes ten times apart; linear ≈ 10×', ['shape', 'sizes', 'small', 'large', 'large ÷ small', 'result'], r.pathological));
  }
  out.push(targetsTable(checks));
  process.stdout.write(`${out.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
