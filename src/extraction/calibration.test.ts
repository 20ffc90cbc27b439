import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildSignalCalibration, combineMinP, gatedSignals, loadCalibration, pValue } from './calibration.js';
import { DEFAULT_ACTING_SIGNALS } from './config.js';
import { SIGNALS } from './signals.js';

describe('extraction calibration', () => {
  const cal = buildSignalCalibration(Array.from({ length: 200 }, (_, i) => i / 200));

  it('gives one-sided p-values that fall as the statistic rises', () => {
    const xs = [-1, 0.1, 0.5, 0.85, 0.99, 1.2, 2];
    const ps = xs.map((x) => pValue(cal, x));
    for (let i = 1; i < ps.length; i++) assert.ok(ps[i]! <= ps[i - 1]!, `p(${xs[i]}) <= p(${xs[i - 1]})`);
    assert.equal(ps[0], 1);
    assert.ok(Math.abs(pValue(cal, 0.5) - 0.5) < 0.02);
    assert.ok(ps[6]! < 1 / 201, 'beyond the sample the exponential tail takes over');
  });

  it('combines by min-p with the Sidak correction', () => {
    const { combined, strongest } = combineMinP({ a: 0.01, b: 0.5, c: 0.9 });
    assert.equal(strongest, 'a');
    assert.ok(Math.abs(combined - (1 - 0.99 ** 3)) < 1e-12);
  });

  it('ships a committed table for the default embedder with every signal', () => {
    const table = loadCalibration().get('lexical-256');
    assert.ok(table);
    assert.ok(table.levels.length >= 5);
    for (const s of SIGNALS) assert.ok(table.levels[0]![s]!.count >= 100, s);
  });

  it('ships a real-text table for USE lite, so `embedder: use` starts without a traffic profile', () => {
    const table = loadCalibration().get('use-lite-512');
    assert.ok(table);
    assert.equal(table.levels.length, 6);
    assert.match(table.source, /--embedder use/);
    // 900 written benign principals at every level; probing (near-duplicate bursts) never varied among them,
    // so the gate keeps it from acting on this table, as topics without a codebook
    for (let j = 0; j < table.levels.length; j++) {
      assert.equal(table.levels[j]!.breadth!.count, 900, `level ${j}`);
      assert.deepEqual(
        gatedSignals(table, 50 * 2 ** j, DEFAULT_ACTING_SIGNALS),
        DEFAULT_ACTING_SIGNALS.filter((s) => s !== 'topics' && s !== 'probing'),
        `level ${j}`,
      );
    }
  });

  it('gates none of the default acting signals out of the committed table except topics (no codebook)', () => {
    const table = loadCalibration().get('lexical-256')!;
    for (let j = 0; j < table.levels.length; j++) {
      const gated = gatedSignals(table, 50 * 2 ** j, DEFAULT_ACTING_SIGNALS);
      assert.deepEqual(
        gated,
        DEFAULT_ACTING_SIGNALS.filter((s) => s !== 'topics'),
        `level ${j}`,
      );
      // the shape signals were calibrated on traffic with shapes: informative, so they can act when listed
      assert.deepEqual(gatedSignals(table, 50 * 2 ** j, ['continuity', 'structure', 'settings']), [
        'continuity',
        'structure',
        'settings',
      ]);
    }
  });

  it('combines nothing to a combined p of 1', () => {
    assert.equal(combineMinP({}).combined, 1);
  });
});
