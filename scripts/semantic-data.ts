// The texts of the semantic-encoder experiment: TRAIN rows split exactly as scripts/train-injection.ts
// splits them (so the shipped lexical model's score is held-out on the calibration slice), a stratified
// cap on the bulk benign sets, repo-written synthetic attacks for fitting only, and the DEV-EVAL files.
import { seededRandom } from '../src/detectors/injection/perturb.js';
import {
  EVAL_FILES,
  type EvalFile,
  evalRows,
  isAttack,
  type Row,
  repoRoot,
  shuffleInPlace,
  type TrainRow,
  trainSplit,
} from './datasets.js';
import { persuasionExamples, suffixExamples, techniqueExamples } from './injection-techniques.js';
import { multilingualAttackExamples } from './multilingual-attacks.js';
import { multilingualBenignRows } from './multilingual-benign.js';
import { packageTextChunks } from './package-benign.js';
import { textKey } from './semantic-cache.js';

export interface Labelled {
  text: string;
  y: 0 | 1;
  /** Dataset folder, 'local' or 'synthetic'. */
  origin: string;
}

export interface SemanticData {
  /** Rows the encoder-based models are fitted on. */
  fit: Labelled[];
  /** Extra synthetic PAIR-style and GCG-style attacks (a variant adds them to `fit`). */
  fitExtra: Labelled[];
  /** The held-out TRAIN slice: stacking combiners and the operating threshold are chosen here. */
  cal: Labelled[];
  eval: { file: EvalFile; texts: string[]; rows: Row[] }[];
}

export interface SampleOptions {
  /** Share of gsm8k rows kept (math word problems: bulk, easy benign). */
  gsm8kKeep: number;
  /** Share of pinned-package text chunks kept. */
  packageKeep: number;
}

// A deterministic keep/drop by text hash, so the cap does not depend on row order.
const kept = (text: string, share: number) =>
  Number.parseInt(textKey(text).slice(0, 8), 16) / 2 ** 32 < share;

export function semanticData(opts: SampleOptions): SemanticData {
  // The split scripts/train-injection.ts trains on.
  const split = trainSplit();
  const labelled = (ts: TrainRow[]): Labelled[] =>
    ts.map(({ row, folder }) => ({ text: row.text, y: isAttack(row) ? 1 : 0, origin: folder }));
  const local = shuffleInPlace(
    [
      ...multilingualBenignRows(seededRandom(21), 3000).map((text) => ({ text, pkg: false })),
      ...packageTextChunks(repoRoot).map((text) => ({ text, pkg: true })),
    ],
    13,
  );
  const localCut = Math.floor(local.length * 0.85);
  const sample = (xs: Labelled[]) =>
    xs.filter(
      (r) =>
        (r.origin !== 'gsm8k' || kept(r.text, opts.gsm8kKeep)) &&
        (r.origin !== 'package' || kept(r.text, opts.packageKeep)),
    );
  const asLocal = (xs: typeof local): Labelled[] =>
    xs.map(({ text, pkg }) => ({ text, y: 0, origin: pkg ? 'package' : 'local' }));
  const fit = sample([...labelled(split.fit), ...asLocal(local.slice(0, localCut))]);
  const cal = sample([...labelled(split.cal), ...asLocal(local.slice(localCut))]);

  // The synthetic forms the shipped lexical model is trained with (technique frames, multilingual attacks).
  const synth = (xs: { text: string; y: 0 | 1 }[]): Labelled[] =>
    xs.map((e) => ({ text: e.text, y: e.y, origin: 'synthetic' }));
  fit.push(
    ...synth(techniqueExamples(seededRandom(7), 1000)),
    ...synth(multilingualAttackExamples(seededRandom(8), 1500)),
  );
  const fitExtra = synth([
    ...persuasionExamples(seededRandom(9), 400),
    ...suffixExamples(seededRandom(10), 300),
  ]);
  const evalSets = EVAL_FILES.map((file) => {
    const rows = evalRows(file);
    return { file, rows, texts: rows.map((r) => r.text) };
  });
  return { fit, fitExtra, cal, eval: evalSets };
}

/** Every distinct text the experiment embeds. */
export function allTexts(d: SemanticData): string[] {
  return [
    ...new Set([...d.fit, ...d.fitExtra, ...d.cal].map((r) => r.text).concat(d.eval.flatMap((e) => e.texts))),
  ];
}
