// USE lite vectors for a known set of texts, embedded once ahead (about 20-50 ms per text on one core) so
// that the synchronous stream recorders can score with them. A cache directory (texts.json + vectors.f32)
// keeps the vectors between runs, so a rerun embeds only texts it has not seen; the calibration script and
// the real-text stage share it.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UseEmbedder } from '../../src/extraction/embedders/use.js';
import type { SyncEmbedder } from '../extraction-eval.js';

/** An embedder that records the texts it is asked for and returns one fixed unit vector (pass 1). */
export function textCollector(): { embedder: SyncEmbedder; texts: Set<string> } {
  const texts = new Set<string>();
  const unit = new Float32Array(8).fill(1 / Math.sqrt(8));
  return {
    texts,
    embedder: {
      id: 'collect',
      dim: 8,
      embedOne: (t) => {
        texts.add(t);
        return unit;
      },
    },
  };
}

export interface UseVectors {
  embedder: SyncEmbedder;
  embeddedNow: number;
  msPerText: number | null;
}

/** Embeds every text not in the cache, saves the cache, and returns a synchronous embedder over them. */
export async function useVectors(texts: Iterable<string>, cacheDir: string | undefined): Promise<UseVectors> {
  const use = new UseEmbedder();
  const cache = new Map<string, Float32Array>();
  if (cacheDir && existsSync(path.join(cacheDir, 'texts.json'))) {
    const cachedTexts = JSON.parse(readFileSync(path.join(cacheDir, 'texts.json'), 'utf8')) as string[];
    const raw = readFileSync(path.join(cacheDir, 'vectors.f32'));
    const flat = new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
    cachedTexts.forEach((t, i) => {
      cache.set(t, flat.slice(i * use.dim, (i + 1) * use.dim));
    });
  }
  const missing = [...new Set(texts)].filter((t) => !cache.has(t));
  const save = () => {
    if (!cacheDir) return;
    mkdirSync(cacheDir, { recursive: true });
    const keys = [...cache.keys()];
    const flat = new Float32Array(keys.length * use.dim);
    keys.forEach((t, i) => {
      flat.set(cache.get(t)!, i * use.dim);
    });
    writeFileSync(path.join(cacheDir, 'texts.json'), JSON.stringify(keys));
    writeFileSync(path.join(cacheDir, 'vectors.f32'), Buffer.from(flat.buffer));
  };
  const started = performance.now();
  for (let i = 0; i < missing.length; i += 256) {
    const batch = missing.slice(i, i + 256);
    const vectors = await use.embed(batch);
    batch.forEach((t, j) => {
      cache.set(t, vectors[j]!);
    });
    const done = Math.min(missing.length, i + 256);
    process.stderr.write(`use: ${done}/${missing.length} texts\n`);
    // an interrupted run keeps what it embedded
    if (done % 8192 === 0) save();
  }
  const embedMs = performance.now() - started;
  if (missing.length > 0) save();
  return {
    embedder: {
      id: use.id,
      dim: use.dim,
      embedOne: (t) => {
        const v = cache.get(t);
        if (!v) throw new Error('a text was not embedded ahead');
        return v;
      },
    },
    embeddedNow: missing.length,
    msPerText: missing.length > 0 ? Math.round((embedMs / missing.length) * 10) / 10 : null,
  };
}
