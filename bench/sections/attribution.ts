// Attribution you can trust (issue #15): precision and recall of the extractor over the labelled corpus of
// test/fixtures/attribution/corpus.json (who says each quotation), and the time of a run over it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Catalog } from '../../src/core/catalog/catalogTypes';
import { AttributionCorpus, AttributionScore, scoreAttributionCorpus } from '../../src/core/extract/attributionCorpus';
import type { TargetCheck } from '../lib/report';
import { table } from '../lib/report';
import { collectGarbage, figure, ms, now, round, summarize, Summary } from '../lib/stats';

const REPO = path.join(__dirname, '..', '..');
const CORPUS = path.join(REPO, 'test', 'fixtures', 'attribution', 'corpus.json');
const SEED_CATALOG = path.join(REPO, 'seeds', 'catalog.json');

export interface AttributionResult {
  readonly score: AttributionScore;
  /** One run over the whole corpus (every case extracted as a file of its own). */
  readonly run: Summary;
}

export function runAttribution(quick: boolean, log: (line: string) => void): AttributionResult {
  log('attribution corpus (precision and recall)…');
  const corpus = JSON.parse(fs.readFileSync(CORPUS, 'utf8')) as AttributionCorpus;
  const seeds = (JSON.parse(fs.readFileSync(SEED_CATALOG, 'utf8')) as Catalog).speakers ?? [];
  const score = scoreAttributionCorpus(corpus, seeds);
  collectGarbage();
  const samples: number[] = [];
  for (let i = 0; i < (quick ? 5 : 20); i++) {
    const t0 = now();
    scoreAttributionCorpus(corpus, seeds);
    samples.push(now() - t0);
  }
  return { score, run: summarize(samples) };
}

/** Adds the figures to the results (JSON and targets) and returns the table to print. */
export function addAttribution(results: { json: Record<string, unknown>; checks: TargetCheck[] }, r: AttributionResult): string {
  const s = r.score;
  results.json.attribution = {
    cases: s.cases,
    precision: round(s.precision),
    recall: round(s.recall),
    named: s.named,
    rightNamed: s.rightNamed,
    labelledPersons: s.labelledPersons,
    ownOrUnnamed: { right: s.ownOrUnnamedRight, of: s.ownOrUnnamed },
    failures: s.failures.map((f) => `${f.id}: expected ${f.expect}, got ${f.got}`),
    run: figure(r.run),
    perCase: round(r.run.median / s.cases),
  };
  results.checks.push(
    { name: `attribution precision (${s.cases} labelled passages)`, target: '1.0 (never a wrong name)', measured: `${s.precision.toFixed(3)} (${s.rightNamed}/${s.named})`, pass: s.precision === 1 },
    { name: 'attribution recall', target: '≥ 0.95', measured: `${s.recall.toFixed(3)} (${s.rightNamed}/${s.labelledPersons})`, pass: s.recall >= 0.95 },
  );
  const rows = [
    ['precision (named a person, and the right one)', `${s.precision.toFixed(3)} (${s.rightNamed}/${s.named})`],
    ['recall (labelled a person, and named)', `${s.recall.toFixed(3)} (${s.rightNamed}/${s.labelledPersons})`],
    ['own words / unnamed told apart', `${s.ownOrUnnamedRight}/${s.ownOrUnnamed}`],
    [`one run over ${s.cases} cases, median / p95 (n)`, `${ms(r.run.median)} / ${ms(r.run.p95)} (${r.run.n})`],
    ...s.failures.map((f) => [`  miss: ${f.id}`, `expected ${f.expect}, got ${f.got}`]),
  ];
  return table('Attribution (issue #15): the labelled corpus of test/fixtures/attribution', ['what', 'measured'], rows);
}
