// A topic codebook fitted on a deployment's own traffic: k centroids (spherical k-means) of the centred
// embeddings. Each query falls in the cell of its nearest centroid; the `topics` signal is the effective
// number of cells a principal spreads over. Random hyperplanes cut a lexical space along noise; centroids
// fitted on the same kind of text cut it along topics (decision 0510).
import { createHash } from 'node:crypto';
import { createRng } from './random.js';

export interface TopicCodebook {
  /** `topics<k>-<digest>`: part of the state's space id, so states of another codebook are never mixed in. */
  readonly id: string;
  /** Embedder the centroids live in. */
  readonly embedder: string;
  readonly dim: number;
  readonly k: number;
  /** Mean of the fitting sample, subtracted before the nearest-centroid search. */
  readonly mean: Float32Array;
  /** k unit centroids, row-major (k x dim). */
  readonly centroids: Float32Array;
}

export interface FitOptions {
  k?: number;
  iterations?: number;
  seed?: number;
}

function centre(x: Float32Array, mean: Float32Array, out: Float32Array<ArrayBufferLike>): Float32Array {
  let norm = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]! - mean[i]!;
    out[i] = v;
    norm += v * v;
  }
  const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let i = 0; i < out.length; i++) out[i]! *= inv;
  return out;
}

function nearest(centroids: Float32Array, k: number, dim: number, y: Float32Array<ArrayBufferLike>): number {
  let best = 0;
  let bestDot = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < k; c++) {
    let s = 0;
    const off = c * dim;
    for (let i = 0; i < dim; i++) s += centroids[off + i]! * y[i]!;
    if (s > bestDot) {
      bestDot = s;
      best = c;
    }
  }
  return best;
}

function codebookId(k: number, mean: Float32Array, centroids: Float32Array): string {
  const h = createHash('sha256');
  h.update(Buffer.from(mean.buffer, mean.byteOffset, mean.byteLength));
  h.update(Buffer.from(centroids.buffer, centroids.byteOffset, centroids.byteLength));
  return `topics${k}-${h.digest('hex').slice(0, 12)}`;
}

/**
 * Spherical k-means (k-means++ seeding, fixed seed) over unit embeddings after removing their mean.
 * Deterministic for the same vectors and options.
 */
export function fitCodebook(
  embedder: string,
  vectors: readonly Float32Array[],
  options: FitOptions = {},
): TopicCodebook {
  const k = options.k ?? 64;
  const iterations = options.iterations ?? 20;
  if (vectors.length < 4 * k)
    throw new Error(`a codebook of ${k} topics needs at least ${4 * k} texts (got ${vectors.length})`);
  const dim = vectors[0]!.length;
  const mean = new Float32Array(dim);
  for (const x of vectors) {
    if (x.length !== dim) throw new Error('all vectors must have the same dimension');
    for (let i = 0; i < dim; i++) mean[i]! += x[i]! / vectors.length;
  }
  const ys = vectors.map((x) => centre(x, mean, new Float32Array(dim)));
  const rng = createRng(options.seed ?? 0xc0de);
  const centroids = new Float32Array(k * dim);
  // k-means++ on cosine distance: each next seed drawn with probability proportional to its distance
  const dist = new Float64Array(ys.length).fill(Number.POSITIVE_INFINITY);
  let pick = Math.floor(rng() * ys.length);
  for (let c = 0; c < k; c++) {
    centroids.set(ys[pick]!, c * dim);
    let total = 0;
    for (let j = 0; j < ys.length; j++) {
      let s = 0;
      for (let i = 0; i < dim; i++) s += centroids[c * dim + i]! * ys[j]![i]!;
      dist[j] = Math.min(dist[j]!, Math.max(0, 1 - s));
      total += dist[j]!;
    }
    let r = rng() * total;
    pick = ys.length - 1;
    for (let j = 0; j < ys.length; j++) {
      r -= dist[j]!;
      if (r <= 0) {
        pick = j;
        break;
      }
    }
  }
  const assign = new Int32Array(ys.length);
  for (let it = 0; it < iterations; it++) {
    const acc = new Float64Array(k * dim);
    const count = new Int32Array(k);
    let moved = 0;
    for (let j = 0; j < ys.length; j++) {
      const c = nearest(centroids, k, dim, ys[j]!);
      if (c !== assign[j] || it === 0) moved++;
      assign[j] = c;
      count[c]! += 1;
      for (let i = 0; i < dim; i++) acc[c * dim + i]! += ys[j]![i]!;
    }
    for (let c = 0; c < k; c++) {
      if (count[c] === 0) continue; // keep an empty cell's centroid where it was
      let norm = 0;
      for (let i = 0; i < dim; i++) norm += acc[c * dim + i]! ** 2;
      const inv = 1 / Math.sqrt(norm || 1);
      for (let i = 0; i < dim; i++) centroids[c * dim + i] = acc[c * dim + i]! * inv;
    }
    if (moved === 0) break;
  }
  return { id: codebookId(k, mean, centroids), embedder, dim, k, mean, centroids };
}

/** The cell of an embedding: its nearest centroid after centring. */
export function topicOf(
  cb: TopicCodebook,
  x: Float32Array,
  scratch: Float32Array<ArrayBufferLike> = new Float32Array(cb.dim),
): number {
  if (x.length !== cb.dim) throw new Error(`embedding has ${x.length} dims, codebook expects ${cb.dim}`);
  return nearest(cb.centroids, cb.k, cb.dim, centre(x, cb.mean, scratch));
}

export interface CodebookJson {
  id: string;
  embedder: string;
  dim: number;
  k: number;
  /** base64 of little-endian float32 */
  mean: string;
  centroids: string;
}

const f32ToB64 = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
function b64ToF32(s: string, length: number, what: string): Float32Array {
  const buf = Buffer.from(s, 'base64');
  if (buf.byteLength !== length * 4) throw new Error(`codebook ${what} has the wrong size`);
  const out = new Float32Array(length);
  new Uint8Array(out.buffer).set(buf);
  return out;
}

export function codebookToJson(cb: TopicCodebook): CodebookJson {
  return {
    id: cb.id,
    embedder: cb.embedder,
    dim: cb.dim,
    k: cb.k,
    mean: f32ToB64(cb.mean),
    centroids: f32ToB64(cb.centroids),
  };
}

/** Parses and checks a stored codebook (sizes, and that the id matches the numbers). */
export function codebookFromJson(j: CodebookJson): TopicCodebook {
  if (!Number.isInteger(j.k) || j.k < 2 || j.k > 1024) throw new Error('codebook k must be 2..1024');
  if (!Number.isInteger(j.dim) || j.dim < 1) throw new Error('codebook dim must be a positive integer');
  const mean = b64ToF32(j.mean, j.dim, 'mean');
  const centroids = b64ToF32(j.centroids, j.k * j.dim, 'centroids');
  const id = codebookId(j.k, mean, centroids);
  if (id !== j.id) throw new Error('codebook id does not match its contents');
  return { id, embedder: j.embedder, dim: j.dim, k: j.k, mean, centroids };
}
