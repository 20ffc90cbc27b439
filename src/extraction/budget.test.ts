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
    b.arrive();
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
    const all = runs.flat();
    assert.equal(all.filter((a) => a === 'skip').length, 0);
    assert.equal(all.filter((a) => a !== 'skip').length, 10_000);
  });

  it('beyond the budget, embeds about the share it allows, in runs', () => {
    const { b, clock } = budget({ msPerSecond: 100 });
    // 2,000 queries a second at 0.5 ms each would be 1,000 ms a second: the budget allows a tenth
    const runs = drive(b, clock, { keys: 8, perSecond: 2000, seconds: 40, costMs: 0.5 });
    for (const r of runs) {
      assert.deepEqual(r.slice(0, 60), new Array(60).fill('embed'), 'before anything is measured, all');
      // a run after a skip starts with a restart and lasts `run` queries
      const at = r.indexOf('start-run');
      assert.ok(at > 64, 'a later run exists');
      assert.equal(r[at - 1], 'skip');
      assert.deepEqual(r.slice(at + 1, at + 64), new Array(63).fill('embed'));
    }
    // once the first runs are over (5 s in), the share embedded is the budget's tenth
    const later = runs.flatMap((r) => r.slice(1250));
    assert.ok(share(later) > 0.07 && share(later) < 0.13, `share ${share(later)}`);
    // over the whole run the first second (embedded whole: no rate is known before it ends) is the excess
    const spentPerSecond = (runs.flat().filter((a) => a !== 'skip').length * 0.5) / 40;
    assert.ok(spentPerSecond < 100 + 1000 / 40 + 10, `spent ${spentPerSecond} ms/s against 100`);
    assert.ok(Math.abs(b.stats().rate - 0.1) < 0.02, `rate ${b.stats().rate}`);
  });

  it('keeps the floor for every key however far over the budget it is', () => {
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

  it('measures arrivals over whole seconds, and over the part of the first one from a quarter second', () => {
    const { b, clock } = budget({ msPerSecond: 100 });
    b.spent(20, 40); // 0.5 ms a query: the budget affords 200 a second
    b.arrive(150); // 150 delivered at once after a stall
    clock.t = 200;
    assert.equal(b.rate(), 1, 'under a quarter second nothing is known');
    clock.t = 300;
    assert.ok(Math.abs(b.rate() - 0.4) < 1e-9, `rate ${b.rate()} (150 in 0.3 s: 500 a second)`);
    clock.t = 1000;
    assert.equal(b.rate(), 1, 'over the whole first second: 150 a second, which fits');
    b.arrive(800);
    clock.t = 1300;
    assert.equal(b.rate(), 1, 'a window under way does not count once one is complete');
    clock.t = 2000;
    assert.ok(Math.abs(b.rate() - 200 / 475) < 1e-9, `rate ${b.rate()} (EWMA of 150 and 800 a second)`);
  });

  it('trusts the cost once 32 queries are timed, and weighs each batch by its size', () => {
    const { b, clock } = budget({ msPerSecond: 100 });
    b.arrive(1000);
    clock.t = 1000; // 1,000 a second
    b.spent(50, 1); // a cold first query: 50 ms
    assert.equal(b.rate(), 1, 'one query timed: not yet a cost');
    b.spent(3, 31); // 32 timed: about (50 + 3) / 32 ms a query, the cold one a little faded
    const early = b.stats().msPerQuery;
    assert.ok(early > 1.4 && early < 1.6, `cost ${early}`);
    for (let i = 0; i < 20; i++) b.spent(3.2, 64); // 0.05 ms a query in full batches
    const settled = b.stats().msPerQuery;
    assert.ok(settled > 0.05 && settled < 0.06, `cost ${settled}: the cold start has faded`);
    b.spent(5, 1); // a batch of one carries a batch's fixed cost
    const after = b.stats().msPerQuery;
    assert.ok(after < 0.2, `cost ${after}: one small batch moves it little`);
    assert.equal(b.rate(), 1, '1,000 a second at under 0.1 ms fits 100 ms a second');
  });

  it('starts a key first seen within the budget with a run, and one first seen over it with a skip', () => {
    const { b, clock } = budget({ msPerSecond: 10 });
    assert.equal(b.admit('early'), 'embed');
    b.spent(400, 40); // 10 ms a query
    for (let i = 0; i < 300; i++) {
      b.arrive();
      b.admit('early');
    }
    clock.t = 1000; // 300 a second at 10 ms: far over 10 ms a second
    assert.ok(b.rate() < 0.1);
    const late = Array.from({ length: 40 }, () => {
      b.arrive();
      return b.admit('late');
    });
    assert.equal(late[0], 'skip', 'no free run over budget');
    assert.ok(late.filter((a) => a === 'skip').length > 30);
  });

  it('ends the runs begun within the budget as soon as it is exceeded, so a crowd of keys seen early commits nothing', () => {
    const { b, clock } = budget({ msPerSecond: 10 });
    for (let k = 0; k < 100; k++) assert.equal(b.admit(`k${k}`), 'embed', 'nothing measured yet: a run each');
    b.spent(400, 40); // 10 ms a query
    b.arrive(1000);
    clock.t = 1000; // 1,000 a second at 10 ms: the budget affords one in a thousand, the floor 1/64
    const later = Array.from({ length: 100 }, (_, k) =>
      Array.from({ length: 10 }, () => b.admit(`k${k}`)),
    ).flat();
    const embedded = later.filter((a) => a !== 'skip').length;
    assert.ok(embedded < 100, `${embedded} of 1,000 embedded`);
  });

  it('forgets the least recent of 100,000 keys, which then starts as a new key', () => {
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
