// The article's detector, exactly as published, kept as a named baseline for comparison only: a rolling
// buffer of the last 1,000 queries from all users; for a user with >= 50 of them, PCA to 10 components,
// then std(variances) / mean(variances); ban when it exceeds 0.85. It is inverted: the ratio equals
// sqrt(10 / PR - 1) where PR is the participation ratio of the 10 variances, so it is HIGH for clustered
// users and near zero for uniform probing. Never use it to act on traffic.
import { symmetricEigenvalues } from './linalg.js';

export const ARTICLE_BUFFER = 1000;
export const ARTICLE_MIN_QUERIES = 50;
export const ARTICLE_COMPONENTS = 10;
export const ARTICLE_THRESHOLD = 0.85;

/** std / mean (population std, as numpy's default) of the top-10 PCA variances of the rows. */
export function articleMetric(rows: readonly Float32Array[]): number {
  const variances = topPcaVariances(rows, ARTICLE_COMPONENTS);
  const mean = variances.reduce((s, v) => s + v, 0) / variances.length;
  const sd = Math.sqrt(variances.reduce((s, v) => s + (v - mean) ** 2, 0) / variances.length);
  return mean > 0 ? sd / mean : 0;
}

export type ArticleScore =
  | { kind: 'unscored'; inBuffer: number }
  | { kind: 'scored'; metric: number; ban: boolean };

export class ArticleBaseline {
  private readonly buffer: { principal: string; vector: Float32Array }[] = [];
  private head = 0;

  observe(principal: string, vector: Float32Array): void {
    if (this.buffer.length < ARTICLE_BUFFER) this.buffer.push({ principal, vector });
    else {
      this.buffer[this.head] = { principal, vector };
      this.head = (this.head + 1) % ARTICLE_BUFFER;
    }
  }

  score(principal: string): ArticleScore {
    const rows = this.buffer.filter((e) => e.principal === principal).map((e) => e.vector);
    if (rows.length < ARTICLE_MIN_QUERIES) return { kind: 'unscored', inBuffer: rows.length };
    const metric = articleMetric(rows);
    return { kind: 'scored', metric, ban: metric > ARTICLE_THRESHOLD };
  }
}

/** Top eigenvalues of the sample covariance (ddof 0) by subspace iteration on the smaller Gram side. */
export function topPcaVariances(rows: readonly Float32Array[], count: number): number[] {
  const n = rows.length;
  const d = rows[0]?.length ?? 0;
  const mean = new Float64Array(d);
  for (const r of rows) for (let i = 0; i < d; i++) mean[i]! += r[i]! / n;
  const centred = rows.map((r) => Float64Array.from(r, (v, i) => v - mean[i]!));
  // the non-zero spectrum of X^T X / n equals that of X X^T / n: work in the smaller size
  const m = Math.min(n, d);
  const g = new Float64Array(m * m);
  if (n <= d) {
    for (let a = 0; a < n; a++)
      for (let b = a; b < n; b++) {
        let s = 0;
        const ra = centred[a]!;
        const rb = centred[b]!;
        for (let i = 0; i < d; i++) s += ra[i]! * rb[i]!;
        g[a * m + b] = s / n;
        g[b * m + a] = s / n;
      }
  } else {
    for (const r of centred)
      for (let i = 0; i < d; i++) {
        const ri = r[i]!;
        if (ri === 0) continue;
        for (let j = i; j < d; j++) g[i * m + j]! += (ri * r[j]!) / n;
      }
    for (let i = 0; i < d; i++) for (let j = 0; j < i; j++) g[i * m + j] = g[j * m + i]!;
  }
  return subspaceEigenvalues(g, m, Math.min(count, m));
}

function subspaceEigenvalues(g: Float64Array, m: number, k: number, iterations = 30): number[] {
  let v: Float64Array[] = Array.from({ length: k }, (_, c) =>
    Float64Array.from({ length: m }, (_, i) => Math.sin((i + 1) * (c + 1) * 1.3) + (i === c ? 1 : 0)),
  );
  const mul = (x: Float64Array): Float64Array => {
    const y: Float64Array = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      let s = 0;
      for (let j = 0; j < m; j++) s += g[i * m + j]! * x[j]!;
      y[i] = s;
    }
    return y;
  };
  for (let it = 0; it < iterations; it++) v = orthonormalise(v.map(mul));
  // Rayleigh-Ritz: eigenvalues of V^T G V
  const gv = v.map(mul);
  const small = new Float64Array(k * k);
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) small[a * k + b] = dot(v[a]!, gv[b]!);
  return symmetricEigenvalues(small, k);
}

function orthonormalise(vs: Float64Array[]): Float64Array[] {
  const out: Float64Array[] = [];
  for (const v of vs) {
    const w: Float64Array = Float64Array.from(v);
    for (const u of out) {
      const p = dot(w, u);
      for (let i = 0; i < w.length; i++) w[i]! -= p * u[i]!;
    }
    const norm = Math.sqrt(dot(w, w)) || 1;
    for (let i = 0; i < w.length; i++) w[i]! /= norm;
    out.push(w);
  }
  return out;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}
