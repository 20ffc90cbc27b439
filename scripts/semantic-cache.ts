// A disk cache of Universal Sentence Encoder vectors keyed by the text's SHA-1, so the semantic experiment
// embeds each text once (in one process, batched, shortest first) and reruns only read vectors back.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Embedder } from '../src/extraction/embedders/types.js';

export const textKey = (text: string) => createHash('sha1').update(text).digest('hex');

export class VectorCache {
  private readonly vectors = new Map<string, Float32Array>();
  private chunks = 0;

  constructor(
    private readonly dir: string,
    private readonly dim: number,
  ) {
    mkdirSync(dir, { recursive: true });
    for (const name of readdirSync(dir).sort()) {
      const m = /^chunk-(\d+)\.json$/.exec(name);
      if (!m) continue;
      this.chunks = Math.max(this.chunks, Number(m[1]) + 1);
      const bin = join(dir, `chunk-${m[1]}.f32`);
      if (!existsSync(bin)) continue;
      const keys = JSON.parse(readFileSync(join(dir, name), 'utf8')) as string[];
      const buf = readFileSync(bin);
      const all = new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
      keys.forEach((k, i) => {
        this.vectors.set(k, all.slice(i * dim, (i + 1) * dim));
      });
    }
  }

  get size(): number {
    return this.vectors.size;
  }

  get(text: string): Float32Array {
    const v = this.vectors.get(textKey(text));
    if (!v) throw new Error('text not embedded: call fill() first');
    return v;
  }

  /** Embeds every text not yet cached, in batches sorted by length, writing a chunk every `flushEvery`. */
  async fill(
    texts: readonly string[],
    embedder: Embedder,
    log: (m: string) => void,
    flushEvery = 1024,
  ): Promise<void> {
    const missing = new Map<string, string>();
    for (const t of texts) {
      const k = textKey(t);
      if (!this.vectors.has(k)) missing.set(k, t);
    }
    const todo = [...missing.entries()].sort((a, b) => a[1].length - b[1].length);
    log(`embedding ${todo.length} texts (${this.vectors.size} cached)`);
    const t0 = Date.now();
    for (let i = 0; i < todo.length; i += flushEvery) {
      const part = todo.slice(i, i + flushEvery);
      const vecs = await embedder.embed(part.map(([, t]) => t));
      const flat = new Float32Array(part.length * this.dim);
      part.forEach(([k], j) => {
        const v = vecs[j]!;
        flat.set(v, j * this.dim);
        this.vectors.set(k, v);
      });
      const n = this.chunks++;
      writeFileSync(join(this.dir, `chunk-${n}.f32`), Buffer.from(flat.buffer));
      writeFileSync(join(this.dir, `chunk-${n}.json`), JSON.stringify(part.map(([k]) => k)));
      log(
        `embedded ${Math.min(i + flushEvery, todo.length)}/${todo.length} (${((Date.now() - t0) / 1000).toFixed(0)}s)`,
      );
    }
  }
}
