import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { XMLValidator } from 'fast-xml-parser';
import { scanStats } from '../stats.js';
import type { Attempt } from '../types.js';
import { renderHtml } from './html.js';
import { renderJUnit } from './junit.js';
import { renderSarif } from './sarif.js';
import { buildSummary, comparisonTable, familyTable, type ScanMeta } from './summary.js';

const hostile = '<script>alert("x")</script> & \u0000\u001b[31m ]]> \'"`';
const attempts: Attempt[] = [
  {
    caseId: 'direct-override/v1/none',
    probeId: 'direct-override',
    category: 'prompt-injection',
    tags: ['LLM01'],
    converters: [],
    outcome: 'vulnerable',
    reason: hostile,
    detectors: { canary: { hit: true, score: 1, evidence: hostile } },
    excerpt: hostile,
    latencyMs: 3,
    at: '2026-01-01T00:00:00.000Z',
  },
  {
    caseId: 'pair:direct-override',
    probeId: 'pair:direct-override',
    category: 'orchestrated-pair',
    tags: ['LLM01'],
    converters: [],
    outcome: 'error',
    reason: 'attacker unreachable',
    detectors: {},
    excerpt: '',
    latencyMs: 0,
    at: '2026-01-01T00:00:00.000Z',
  },
];
const meta: ScanMeta = {
  tool: 'warden-scan',
  version: '0.1.0',
  target: `http://127.0.0.1:1/v1?${hostile}`,
  model: hostile,
  startedAt: '2026-01-01T00:00:00.000Z',
  finishedAt: '2026-01-01T00:00:01.000Z',
  plannedCases: 1,
  resumedAttempts: 0,
  interrupted: false,
  probes: ['direct-override'],
  converterChains: ['none'],
};

describe('scan reports', () => {
  const stats = scanStats(attempts);
  const summary = buildSummary(meta, stats, [{ rule: hostile, failed: true, value: '1' }]);

  it('HTML escapes every text and loads nothing external', () => {
    const html = renderHtml(summary, attempts);
    assert.doesNotMatch(html, /<script/i);
    assert.ok(!html.includes(hostile));
    assert.match(html, /&#60;script&#62;/);
    assert.doesNotMatch(html, /(src|href)=["']?https?:/i);
  });

  it('JUnit stays well-formed with hostile text and counts failures and errors', () => {
    const xml = renderJUnit(attempts, stats);
    assert.equal(XMLValidator.validate(xml), true);
    assert.match(xml, /<testsuites name="warden-scan" tests="2" failures="1" errors="1" skipped="0">/);
  });

  it('SARIF has one rule per family and one error result per vulnerable attempt', () => {
    const sarif = renderSarif(attempts, stats, meta) as {
      version: string;
      runs: {
        tool: { driver: { rules: { id: string }[] } };
        results: { ruleId: string; ruleIndex: number }[];
      }[];
    };
    assert.equal(sarif.version, '2.1.0');
    const run = sarif.runs[0]!;
    assert.equal(run.results.length, 1);
    assert.equal(run.tool.driver.rules[run.results[0]!.ruleIndex]!.id, run.results[0]!.ruleId);
  });

  it('markdown tables list families with their category', () => {
    assert.match(familyTable(stats), /\| pair:direct-override \| orchestrated-pair \|/);
    assert.match(
      comparisonTable([{ label: 'bare', stats }]),
      /\| direct-override \| prompt-injection \| 1\/1 = 100\.0%/,
    );
  });
});
