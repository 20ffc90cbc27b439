import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MonitorStats } from '../extraction/monitor.js';
import { GatewayMetrics } from './metrics.js';

const stats = (over: Partial<MonitorStats> = {}): MonitorStats => ({
  queued: 2,
  dropped: 1,
  processed: 30,
  embedded: 20,
  skipped: 10,
  embedRate: 0.25,
  msPerEmbeddedQuery: 3,
  embedErrors: 0,
  storeErrors: 0,
  verdicts: 0,
  ...over,
});

describe('extraction series on /metrics', () => {
  it('reads the monitor once per scrape, and keeps the last values when it cannot answer', async () => {
    const metrics = new GatewayMetrics({ defaultMetrics: false });
    let calls = 0;
    let fail = false;
    metrics.watchExtraction(async () => {
      calls++;
      if (fail) throw new Error('worker gone');
      return stats();
    });
    const first = await metrics.registry.metrics();
    assert.equal(calls, 1, 'both series share one read');
    assert.match(first, /^warden_extraction_observations\{fate="embedded"\} 20$/m);
    assert.match(first, /^warden_extraction_observations\{fate="skipped"\} 10$/m);
    assert.match(first, /^warden_extraction_observations\{fate="dropped"\} 1$/m);
    assert.match(first, /^warden_extraction_observations\{fate="queued"\} 2$/m);
    assert.match(first, /^warden_extraction_embed_share 0.25$/m);
    fail = true;
    const second = await metrics.registry.metrics();
    assert.equal(calls, 2);
    assert.match(second, /^warden_extraction_observations\{fate="embedded"\} 20$/m, 'the last values stay');
  });
});
