import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LexicalEmbedder } from './embedders/lexical.js';
import { createRng, gaussian } from './random.js';
import { ExtractionScorer } from './scorer.js';
import { computeSignals } from './signals.js';
import { SyntheticWorld } from './world.js';

const embedder = new LexicalEmbedder();
const scorer = new ExtractionScorer(embedder, undefined, { halfLifeMs: 86_400_000 });
const world = new SyntheticWorld(1);

describe('per-principal extraction state', () => {
  it('stays under 20 KB and round-trips through bytes', () => {
    const state = scorer.newState();
    for (const q of world.stream('generalist', 120, 3)) scorer.update(state, q, embedder.embedOne(q.text));
    assert.ok(state.byteLength() < 20_000, `${state.byteLength()} bytes`);
    const copy = scorer.newState(state.toBytes());
    assert.equal(copy.n, 120);
    assert.deepEqual(copy.toBytes(), state.toBytes());
    assert.equal(copy.distinctCells(), state.distinctCells());
  });

  it('rejects a blob of another shape', () => {
    assert.throws(() => scorer.newState(new Uint8Array(10)), /wrong size/);
  });

  it('becomes due at n = 50, 100, 200', () => {
    const state = scorer.newState();
    const due: number[] = [];
    for (const q of world.stream('one-topic', 200, 4)) {
      scorer.update(state, q, embedder.embedOne(q.text));
      if (state.due()) {
        due.push(state.n);
        state.advance();
      }
    }
    assert.deepEqual(due, [50, 100, 200]);
  });

  it('novelty: a stream that returns to earlier topics is closer to its recent queries than corpus sampling', () => {
    // eight fixed "topics" (random unit vectors); the user's queries are small perturbations of them, the
    // sampler's are fresh random directions every time
    const rng = createRng(5);
    const unit = (v: Float32Array) => {
      const n = Math.hypot(...v);
      return v.map((x) => x / n);
    };
    const random = () => unit(Float32Array.from({ length: embedder.dim }, () => gaussian(rng)));
    const topics = Array.from({ length: 8 }, random);
    const user = scorer.newState();
    const sampler = scorer.newState();
    assert.equal(computeSignals(user).novelty, 0, 'no novelty before the warm-up');
    for (let i = 0; i < 200; i++) {
      const topic = topics[i % 8]!;
      const noise = random();
      scorer.update(user, { text: `q${i}`, ts: i * 1000 }, unit(topic.map((x, j) => x + 0.6 * noise[j]!)));
      scorer.update(sampler, { text: `q${i}`, ts: i * 1000 }, random());
    }
    const u = computeSignals(user).novelty;
    const s = computeSignals(sampler).novelty;
    assert.ok(u < 0.4 && s > 0.6 && s > u + 0.3, `user ${u} vs sampler ${s}`);
    const copy = scorer.newState(user.toBytes());
    assert.equal(computeSignals(copy).novelty, u, 'the sketch ring and its average survive serialisation');
  });

  it('a new run starts with empty rings: queries before a skip are no near duplicates of those after it', () => {
    const text = (i: number) => `please summarise the quarterly sales report for region ${i % 3}`;
    const go = (restart: boolean) => {
      const state = scorer.newState();
      for (let i = 0; i < 60; i++) {
        if (restart && i % 2 === 0) state.startRun(); // every query opens a run: nothing before it is recent
        scorer.update(state, { text: text(i), ts: i * 1000 }, embedder.embedOne(text(i)));
      }
      return computeSignals(state);
    };
    const kept = go(false);
    const runs = go(true);
    assert.ok(kept.redundancy > 0.3, `redundancy ${kept.redundancy}`);
    assert.ok(runs.redundancy < kept.redundancy / 2, `after restarts ${runs.redundancy}`);
  });

  it('decays its weight by half per half-life', () => {
    const state = scorer.newState();
    const v = embedder.embedOne('alpha beta gamma');
    scorer.update(state, { text: 'alpha beta gamma', ts: 0 }, v);
    scorer.update(state, { text: 'alpha beta delta', ts: 86_400_000 }, v);
    assert.ok(Math.abs(state.scalars().weight - 1.5) < 1e-9);
  });
});
