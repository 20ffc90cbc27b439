import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LexicalEmbedder } from './embedders/lexical.js';
import { ExtractionScorer } from './scorer.js';
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

  it('decays its weight by half per half-life', () => {
    const state = scorer.newState();
    const v = embedder.embedOne('alpha beta gamma');
    scorer.update(state, { text: 'alpha beta gamma', ts: 0 }, v);
    scorer.update(state, { text: 'alpha beta delta', ts: 86_400_000 }, v);
    assert.ok(Math.abs(state.scalars().weight - 1.5) < 1e-9);
  });
});
