// The injection guard's second stage: an in-process transformer classifier (its own worker thread) scores the
// texts the lexical detector is unsure about, and every untrusted part, under its own deadline (fail closed).
import { createRequire } from 'node:module';
import { z } from 'zod';
import { ClassifierClient } from '../../../detectors/classifier/client.js';
import { readModelDir } from '../../../detectors/classifier/model-dir.js';
import { INSTALL_HINT } from '../../../detectors/classifier/runtime.js';

export const classifierOptions = z
  .object({
    path: z
      .string()
      .min(1)
      .describe(
        'Directory of a Hugging Face sequence classifier exported to ONNX (config.json, tokenizer.json, onnx/model.onnx); local files only.',
      ),
    injectionLabels: z
      .array(z.string().min(1))
      .optional()
      .describe(
        'Labels that mean an attack, for models whose labels are LABEL_n (Llama Prompt Guard 2: [LABEL_1]).',
      ),
    threshold: z
      .number()
      .min(0)
      .max(1)
      .default(0.5)
      .describe("The model's attack probability at or above which a text is blocked."),
    uncertainFrom: z
      .number()
      .min(0)
      .max(1)
      .default(0.2)
      .describe(
        'Lexical scores from this value up to the lexical threshold are uncertain and go to the model.',
      ),
    untrusted: z
      .enum(['always', 'uncertain'])
      .default('always')
      .describe(
        'always: every untrusted part (tool results, documents) is scored by the model; uncertain: only its uncertain band.',
      ),
    deadlineMs: z
      .number()
      .int()
      .positive()
      .max(60_000)
      .default(2000)
      .describe('Deadline of the model stage; past it the request is blocked (fail closed).'),
    maxTokens: z
      .number()
      .int()
      .min(8)
      .max(8192)
      .optional()
      .describe("Tokens per window (default: the model's own limit, at most 512)."),
    batchSize: z.number().int().min(1).max(256).default(16).describe('Windows per inference batch.'),
    maxChars: z
      .number()
      .int()
      .positive()
      .default(200_000)
      .describe(
        'Characters of one text the model reads at most; a longer text that must go to the model blocks the request (fail closed).',
      ),
  })
  .strict();

export type ClassifierOptions = z.output<typeof classifierOptions>;

export interface CascadeItem {
  text: string;
  untrusted: boolean;
  /** The lexical detector's score and the threshold it was held to. */
  lexical: number;
  limit: number;
}

export type CascadeVerdict =
  | { stage: 'lexical'; attack: boolean }
  | { stage: 'classifier'; attack: boolean; score: number; windows: number };

/** Fails at start-up, before any request, when the runtime packages or the model files are missing. */
export function checkInstalled(
  resolvePackage: (pkg: string) => string = createRequire(import.meta.url).resolve,
): void {
  for (const pkg of ['onnxruntime-node', '@huggingface/tokenizers']) {
    try {
      resolvePackage(pkg);
    } catch {
      throw new Error(`injection.classifier needs the package ${pkg}; install it with: ${INSTALL_HINT}`);
    }
  }
}

export class ClassifierTextTooLong extends Error {
  constructor(maxChars: number) {
    super(`a text the classifier must score is longer than its maxChars (${maxChars})`);
    this.name = 'ClassifierTextTooLong';
  }
}

export class InjectionCascade {
  private readonly client: Promise<ClassifierClient>;

  constructor(readonly opts: ClassifierOptions) {
    checkInstalled();
    readModelDir(opts.path, {
      ...(opts.injectionLabels ? { injectionLabels: opts.injectionLabels } : {}),
      ...(opts.maxTokens ? { maxTokens: opts.maxTokens } : {}),
    });
    this.client = ClassifierClient.start({
      path: opts.path,
      ...(opts.injectionLabels ? { injectionLabels: opts.injectionLabels } : {}),
      ...(opts.maxTokens ? { maxTokens: opts.maxTokens } : {}),
      batchSize: opts.batchSize,
      maxChars: opts.maxChars,
    });
    // A load failure surfaces (and blocks) on the first check; this only keeps it from being unhandled.
    this.client.catch(() => {});
  }

  /** Whether the model must see this text: the lexical stage decides clear cases. */
  needsModel(item: CascadeItem): boolean {
    if (item.lexical >= item.limit) return false;
    if (item.untrusted && this.opts.untrusted === 'always') return true;
    return item.lexical >= this.opts.uncertainFrom;
  }

  /** One verdict per item, in order; rejects (the guard fails closed) on a model error or at the deadline. */
  async decide(items: readonly CascadeItem[]): Promise<CascadeVerdict[]> {
    const verdicts: CascadeVerdict[] = items.map((it) => ({
      stage: 'lexical',
      attack: it.lexical >= it.limit,
    }));
    const ask = items.flatMap((it, i) => (this.needsModel(it) ? [i] : []));
    if (ask.length === 0) return verdicts;
    // The model reads at most maxChars of a text: a longer one is not scored in part and let through.
    if (ask.some((i) => items[i]!.text.length > this.opts.maxChars))
      throw new ClassifierTextTooLong(this.opts.maxChars);
    const started = performance.now();
    const client = await withDeadline(this.client, this.opts.deadlineMs);
    const left = Math.max(1, this.opts.deadlineMs - (performance.now() - started));
    const scores = await client.score(
      ask.map((i) => items[i]!.text),
      left,
    );
    ask.forEach((i, k) => {
      const s = scores[k]!;
      verdicts[i] = {
        stage: 'classifier',
        attack: s.score >= this.opts.threshold,
        score: s.score,
        windows: s.windows,
      };
    });
    return verdicts;
  }

  async close(): Promise<void> {
    await (await this.client.catch(() => undefined))?.close();
  }
}

function withDeadline<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`classifier not ready within ${ms} ms`)), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(t);
        reject(e);
      },
    );
  });
}
