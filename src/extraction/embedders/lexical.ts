// The default embedder: hashed word unigrams, word bigrams and character trigrams, signed-hashed into a
// fixed number of dimensions (a sparse random projection), sublinear counts, L2-normalised. Microseconds.
import { hash32 } from '../random.js';
import { STOPWORDS, words as splitWords } from '../text.js';
import { type Embedder, normalise } from './types.js';

export interface LexicalEmbedderOptions {
  dim?: number;
  seed?: number;
}

export const lexicalEmbedderId = (dim: number) => `lexical-${dim}`;

export class LexicalEmbedder implements Embedder {
  readonly id: string;
  readonly dim: number;
  private readonly seed: number;

  constructor(options: LexicalEmbedderOptions = {}) {
    this.dim = options.dim ?? 256;
    this.seed = options.seed ?? 0x5eed;
    this.id = lexicalEmbedderId(this.dim);
  }

  embedOne(text: string): Float32Array {
    const counts = new Map<string, number>();
    const add = (feature: string, w: number) => counts.set(feature, (counts.get(feature) ?? 0) + w);
    const words = splitWords(text);
    let prev = '';
    for (const w of words) {
      if (!STOPWORDS.has(w)) {
        add(`w:${w}`, 1);
        const padded = ` ${w} `;
        for (let i = 0; i + 3 <= padded.length; i++) add(`c:${padded.slice(i, i + 3)}`, 0.25);
      }
      if (prev) add(`b:${prev} ${w}`, 0.5);
      prev = w;
    }
    const v = new Float32Array(this.dim);
    for (const [feature, w] of counts) {
      const h = hash32(feature, this.seed);
      const sign = h & 1 ? 1 : -1;
      v[(h >>> 1) % this.dim]! += sign * Math.log1p(w);
    }
    return normalise(v);
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    return texts.map((t) => this.embedOne(t));
  }
}
