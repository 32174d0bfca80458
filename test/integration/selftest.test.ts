// Proves the runner reports failures: with SOURCEBOOK_SELFTEST_FAIL=1 in the extension host's
// environment (set by scripts/test-integration.ts for its self-test window) this suite fails on purpose.
import * as assert from 'node:assert/strict';

if (process.env.SOURCEBOOK_SELFTEST_FAIL === '1') {
  describe('runner self-test', () => {
    it('fails on purpose (SOURCEBOOK_SELFTEST_FAIL=1)', () => {
      assert.fail('deliberate failure: the integration runner must exit non-zero');
    });
  });
}
