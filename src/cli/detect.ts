// `warden detect`: scores JSONL files (one summary line per file) or one text (the full guard decision).
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import pino from 'pino';
import type { GuardContext } from '../core/context.js';
import type { Decision } from '../core/decision.js';
import { detectInjection } from '../detectors/injection/detector.js';
import { loadInjectionModel } from '../detectors/injection/model.js';
import { injectionGuard } from '../guards/input/injection/index.js';
import { unicodeGuard } from '../guards/input/unicode/index.js';

interface DetectOpts {
  text?: string;
  threshold?: string;
  model?: string;
  classifier?: string;
  injectionLabels?: string;
}

/** A transformer classifier as the injection guard's second stage (`--classifier DIR`). */
export interface ClassifierFlag {
  path: string;
  injectionLabels?: string[];
}

export async function scoreFile(file: string, threshold: number, modelPath?: string) {
  const model = loadInjectionModel(modelPath);
  let n = 0;
  let flagged = 0;
  let invalid = 0;
  const lines = createInterface({
    input: createReadStream(file, 'utf8'),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  for await (const line of lines) {
    if (!line.trim()) continue;
    let text: unknown;
    try {
      text = (JSON.parse(line) as { text?: unknown }).text;
    } catch {
      invalid++;
      continue;
    }
    if (typeof text !== 'string') {
      invalid++;
      continue;
    }
    n++;
    if (detectInjection(text, { model, threshold }).flagged) flagged++;
  }
  return { file, n, flagged, rate: n ? flagged / n : 0, ...(invalid ? { invalid } : {}) };
}

/** The decision the unicode + injection guards reach for one user message. */
export async function decideText(
  text: string,
  threshold?: number,
  modelPath?: string,
  classifier?: ClassifierFlag,
): Promise<Decision> {
  const log = pino({ level: 'silent' });
  const env = { log, dataDir: '.warden-data', secrets: [] };
  const ctx: GuardContext = {
    requestId: 'cli',
    route: 'chat',
    principal: { id: 'cli', kind: 'anonymous', scopes: [] },
    model: 'cli',
    body: { messages: [{ role: 'user', content: text }] },
    state: new Map(),
    log,
  };
  const signal = new AbortController().signal;
  const uni = unicodeGuard.create(
    unicodeGuard.options.parse({}),
    { id: 'unicode', phase: 'request', failMode: 'closed' },
    env,
  );
  const u = await uni.check(ctx, signal);
  if (u.action === 'transform') u.patch?.(ctx);
  const opts = injectionGuard.options.parse({
    ...(threshold === undefined ? {} : { threshold }),
    ...(modelPath ? { modelPath } : {}),
    // From the CLI the model sees every text the lexical stage does not block.
    ...(classifier ? { classifier: { ...classifier, uncertainFrom: 0, deadlineMs: 60_000 } } : {}),
  });
  const guard = injectionGuard.create(opts, { id: 'injection', phase: 'request', failMode: 'closed' }, env);
  return guard.check(ctx, signal);
}

export function registerDetect(program: Command, done: (p: Promise<number>) => void): void {
  program
    .command('detect')
    .description('Score texts for prompt injection: JSONL files (the "text" field of each line) or --text')
    .argument('[files...]', 'JSONL files to score')
    .option('--text <text>', 'score one text and print the full decision')
    .option('--threshold <score>', 'operating threshold (default: the model threshold)')
    .option('--model <file>', 'injection model file (default: the bundled model)')
    .option(
      '--classifier <dir>',
      'with --text: an ONNX sequence classifier directory as the second stage (docs/detector.md)',
    )
    .option(
      '--injection-labels <labels>',
      'comma-separated labels of --classifier that mean an attack (e.g. LABEL_1)',
    )
    .action((files: string[], opts: DetectOpts) =>
      done(
        (async () => {
          const threshold = opts.threshold === undefined ? undefined : Number(opts.threshold);
          if (threshold !== undefined && !(threshold >= 0 && threshold <= 1)) {
            process.stderr.write('warden detect: --threshold must be between 0 and 1\n');
            return 2;
          }
          const classifier = opts.classifier
            ? {
                path: opts.classifier,
                ...(opts.injectionLabels
                  ? { injectionLabels: opts.injectionLabels.split(',').map((l) => l.trim()) }
                  : {}),
              }
            : undefined;
          if (classifier && opts.text === undefined) {
            process.stderr.write('warden detect: --classifier scores one text: use it with --text\n');
            return 2;
          }
          if (opts.text !== undefined) {
            const d = await decideText(opts.text, threshold, opts.model, classifier);
            const { patch: _patch, ...printable } = d as Decision & { patch?: unknown };
            process.stdout.write(`${JSON.stringify(printable)}\n`);
            return d.action === 'block' ? 1 : 0;
          }
          if (files.length === 0) {
            process.stderr.write('warden detect: give JSONL files or --text\n');
            return 2;
          }
          const t = threshold ?? loadInjectionModel(opts.model).threshold;
          for (const f of files)
            process.stdout.write(`${JSON.stringify(await scoreFile(f, t, opts.model))}\n`);
          return 0;
        })(),
      ),
    );
}
