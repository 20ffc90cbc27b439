// The one interface every extraction embedder implements: texts in, unit vectors of a fixed size out.

export interface Embedder {
  /** Stable id; calibration tables are keyed by it, since signal distributions depend on the space. */
  readonly id: string;
  readonly dim: number;
  /** Embeds a batch; vectors are L2-normalised. Called off the request path only. */
  embed(texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[]>;
  close?(): Promise<void>;
}

/** Scales a vector to unit length in place (a zero vector stays zero). */
export function normalise(v: Float32Array): Float32Array {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
  if (s > 0) {
    const inv = 1 / Math.sqrt(s);
    for (let i = 0; i < v.length; i++) v[i]! *= inv;
  }
  return v;
}
