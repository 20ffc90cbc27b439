import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gcra, gcraAdjust } from './gcra.js';

describe('gcra', () => {
  const spec = { limit: 10, windowMs: 60_000 };
  it('allows the whole limit at once, then refills one unit per interval', () => {
    let tat = 0;
    const now = 1_000_000;
    for (let i = 0; i < 10; i++) {
      const r = gcra(tat, now, 1, spec);
      assert.equal(r.allowed, true, `request ${i}`);
      assert.equal(r.remaining, 9 - i);
      tat = r.tat;
    }
    const denied = gcra(tat, now, 1, spec);
    assert.equal(denied.allowed, false);
    assert.equal(Math.round(denied.retryAfterMs), 6_000);
    assert.equal(gcra(tat, now + 6_000, 1, spec).allowed, true);
  });

  it('charges costs and never admits a cost above the limit', () => {
    assert.equal(gcra(0, 0, 11, spec).allowed, false);
    assert.equal(gcra(0, 0, 11, spec).retryAfterMs, Number.POSITIVE_INFINITY);
    const r = gcra(0, 0, 7, spec);
    assert.equal(r.allowed, true);
    assert.equal(r.remaining, 3);
    assert.equal(gcra(r.tat, 0, 4, spec).allowed, false);
  });

  it('refuses a cost above a large limit even where the clock is too coarse to show the overrun', () => {
    // 1e9 tokens a minute at a real epoch time: one unit over the window rounds away in the arrival time.
    const now = 1_700_000_000_000;
    const big = { limit: 1_000_000_000, windowMs: 60_000 };
    const r = gcra(0, now, big.limit + 1, big);
    assert.equal(r.allowed, false);
    assert.equal(r.retryAfterMs, Number.POSITIVE_INFINITY);
    assert.equal(gcra(0, now, big.limit, big).allowed, true, 'the limit itself fits');
  });

  it('settles by moving the arrival time, refunds never below now', () => {
    const r = gcra(0, 0, 8, spec);
    const refunded = gcraAdjust(r.tat, 0, -6, spec);
    assert.equal(gcra(refunded, 0, 8, spec).allowed, true);
    assert.equal(gcraAdjust(0, 500, -100, spec), 500);
  });
});
