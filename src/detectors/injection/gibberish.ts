// A character trigram language model of benign text; high surprisal spans flag optimised adversarial suffixes.

export const LM_BITS = 17;
const LM_SIZE = 1 << LM_BITS;
const ALPHABET = 129;
/** Log-probabilities are stored as uint8 of -ln(p) * LM_SCALE. */
export const LM_SCALE = 16;

function sym(c: number): number {
  return Math.min(c, 128);
}

function bucket(a: number, b: number, c: number): number {
  let h = Math.imul((a * ALPHABET + b) * ALPHABET + c, 0x9e3779b1);
  h ^= h >>> 15;
  return (h >>> 0) & (LM_SIZE - 1);
}

/** Builds the quantised table from benign texts (training only). */
export function trainCharLm(texts: Iterable<string>): Uint8Array {
  const tri = new Float64Array(LM_SIZE);
  const bi = new Float64Array(ALPHABET * ALPHABET);
  const biOfBucket = new Int32Array(LM_SIZE).fill(-1);
  for (const t of texts) {
    const s = `  ${t.replace(/\s+/g, ' ')}`;
    for (let i = 2; i < s.length; i++) {
      const a = sym(s.charCodeAt(i - 2));
      const b = sym(s.charCodeAt(i - 1));
      const k = bucket(a, b, sym(s.charCodeAt(i)));
      tri[k]! += 1;
      bi[a * ALPHABET + b]! += 1;
      biOfBucket[k] = a * ALPHABET + b;
    }
  }
  const q = new Uint8Array(LM_SIZE);
  for (let k = 0; k < LM_SIZE; k++) {
    const ctx = biOfBucket[k]! >= 0 ? bi[biOfBucket[k]!]! : 0;
    const p = (tri[k]! + 0.05) / (ctx + 0.05 * 96);
    q[k] = Math.max(0, Math.min(255, Math.round(-Math.log(p) * LM_SCALE)));
  }
  return q;
}

const WINDOW = 40;
const STRIDE = 10;

/**
 * The highest mean surprisal (nats per character) over 40-character windows of mostly-ASCII text;
 * windows in other scripts are skipped so non-Latin languages are not mistaken for gibberish.
 */
export function gibberishScore(text: string, table: Uint8Array): number {
  const s = `  ${text.replace(/\s+/g, ' ')}`;
  const n = s.length - 2;
  if (n < 20) return 0;
  const cost = new Float64Array(n + 1);
  const ascii = new Int32Array(n + 1);
  for (let i = 2; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const bits = table[bucket(sym(s.charCodeAt(i - 2)), sym(s.charCodeAt(i - 1)), sym(c))]! / LM_SCALE;
    cost[i - 1] = cost[i - 2]! + bits;
    ascii[i - 1] = ascii[i - 2]! + (c < 128 ? 1 : 0);
  }
  const w = Math.min(WINDOW, n);
  let best = 0;
  const starts = [];
  for (let st = 0; st + w < n; st += STRIDE) starts.push(st);
  starts.push(n - w);
  for (const st of starts) {
    if (ascii[st + w]! - ascii[st]! < 0.9 * w) continue;
    best = Math.max(best, (cost[st + w]! - cost[st]!) / w);
  }
  return best;
}
