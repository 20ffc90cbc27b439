// The injection model file: int8-quantised hashed-feature weights, the character LM and the signal combiner.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FEATURE_BITS } from './features.js';
import { LM_BITS } from './gibberish.js';

/** Names of the combiner inputs, in order. */
export const SIGNAL_NAMES = ['classifier', 'structural', 'gibberish', 'decoded', 'sentence'] as const;

export interface InjectionModel {
  weights: Float32Array;
  bias: number;
  lm: Uint8Array;
  /** Logistic combiner over SIGNAL_NAMES. */
  combiner: { intercept: number; coef: number[] };
  /** Default operating threshold on the combined score. */
  threshold: number;
  meta: Record<string, unknown>;
}

interface ModelFile {
  format: 'warden-injection';
  version: 1;
  featureBits: number;
  lmBits: number;
  weightScale: number;
  weights: string;
  bias: number;
  lm: string;
  combiner: { intercept: number; coef: number[] };
  threshold: number;
  meta: Record<string, unknown>;
}

export function encodeModel(m: InjectionModel): string {
  let max = 0;
  for (const w of m.weights) max = Math.max(max, Math.abs(w));
  const scale = max / 127 || 1;
  const q = new Int8Array(m.weights.length);
  for (let i = 0; i < q.length; i++) q[i] = Math.round(m.weights[i]! / scale);
  const file: ModelFile = {
    format: 'warden-injection',
    version: 1,
    featureBits: FEATURE_BITS,
    lmBits: LM_BITS,
    weightScale: scale,
    weights: Buffer.from(q.buffer).toString('base64'),
    bias: m.bias,
    lm: Buffer.from(m.lm).toString('base64'),
    combiner: m.combiner,
    threshold: m.threshold,
    meta: m.meta,
  };
  return JSON.stringify(file);
}

export function decodeModel(json: string): InjectionModel {
  const f = JSON.parse(json) as ModelFile;
  if (f.format !== 'warden-injection' || f.version !== 1) throw new Error('not a warden-injection v1 model');
  if (f.featureBits !== FEATURE_BITS || f.lmBits !== LM_BITS) throw new Error('model feature size mismatch');
  if (f.combiner.coef.length !== SIGNAL_NAMES.length)
    throw new Error('model combiner does not match the signals');
  const q = new Int8Array(Buffer.from(f.weights, 'base64'));
  const weights = new Float32Array(q.length);
  for (let i = 0; i < q.length; i++) weights[i] = q[i]! * f.weightScale;
  return {
    weights,
    bias: f.bias,
    lm: new Uint8Array(Buffer.from(f.lm, 'base64')),
    combiner: f.combiner,
    threshold: f.threshold,
    meta: f.meta,
  };
}

/** models/injection-v1.json at the package root (same relative place from src/ and dist/). */
export const DEFAULT_MODEL_PATH = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../../models/injection-v1.json',
);

const cache = new Map<string, InjectionModel>();

export function loadInjectionModel(path = DEFAULT_MODEL_PATH): InjectionModel {
  let m = cache.get(path);
  if (!m) {
    m = decodeModel(readFileSync(path, 'utf8'));
    cache.set(path, m);
  }
  return m;
}
