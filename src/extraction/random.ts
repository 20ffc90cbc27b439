// Seeded hashing and pseudo-random numbers, so projections, codebooks and simulations are reproducible.
import { mulberry32 } from '../core/random.js';

/** 32-bit FNV-1a of a string, mixed with a seed. */
export function hash32(text: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // final avalanche (murmur3 fmix32) so nearby strings spread over all bits
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** mulberry32: a small, fast, seeded generator of uniforms in [0, 1). */
export const createRng: (seed: number) => () => number = mulberry32;

/** A standard normal draw (Box-Muller) from a uniform generator. */
export function gaussian(rng: () => number): number {
  const u = Math.max(rng(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/** A dense Gaussian matrix rows x cols (row-major), scaled by 1/sqrt(cols), from a fixed seed. */
export function gaussianMatrix(rows: number, cols: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const m = new Float64Array(rows * cols);
  const s = 1 / Math.sqrt(cols);
  for (let i = 0; i < m.length; i++) m[i] = gaussian(rng) * s;
  return m;
}
