// Locates ../shared/datasets and reads its JSONL files by role (TRAIN vs DEV-EVAL), for scripts and benches.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { normaliseForFeatures } from '../src/detectors/injection/features.js';
import { seededRandom } from '../src/detectors/injection/perturb.js';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface Row {
  text: string;
  label: 'injection' | 'jailbreak' | 'benign';
  split?: string;
  category?: string;
  [k: string]: unknown;
}

export function datasetsDir(): string {
  const dir = process.env.WARDEN_DATASETS ?? resolve(repoRoot, '../shared/datasets');
  if (!existsSync(join(dir, 'README.md'))) {
    throw new Error(`datasets not found at ${dir}: set WARDEN_DATASETS to the shared datasets folder`);
  }
  return dir;
}

export function readRows(file: string): Row[] {
  const text = readFileSync(join(datasetsDir(), file), 'utf8');
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Row);
}

export const isAttack = (r: Row) => r.label !== 'benign';

/** TRAIN files (README "Roles in this project"); bipia only split=train. */
export const TRAIN_FILES: readonly { file: string; filter?: (r: Row) => boolean }[] = [
  { file: 'deepset-prompt-injections/deepset_prompt_injections.jsonl' },
  { file: 'verazuo-jailbreak-llms/verazuo_jailbreak_prompts_2023_05_07.jsonl' },
  { file: 'garak/garak_attacks.jsonl' },
  { file: 'gptfuzz/gptfuzz_templates_filled.jsonl' },
  { file: 'pyrit/pyrit_attacks.jsonl' },
  { file: 'giskard-prompt-injections/giskard_prompt_injections.jsonl' },
  { file: 'bipia/bipia_indirect_injections.jsonl', filter: (r) => r.split === 'train' },
  { file: 'bipia/bipia_clean_contexts.jsonl', filter: (r) => r.split === 'train' },
  { file: 'self-instruct/self_instruct_instructions.jsonl' },
  { file: 'gpteacher-roleplay/gpteacher_roleplay.jsonl' },
  { file: 'gsm8k/gsm8k_train_questions.jsonl' },
  { file: 'awesome-chatgpt-prompts/awesome_chatgpt_prompts.jsonl' },
];

/** Fisher-Yates shuffle in place with the detector's seeded generator: the training scripts' row order. */
export function shuffleInPlace<T>(xs: T[], seed: number): T[] {
  const rnd = seededRandom(seed);
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}

/** A TRAIN row and the dataset folder it came from. */
export interface TrainRow {
  row: Row;
  folder: string;
}

/**
 * The TRAIN rows, de-duplicated on their normalised text, shuffled (seed 42) and cut 85/15 into a fitting
 * part and a calibration slice: the split the shipped injection model is trained on.
 */
export function trainSplit(): { fit: TrainRow[]; cal: TrainRow[] } {
  const seen = new Set<string>();
  const rows: TrainRow[] = [];
  for (const f of TRAIN_FILES) {
    for (const r of readRows(f.file)) {
      if (f.filter && !f.filter(r)) continue;
      const key = normaliseForFeatures(r.text);
      if (!r.text || seen.has(key)) continue;
      seen.add(key);
      rows.push({ row: r, folder: f.file.split('/')[0]! });
    }
  }
  shuffleInPlace(rows, 42);
  const cut = Math.floor(rows.length * 0.85);
  return { fit: rows.slice(0, cut), cal: rows.slice(cut) };
}

export interface EvalFile {
  name: string;
  file: string;
  kind: 'attack' | 'benign';
  filter?: (r: Row) => boolean;
  note?: string;
}

/** DEV-EVAL files: never used for training. */
export const EVAL_FILES: readonly EvalFile[] = [
  {
    name: 'jailbreakbench (excl. JailbreakChat)',
    file: 'jailbreakbench-artifacts/jbb_attack_prompts.jsonl',
    kind: 'attack',
    filter: (r) => r.category !== 'JailbreakChat' && r.method !== 'JBC',
    note: 'JailbreakChat (AIM) rows excluded: the template is in verazuo/pyrit TRAIN data',
  },
  { name: 'spikee injections', file: 'spikee/spikee_injections.jsonl', kind: 'attack' },
  {
    name: 'cyberseceval injections',
    file: 'purplellama-cyberseceval/cyberseceval_prompt_injection.jsonl',
    kind: 'attack',
  },
  {
    name: 'bipia test injections',
    file: 'bipia/bipia_indirect_injections.jsonl',
    kind: 'attack',
    filter: (r) => r.split === 'test',
  },
  {
    name: 'injecguard valid (attacks)',
    file: 'injecguard-notinject/injecguard_valid_mixed.jsonl',
    kind: 'attack',
    filter: isAttack,
  },
  { name: 'NotInject', file: 'injecguard-notinject/notinject_benign_trigger_words.jsonl', kind: 'benign' },
  { name: 'WildGuard benign', file: 'injecguard-notinject/wildguard_benign.jsonl', kind: 'benign' },
  { name: 'XSTest safe', file: 'xstest/xstest_safe_prompts.jsonl', kind: 'benign' },
  {
    name: 'CyberSecEval borderline',
    file: 'purplellama-cyberseceval/cyberseceval_frr_benign_borderline.jsonl',
    kind: 'benign',
  },
  { name: 'spikee FP emails', file: 'spikee/spikee_false_positive_check.jsonl', kind: 'benign' },
  { name: 'arena-hard', file: 'arena-hard-auto/arena_hard_prompts.jsonl', kind: 'benign' },
  {
    name: 'bipia test clean',
    file: 'bipia/bipia_clean_contexts.jsonl',
    kind: 'benign',
    filter: (r) => r.split === 'test',
  },
  {
    name: 'injecguard valid (benign)',
    file: 'injecguard-notinject/injecguard_valid_mixed.jsonl',
    kind: 'benign',
    filter: (r) => !isAttack(r),
  },
];

export function evalRows(f: EvalFile): Row[] {
  const rows = readRows(f.file);
  return f.filter ? rows.filter(f.filter) : rows;
}
