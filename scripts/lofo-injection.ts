// Leave-one-family-out on the training side (issue 20): for each attack family of the coverage corpus, a small
// linear model is fitted on a TRAIN sample plus the corpus without that family, then scored on fresh texts of
// it (another seed), at the threshold giving 1% FPR on held-out benign traffic. Shows what transfers; cheap
// (2 epochs, no FGSM, no combiner). A test text scores as the detector reads it: the best logit of its windows,
// of its sentences (past 200 chars) and of its decoded segments; `--whole` scores the whole text only (the first
// runs). Usage: npm run eval:injection -- --lofo [--train-sample N] [--ngram | --features concept] [--whole]
import { prepareText, windowsOf } from '../src/detectors/injection/detector.js';
import {
  dot,
  extractFeatures,
  FEATURE_DIM,
  type FeatureSet,
  normaliseForFeatures,
  type SparseVector,
} from '../src/detectors/injection/features.js';
import { decodedSegments } from '../src/detectors/injection/signals.js';
import { CORPUS_ATTACK_FAMILIES, calibrationTraffic, corpusTexts } from './corpus/index.js';
import { secondCorpus } from './corpus/second/index.js';
import { isAttack, trainSplit } from './datasets.js';
import { auc, thresholdAtFpr } from './eval-blind.js';

interface Ex {
  x: SparseVector;
  y: 0 | 1;
  family: string;
}

const args = process.argv.slice(2);
const numArg = (name: string, dflt: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const SAMPLE = numArg('--train-sample', 12000);
const EPOCHS = numArg('--epochs', 2);
const t0 = Date.now();
const log = (m: string) => process.stderr.write(`[${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}\n`);
const featuresArg = args.indexOf('--features');
const FEATURES: FeatureSet = args.includes('--ngram')
  ? 'ngram'
  : featuresArg >= 0
    ? (args[featuresArg + 1] as FeatureSet)
    : 'subword';
const feat = (t: string) => extractFeatures(normaliseForFeatures(prepareText(t)), FEATURES);
const WHOLE = args.includes('--whole');
const SENTENCE = /[^.!?\n。！？|]+[.!?。！？]?/gu;
/** The pieces of a test text the detector scores alone (the text itself first). */
function pieces(t: string): SparseVector[] {
  const p = prepareText(t);
  if (WHOLE) return [extractFeatures(normaliseForFeatures(p), FEATURES)];
  const parts = windowsOf(p.length).map((w) => p.slice(w.start, w.end));
  if (p.length > 200) for (const m of p.matchAll(SENTENCE)) if (m[0].trim().length >= 20) parts.push(m[0]);
  parts.push(...decodedSegments(p));
  return parts.map((x) => extractFeatures(normaliseForFeatures(x), FEATURES));
}
const best = (xs: readonly SparseVector[], m: { w: Float32Array; b: number }) =>
  xs.reduce((s, x) => Math.max(s, dot(x, m.w) + m.b), Number.NEGATIVE_INFINITY);

const split = trainSplit();
const train: Ex[] = split.fit
  .slice(0, SAMPLE)
  .map((t) => ({ x: feat(t.row.text), y: isAttack(t.row) ? 1 : 0, family: 'train' }) as Ex);
const fitCorpus: Ex[] = corpusTexts(101, 400).map((c) => ({ x: feat(c.text), y: c.y, family: c.family }));
/** `--second N`: the second author's corpus (N rows per family) joins the fit, its held-out family left out too;
 * that family's second-author texts (another seed) are scored in a column of their own. */
const SECOND = numArg('--second', 0);
if (SECOND > 0)
  for (const r of secondCorpus(101, SECOND))
    fitCorpus.push({ x: feat(r.text), y: r.label, family: r.family });
const secondTest =
  SECOND > 0
    ? secondCorpus(202, 100)
        .filter((r) => r.label === 1)
        .map((r) => ({ xs: pieces(r.text), family: r.family }))
    : [];
const testCorpus = corpusTexts(202, 150).filter((c) => c.y === 1);
const fitTexts = new Set(corpusTexts(101, 400).map((c) => c.text));
const testAttacks = testCorpus
  .filter((c) => !fitTexts.has(c.text))
  .map((c) => ({ xs: pieces(c.text), family: c.family }));
const benignTest = [
  ...calibrationTraffic(303, 1200, fitTexts),
  ...split.cal
    .filter((t) => !isAttack(t.row))
    .slice(0, 1500)
    .map((t) => t.row.text),
].map(pieces);
log(`train sample ${train.length}, corpus fit ${fitCorpus.length}, test attacks ${testAttacks.length}`);

function fitLinear(exs: readonly Ex[]): { w: Float32Array; b: number } {
  const w = new Float32Array(FEATURE_DIM);
  const g2 = new Float32Array(FEATURE_DIM).fill(1e-6);
  let b = 0;
  let gb = 1e-6;
  const pos = exs.filter((e) => e.y === 1).length;
  const wPos = exs.length / (2 * pos);
  const wNeg = exs.length / (2 * (exs.length - pos));
  let seed = 7;
  const order = exs.map((_, i) => i);
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      const j = seed % (i + 1);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const n of order) {
      const { x, y } = exs[n]!;
      const z = dot(x, w) + b;
      const g = (1 / (1 + Math.exp(-z)) - y) * (y ? wPos : wNeg);
      for (let k = 0; k < x.idx.length; k++) {
        const i = x.idx[k]!;
        const grad = g * x.val[k]!;
        g2[i]! += grad * grad;
        w[i]! -= (0.2 * grad) / Math.sqrt(g2[i]!);
      }
      gb += g * g;
      b -= (0.2 * g) / Math.sqrt(gb);
    }
  }
  return { w, b };
}

