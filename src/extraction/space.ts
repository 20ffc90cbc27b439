// The fixed low-dimensional space the statistics live in: a seeded random projection of the embedding
// to k dimensions and a codebook of 2^b cells cut by b random hyperplanes (sign patterns).
import { gaussianMatrix } from './random.js';

export interface SpaceOptions {
  /** Projection size for the covariance (default 24). */
  k?: number;
  /** Hyperplanes in the codebook; 2^b cells (default 10). */
  cellBits?: number;
  seed?: number;
}

export class ProjectionSpace {
  readonly k: number;
  readonly cellBits: number;
  private readonly inputDim: number;
  private readonly proj: Float64Array;
  private readonly planes: Float64Array;

  constructor(inputDim: number, options: SpaceOptions = {}) {
    this.inputDim = inputDim;
    this.k = options.k ?? 24;
    this.cellBits = options.cellBits ?? 10;
    const seed = options.seed ?? 0xe17a;
    this.proj = gaussianMatrix(this.k, inputDim, seed);
    this.planes = gaussianMatrix(this.cellBits, inputDim, seed ^ 0x9e3779b9);
  }

  /** Projects a unit embedding to k dimensions (renormalised) and finds its codebook cell. */
  place(x: Float32Array): { y: Float64Array; cell: number } {
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
    return { y, cell };
  }
}
