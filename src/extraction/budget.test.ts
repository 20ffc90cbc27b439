import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Admission, DEFAULT_EMBED_BUDGET, EmbedBudget, type EmbedBudgetSettings } from './budget.js';
import { createRng } from './random.js';

/** A budget on a clock the test moves, with seeded skip lengths. */
function budget(settings: Partial<EmbedBudgetSettings> = {}) {
  const clock = { t: 0 };
  const b = new EmbedBudget({ ...DEFAULT_EMBED_BUDGET, ...settings }, () => clock.t, createRng(7));
  return { b, clock };
}

/**
 * Sends `perSecond` queries a second, round robin over `keys`, for `seconds`; each embedded query costs
 * `costMs` (reported per batch of up to 64, as the monitor does). Returns each key's admissions.
 */
function drive(
  b: EmbedBudget,
  clock: { t: number },
  o: { keys: number; perSecond: number; seconds: number; costMs: number },
): Admission[][] {
  const out: Admission[][] = Array.from({ length: o.keys }, () => []);
  const total = o.perSecond * o.seconds;
  let pending = 0;
  for (let i = 0; i < total; i++) {
    clock.t = (i * 1000) / o.perSecond;
    const a = b.admit(`key-${i % o.keys}`);
    out[i % o.keys]!.push(a);
    if (a !== 'skip') pending++;
    if (pending === 64 || i === total - 1) {
      b.spent(pending * o.costMs, pending);
      pending = 0;
    }
  }
  return out;
}

const share = (a: Admission[]) => a.filter((x) => x !== 'skip').length / a.length;

describe('EmbedBudget', () => {
  it('embeds every query, in runs that follow each other, while the spending fits the budget', () => {
    const { b, clock } = budget();
    const runs = drive(b, clock, { keys: 10, perSecond: 2000, seconds: 5, costMs: 0.1 });
    for (const r of runs) assert.deepEqual(new Set(r), new Set(['embed']), 'no skip, no restart');
    assert.equal(b.stats().rate, 1);
    assert.equal(b.stats().skipped, 0);
    assert.equal(b.stats().embedded, 10_000);
  });

  it('beyond the budget, embeds about the share it allows, in runs, after every key first run', () => {
    const { b, clock } = budget({ msPerSecond: 100 });
    // 2,000 queries a second at 0.5 ms each would be 1,000 ms a second: the budget allows a tenth
    const runs = drive(b, clock, { keys: 8, perSecond: 2000, seconds: 40, costMs: 0.5 });
    for (const r of runs) {
      assert.deepEqual(r.slice(0, 64), new Array(64).fill('embed'), 'the first run is always embedded');
      // a run after a skip starts with a restart and lasts `run` queries
      const at = r.indexOf('start-run');
      assert.ok(at > 64, 'a later run exists');
      assert.equal(r[at - 1], 'skip');
      assert.deepEqual(r.slice(at + 1, at + 64), new Array(63).fill('embed'));
    }
    // once the first runs are over (5 s in), the share embedded is the budget's tenth
    const later = runs.flatMap((r) => r.slice(1250));
    assert.ok(share(later) > 0.07 && share(later) < 0.13, `share ${share(later)}`);
    const spentPerSecond = (b.stats().embedded * 0.5) / 40;
    assert.ok(spentPerSecond < 110, `spent ${spentPerSecond} ms/s against 100`);
    assert.ok(Math.abs(b.stats().rate - 0.1) < 0.02, `rate ${b.stats().rate}`);
  });

  it('keeps the floor for every key however far over the budget it is, and the first runs come first', () => {
    const { b, clock } = budget({ msPerSecond: 1, floor: 1 / 8, run: 16 });
    const runs = drive(b, clock, { keys: 4, perSecond: 1000, seconds: 10, costMs: 5 });
    assert.equal(b.stats().rate, 1 / 8);
    for (const r of runs) {
      let skipped = 0;
      let longest = 0;
      for (const a of r) {
        skipped = a === 'skip' ? skipped + 1 : 0;
        longest = Math.max(longest, skipped);
      }
      assert.ok(longest <= 16 * 7, `skip of ${longest}`);
      assert.ok(share(r) >= 1 / 8 - 0.02, `share ${share(r)}`);
    }
  });

  it('sees a burst within a quarter of a second, before its first full window', () => {
    const { b, clock } = budget({ msPerSecond: 10 });
    b.spent(10, 10); // 1 ms a query
    for (let i = 0; i < 200; i++) b.admit(`k${i % 2}`);
    assert.equal(b.rate(), 1, 'no rate before a quarter second has passed');
    clock.t = 300;
    b.admit('k0');
    assert.ok(b.rate() < 1, 'over budget once the burst is measured');
  });

  it('starts a key it has forgotten with a run again, so a flood of keys observes more, never less', () => {
    const { b } = budget({ run: 16 });
    for (let i = 0; i < 100_001; i++) b.admit(`k${i}`);
    assert.equal(b.admit('k0'), 'embed', 'evicted, then seen as new');
  });

  it('refuses settings that cannot work', () => {
    assert.throws(() => new EmbedBudget({ ...DEFAULT_EMBED_BUDGET, msPerSecond: 0 }), /budget/);
    assert.throws(() => new EmbedBudget({ ...DEFAULT_EMBED_BUDGET, floor: 0 }), /floor/);
    assert.throws(() => new EmbedBudget({ ...DEFAULT_EMBED_BUDGET, floor: 1.5 }), /floor/);
    assert.throws(() => new EmbedBudget({ ...DEFAULT_EMBED_BUDGET, run: 0 }), /run/);
    assert.throws(() => new EmbedBudget({ ...DEFAULT_EMBED_BUDGET, run: 2.5 }), /run/);
  });
});
