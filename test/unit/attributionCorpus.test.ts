import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Catalog } from '../../src/core/catalog/catalogTypes';
import { AttributionCorpus, scoreAttributionCorpus } from '../../src/core/extract/attributionCorpus';
import { SEEDS_DIR } from './helpers/seedCorpus';

const CORPUS = path.join(__dirname, '..', 'fixtures', 'attribution', 'corpus.json');

const REQUIRED_PATTERNS = [
  'said X', 'X said', 'X said:', 'X says', 'according to X', 'X, who …, said', 'X added', '— X', 'X told me', 'X wrote', 'X argued that',
  'title/role', 'pronoun', 'two speakers', 'nested', 'split', 'interview', 'unnamed', 'mentioned', 'own', 'reported',
];

describe('attribution corpus (issue 15)', () => {
  const corpus = JSON.parse(readFileSync(CORPUS, 'utf8')) as AttributionCorpus;
  const seeds = (JSON.parse(readFileSync(path.join(SEEDS_DIR, 'catalog.json'), 'utf8')) as Catalog).speakers ?? [];
  const score = scoreAttributionCorpus(corpus, seeds);

  it('has at least 80 labelled cases covering every pattern of the issue', () => {
    assert.ok(corpus.cases.length >= 80, `${corpus.cases.length} cases`);
    const patterns = new Set(corpus.cases.map((c) => c.pattern));
    assert.deepEqual(REQUIRED_PATTERNS.filter((p) => !patterns.has(p)), []);
    assert.equal(new Set(corpus.cases.map((c) => c.id)).size, corpus.cases.length, 'unique ids');
  });

  it('extracts every quotation the cases ask about', () => {
    assert.deepEqual(score.outcomes.filter((o) => o.got === 'missing').map((o) => o.id), []);
  });

  it('names a speaker with precision 1.0 and recall of at least 0.95', () => {
    console.log(
      `      attribution corpus: precision ${score.precision.toFixed(3)} (${score.rightNamed}/${score.named}), ` +
        `recall ${score.recall.toFixed(3)} (${score.rightNamed}/${score.labelledPersons}), ` +
        `own/unnamed ${score.ownOrUnnamedRight}/${score.ownOrUnnamed}, ${score.cases} cases`,
    );
    for (const f of score.failures) console.log(`        ${f.id} [${f.pattern}]: expected ${f.expect}, got ${f.got}`);
    const wrongNames = score.failures.filter((f) => f.expect === 'none' || (f.got !== 'own' && f.got !== 'unnamed' && f.got !== 'missing'));
    assert.deepEqual(wrongNames.map((f) => `${f.id}: ${f.got}`), []);
    assert.equal(score.precision, 1);
    assert.ok(score.recall >= 0.95, `recall ${score.recall}`);
  });

  it('never gives reported speech without quotation marks to anyone as their words', () => {
    for (const o of score.outcomes.filter((x) => x.expect === 'none')) assert.deepEqual(o.persons, [], o.id);
  });
});
