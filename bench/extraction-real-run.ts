// Runs the real-text stage alone and prints its JSON (spawned by bench/extraction.ts to use a second core).
// BENCH_REAL_EMBEDDER=use runs it with the Universal Sentence Encoder lite instead (slow: every distinct
// text is embedded once ahead, about 20-50 ms each; not part of bench:extraction; BENCH_USE_CACHE=DIR keeps
// the vectors for reruns).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadCalibration } from '../src/extraction/calibration.js';
import { LexicalEmbedder } from '../src/extraction/embedders/lexical.js';
import { UseEmbedder } from '../src/extraction/embedders/use.js';
import { SIGNALS, type SignalName } from '../src/extraction/signals.js';
import type { SyncEmbedder } from './extraction-eval.js';
import { realStage } from './extraction-real.js';

// BENCH_ACTING=a,b,c scores with these signals instead of the default acting set (e.g. to add novelty)
const acting = process.env.BENCH_ACTING
  ? (process.env.BENCH_ACTING.split(',') as SignalName[]).filter((s) => SIGNALS.includes(s))
  : undefined;
if (process.env.BENCH_REAL_EMBEDDER === 'use') {
  // pass 1 collects the texts the streams will hold (cheap zero vectors), pass 2 scores with USE vectors
  const texts = new Set<string>();
  const collector: SyncEmbedder = {
    id: 'collect',
    dim: 8,
    embedOne: (t) => {
      texts.add(t);
      return new Float32Array(8).fill(1 / Math.sqrt(8));
    },
  };
  realStage(collector);
  const use = new UseEmbedder();
  // BENCH_USE_CACHE=DIR keeps vectors between runs (texts.json + vectors.f32), so reruns embed only new texts
  const cacheDir = process.env.BENCH_USE_CACHE;
  const cache = new Map<string, Float32Array>();
  if (cacheDir && existsSync(path.join(cacheDir, 'texts.json'))) {
    const cachedTexts = JSON.parse(readFileSync(path.join(cacheDir, 'texts.json'), 'utf8')) as string[];
    const raw = readFileSync(path.join(cacheDir, 'vectors.f32'));
    const flat = new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
    cachedTexts.forEach((t, i) => {
      cache.set(t, flat.slice(i * use.dim, (i + 1) * use.dim));
    });
  }
  const all = [...texts].filter((t) => !cache.has(t));
  const started = performance.now();
  for (let i = 0; i < all.length; i += 256) {
    const batch = all.slice(i, i + 256);
    const vectors = await use.embed(batch);
    for (let j = 0; j < batch.length; j++) cache.set(batch[j]!, vectors[j]!);
    process.stderr.write(`use: ${Math.min(all.length, i + 256)}/${all.length} texts\n`);
  }
  const embedMs = performance.now() - started;
  if (cacheDir && all.length > 0) {
    mkdirSync(cacheDir, { recursive: true });
    const keys = [...cache.keys()];
    const flat = new Float32Array(keys.length * use.dim);
    keys.forEach((t, i) => {
      flat.set(cache.get(t)!, i * use.dim);
    });
    writeFileSync(path.join(cacheDir, 'texts.json'), JSON.stringify(keys));
    writeFileSync(path.join(cacheDir, 'vectors.f32'), Buffer.from(flat.buffer));
  }
  const cached: SyncEmbedder = { id: use.id, dim: use.dim, embedOne: (t) => cache.get(t)! };
  const result = realStage(cached, undefined, acting);
  process.stdout.write(
    `${JSON.stringify({ embedder: use.id, distinctTexts: texts.size, embeddedNow: all.length, useMsPerText: all.length > 0 ? Math.round((embedMs / all.length) * 10) / 10 : null, ...result })}\n`,
  );
} else {
  const embedder = new LexicalEmbedder();
  const calibration = loadCalibration().get(embedder.id);
  if (!calibration) throw new Error(`no calibration for ${embedder.id}`);
  process.stdout.write(`${JSON.stringify(realStage(embedder, calibration, acting))}\n`);
}
