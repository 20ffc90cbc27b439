// Runs the real-text stage alone and prints its JSON (spawned by bench/extraction.ts to use a second core).
// BENCH_REAL_EMBEDDER=use runs it with the Universal Sentence Encoder lite instead (slow: every distinct
// text is embedded once ahead, about 20-50 ms each; not part of bench:extraction; BENCH_USE_CACHE=DIR keeps
// the vectors for reruns).
import { loadCalibration } from '../src/extraction/calibration.js';
import { LexicalEmbedder } from '../src/extraction/embedders/lexical.js';
import { SIGNALS, type SignalName } from '../src/extraction/signals.js';
import { realStage } from './extraction-real.js';
import { textCollector, useVectors } from './lib/use-vectors.js';

// BENCH_ACTING=a,b,c scores with these signals instead of the default acting set (e.g. to add novelty)
const acting = process.env.BENCH_ACTING
  ? (process.env.BENCH_ACTING.split(',') as SignalName[]).filter((s) => SIGNALS.includes(s))
  : undefined;
if (process.env.BENCH_REAL_EMBEDDER === 'use') {
  // pass 1 collects the texts the streams will hold (cheap fixed vectors), pass 2 scores with USE vectors
  const collect = textCollector();
  realStage(collect.embedder);
  const use = await useVectors(collect.texts, process.env.BENCH_USE_CACHE);
  // the committed USE table (scripts/calibrate-extraction.ts --embedder use), read once the vectors exist
  const committed = loadCalibration().get(use.embedder.id);
  const result = realStage(use.embedder, committed, acting);
  process.stdout.write(
    `${JSON.stringify({ embedder: use.embedder.id, distinctTexts: collect.texts.size, embeddedNow: use.embeddedNow, useMsPerText: use.msPerText, ...result })}\n`,
  );
} else {
  const embedder = new LexicalEmbedder();
  const calibration = loadCalibration().get(embedder.id);
  if (!calibration) throw new Error(`no calibration for ${embedder.id}`);
  process.stdout.write(`${JSON.stringify(realStage(embedder, calibration, acting))}\n`);
}
