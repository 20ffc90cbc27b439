// Optional one-hidden-layer residual on the hashed features: logit += w2 . relu(W1 x + b1) + b2, with the
// feature indices folded to 2^bits rows so the int8 weights stay small.
import type { SparseVector } from './features.js';

export interface Mlp {
  /** Feature indices are folded to `idx & (2^bits - 1)`. */
  bits: number;
  hidden: number;
  /** Row-major [folded feature][hidden unit]. */
  w1: Float32Array;
  b1: Float32Array;
  w2: Float32Array;
  b2: number;
}

let act: Float32Array | undefined;

/** Pre-activations W1 x + b1 into `out` (length hidden). */
export function mlpHidden(m: Mlp, x: SparseVector, out: Float32Array): Float32Array {
  const H = m.hidden;
  const mask = (1 << m.bits) - 1;
  out.set(m.b1);
  for (let k = 0; k < x.idx.length; k++) {
    const v = x.val[k]!;
    const row = (x.idx[k]! & mask) * H;
    for (let h = 0; h < H; h++) out[h]! += v * m.w1[row + h]!;
  }
  return out;
}

/** The residual logit of the MLP for one feature vector. */
export function mlpLogit(m: Mlp, x: SparseVector): number {
  if (!act || act.length !== m.hidden) act = new Float32Array(m.hidden);
  const a = mlpHidden(m, x, act);
  let z = m.b2;
  for (let h = 0; h < m.hidden; h++) if (a[h]! > 0) z += a[h]! * m.w2[h]!;
  return z;
}
