// Reads a Hugging Face sequence-classification model directory exported to ONNX (config.json, tokenizer.json,
// onnx/model.onnx) and decides which labels mean "attack"; every problem is a start-up error that says why.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface ModelDir {
  dir: string;
  onnxPath: string;
  tokenizerJson: Record<string, unknown>;
  tokenizerConfig: Record<string, unknown>;
  /** Label names by output index. */
  labels: string[];
  /** Output indices whose probabilities add up to the attack score. */
  attackIndices: number[];
  /** Tokens per window, special tokens included. */
  maxTokens: number;
}

export class ClassifierModelError extends Error {}

/** Label names that mean an attack without being told (Prompt Guard 1, ProtectAI deberta, many others). */
const ATTACK_NAME = /^(injection|prompt[_ -]?injection|jailbreak|malicious|unsafe|attack)$/i;
const GENERIC_NAME = /^label_\d+$/i;

function readJson(path: string, what: string): Record<string, unknown> {
  if (!existsSync(path)) throw new ClassifierModelError(`classifier: ${what} not found at ${path}`);
  try {
    const v = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error('not a JSON object');
    return v as Record<string, unknown>;
  } catch (err) {
    throw new ClassifierModelError(
      `classifier: ${what} at ${path} is not valid JSON (${(err as Error).message})`,
    );
  }
}

/** The labels in output order, from config.json's id2label. */
function labelsOf(config: Record<string, unknown>, dir: string): string[] {
  const id2label = config.id2label as Record<string, unknown> | undefined;
  if (!id2label || typeof id2label !== 'object') {
    throw new ClassifierModelError(
      `classifier: ${dir}/config.json has no id2label: is it a sequence-classification model?`,
    );
  }
  const entries = Object.entries(id2label).map(([k, v]) => [Number(k), String(v)] as const);
  const n = entries.length;
  const labels = new Array<string>(n);
  for (const [i, name] of entries) {
    if (!Number.isInteger(i) || i < 0 || i >= n)
      throw new ClassifierModelError(`classifier: id2label index ${i} out of range`);
    labels[i] = name;
  }
  if (n < 2) throw new ClassifierModelError('classifier: a classifier needs at least two labels');
  return labels;
}

/**
 * Which outputs mean "attack": the names given in `injectionLabels` (names or indices as strings), else the
 * recognised names. LABEL_n models (Prompt Guard 2) must be told, since nothing in the file says which is which.
 */
export function attackIndicesOf(labels: readonly string[], injectionLabels?: readonly string[]): number[] {
  if (injectionLabels && injectionLabels.length > 0) {
    return injectionLabels.map((name) => {
      const at = labels.findIndex((l) => l.toLowerCase() === name.toLowerCase());
      if (at >= 0) return at;
      // An output index written as a string ("1"), when no label has that name.
      if (/^\d{1,4}$/.test(name) && Number(name) < labels.length) return Number(name);
      throw new ClassifierModelError(
        `classifier: injectionLabels names '${name.slice(0, 40)}', but the model's labels are ${labels.join(', ')}`,
      );
    });
  }
  const named = labels.flatMap((l, i) => (ATTACK_NAME.test(l) ? [i] : []));
  if (named.length > 0) return named;
  const generic = labels.every((l) => GENERIC_NAME.test(l));
  throw new ClassifierModelError(
    generic
      ? `classifier: the model's labels are ${labels.join(', ')}; set injectionLabels to the ones that mean an attack (Llama Prompt Guard 2: [LABEL_1])`
      : `classifier: none of the labels ${labels.join(', ')} is recognised as an attack; set injectionLabels`,
  );
}

export function readModelDir(
  path: string,
  opts: { injectionLabels?: readonly string[]; maxTokens?: number } = {},
): ModelDir {
  const dir = resolve(path);
  if (!existsSync(dir)) throw new ClassifierModelError(`classifier: model directory ${dir} does not exist`);
  const config = readJson(join(dir, 'config.json'), 'config.json');
  const tokenizerJson = readJson(join(dir, 'tokenizer.json'), 'tokenizer.json');
  const tokenizerConfig = existsSync(join(dir, 'tokenizer_config.json'))
    ? readJson(join(dir, 'tokenizer_config.json'), 'tokenizer_config.json')
    : {};
  const onnxPath = [join(dir, 'onnx', 'model.onnx'), join(dir, 'model.onnx')].find((p) => existsSync(p));
  if (!onnxPath)
    throw new ClassifierModelError(
      `classifier: no onnx/model.onnx in ${dir} (export the model to ONNX first: docs/detector.md)`,
    );
  const labels = labelsOf(config, dir);
  const attackIndices = attackIndicesOf(labels, opts.injectionLabels);
  const declared = [tokenizerConfig.model_max_length, config.max_position_embeddings]
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 4 && n < 100_000);
  const maxTokens = Math.min(opts.maxTokens ?? 512, ...declared);
  return { dir, onnxPath, tokenizerJson, tokenizerConfig, labels, attackIndices, maxTokens };
}
