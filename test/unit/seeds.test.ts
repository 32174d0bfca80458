import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { SEEDS_DIR } from './helpers/seedCorpus';

/** The seeds are real-world text kept byte for byte as they came; the code repairs, the files never change. */
const SEED_SHA256: Record<string, string> = {
  '000_6e0cdbcd03f689d6.txt': 'a830da4c0322529fc0295d549143497082b42541bcfda738e77c9f54dbda03bf',
  '001_9cbed9e1bbc8623f.txt': '59321fbe2b652e9172aaeb88f13da3eb08e629d6dbb6c47407bf69822ea7a1cd',
  '002_b4870444e8853a54.txt': '536a7067952442faf3305fb1cc6d94e2ddd3984b913037db3011a0eee464ae82',
  '003_8b30feb0397d1dff.txt': '142dcef48c48f4714bbb8b105cfd6547e63d18ac8ab201d338c6c9cb3190b6fb',
  '004_fe3023e6ff311390.txt': 'd5ef5232844a1c2c00a9c27c13c0b78b6d4b4ea763dbaf68f4122d3038609d0f',
};

describe('seed files', () => {
  for (const [file, expected] of Object.entries(SEED_SHA256)) {
    it(`${file} is byte for byte the original`, () => {
      const actual = createHash('sha256').update(readFileSync(path.join(SEEDS_DIR, file))).digest('hex');
      assert.equal(actual, expected);
    });
  }
});
