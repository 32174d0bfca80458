import * as assert from 'node:assert/strict';
import { corpusSummary } from '../../src/core/format/corpusSummary';

describe('the corpus in the status bar', () => {
  it('counts quotes, sentences once built, sources and skipped files, in the singular where it is one', () => {
    assert.equal(corpusSummary(112, 114, 5, 0), 'Sourcebook: 112 quotes · 114 sentences · 5 sources. Click for the Sources view.');
    assert.equal(corpusSummary(1, undefined, 1, 2), 'Sourcebook: 1 quote · 1 source (2 files skipped). Click for the Sources view.');
  });
});