function scoreFamily(m: { w: Float32Array; b: number }, family: string, attacks = testAttacks) {
  const neg = benignTest.map((xs) => best(xs, m));
  const pos = attacks.filter((a) => a.family === family).map((a) => best(a.xs, m));
  if (pos.length === 0) return { n: 0, detection: Number.NaN, auc: Number.NaN };
  const t = thresholdAtFpr(neg, 0.01);
  return { n: pos.length, detection: pos.filter((s) => s >= t).length / pos.length, auc: auc(pos, neg) };
}

const full = fitLinear([...train, ...fitCorpus]);
const trainOnly = fitLinear(train);
log('reference models fitted');
const rows: Record<string, unknown>[] = [];
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
console.log('Leave-one-family-out (detection at 1% FPR on held-out benign traffic; AUC)');
console.log('| family | n | TRAIN only | all corpus families | without this family |');
console.log('|---|---:|---:|---:|---:|');
for (const family of CORPUS_ATTACK_FAMILIES) {
  const without = fitLinear([...train, ...fitCorpus.filter((e) => e.y === 0 || e.family !== family)]);
  const a = scoreFamily(trainOnly, family);
  const b = scoreFamily(full, family);
  const c = scoreFamily(without, family);
  const d = SECOND > 0 ? scoreFamily(without, family, secondTest) : undefined;
  rows.push({ family, n: c.n, trainOnly: a, all: b, without: c, ...(d ? { withoutSecondAuthor: d } : {}) });
  console.log(
    `| ${family} | ${c.n} | ${pct(a.detection)} (${a.auc.toFixed(3)}) | ${pct(b.detection)} (${b.auc.toFixed(3)}) | ${pct(c.detection)} (${c.auc.toFixed(3)}) |${d ? ` ${d.n}: ${pct(d.detection)} (${d.auc.toFixed(3)}) |` : ''}`,
  );
  log(`${family} done`);
}
console.log(
  JSON.stringify({
    lofo: rows,
    features: FEATURES,
    whole: WHOLE,
    second: SECOND,
    trainSample: train.length,
    epochs: EPOCHS,
  }),
);
