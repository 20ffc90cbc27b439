import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CpuBudget } from './cpu-budget.js';

describe('guard CPU budget', () => {
  const clock = (start: number) => {
    let t = start;
    return { now: () => t, advance: (ms: number) => (t += ms) };
  };

  test('a principal past its milliseconds is refused; another principal is not', () => {
    const c = clock(1_000_000);
    const b = new CpuBudget({ msPerWindow: 100, windowMs: 10_000 }, c.now);
    b.charge('heavy', 60);
    assert.equal(b.admit('heavy').kind, 'admit');
    b.charge('heavy', 60);
    const r = b.admit('heavy');
    assert.equal(r.kind, 'exhausted');
    assert.equal(b.admit('light').kind, 'admit');
  });

  test('the refusal ends once the window slides past the spending, as retryAfterMs says', () => {
    const c = clock(1_000_000);
    const b = new CpuBudget({ msPerWindow: 100, windowMs: 10_000 }, c.now);
    b.charge('p', 150);
    const r = b.admit('p');
    assert.equal(r.kind, 'exhausted');
    if (r.kind !== 'exhausted') return;
    c.advance(r.retryAfterMs - 50);
    assert.equal(b.admit('p').kind, 'exhausted', 'still refused just before the stated time');
    c.advance(100);
    assert.equal(b.admit('p').kind, 'admit', 'admitted just after it');
  });

  test('spending across a window edge still counts (no double budget at the edge)', () => {
    const c = clock(1_000_000 - 1);
    const b = new CpuBudget({ msPerWindow: 100, windowMs: 10_000 }, c.now);
    b.charge('p', 90);
    c.advance(2);
    b.charge('p', 20);
    assert.equal(b.admit('p').kind, 'exhausted');
  });

  test('zero, negative and NaN charges change nothing', () => {
    const b = new CpuBudget({ msPerWindow: 1, windowMs: 1000 });
    for (const ms of [0, -5, Number.NaN]) b.charge('p', ms);
    assert.equal(b.spent('p'), 0);
  });
});
