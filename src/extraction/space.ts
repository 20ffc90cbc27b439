// The fixed low-dimensional space the statistics live in: a seeded random projection of the embedding
// to k dimensions, a codebook of 2^b cells cut by b random hyperplanes (sign patterns), and a sign sketch
// of the full embedding (random-hyperplane LSH) whose Hamming distances estimate angles between queries.
import { createRng, gaussianMatrix } from './random.js';

export interface SpaceOptions {
  /** Projection size for the covariance (default 24). */
  k?: number;
  /** Hyperplanes in the codebook; 2^b cells (default 10). */
  cellBits?: number;
  /** Bits of the angle sketch of each query (a multiple of 32; default 256). */
  sketchBits?: number;
  seed?: number;
}

export class ProjectionSpace {
  readonly k: number;
  readonly cellBits: number;
  private readonly inputDim: number;
  private readonly proj: Float64Array;
  private readonly planes: Float64Array;
  readonly sketchBits: number;
  /** Very sparse sketch hyperplanes: for each bit, `sketchFan` input indices and their signs. */
  private readonly sketchIdx: Int32Array;
  private readonly sketchSign: Float64Array;
  private readonly sketchFan: number;

  constructor(inputDim: number, options: SpaceOptions = {}) {
    this.inputDim = inputDim;
    this.k = options.k ?? 24;
    this.cellBits = options.cellBits ?? 10;
    const seed = options.seed ?? 0xe17a;
    this.proj = gaussianMatrix(this.k, inputDim, seed);
    this.planes = gaussianMatrix(this.cellBits, inputDim, seed ^ 0x9e3779b9);
    this.sketchBits = options.sketchBits ?? 256;
    if (this.sketchBits % 32 !== 0 || this.sketchBits <= 0)
      throw new Error('sketchBits must be a positive multiple of 32');
    // a very sparse random projection (density 1/8, random signs) keeps sign-projection angle estimates
    // for embeddings whose mass is spread over many dimensions, at an eighth of the dense cost
    this.sketchFan = Math.max(8, Math.ceil(inputDim / 8));
    const rng = createRng(seed ^ 0x5bd1e995);
    this.sketchIdx = new Int32Array(this.sketchBits * this.sketchFan);
    this.sketchSign = new Float64Array(this.sketchBits * this.sketchFan);
    for (let i = 0; i < this.sketchIdx.length; i++) {
      this.sketchIdx[i] = Math.floor(rng() * inputDim);
      this.sketchSign[i] = rng() < 0.5 ? -1 : 1;
    }
  }

  /** Projects a unit embedding to k dimensions (renormalised) and finds its codebook cell. */
  place(x: Float32Array): { y: Float64Array; cell: number; sketch: Uint32Array } {
    if (x.length !== this.inputDim)
      throw new Error(`embedding has ${x.length} dims, expected ${this.inputDim}`);
    const y = new Float64Array(this.k);
    let norm = 0;
    for (let r = 0; r < this.k; r++) {
      let s = 0;
      const off = r * this.inputDim;
      for (let i = 0; i < this.inputDim; i++) s += this.proj[off + i]! * x[i]!;
      y[r] = s;
      norm += s * s;
    }
    if (norm > 0) {
      const inv = 1 / Math.sqrt(norm);
      for (let r = 0; r < this.k; r++) y[r]! *= inv;
    }
    let cell = 0;
    for (let b = 0; b < this.cellBits; b++) {
      let s = 0;
      const off = b * this.inputDim;
      for (let i = 0; i < this.inputDim; i++) s += this.planes[off + i]! * x[i]!;
      if (s > 0) cell |= 1 << b;
    }
    return { y, cell, sketch: this.sketch(x) };
  }

  /** Sign bits of the embedding against the sketch hyperplanes (P[equal bit] = 1 - angle / pi). */
  sketch(x: Float32Array): Uint32Array {
    const out = new Uint32Array(this.sketchBits / 32);
    const fan = this.sketchFan;
    for (let b = 0; b < this.sketchBits; b++) {
      let acc = 0;
      for (let j = b * fan, end = j + fan; j < end; j++) acc += this.sketchSign[j]! * x[this.sketchIdx[j]!]!;
      if (acc > 0) out[b >>> 5]! |= 1 << (b & 31);
    }
    return out;
  }
}
