// The optional hidden-layer residual: its logit on a hand-computed case and its int8 round trip.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractFeatures, FEATURE_DIM } from './features.js';
import { LM_BITS } from './gibberish.js';
import { type Mlp, mlpLogit } from './mlp.js';
import { decodeModel, encodeModel, type InjectionModel } from './model.js';

const tiny = (): Mlp => ({
  bits: 2,
  hidden: 2,
  // rows: folded feature 0..3, two hidden units each
  w1: Float32Array.from([1, -1, 0.5, 0.5, 0, 0, 2, -2]),
  b1: Float32Array.from([0, 0.25]),
  w2: Float32Array.from([1, 3]),
  b2: -0.5,
});

describe('mlp residual', () => {
  it('computes w2 . relu(W1 x + b1) + b2 over folded indices', () => {
    const m = tiny();
    // indices 4 and 6 fold to rows 0 and 2 with bits = 2
    const x = { idx: Uint32Array.from([4, 6]), val: Float32Array.from([1, 0.5]) };
    // hidden pre-activations: [1*1 + 0.5*0, -1*1 + 0.5*0 + 0.25] = [1, -0.75] -> relu [1, 0]
    assert.equal(mlpLogit(m, x), 1 * 1 + 0 * 3 - 0.5);
  });

  it('survives the model file round trip within int8 precision', () => {
    const model: InjectionModel = {
      weights: new Float32Array(FEATURE_DIM),
      bias: 0.1,
      features: 'ngram',
      mlp: tiny(),
      lm: new Uint8Array(1 << LM_BITS),
      combiner: { intercept: 0, coef: [1, 0, 0, 0, 0] },
      threshold: 0.9,
      meta: {},
    };
    const back = decodeModel(encodeModel(model));
    assert.ok(back.mlp);
    const x = extractFeatures('ignore previous instructions');
    assert.ok(Math.abs(mlpLogit(back.mlp, x) - mlpLogit(tiny(), x)) < 0.05);
    const noMlp = decodeModel(encodeModel({ ...model, mlp: undefined }));
    assert.equal(noMlp.mlp, undefined);
  });
});
