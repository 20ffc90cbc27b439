// 64-bit SimHash of words, and Hamming distance, to find near-duplicate queries (perturbation chains).
import { hash32 } from './random.js';
import { words as splitWords } from './text.js';

/** SimHash over word unigrams, as [high, low] 32-bit halves. */
export function simhash64(text: string): [number, number] {
  const words = splitWords(text);
  const acc = new Int32Array(64);
  const feed = (f: string) => {
    const a = hash32(f, 17);
    const b = hash32(f, 91);
    for (let i = 0; i < 32; i++) {
      acc[i]! += (a >>> i) & 1 ? 1 : -1;
      acc[32 + i]! += (b >>> i) & 1 ? 1 : -1;
    }
  };
  // unigrams only: one edited word in a short query then flips few bits
  for (const w of new Set(words)) feed(w);
  let hi = 0;
  let lo = 0;
  for (let i = 0; i < 32; i++) {
    if (acc[i]! > 0) hi |= 1 << i;
    if (acc[32 + i]! > 0) lo |= 1 << i;
  }
  return [hi >>> 0, lo >>> 0];
}

function popcount32(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) as number;
}

export function hamming64(aHi: number, aLo: number, bHi: number, bLo: number): number {
  return popcount32((aHi ^ bHi) >>> 0) + popcount32((aLo ^ bLo) >>> 0);
}

export { popcount32 };
