// Rebuilds models/injection-v1.json from the TRAIN files only: hashed n-gram logistic regression (with
// text augmentation and FGSM adversarial training), a benign character LM, and a logistic signal combiner
// fitted on a held-out TRAIN slice, plus the coverage corpus written for Warden (scripts/corpus/); the threshold
// is calibrated on realistic benign traffic of its own seed. Usage: npm run train:injection [-- --no-adversarial
// --out FILE --features ngram|subword|concept --no-corpus --second-per-family N --concept-negatives N]
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { combine, prepareText, signalsOf } from '../src/detectors/injection/detector.js';
import {
  extractFeatures,
  FEATURE_DIM,
  type FeatureSet,
  normaliseForFeatures,
  type SparseVector,
} from '../src/detectors/injection/features.js';
import { trainCharLm } from '../src/detectors/injection/gibberish.js';
import { encodeModel, type InjectionModel, SIGNAL_NAMES } from '../src/detectors/injection/model.js';
import { PERTURBATIONS, perturb, seededRandom } from '../src/detectors/injection/perturb.js';
import { calibrationTraffic, corpusTexts } from './corpus/index.js';
import { conceptNegatives } from './corpus/second/concept-negatives.js';
import { secondCalibration, secondCorpus } from './corpus/second/index.js';
import { isAttack, type Row, repoRoot, shuffleInPlace, TRAIN_FILES, trainSplit } from './datasets.js';
import { phraseExamples } from './injection-phrases.js';
import { persuasionExamples, suffixExamples, techniqueExamples } from './injection-techniques.js';
import { multilingualAttackExamples } from './multilingual-attacks.js';
import { multilingualBenignRows } from './multilingual-benign.js';
import { packageTextChunks, pinnedPackages } from './package-benign.js';
import { type Example, syntheticExamples } from './synthetic-injection.js';
import { trainMlp } from './train-mlp.js';

