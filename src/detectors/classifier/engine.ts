// Scores texts with an ONNX sequence classifier: tokenised once, long texts cut into overlapping token
// windows, windows run in batches; a text's score is its most attack-like window. Runs in the worker thread.

import type { Tokenizer } from '@huggingface/tokenizers';
import type { InferenceSession, Tensor } from 'onnxruntime-node';
import type { ModelDir } from './model-dir.js';
import { type ClassifierRuntime, loadClassifierRuntime } from './runtime.js';

export interface EngineOptions {
  /** Windows per inference batch. */
  batchSize: number;
  /** Texts longer than this many characters are cut before tokenising (a bound on work per text). */
  maxChars: number;
}

export interface TextScore {
  score: number;
  windows: number;
}

export class ClassifierEngine {
  private constructor(
    private readonly rt: ClassifierRuntime,
    private readonly model: ModelDir,
    private readonly session: InferenceSession,
    private readonly tokenizer: Tokenizer,
    private readonly prefix: number[],
    private readonly suffix: number[],
    private readonly padId: number,
    private readonly opts: EngineOptions,
  ) {}

  static async open(model: ModelDir, opts: EngineOptions): Promise<ClassifierEngine> {
    const rt = await loadClassifierRuntime();
    const session = await rt.ort.InferenceSession.create(model.onnxPath, {
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
      graphOptimizationLevel: 'all',
    });
    const tokenizer = new rt.tokenizers.Tokenizer(model.tokenizerJson, model.tokenizerConfig);
    // The special tokens the model expects around a sequence, read from the tokenizer's own post-processor.
    const bare = tokenizer.encode('a', { add_special_tokens: false }).ids.map(Number);
    const full = tokenizer.encode('a', { add_special_tokens: true }).ids.map(Number);
    const at = indexOfRun(full, bare);
    const prefix = at >= 0 ? full.slice(0, at) : [];
    const suffix = at >= 0 ? full.slice(at + bare.length) : [];
    const padName = String(model.tokenizerConfig.pad_token ?? '[PAD]');
    const padId = tokenizer.token_to_id(padName) ?? 0;
    return new ClassifierEngine(rt, model, session, tokenizer, prefix, suffix, padId, opts);
  }

  /** The model's input names (for checks: a DeBERTa-v2 export has no token_type_ids). */
  get inputNames(): readonly string[] {
    return this.session.inputNames;
  }

  private windows(text: string): number[][] {
    const ids = this.tokenizer
      .encode(text.slice(0, this.opts.maxChars), { add_special_tokens: false })
      .ids.map(Number);
    const room = Math.max(1, this.model.maxTokens - this.prefix.length - this.suffix.length);
    const stride = Math.max(1, Math.floor(room / 2));
    const out: number[][] = [];
    for (let s = 0; ; s += stride) {
      out.push([...this.prefix, ...ids.slice(s, s + room), ...this.suffix]);
      if (s + room >= ids.length) break;
    }
    return out;
  }

  async score(texts: readonly string[]): Promise<TextScore[]> {
    const owner: number[] = [];
    const all: number[][] = [];
    texts.forEach((t, i) => {
      for (const w of this.windows(t)) {
        all.push(w);
        owner.push(i);
      }
    });
    const scores = texts.map(() => ({ score: 0, windows: 0 }));
    for (let b = 0; b < all.length; b += this.opts.batchSize) {
      const batch = all.slice(b, b + this.opts.batchSize);
      const probs = await this.run(batch);
      probs.forEach((p, j) => {
        const s = scores[owner[b + j]!]!;
        s.windows++;
        s.score = Math.max(s.score, p);
      });
    }
    return scores;
  }

  /** Attack probability of each window (softmax over the labels, attack labels summed). */
  private async run(batch: readonly number[][]): Promise<number[]> {
    const { Tensor: T } = this.rt.ort;
    const width = Math.max(...batch.map((w) => w.length));
    const ids = new BigInt64Array(batch.length * width);
    const mask = new BigInt64Array(batch.length * width);
    batch.forEach((w, r) => {
      for (let c = 0; c < width; c++) {
        ids[r * width + c] = BigInt(c < w.length ? w[c]! : this.padId);
        mask[r * width + c] = c < w.length ? 1n : 0n;
      }
    });
    const dims = [batch.length, width];
    const feeds: Record<string, Tensor> = {};
    for (const name of this.session.inputNames) {
      if (name === 'input_ids') feeds[name] = new T('int64', ids, dims);
      else if (name === 'attention_mask') feeds[name] = new T('int64', mask, dims);
      else if (name === 'token_type_ids') feeds[name] = new T('int64', new BigInt64Array(ids.length), dims);
      else throw new Error(`classifier: the model wants an input '${name}' Warden cannot supply`);
    }
    const out = await this.session.run(feeds);
    const logits = (out.logits ?? out[this.session.outputNames[0]!])!;
    const labels = logits.dims[1] ?? 0;
    if (labels !== this.model.labels.length)
      throw new Error(`classifier: the model gives ${labels} logits for ${this.model.labels.length} labels`);
    const data = logits.data as Float32Array;
    return batch.map((_w, r) => {
      const row = data.subarray(r * labels, (r + 1) * labels);
      const max = Math.max(...row);
      let sum = 0;
      let attack = 0;
      for (let k = 0; k < labels; k++) {
        const e = Math.exp(row[k]! - max);
        sum += e;
        if (this.model.attackIndices.includes(k)) attack += e;
      }
      return attack / sum;
    });
  }

  async close(): Promise<void> {
    await this.session.release();
  }
}

function indexOfRun(haystack: readonly number[], needle: readonly number[]): number {
  for (let i = 0; i + needle.length <= haystack.length; i++) {
    if (needle.every((n, j) => haystack[i + j] === n)) return i;
  }
  return -1;
}
