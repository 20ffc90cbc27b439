// Hashed n-gram features: word uni/bi/trigrams and character 3-5-grams folded into a fixed sparse vector; the
// 'subword' set adds o200k subword tokens and bigrams (so 20+ scripts share units) and intent cues (cues.ts); the
// 'concept' set adds cross-lingual concept ids (concepts.ts) and unordered pairs of neighbouring concepts.
import { createRequire } from 'node:module';
import { conceptHits } from './concepts.js';
import { cueHits } from './cues.js';

/** Which features a model was trained on: 'ngram' (v1), 'subword' (n-grams + subword tokens + cues) or
 * 'concept' (subword + cross-lingual concepts). */
export type FeatureSet = 'ngram' | 'subword' | 'concept';

type Encode = (
  text: string,
  opts: { allowedSpecial: Set<string>; disallowedSpecial: Set<string> },
) => number[];
let encoder: Encode | undefined;
/** Special-token spellings (`<|im_end|>`) are ordinary text here: the tokenizer's default throws on them. */
const AS_TEXT = { allowedSpecial: new Set<string>(), disallowedSpecial: new Set<string>() };
/** The o200k tokenizer, loaded on first use (about 30 MB; only models with subword features need it). */
function subwordTokens(text: string): number[] {
  encoder ??= (createRequire(import.meta.url)('gpt-tokenizer/encoding/o200k_base') as { encode: Encode })
    .encode;
  return encoder(text, AS_TEXT);
}

export const FEATURE_BITS = 20;
export const FEATURE_DIM = 1 << FEATURE_BITS;
const MASK = FEATURE_DIM - 1;

/** A sparse, L2-normalised feature vector (indices ascending are not required). */
export interface SparseVector {
  idx: Uint32Array;
  val: Float32Array;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const WORD_SEED = 0x9e3779b9;
const BIGRAM_SEED = 0x85ebca6b;
const TRIGRAM_SEED = 0xc2b2ae35;
const SUBWORD_SEED = 0x27d4eb2f;
const SUBWORD_BIGRAM_SEED = 0x165667b1;
const CUE_SEED = 0x61c88647;
const CONCEPT_SEED = 0x2545f491;
const CONCEPT_PAIR_SEED = 0x4f1bbcdd;

function mix(h: number): number {
  let x = h ^ (h >>> 16);
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

/** Lower-cased text with whitespace collapsed: the form all features and scores read. */
export function normaliseForFeatures(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

const WORD = /[\p{L}\p{N}_']+/gu;

/** Scratch accumulators reused across calls (the extractor is synchronous, so one set suffices); allocated on first use. */
let scratch: { counts: Float32Array; touched: Uint32Array } | undefined;

/** Extracts the hashed feature vector of an already-normalised text. */
export function extractFeatures(norm: string, set: FeatureSet = 'ngram'): SparseVector {
  scratch ??= { counts: new Float32Array(FEATURE_DIM), touched: new Uint32Array(FEATURE_DIM) };
  const { counts, touched } = scratch;
  let n = 0;
  const add = (h: number) => {
    const i = mix(h) & MASK;
    if (counts[i] === 0) touched[n++] = i;
    counts[i]! += 1;
  };
  // Character 3-5-grams over the text padded with spaces, hashed incrementally from each start.
  const s = ` ${norm} `;
  const len = s.length;
  for (let i = 0; i + 3 <= len; i++) {
    let h = FNV_OFFSET;
    for (let k = 0; k < 5 && i + k < len; k++) {
      h = Math.imul(h ^ s.charCodeAt(i + k), FNV_PRIME);
      if (k >= 2) add(h ^ (k << 29));
    }
  }
  // Words and word bigrams.
  let prev = -1;
  let prev2 = -1;
  for (const m of norm.matchAll(WORD)) {
    const w = m[0];
    let h = WORD_SEED;
    for (let k = 0; k < w.length; k++) h = Math.imul(h ^ w.charCodeAt(k), FNV_PRIME);
    h >>>= 0;
    add(h);
    if (prev >= 0) add(Math.imul(prev ^ BIGRAM_SEED, FNV_PRIME) ^ h);
    if (prev2 >= 0) add(Math.imul(Math.imul(prev2 ^ TRIGRAM_SEED, FNV_PRIME) ^ prev, FNV_PRIME) ^ h);
    prev2 = prev;
    prev = h;
  }
  if (set !== 'ngram') {
    let last = -1;
    for (const id of subwordTokens(norm)) {
      add(id ^ SUBWORD_SEED);
      if (last >= 0) add(Math.imul(last ^ SUBWORD_BIGRAM_SEED, FNV_PRIME) ^ id);
      last = id;
    }
    // Intent cues count twice: one cue stands for many wordings the n-grams see apart.
    for (const cue of cueHits(norm)) {
      add(Math.imul(cue + 1, FNV_PRIME) ^ CUE_SEED);
      add(Math.imul(cue + 1, FNV_PRIME) ^ CUE_SEED);
    }
  }
  if (set === 'concept') {
    // A concept counts twice, like a cue; pairs of neighbouring concepts (next and next-but-one) are unordered,
    // so "ignore ... previous instructions" and "previous instructions ... ignore" (verb-final languages) agree.
    const seq = conceptHits(norm);
    for (let k = 0; k < seq.length; k++) {
      const c = seq[k]!;
      add(Math.imul(c + 1, FNV_PRIME) ^ CONCEPT_SEED);
      add(Math.imul(c + 1, FNV_PRIME) ^ CONCEPT_SEED);
      for (let d = 1; d <= 2 && k + d < seq.length; d++) {
        const o = seq[k + d]!;
        if (o === c) continue;
        const lo = Math.min(c, o);
        const hi = Math.max(c, o);
        add(Math.imul(Math.imul(lo + 1, FNV_PRIME) ^ (hi + 1), FNV_PRIME) ^ CONCEPT_PAIR_SEED);
      }
    }
  }
  const idx = new Uint32Array(n);
  const val = new Float32Array(n);
  let norm2 = 0;
  for (let k = 0; k < n; k++) {
    const i = touched[k]!;
    const v = 1 + Math.log(counts[i]!);
    counts[i] = 0;
    idx[k] = i;
    val[k] = v;
    norm2 += v * v;
  }
  const inv = norm2 > 0 ? 1 / Math.sqrt(norm2) : 0;
  for (let k = 0; k < n; k++) val[k]! *= inv;
  return { idx, val };
}

/** Dot product of a sparse vector with dense weights. */
export function dot(x: SparseVector, w: Float32Array): number {
  let s = 0;
  for (let k = 0; k < x.idx.length; k++) s += x.val[k]! * w[x.idx[k]!]!;
  return s;
}
