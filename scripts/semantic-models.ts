// Small dense classifiers for the semantic experiment: class-balanced logistic regression and a
// one-hidden-layer MLP over fixed-size vectors, both trained with Adam on seeded mini-batches.
import { seededRandom } from '../src/detectors/injection/perturb.js';

export interface DenseModel {
  /** The model's logit for one input vector. */
  logit(x: Float32Array): number;
}

export interface TrainOptions {
  epochs: number;
  lr: number;
  l2: number;
  batch: number;
  seed: number;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Per-example weights that give both classes the same total weight. */
export function balancedWeights(y: readonly number[]): Float64Array {
  const pos = y.filter((v) => v === 1).length;
  const neg = y.length - pos;
  return Float64Array.from(y, (v) => (v === 1 ? y.length / (2 * pos) : y.length / (2 * neg)));
}

class Adam {
  private readonly m: Float64Array;
  private readonly v: Float64Array;
  private t = 0;
  constructor(
    readonly params: Float64Array,
    private readonly lr: number,
  ) {
    this.m = new Float64Array(params.length);
    this.v = new Float64Array(params.length);
  }
  step(grad: Float64Array): void {
    this.t++;
    const b1 = 0.9;
    const b2 = 0.999;
    const c1 = 1 - b1 ** this.t;
    const c2 = 1 - b2 ** this.t;
    for (let i = 0; i < grad.length; i++) {
      const g = grad[i]!;
      this.m[i] = b1 * this.m[i]! + (1 - b1) * g;
      this.v[i] = b2 * this.v[i]! + (1 - b2) * g * g;
      this.params[i]! -= (this.lr * (this.m[i]! / c1)) / (Math.sqrt(this.v[i]! / c2) + 1e-8);
    }
  }
}

function batches(n: number, size: number, rnd: () => number): number[][] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const out: number[][] = [];
  for (let i = 0; i < n; i += size) out.push(order.slice(i, i + size));
  return out;
}

/** Logistic regression; the last parameter is the bias. */
export function trainLogistic(
  X: readonly Float32Array[],
  y: readonly number[],
  w: Float64Array,
  o: TrainOptions,
): DenseModel {
  const dim = X[0]!.length;
  const p = new Float64Array(dim + 1);
  const opt = new Adam(p, o.lr);
  const rnd = seededRandom(o.seed);
  const grad = new Float64Array(dim + 1);
  const logit = (x: Float32Array) => {
    let z = p[dim]!;
    for (let k = 0; k < dim; k++) z += p[k]! * x[k]!;
    return z;
  };
  for (let e = 0; e < o.epochs; e++) {
    for (const b of batches(X.length, o.batch, rnd)) {
      grad.fill(0);
      let wsum = 0;
      for (const n of b) {
        const x = X[n]!;
        const g = (sigmoid(logit(x)) - y[n]!) * w[n]!;
        for (let k = 0; k < dim; k++) grad[k]! += g * x[k]!;
        grad[dim]! += g;
        wsum += w[n]!;
      }
      for (let k = 0; k <= dim; k++) grad[k] = grad[k]! / wsum + (k < dim ? o.l2 * p[k]! : 0);
      opt.step(grad);
    }
  }
  return { logit };
}

/** One hidden ReLU layer: logit = w2 . relu(W1 x + b1) + b2. */
export function trainMlp(
  X: readonly Float32Array[],
  y: readonly number[],
  w: Float64Array,
  hidden: number,
  o: TrainOptions,
): DenseModel {
  const dim = X[0]!.length;
  const rnd = seededRandom(o.seed);
  // layout: W1 (hidden x dim) | b1 (hidden) | w2 (hidden) | b2
  const p = new Float64Array(hidden * dim + 2 * hidden + 1);
  const scale = Math.sqrt(2 / dim);
  for (let i = 0; i < hidden * dim; i++) p[i] = (rnd() * 2 - 1) * scale * Math.sqrt(3);
  for (let j = 0; j < hidden; j++) p[hidden * dim + hidden + j] = (rnd() * 2 - 1) / Math.sqrt(hidden);
  const B1 = hidden * dim;
  const W2 = B1 + hidden;
  const B2 = W2 + hidden;
  const h = new Float64Array(hidden);
  const forward = (x: Float32Array) => {
    let z = p[B2]!;
    for (let j = 0; j < hidden; j++) {
      let a = p[B1 + j]!;
      const row = j * dim;
      for (let k = 0; k < dim; k++) a += p[row + k]! * x[k]!;
      h[j] = Math.max(a, 0);
      z += p[W2 + j]! * h[j]!;
    }
    return z;
  };
  const opt = new Adam(p, o.lr);
  const grad = new Float64Array(p.length);
  for (let e = 0; e < o.epochs; e++) {
    for (const b of batches(X.length, o.batch, rnd)) {
      grad.fill(0);
      let wsum = 0;
      for (const n of b) {
        const x = X[n]!;
        const g = (sigmoid(forward(x)) - y[n]!) * w[n]!;
        wsum += w[n]!;
        grad[B2]! += g;
        for (let j = 0; j < hidden; j++) {
          if (h[j]! <= 0) continue;
          grad[W2 + j]! += g * h[j]!;
          const gh = g * p[W2 + j]!;
          grad[B1 + j]! += gh;
          const row = j * dim;
          for (let k = 0; k < dim; k++) grad[row + k]! += gh * x[k]!;
        }
      }
      for (let i = 0; i < p.length; i++) grad[i] = grad[i]! / wsum + o.l2 * p[i]!;
      opt.step(grad);
    }
  }
  return { logit: forward };
}

/** A logistic combiner over a few scalar features (stacking), fitted by full-batch gradient descent. */
export function fitCombiner(F: readonly number[][], y: readonly number[]): (f: readonly number[]) => number {
  const K = F[0]!.length;
  const w = balancedWeights(y);
  const X = F.map((f) => Float32Array.from(f));
  const m = trainLogistic(X, y, w, { epochs: 400, lr: 0.05, l2: 1e-4, batch: X.length, seed: 1 });
  return (f) => m.logit(Float32Array.from(f.slice(0, K)));
}

/** Z-scores every dimension with the mean and spread of the fitting vectors (returns a mapping function). */
export function standardiser(X: readonly Float32Array[]): (x: Float32Array) => Float32Array {
  const dim = X[0]!.length;
  const mu = new Float64Array(dim);
  const sd = new Float64Array(dim);
  for (const x of X) for (let k = 0; k < dim; k++) mu[k]! += x[k]! / X.length;
  for (const x of X) for (let k = 0; k < dim; k++) sd[k]! += (x[k]! - mu[k]!) ** 2 / X.length;
  const inv = Float64Array.from(sd, (v) => 1 / Math.sqrt(v + 1e-12));
  return (x) => Float32Array.from(x, (v, k) => (v - mu[k]!) * inv[k]!);
}
