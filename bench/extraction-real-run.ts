// Runs the real-text stage alone and prints its JSON (spawned by bench/extraction.ts to use a second core).
// BENCH_REAL_EMBEDDER=use runs it with the Universal Sentence Encoder lite instead (slow: every distinct
// text is embedded once ahead, about 20 ms each; not part of bench:extraction).
import { loadCalibration } from '../src/extraction/calibration.js';
import { LexicalEmbedder } from '../src/extraction/embedders/lexical.js';
import { UseEmbedder } from '../src/extraction/embedders/use.js';
import { ExtractionScorer } from '../src/extraction/scorer.js';
import type { SyncEmbedder } from './extraction-eval.js';
import { realStage } from './extraction-real.js';

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
  realStage(collector, new ExtractionScorer(collector, undefined));
  const use = new UseEmbedder();
  const all = [...texts];
  const cache = new Map<string, Float32Array>();
  const started = performance.now();
  for (let i = 0; i < all.length; i += 256) {
    const batch = all.slice(i, i + 256);
    const vectors = await use.embed(batch);
    for (let j = 0; j < batch.length; j++) cache.set(batch[j]!, vectors[j]!);
    process.stderr.write(`use: ${Math.min(all.length, i + 256)}/${all.length} texts\n`);
  }
  const embedMs = performance.now() - started;
  const cached: SyncEmbedder = { id: use.id, dim: use.dim, embedOne: (t) => cache.get(t)! };
  const result = realStage(cached, new ExtractionScorer(cached, undefined));
  process.stdout.write(
    `${JSON.stringify({ embedder: use.id, distinctTexts: all.length, useMsPerText: Math.round((embedMs / all.length) * 10) / 10, ...result })}\n`,
  );
} else {
  const embedder = new LexicalEmbedder();
  const calibration = loadCalibration().get(embedder.id);
  if (!calibration) throw new Error(`no calibration for ${embedder.id}`);
  process.stdout.write(
    `${JSON.stringify(realStage(embedder, new ExtractionScorer(embedder, calibration), calibration))}\n`,
  );
}
