// The injection model file: int8-quantised hashed-feature weights, the character LM and the signal combiner.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FEATURE_BITS, type FeatureSet } from './features.js';
import { LM_BITS } from './gibberish.js';
import type { Mlp } from './mlp.js';

/** Names of the combiner inputs, in order. */
export const SIGNAL_NAMES = ['classifier', 'structural', 'gibberish', 'decoded', 'sentence'] as const;

export interface InjectionModel {
  weights: Float32Array;
  bias: number;
  /** The features the weights read (absent in older files: 'ngram'). */
  features: FeatureSet;
  /** Optional hidden-layer residual added to the linear logit. */
  mlp?: Mlp;
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
  features?: FeatureSet;
  lmBits: number;
  weightScale: number;
  weights: string;
  bias: number;
  mlp?: { bits: number; hidden: number; scale: number; w1: string; b1: number[]; w2: number[]; b2: number };
  lm: string;
  combiner: { intercept: number; coef: number[] };
  threshold: number;
  meta: Record<string, unknown>;
}

function quantise(w: Float32Array): { scale: number; q: Int8Array } {
  let max = 0;
  for (const v of w) max = Math.max(max, Math.abs(v));
  const scale = max / 127 || 1;
  const q = new Int8Array(w.length);
  for (let i = 0; i < q.length; i++) q[i] = Math.round(w[i]! / scale);
  return { scale, q };
}

function dequantise(b64: string, scale: number): Float32Array {
  const q = new Int8Array(Buffer.from(b64, 'base64'));
  const w = new Float32Array(q.length);
  for (let i = 0; i < q.length; i++) w[i] = q[i]! * scale;
  return w;
}

export function encodeModel(m: InjectionModel): string {
  const { scale, q } = quantise(m.weights);
  const h = m.mlp ? quantise(m.mlp.w1) : undefined;
  const file: ModelFile = {
    format: 'warden-injection',
    version: 1,
    featureBits: FEATURE_BITS,
    ...(m.features === 'ngram' ? {} : { features: m.features }),
    lmBits: LM_BITS,
    weightScale: scale,
    weights: Buffer.from(q.buffer).toString('base64'),
    bias: m.bias,
    ...(m.mlp && h
      ? {
          mlp: {
            bits: m.mlp.bits,
            hidden: m.mlp.hidden,
            scale: h.scale,
            w1: Buffer.from(h.q.buffer).toString('base64'),
            b1: Array.from(m.mlp.b1),
            w2: Array.from(m.mlp.w2),
            b2: m.mlp.b2,
          },
        }
      : {}),
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
  const weights = dequantise(f.weights, f.weightScale);
  const mlp = f.mlp
    ? {
        bits: f.mlp.bits,
        hidden: f.mlp.hidden,
        w1: dequantise(f.mlp.w1, f.mlp.scale),
        b1: Float32Array.from(f.mlp.b1),
        w2: Float32Array.from(f.mlp.w2),
        b2: f.mlp.b2,
      }
    : undefined;
  if (mlp && mlp.w1.length !== (1 << mlp.bits) * mlp.hidden)
    throw new Error('model hidden layer size mismatch');
  if (
    f.features !== undefined &&
    f.features !== 'ngram' &&
    f.features !== 'subword' &&
    f.features !== 'concept'
  )
    throw new Error('model feature set unknown');
  return {
    weights,
    bias: f.bias,
    features: f.features ?? 'ngram',
    ...(mlp ? { mlp } : {}),
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
