// The detector fuzz targets of `npm run fuzz`, run in CI on a fixed, short time budget each
// (the request and SSE targets run as properties in hardening.e2e.test.ts and sse.test.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extraTargets } from '../scripts/fuzz-targets.js';

describe('fuzz targets (CI budget)', () => {
  for (const target of extraTargets()) {
    it(`${target.name}: no crash, hang or broken invariant`, async () => {
      const r = await target.run(1.5);
      assert.equal(r.failure, undefined, r.failure);
      assert.ok(r.tried > 0);
    });
  }
});
