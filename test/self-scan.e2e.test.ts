// CI gate: Warden (default guards) in front of the simulator may not let more attacks through, in any
// family, than the recorded baseline; and docs/self-scan.md must show exactly that baseline.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { runSelfScan, type SelfScanResult, selfScanTable } from '../src/scan/self-scan.js';

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

  it('lets no family through more often than the baseline', async () => {
    const now = await runSelfScan();
    assert.equal(now.converters, baseline.converters, 'the probe subset changed: re-record the baseline');
    assert.ok(now.totals.bareVulnerable > 0, 'the bare simulator is vulnerable, so the scan really scores');
    const base = new Map(baseline.families.map((f) => [f.family, f]));
    const worse = now.families.filter(
      (f) => f.warden.vulnerable > (base.get(f.family)?.warden.vulnerable ?? 0),
    );
    assert.deepEqual(
      worse.map((f) => `${f.family}: ${f.warden.vulnerable} > ${base.get(f.family)?.warden.vulnerable ?? 0}`),
      [],
      'attack success behind Warden rose above the baseline',
    );
    assert.ok(
      now.totals.wardenVulnerable < now.totals.bareVulnerable,
      'Warden stops more than it lets through',
    );
  });
});
