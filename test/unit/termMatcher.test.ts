import * as assert from 'node:assert/strict';
import type { Term } from '../../src/core/kb/model';
import { TermMatcher } from '../../src/core/terms/termMatcher';

const term = (id: string, label: string, variants: string[] = []): Term => ({ id, label, variants, definition: `${label}.`, themes: [] });
const TERMS = [
  term('pre-training', 'pre-training'),
  term('peak-data', 'peak data'),
  term('synthetic-data', 'synthetic data'),
  term('test-time-compute', 'test-time compute', ['inference time computation']),
  term('llm', 'LLM', ['large language model']),
  term('world-model', 'world model'),
  term('agi', 'AGI'),
  term('moores-law', "Moore's law"),
  term('compute', 'compute'),
  term('compute-budget', 'compute budget'),
  term('gemini', 'Gemini 2.0'),
];
const matcher = new TermMatcher(TERMS);

/** Where the cursor is given by a | in the line; returns the matched term id and text. */
function at(lineWithCursor: string): { id: string; text: string } | undefined {
  const character = lineWithCursor.indexOf('|');
  const line = lineWithCursor.replace('|', '');
  const match = matcher.termAt(line, character);
  return match && { id: match.term.id, text: line.slice(match.start, match.end) };
}

describe('TermMatcher', () => {
  const cases: [string, string | undefined, string?][] = [
    ['The end of Pre-|Training as we know it', 'pre-training', 'Pre-Training'],
    ['the end of pre|training', 'pre-training', 'pretraining'],
    ['pre tr|aining is over', 'pre-training', 'pre training'],
    ['pre\u2011train|ing with a non-breaking hyphen', 'pre-training', 'pre\u2011training'],
    ['We have reached PEAK |DATA', 'peak-data', 'PEAK DATA'],
    ['peak  d|ata with two spaces', 'peak-data', 'peak  data'],
    ['peak~da|ta in LaTeX', 'peak-data', 'peak~data'],
    ['test time comp|ute', 'test-time-compute', 'test time compute'],
    ['test-time comp|ute', 'test-time-compute', 'test-time compute'],
    ['synthetic-d|ata', 'synthetic-data', 'synthetic-data'],
    ['most L|LMs hallucinate', 'llm', 'LLMs'],
    ['large language mod|els', 'llm', 'large language models'],
    ['two world model|s', 'world-model', 'world models'],
    ['Moore’s l|aw holds', 'moores-law', 'Moore’s law'],
    ['a compute bud|get of', 'compute-budget', 'compute budget'],
    ['a com|pute budget of', 'compute-budget', 'compute budget'],
    ['Gemini 2.|0 lags', 'gemini', 'Gemini 2.0'],
    ['the data| alone', undefined],
    ['cars are not terms|', undefined],
    ['s|peak data', undefined],
    ['m|agic', undefined],
    ['peak. Da|ta', undefined],
  ];
  for (const [line, id, text] of cases) {
    it(`${JSON.stringify(line)} → ${id ?? 'nothing'}`, () => {
      const found = at(line);
      if (id === undefined) assert.equal(found, undefined);
      else assert.deepEqual(found, { id, text });
    });
  }

  it('gives the exact range of the occurrence, not the word or the line', () => {
    const line = 'Some say peak data, others disagree.';
    const match = matcher.termAt(line, 12)!;
    assert.deepEqual([match.start, match.end], [9, 18]);
  });

  it('matches on a hover just after the last letter and not one character further', () => {
    assert.equal(matcher.termAt('peak data', 9)?.term.id, 'peak-data');
    assert.equal(matcher.termAt('peak data is', 10), undefined);
  });

  it('skips muted terms but still finds a shorter one', () => {
    const muted = (t: Term): boolean => t.id === 'compute-budget';
    assert.equal(matcher.termAt('a compute budget', 4, muted)?.term.id, 'compute');
  });

  it('costs the same on a 5 MB line: only a window around the position is read', () => {
    const filler = 'lorem ipsum dolor sit amet '.repeat(200_000);
    const line = `${filler}we reached peak data ${filler}`;
    const position = filler.length + 'we reached pe'.length;
    const match = matcher.termAt(line, position)!;
    assert.equal(match.term.id, 'peak-data');
    assert.equal(line.slice(match.start, match.end), 'peak data');
    // A word cut by the window edge must not become a fragment match.
    assert.equal(matcher.termAt('x'.repeat(1000) + 'agi', 1001 - 200), undefined);
  });

  it('finds every occurrence in a text, longest first where they overlap', () => {
    const found = matcher.findAll('Compute budget and peak data; compute.').map((m) => m.term.id);
    assert.deepEqual(found, ['compute-budget', 'peak-data', 'compute']);
  });
});
