// CI gate (decision 2210): per family and per converter, the share of attempts that succeed behind Warden
// (default guards) is never above the bare simulator's nor above the recorded baseline's; and
// docs/self-scan.md shows exactly that baseline.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { runSelfScan, SELF_SCAN_CONVERTERS, selfScanTable } from '../src/scan/self-scan.js';
import { type SelfScanResult, selfScanViolations, worseThanBare } from '../src/scan/self-scan-gate.js';

const baseline = JSON.parse(readFileSync('test/fixtures/self-scan-baseline.json', 'utf8')) as SelfScanResult;

describe('self-scan', () => {
  it('documents the recorded baseline in docs/self-scan.md', () => {
    // Compared cell by cell: the markdown formatter may re-pad the table.
    const norm = (s: string) =>
      s
        .split('\n')
        .map((l) =>
          l
            .split('|')
            .map((c) => c.trim().replace(/^:?-{3,}:?$/, '---'))
            .join('|'),
        )
        .join('\n');
    const doc = norm(readFileSync('docs/self-scan.md', 'utf8'));
    assert.ok(
      doc.includes(norm(selfScanTable(baseline))),
      'docs/self-scan.md is stale: run `npm run self-scan -- --write`',
    );
  });

  it('records a baseline with no family or converter worse behind Warden than bare', () => {
    assert.equal(baseline.converters, SELF_SCAN_CONVERTERS);
    assert.ok(baseline.families.length > 0 && baseline.byConverter.length > 0);
    assert.deepEqual(worseThanBare(baseline), []);
  });

  it('lets no family or converter through more often than bare or than the baseline', async () => {
    const now = await runSelfScan();
    assert.ok(now.totals.bareVulnerable > 0, 'the bare simulator is vulnerable, so the scan really scores');
    assert.deepEqual(selfScanViolations(now, baseline), [], 'the self-scan gate failed');
    assert.ok(
      now.totals.wardenVulnerable < now.totals.bareVulnerable,
      'Warden stops more than it lets through',
    );
  });
});