const args = process.argv.slice(2);
const adversarial = !args.includes('--no-adversarial');
const outArg = args.indexOf('--out');
const out = resolve(repoRoot, outArg >= 0 ? args[outArg + 1]! : 'models/injection-v1.json');
const numArg = (name: string, dflt: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const EPOCHS = numArg('--epochs', 10);
const LR = numArg('--lr', 0.2);
const L2 = numArg('--l2', 1e-7);
const FGSM_EPS = numArg('--eps', 0.5);
const AUGMENT_ATTACKS = numArg('--augment', 1);
const BENIGN_QUANTILE = numArg('--benign-quantile', 0.999);
const featuresArg = args.indexOf('--features');
const FEATURES: FeatureSet =
  featuresArg >= 0 && ['ngram', 'subword', 'concept'].includes(args[featuresArg + 1]!)
    ? (args[featuresArg + 1] as FeatureSet)
    : 'subword';
const useCorpus = !args.includes('--no-corpus');
const CORPUS_PER_FAMILY = numArg('--corpus-per-family', 900);
const CORPUS_WEIGHT = numArg('--corpus-weight', 1.5);
/** The second coverage corpus (scripts/corpus/second/, another author): rows per family; 0 leaves it out. */
// Off by default: the shipped model was trained without it; with it and --features concept the candidate
// broke the DEV-EVAL 2% benign bound at the 0.97 floor (docs/detector.md, issue 20 second pass).
const SECOND_PER_FAMILY = useCorpus ? numArg('--second-per-family', 0) : 0;
/** Multilingual hard negatives that use the concept words legitimately (scripts/corpus/second/concept-negatives.ts);
 * 0 leaves them out (the shipped model was trained without them). */
const CONCEPT_NEGATIVES = useCorpus ? numArg('--concept-negatives', 0) : 0;
/** Realistic benign traffic: calibrates the threshold (the higher of its quantile and the TRAIN one). */
const TRAFFIC_QUANTILE = numArg('--traffic-quantile', 0.995);
/** Floor under the calibrated threshold. 0.97 is the one number read off DEV-EVAL (issue 20: its benign
 * files must stay at or below 2%); the written traffic proved too easy to set it (docs/detector.md). */
const THRESHOLD_FLOOR = numArg('--threshold-floor', 0.97);
const t0 = Date.now();
const log = (m: string) => process.stderr.write(`[${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}\n`);

// 1. TRAIN rows, de-duplicated, split into a fitting part and a calibration slice.
const split = trainSplit();
const fitRows = split.fit.map((t) => t.row);
const calRows = split.cal.map((t) => t.row);
const trainRows = fitRows.length + calRows.length;
log(
  `train rows ${trainRows} (fit ${fitRows.length}, calibration ${calRows.length}); adversarial=${adversarial}`,
);

// Extra benign rows, split the same way: synthetic multilingual requests written in this repo and chunks of
// pinned npm packages (scripts/package-benign.ts lists them). Nothing else on the machine is read.
const useLocal = !args.includes('--no-local');
const local = [
  ...multilingualBenignRows(seededRandom(21), numArg('--multilingual', 3000)),
  ...(useLocal ? packageTextChunks(repoRoot) : []),
];
const localRows: Row[] = local.map((text) => ({ text, label: 'benign', category: 'local' }));
shuffleInPlace(localRows, 13);
const localCut = Math.floor(localRows.length * 0.85);
fitRows.push(...localRows.slice(0, localCut));
calRows.push(...localRows.slice(localCut));
log(`extra benign texts ${local.length}`);

// 2. Fitting examples: rows, text-level adversarial copies, benign windows and synthetic attack forms.
function augment(source: Row[], r: () => number): Example[] {
  const exs: Example[] = [];
  for (const row of source) {
    const y = isAttack(row) ? 1 : 0;
    exs.push({ text: row.text, y, w: 1, origin: String(row.source ?? row.category ?? '').split(':')[0] });
    if (adversarial && r() < (y ? AUGMENT_ATTACKS : 0.15)) {
      const kind = PERTURBATIONS[Math.floor(r() * PERTURBATIONS.length)]!;
      const once = perturb(row.text, kind, r);
      exs.push({
        text: r() < 0.5 ? once : perturb(once, PERTURBATIONS[Math.floor(r() * PERTURBATIONS.length)]!, r),
        y,
        w: 1,
      });
    }
    // Minimal pairs from indirect injections whose payload is known: the window holding the payload is an
    // attack, a window of the same document without it is benign.
    const payload = typeof row.attack_text === 'string' ? row.attack_text : '';
    const at = payload ? row.text.indexOf(payload) : -1;
    if (y === 1 && at >= 0) {
      const start = Math.max(0, at - Math.floor(r() * 700));
      exs.push({ text: row.text.slice(start, Math.max(at + payload.length, start + 1024)), y: 1, w: 1 });
      const rest = row.text.slice(0, at) + row.text.slice(at + payload.length);
      if (rest.length > 300) {
        const s0 = Math.floor(r() * Math.max(1, rest.length - 1024));
        exs.push({ text: rest.slice(s0, s0 + 1024), y: 0, w: 1 });
      }
    }
    if (y === 0 && row.text.length > 1536) {
      for (let k = 0; k < 2; k++) {
        const s = Math.floor(r() * (row.text.length - 1024));
        exs.push({ text: row.text.slice(s, s + 1024), y, w: 1 });
      }
    }
  }
  exs.push(...syntheticExamples(source, r));
  exs.push(...phraseExamples(source, r, Math.round(source.length / numArg('--phrase-div', 8))));
  if (!args.includes('--no-techniques'))
    exs.push(...techniqueExamples(r, Math.round(source.length / numArg('--technique-div', 10))));
  const persDiv = numArg('--persuasion-div', 0);
  if (persDiv > 0) exs.push(...persuasionExamples(r, Math.round(source.length / persDiv)));
  const sufDiv = numArg('--suffix-div', 0);
  if (sufDiv > 0) exs.push(...suffixExamples(r, Math.round(source.length / sufDiv)));
  const mlDiv = numArg('--ml-attack-div', 4);
  if (mlDiv > 0) exs.push(...multilingualAttackExamples(r, Math.round(source.length / mlDiv)));
  return exs;
}
const fit = augment(fitRows, seededRandom(7));
// The coverage corpus (scripts/corpus/): its fitting seed here, a second seed for the combiner slice.
const corpusFit = useCorpus ? corpusTexts(20261202, CORPUS_PER_FAMILY) : [];
if (SECOND_PER_FAMILY > 0)
  for (const r of secondCorpus(20261212, SECOND_PER_FAMILY))
    corpusFit.push({ text: r.text, y: r.label, family: `second:${r.family}`, carrier: r.carrier ?? 'chat' });
for (const r of conceptNegatives(20261222, CONCEPT_NEGATIVES))
  corpusFit.push({ text: r.text, y: r.label, family: r.family, carrier: r.carrier ?? 'chat' });
const corpusSeen = new Set(corpusFit.map((c) => c.text));
// Corpus classes carry equal total weight, so its attack vocabulary (security words, commands) is not one-sided.
const corpusPos = corpusFit.filter((c) => c.y === 1).length;
const corpusBenignWeight = (CORPUS_WEIGHT * corpusPos) / Math.max(1, corpusFit.length - corpusPos);
for (const c of corpusFit)
  fit.push({
    text: c.text,
    y: c.y,
    w: c.y ? CORPUS_WEIGHT : corpusBenignWeight,
    origin: `corpus:${c.family}`,
  });
log(`coverage corpus ${corpusFit.length} texts (${corpusFit.filter((c) => c.y === 1).length} attack)`);
const pos = fit.filter((e) => e.y === 1).length;
const neg = fit.length - pos;
// Class balance; corpus texts keep their extra weight on top of it.
for (const e of fit) e.w = Math.max(e.w, 1) * (e.y === 1 ? fit.length / (2 * pos) : fit.length / (2 * neg));
log(`fit examples ${fit.length} (${pos} attack, ${neg} benign)`);

const feats: SparseVector[] = fit.map((e) =>
  extractFeatures(normaliseForFeatures(prepareText(e.text)), FEATURES),
);
log('features extracted');

// 3. Logistic regression with AdaGrad; FGSM on the feature vector: x_adv = x + eps * sign(dLoss/dx).
const w = new Float32Array(FEATURE_DIM);
const g2 = new Float32Array(FEATURE_DIM).fill(1e-6);
let bias = 0;
let gb2 = 1e-6;
const order = fit.map((_, i) => i);
const shuffle = seededRandom(3);
for (let epoch = 0; epoch < EPOCHS; epoch++) {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(shuffle() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  let loss = 0;
  for (const n of order) {
    const x = feats[n]!;
    const { y, w: sw } = fit[n]!;
    let z = bias;
    let l1 = 0;
    for (let k = 0; k < x.idx.length; k++) {
      const wi = w[x.idx[k]!]!;
      z += x.val[k]! * wi;
      l1 += Math.abs(wi);
    }
    const p = 1 / (1 + Math.exp(-z));
    const g = p - y;
    loss += sw * -(y ? Math.log(p + 1e-12) : Math.log(1 - p + 1e-12));
    const eps = FGSM_EPS / Math.sqrt(x.idx.length || 1);
    const sg = Math.sign(g);
    const gAdv = adversarial ? 1 / (1 + Math.exp(-(z + eps * sg * l1))) - y : 0;
    const a = adversarial ? 0.5 : 1;
    for (let k = 0; k < x.idx.length; k++) {
      const i = x.idx[k]!;
      const wi = w[i]!;
      const xAdv = x.val[k]! + eps * sg * Math.sign(wi);
      const grad = sw * (a * g * x.val[k]! + (adversarial ? 0.5 * gAdv * xAdv : 0)) + L2 * wi;
      g2[i]! += grad * grad;
      w[i] = wi - (LR * grad) / Math.sqrt(g2[i]!);
    }
    const gradB = sw * (a * g + (adversarial ? 0.5 * gAdv : 0));
    gb2 += gradB * gradB;
    bias -= (LR * gradB) / Math.sqrt(gb2);
  }
  log(`epoch ${epoch + 1}: mean loss ${(loss / order.length).toFixed(4)}`);
}

// 3b. Optional hidden-layer residual on top of the linear model (--hidden 0 turns it off).
const HIDDEN = numArg('--hidden', 0);
const mlp =
  HIDDEN > 0
    ? trainMlp(
        feats,
        fit,
        { weights: w, bias },
        {
          bits: numArg('--hidden-bits', 16),
          hidden: HIDDEN,
          epochs: numArg('--hidden-epochs', 4),
          lr: numArg('--hidden-lr', 0.05),
          eps: FGSM_EPS,
          adversarial,
          log,
        },
      )
    : undefined;

// 4. Character LM on benign fitting text.
const lm = trainCharLm(fitRows.filter((r) => !isAttack(r)).map((r) => r.text));
log('character LM built');

// 5. Combiner fitted on the calibration slice (plus its own synthetic forms), class-balanced.
const model: InjectionModel = {
  weights: w,
  bias,
  features: FEATURES,
  ...(mlp ? { mlp } : {}),
  lm,
  combiner: { intercept: 0, coef: SIGNAL_NAMES.map((_, k) => (k === 0 ? 1 : 0)) },
  threshold: 0.5,
  meta: {},
};
const cal = augment(calRows, seededRandom(11));
if (useCorpus)
  for (const c of [
    ...corpusTexts(20261203, Math.round(CORPUS_PER_FAMILY / 4)),
    ...(SECOND_PER_FAMILY > 0
      ? secondCorpus(20261213, Math.round(SECOND_PER_FAMILY / 4)).map((r) => ({
          text: r.text,
          y: r.label,
          family: `second:${r.family}`,
        }))
      : []),
    ...conceptNegatives(20261223, Math.round(CONCEPT_NEGATIVES / 4)).map((r) => ({
      text: r.text,
      y: r.label,
      family: r.family,
    })),
  ])
    if (!corpusSeen.has(c.text)) cal.push({ text: c.text, y: c.y, w: 1, origin: `corpus:${c.family}` });
const S = cal.map((e) => signalsOf(model, prepareText(e.text)).signals);
const X = S.map((sig) => SIGNAL_NAMES.map((n) => sig[n]));
const Y = cal.map((e) => e.y);
const cpos = Y.filter((y) => y === 1).length;
const cw = Y.map((y) => (y === 1 ? Y.length / (2 * cpos) : Y.length / (2 * (Y.length - cpos))));
const K = SIGNAL_NAMES.length;
const coef: number[] = SIGNAL_NAMES.map((_, k) => (k === 0 ? 1 : 0));
let intercept = 0;
for (let it = 0; it < 3000; it++) {
  const gc = new Array<number>(K).fill(0);
  let gi = 0;
  for (let n = 0; n < X.length; n++) {
    const xs = X[n]!;
    const z = intercept + coef.reduce((s, c, k) => s + c * xs[k]!, 0);
    const g = (1 / (1 + Math.exp(-z)) - Y[n]!) * cw[n]!;
    for (let k = 0; k < K; k++) gc[k]! += g * xs[k]!;
    gi += g;
  }
  for (let k = 0; k < K; k++) coef[k]! -= (0.05 * gc[k]!) / X.length + 1e-4 * coef[k]!;
  intercept -= (0.05 * gi) / X.length;
}
model.combiner = { intercept, coef };
log(
  `combiner ${SIGNAL_NAMES.map((n, k) => `${n}=${coef[k]!.toFixed(3)}`).join(' ')} b=${intercept.toFixed(3)}`,
);

// 6. Operating threshold: the BENIGN_QUANTILE quantile of calibration benign scores.
const scores = S.map((sig) => combine(model, sig));
const benignScores = scores.filter((_, n) => Y[n] === 0).sort((a, b) => a - b);
const tail = cal
  .map((e, n) => ({ origin: e.origin ?? 'synthetic', s: scores[n]!, y: e.y }))
  .filter((e) => e.y === 0)
  .sort((a, b) => b.s - a.s)
  .slice(0, 12);
log(`highest calibration benign: ${tail.map((e) => `${e.origin}=${e.s.toFixed(3)}`).join(', ')}`);
const trainThreshold = benignScores[Math.floor(benignScores.length * BENIGN_QUANTILE)] ?? 0.5;
// Realistic benign traffic written for Warden (chat, system prompts, long documents, code), never fitted.
const traffic = useCorpus
  ? [
      ...calibrationTraffic(20261204, 3000, corpusSeen),
      ...(SECOND_PER_FAMILY > 0 ? secondCalibration(20261214, 3000, corpusSeen).map((r) => r.text) : []),
    ]
  : [];
const trafficScores = traffic
  .map((t) => combine(model, signalsOf(model, prepareText(t)).signals))
  .sort((a, b) => a - b);
const trafficThreshold = trafficScores[Math.floor(trafficScores.length * TRAFFIC_QUANTILE)] ?? 0;
const threshold = Math.max(0.5, trainThreshold, trafficThreshold, THRESHOLD_FLOOR);
log(
  `threshold candidates: TRAIN benign q${BENIGN_QUANTILE} ${trainThreshold.toFixed(3)}, traffic (${traffic.length}) q${TRAFFIC_QUANTILE} ${trafficThreshold.toFixed(3)}`,
);
const tpr = scores.filter((s, n) => Y[n] === 1 && s >= threshold).length / cpos;
const fpr = benignScores.filter((s) => s >= threshold).length / benignScores.length;
model.threshold = threshold;
model.meta = {
  trainedOn: TRAIN_FILES.map((f) => f.file),
  rows: trainRows,
  fitExamples: fit.length,
  extraBenignTexts: local.length,
  benignPackages: useLocal ? pinnedPackages(repoRoot) : [],
  augmentAttacks: AUGMENT_ATTACKS,
  adversarial,
  fgsmEpsilon: FGSM_EPS,
  epochs: EPOCHS,
  hidden: HIDDEN,
  calibration: {
    examples: cal.length,
    tpr,
    fpr,
    traffic: traffic.length,
    trafficFpr: trafficScores.filter((v) => v >= threshold).length / Math.max(1, trafficScores.length),
    trainThreshold,
    trafficThreshold,
    thresholdFloor: THRESHOLD_FLOOR,
  },
  features: FEATURES,
  corpus: useCorpus
    ? {
        texts: corpusFit.length,
        seed: 20261202,
        weight: CORPUS_WEIGHT,
        second: SECOND_PER_FAMILY > 0 ? { perFamily: SECOND_PER_FAMILY, seed: 20261212 } : null,
        ...(CONCEPT_NEGATIVES > 0 ? { conceptNegatives: { n: CONCEPT_NEGATIVES, seed: 20261222 } } : {}),
      }
    : null,
};
writeFileSync(out, encodeModel(model));
log(
  `threshold ${threshold.toFixed(3)}: calibration TPR ${(tpr * 100).toFixed(1)}% FPR ${(fpr * 100).toFixed(2)}% -> ${out}`,
);
