import * as assert from 'node:assert/strict';
import { firstIndexWhere } from '../../src/core/util/binarySearch';

describe('firstIndexWhere (the core’s one binary search)', () => {
  it('finds the lower and upper bounds of every value in sorted arrays with repeats, as a linear scan does', () => {
    for (let seed = 1; seed <= 200; seed++) {
      let x = seed;
      const random = (): number => (x = (x * 48271) % 2147483647) % 7;
      const sorted = Array.from({ length: seed % 17 }, random).sort((a, b) => a - b);
      for (let value = -1; value <= 8; value++) {
        const lower = sorted.findIndex((v) => v >= value);
        const upper = sorted.findIndex((v) => v > value);
        assert.equal(firstIndexWhere(sorted.length, (k) => sorted[k] >= value), lower < 0 ? sorted.length : lower, `${sorted} ≥ ${value}`);
        assert.equal(firstIndexWhere(sorted.length, (k) => sorted[k] > value), upper < 0 ? sorted.length : upper, `${sorted} > ${value}`);
      }
    }
  });

  it('answers 0 on an empty range without asking the predicate', () => {
    assert.equal(firstIndexWhere(0, () => assert.fail('asked')), 0);
  });
});
