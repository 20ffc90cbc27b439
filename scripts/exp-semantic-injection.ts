// `npm run exp:semantic-injection`: an offline experiment (issue #4) on whether Universal Sentence Encoder
// lite vectors close the injection detector's semantic gap: classifiers on USE vectors, alone and stacked
// with the shipped lexical model, and a lexical-first cascade, reported like eval:injection. Changes nothing
// shipped. Vectors are cached (WARDEN_SEM_CACHE, default /tmp/warden-sem-cache/use-lite-512).
// Options: --gsm8k-keep 0.25 --package-keep 0.25 --hidden 64 --seed 5 --no-latency. Last stdout line: one JSON object.
import { detectInjection } from '../src/detectors/injection/detector.js';
import { loadInjectionModel } from '../src/detectors/injection/model.js';
import { UseEmbedder } from '../src/extraction/embedders/use.js';
import { VectorCache } from './semantic-cache.js';
import { allTexts, type Labelled, semanticData } from './semantic-data.js';
import {
  balancedWeights,
  type DenseModel,
  fitCombiner,
  standardiser,
  trainLogistic,
  trainMlp,
} from './semantic-models.js';
import { cascadeSweep, measureLatency, type Scorer, scoreTable } from './semantic-report.js';

const args = process.argv.slice(2);
const numArg = (name: string, dflt: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const t0 = Date.now();
const log = (m: string) => process.stderr.write(`[${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}\n`);
/** The same rule as scripts/train-injection.ts: 99.9th percentile of held-out TRAIN benign scores. */
const BENIGN_QUANTILE = 0.999;
/** Seed of the encoder classifiers' initialisation and batch order (the data split is fixed). */
const SEED = numArg('--seed', 5);

// 1. Texts and their USE vectors (cached on disk, embedded in this one process).
const data = semanticData({
  gsm8kKeep: numArg('--gsm8k-keep', 0.25),
  packageKeep: numArg('--package-keep', 0.25),
});
const count = (xs: Labelled[]) => `${xs.length} (${xs.filter((r) => r.y === 1).length} attacks)`;
log(`fit ${count(data.fit)}, extra synthetic ${count(data.fitExtra)}, calibration ${count(data.cal)}`);
const embedder = new UseEmbedder({ batchSize: 32 });
const cache = new VectorCache(
  process.env.WARDEN_SEM_CACHE ?? '/tmp/warden-sem-cache/use-lite-512',
  embedder.dim,
);
await cache.fill(allTexts(data), embedder, log);
const vec = (t: string) => cache.get(t);

// 2. The shipped lexical model's logit (held-out on the calibration slice: the same split trained it).
const lexModel = loadInjectionModel();
const lexCache = new Map<string, number>();
const lexScore = (t: string) => {
  let s = lexCache.get(t);
  if (s === undefined) {
    s = detectInjection(t, { model: lexModel }).score;
    lexCache.set(t, s);
  }
  return s;
};
const logitOf = (p: number) => Math.max(-20, Math.min(20, Math.log(p / (1 - p))));

// 3. Encoder classifiers fitted on TRAIN (fit part); stacked with the lexical logit on the calibration slice.
const fitVariants: {
  name: string;
  rows: Labelled[];
  train: (X: Float32Array[], y: number[]) => DenseModel;
}[] = [
  {
    name: 'USE LR',
    rows: data.fit,
    train: (X, y) =>
      trainLogistic(X, y, balancedWeights(y), { epochs: 30, lr: 0.01, l2: 1e-4, batch: 64, seed: SEED }),
  },
  {
    name: 'USE LR +PAIR/GCG synth',
    rows: [...data.fit, ...data.fitExtra],
    train: (X, y) =>
      trainLogistic(X, y, balancedWeights(y), { epochs: 30, lr: 0.01, l2: 1e-4, batch: 64, seed: SEED }),
  },
  {
    name: `USE MLP-${numArg('--hidden', 64)} +PAIR/GCG synth`,
    rows: [...data.fit, ...data.fitExtra],
    train: (X, y) =>
      trainMlp(X, y, balancedWeights(y), numArg('--hidden', 64), {
        epochs: 8,
        lr: 0.002,
        l2: 1e-5,
        batch: 64,
        seed: SEED + 1,
      }),
  },
];
const calY = data.cal.map((r) => r.y);
const thresholdOn = (score: (t: string) => number) => {
  const benign = data.cal
    .filter((r) => r.y === 0)
    .map((r) => score(r.text))
    .sort((a, b) => a - b);
  return Math.max(0.5, benign[Math.floor(benign.length * BENIGN_QUANTILE)] ?? 0.5);
};
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const scorers: Scorer[] = [{ name: 'lexical (shipped)', score: lexScore, threshold: lexModel.threshold }];
/** Memoises a text scorer: the table and the cascade ask for the same texts again. */
const memo = (f: (t: string) => number) => {
  const m = new Map<string, number>();
  return (t: string) => {
    let v = m.get(t);
    if (v === undefined) {
      v = f(t);
      m.set(t, v);
    }
    return v;
  };
};
for (const v of fitVariants) {
  const std = standardiser(v.rows.map((r) => vec(r.text)));
  const trained = v.train(
    v.rows.map((r) => std(vec(r.text))),
    v.rows.map((r) => r.y),
  );
  const encLogit = memo((t) => trained.logit(std(vec(t))));
  const alone = (t: string) => sigmoid(encLogit(t));
  scorers.push({ name: v.name, score: alone, threshold: thresholdOn(alone) });
  const comb = fitCombiner(
    data.cal.map((r) => [encLogit(r.text), logitOf(lexScore(r.text))]),
    calY,
  );
  const stacked = memo((t) => sigmoid(comb([encLogit(t), logitOf(lexScore(t))])));
  scorers.push({ name: `${v.name} + lexical`, score: stacked, threshold: thresholdOn(stacked) });
  log(`trained ${v.name}`);
}

// 4. The table at each scorer's TRAIN-chosen threshold, then lexical-first cascades whose stage 2 is the best
// stacked scorer and the best encoder-only scorer, picked by held-out TRAIN TPR (never by DEV-EVAL attacks).
const table = scoreTable(scorers, data.eval, data.cal);
console.log(table.markdown);
const lex = scorers[0]!;
const bestBy = (keep: (name: string) => boolean) => {
  const b = table.summary
    .filter((x) => x.name !== lex.name && keep(x.name))
    .reduce((a, c) => (c.calTpr > a.calTpr ? c : a));
  return scorers.find((x) => x.name === b.name)!;
};
const gates = [0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5];
const cascades = [bestBy((n) => n.endsWith('+ lexical')), bestBy((n) => !n.endsWith('+ lexical'))].map(
  (stage2) => {
    const c = cascadeSweep(lex, stage2, data.eval, data.cal, gates);
    console.log(
      `\nCascade: lexical first; "${stage2.name}" only where gate <= lexical score < lexical threshold`,
    );
    console.log(c.markdown);
    return { stage2: stage2.name, rows: c.rows };
  },
);

// 5. Latency of the encoder per input size on this process (run under `taskset -c 0` for one core).
const latency = args.includes('--no-latency') ? undefined : await measureLatency(embedder, lexModel);
if (latency) {
  console.log('\n| input | USE embed p50 | USE p50 per KB | lexical p50 per KB |\n|---|---:|---:|---:|');
  for (const l of latency)
    console.log(
      `| ${l.kb} KB | ${l.useP50Ms.toFixed(1)} ms | ${(l.useP50Ms / l.kb).toFixed(1)} ms | ${(l.lexP50Ms / l.kb).toFixed(2)} ms |`,
    );
}
console.log(
  JSON.stringify({
    experiment: 'semantic-injection',
    encoder: embedder.id,
    seed: SEED,
    fit: data.fit.length,
    fitExtra: data.fitExtra.length,
    calibration: data.cal.length,
    scorers: table.summary,
    cascades,
    latency,
  }),
);
