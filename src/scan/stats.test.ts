import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateFailRules, parseFailRules } from './fail-on.js';
import { scanStats, wilson } from './stats.js';
import type { Attempt, Outcome } from './types.js';

const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-3, `${a} != ${b}`);

function attempt(probeId: string, category: string, outcome: Outcome, i: number): Attempt {
  return {
    caseId: `${probeId}/v${i}/none`,
    probeId,
    category,
    tags: ['LLM01'],
    converters: [],
    outcome,
    reason: 'test',
    detectors: {},
    excerpt: '',
    latencyMs: 1,
    at: '2026-01-01T00:00:00.000Z',
  };
}

describe('scan statistics', () => {
  it('computes Wilson 95% intervals', () => {
    const half = wilson(5, 10);
    close(half.low, 0.2366);
    close(half.high, 0.7634);
    const none = wilson(0, 10);
    close(none.low, 0);
    close(none.high, 0.2775);
    assert.deepEqual(wilson(0, 0), { rate: 0, low: 0, high: 1 });
  });

  it('keeps errors and unscorable out of the success denominator', () => {
    const attempts = [
      attempt('a', 'exfiltration', 'vulnerable', 1),
      attempt('a', 'exfiltration', 'resisted', 2),
      attempt('a', 'exfiltration', 'error', 3),
      attempt('a', 'exfiltration', 'unscorable', 4),
      attempt('b', 'jailbreak', 'blocked', 5),
    ];
    const s = scanStats(attempts);
    assert.equal(s.overall.scored, 3);
    close(s.overall.attackSuccess.rate, 1 / 3);
    const a = s.byFamily.find((g) => g.name === 'a')!;
    assert.equal(a.counts.error, 1);
    close(a.attackSuccess.rate, 0.5);
  });

  it('parses and evaluates --fail-on rules', () => {
    const stats = scanStats([
      attempt('a', 'exfiltration', 'vulnerable', 1),
      ...Array.from({ length: 19 }, (_, i) => attempt('a', 'exfiltration', 'resisted', i + 2)),
      attempt('b', 'jailbreak', 'resisted', 30),
    ]);
    const verdict = (spec: string) => evaluateFailRules(parseFailRules(spec), stats).map((v) => v.failed);
    assert.deepEqual(verdict('vulnerable>0'), [true]);
    assert.deepEqual(verdict('vulnerable>1'), [false]);
    assert.deepEqual(verdict('vulnerable>=1'), [true]);
    assert.deepEqual(verdict('family:exfiltration>5%'), [false]);
    assert.deepEqual(verdict('family:exfiltration>=5%'), [true]);
    assert.deepEqual(verdict('family:a>4%,family:b>0'), [true, false]);
    assert.deepEqual(verdict('error>0'), [false]);
    assert.deepEqual(verdict('family:missing>0'), [false]);
    assert.throws(() => parseFailRules('vulnerable=>1'), /bad --fail-on rule/);
  });
});
