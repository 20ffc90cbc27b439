import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Counter, Histogram, Registry } from 'prom-client';
import { HotCounter, HotHistogram } from './hot-metrics.js';

const BUCKETS = [0.001, 0.01, 0.1, 1];
const SAMPLES: [string, string, number][] = [
  ['chat', 'false', 0.0004],
  ['chat', 'false', 0.001],
  ['embeddings', 'false', 0.05],
  ['chat', 'true', 2.5],
  ['chat', 'false', 0.3],
  ['chat', 'true', 0.01],
];

describe('hot metrics', () => {
  it('render exactly as prom-client Counter and Histogram fed the same observations', async () => {
    const reference = new Registry();
    const refHist = new Histogram({
      name: 'h_seconds',
      help: 'A histogram.',
      labelNames: ['route', 'stream'] as const,
      buckets: BUCKETS,
      registers: [reference],
    });
    const refCount = new Counter({
      name: 'c_total',
      help: 'A "counter".',
      labelNames: ['route', 'stream'] as const,
      registers: [reference],
    });
    const hot = new Registry();
    const hist = new HotHistogram('h_seconds', 'A histogram.', ['route', 'stream'], BUCKETS, hot);
    const count = new HotCounter('c_total', 'A "counter".', ['route', 'stream'], hot);
    for (const [route, stream, v] of SAMPLES) {
      refHist.observe({ route, stream }, v);
      refCount.inc({ route, stream });
      hist.labels(route, stream).observe(v);
      count.labels(route, stream).inc();
    }
    const text = await hot.metrics();
    assert.equal(text, await reference.metrics());
    assert.match(text, /h_seconds_bucket\{le="0.01",route="chat",stream="false"\} 2/);
    // The JSON view carries the same series (prom-client adds empty exemplar fields).
    const series = async (r: Registry) =>
      (await r.getMetricsAsJSON()).map((m) => ({
        name: m.name,
        type: m.type,
        values: m.values.map((v) => ({
          ...v.labels,
          metricName: (v as { metricName?: string }).metricName,
          value: v.value,
        })),
      }));
    assert.deepEqual(await series(hot), await series(reference));
  });

  it('keeps one cell per label set and starts over on reset', async () => {
    const registry = new Registry();
    const count = new HotCounter('c_total', 'A counter.', ['route'], registry);
    assert.equal(count.labels('chat'), count.labels('chat'));
    count.labels('chat').inc();
    count.labels('chat').inc(2);
    assert.match(await registry.metrics(), /c_total\{route="chat"\} 3/);
    registry.resetMetrics();
    assert.doesNotMatch(await registry.metrics(), /route="chat"/);
  });

  it('refuses a value that is not a finite number, as prom-client does', () => {
    const hist = new HotHistogram('h_seconds', 'A histogram.', ['route'], BUCKETS, new Registry());
    assert.throws(() => hist.labels('chat').observe(Number.NaN), TypeError);
  });
});
