// Trains the optional hidden-layer residual (src/detectors/injection/mlp.ts) on top of a fitted linear
// model, with AdaGrad and the same FGSM step as the linear model: the loss is taken at once on x and on
// x + eps * sign(dL/dx) over the active features. Deterministic for a seed.
import type { SparseVector } from '../src/detectors/injection/features.js';
import { type Mlp, mlpHidden } from '../src/detectors/injection/mlp.js';
import { seededRandom } from '../src/detectors/injection/perturb.js';

export interface MlpOptions {
  bits: number;
  hidden: number;
  epochs: number;
  lr: number;
  eps: number;
  adversarial: boolean;
  log: (m: string) => void;
}

export function trainMlp(
  feats: readonly SparseVector[],
  ex: readonly { y: 0 | 1; w: number }[],
  linear: { weights: Float32Array; bias: number },
  o: MlpOptions,
): Mlp {
  const H = o.hidden;
  const mask = (1 << o.bits) - 1;
  const r = seededRandom(17);
  const w1 = new Float32Array((mask + 1) * H);
  for (let i = 0; i < w1.length; i++) w1[i] = (r() - 0.5) * 0.02;
  const w2 = new Float32Array(H);
  for (let h = 0; h < H; h++) w2[h] = (r() - 0.5) * 0.2;
  const m: Mlp = { bits: o.bits, hidden: H, w1, b1: new Float32Array(H), w2, b2: 0 };
  const g1 = new Float32Array(w1.length).fill(1e-6);
  const gb1 = new Float32Array(H).fill(1e-6);
  const gw2 = new Float32Array(H).fill(1e-6);
  let gb2 = 1e-6;
  const a = new Float32Array(H);
  const delta = new Float32Array(H);
  const order = feats.map((_, i) => i);
  const shuffle = seededRandom(19);
  const linLogit = (x: SparseVector) => {
    let s = linear.bias;
    for (let k = 0; k < x.idx.length; k++) s += x.val[k]! * linear.weights[x.idx[k]!]!;
    return s;
  };
  // Forward pass; returns the logit and leaves pre-activations in `a`.
  const forward = (x: SparseVector) => {
    mlpHidden(m, x, a);
    let z = m.b2 + linLogit(x);
    for (let h = 0; h < H; h++) if (a[h]! > 0) z += a[h]! * m.w2[h]!;
    return z;
  };
  // Accumulates weighted gradients (scale = sample weight * dL/dz) into the AdaGrad step.
  const step = (x: SparseVector, scale: number) => {
    for (let h = 0; h < H; h++) delta[h] = a[h]! > 0 ? scale * m.w2[h]! : 0;
    for (let h = 0; h < H; h++) {
      const gw = scale * Math.max(0, a[h]!);
      gw2[h]! += gw * gw;
      m.w2[h]! -= (o.lr * gw) / Math.sqrt(gw2[h]!);
      gb1[h]! += delta[h]! * delta[h]!;
      m.b1[h]! -= (o.lr * delta[h]!) / Math.sqrt(gb1[h]!);
    }
    gb2 += scale * scale;
    m.b2 -= (o.lr * scale) / Math.sqrt(gb2);
    for (let k = 0; k < x.idx.length; k++) {
      const v = x.val[k]!;
      const row = (x.idx[k]! & mask) * H;
      for (let h = 0; h < H; h++) {
        const d = delta[h]!;
        if (d === 0) continue;
        const g = d * v;
        g1[row + h]! += g * g;
        w1[row + h]! -= (o.lr * g) / Math.sqrt(g1[row + h]!);
      }
    }
  };
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(shuffle() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let loss = 0;
    for (const n of order) {
      const x = feats[n]!;
      const { y, w: sw } = ex[n]!;
      const z = forward(x);
      const p = 1 / (1 + Math.exp(-z));
      loss += sw * -(y ? Math.log(p + 1e-12) : Math.log(1 - p + 1e-12));
      if (!o.adversarial) {
        step(x, sw * (p - y));
        continue;
      }
      // dL/dx_i = (p - y) * (w_lin_i + sum_h relu'(a_h) w2_h W1[i,h]); FGSM moves each active x_i by eps * sign.
      const eps = o.eps / Math.sqrt(x.idx.length || 1);
      const adv = { idx: x.idx, val: new Float32Array(x.val.length) };
      for (let k = 0; k < x.idx.length; k++) {
        const row = (x.idx[k]! & mask) * H;
        let gx = linear.weights[x.idx[k]!]!;
        for (let h = 0; h < H; h++) if (a[h]! > 0) gx += m.w2[h]! * w1[row + h]!;
        adv.val[k] = x.val[k]! + eps * Math.sign((p - y) * gx);
      }
      step(x, 0.5 * sw * (p - y));
      const pa = 1 / (1 + Math.exp(-forward(adv)));
      step(adv, 0.5 * sw * (pa - y));
    }
    o.log(`mlp epoch ${epoch + 1}: mean loss ${(loss / order.length).toFixed(4)}`);
  }
  return m;
}
