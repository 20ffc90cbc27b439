import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { syntheticCalibration } from '../../test/fixtures/synthetic-calibration.js';
import { ARTICLE_COMPONENTS, articleMetric, topPcaVariances } from './baseline.js';
import { LexicalEmbedder } from './embedders/lexical.js';
import { participationRatio } from './linalg.js';
import { buildProfile, type TrafficRow } from './profile.js';
import { ExtractionScorer } from './scorer.js';
import { BENIGN_KINDS, type StreamKind, SyntheticWorld } from './world.js';

const embedder = new LexicalEmbedder();
const world = new SyntheticWorld(1);
// the world's own benign calibration: the committed table is pooled with real-text streams (far wider tails)
const scorer = new ExtractionScorer(embedder, syntheticCalibration());
const N = 200;

/** Our suspicion at n = 200: -log10 of the combined p at that checkpoint. */
function ours(kind: StreamKind, seed: number, using: ExtractionScorer = scorer): number {
  const state = using.newState();
  let last = 0;
  for (const q of world.stream(kind, N, seed)) {
    using.update(state, q, embedder.embedOne(q.text));
    const check = using.checkIfDue(state);
    if (check) last = -Math.log10(check.combinedP);
  }
  return last;
}

function vectors(kind: StreamKind, seed: number): Float32Array[] {
  return world.stream(kind, N, seed).map((q) => embedder.embedOne(q.text));
}

describe('extraction detectors: uniform probing versus clustered benign use', () => {
  it('our detector scores uniform probing as more suspicious than every clustered benign stream', () => {
    const uniform = [1, 2, 3].map((s) => ours('uniform', 700 + s));
    const clustered = [1, 2, 3].flatMap((s) => [ours('one-topic', 800 + s), ours('few-topics', 900 + s)]);
    assert.ok(Math.min(...uniform) > Math.max(...clustered), `uniform ${uniform} vs clustered ${clustered}`);
    assert.ok(Math.min(...uniform) > 3, 'uniform probing is far in the benign tail');
  });

  it('with a traffic profile (topic codebook and table from benign traffic) the ordering holds too', async () => {
    const sample: TrafficRow[] = [];
    for (let p = 0; p < 24; p++)
      for (const q of world.stream(BENIGN_KINDS[p % BENIGN_KINDS.length]!, 200, 4000 + p))
        sample.push({ principal: `key-${p}`, text: q.text, ts: q.ts });
    const profile = await buildProfile(embedder, sample, { topics: 32 });
    const profiled = new ExtractionScorer(embedder, profile.calibration, { codebook: profile.codebook });
    const uniform = [1, 2, 3].map((s) => ours('uniform', 700 + s, profiled));
    const clustered = [1, 2, 3].flatMap((s) => [
      ours('one-topic', 800 + s, profiled),
      ours('few-topics', 900 + s, profiled),
    ]);
    assert.ok(Math.min(...uniform) > Math.max(...clustered), `uniform ${uniform} vs clustered ${clustered}`);
  });

  it("the article's metric equals sqrt(10 / PR - 1) of its 10 PCA variances", () => {
    const rows = vectors('few-topics', 11);
    const pr = participationRatio(topPcaVariances(rows, ARTICLE_COMPONENTS));
    assert.ok(Math.abs(articleMetric(rows) - Math.sqrt(ARTICLE_COMPONENTS / pr - 1)) < 1e-9);
  });

  it("documents the article baseline's inversion: it scores uniform probing LOWER than clustered use", () => {
    // Published rule: suspicious when the metric is high (> 0.85). Here the ordering is the reverse,
    // which is why it is kept as a named baseline only and never acts on traffic.
    const uniform = [1, 2, 3].map((s) => articleMetric(vectors('uniform', 700 + s)));
    const clustered = [1, 2, 3].map((s) => articleMetric(vectors('one-topic', 800 + s)));
    assert.ok(Math.max(...uniform) < Math.min(...clustered), `uniform ${uniform} vs clustered ${clustered}`);
  });
});
