// The pure detector work the CPU pool may run, by task name: text and options in, plain results out.
import type { CpuTaskTable } from '../core/cpu-pool.js';
import { detectExfiltration, type ExfilScanOptions } from './exfil/index.js';
import type { Finding } from './finding.js';
import { detectInjection, type InjectionResult, prepareText } from './injection/detector.js';
import { loadInjectionModel } from './injection/model.js';
import { detectPii, type PiiScanOptions } from './pii/index.js';
import { secretForms } from './secrets/encodings.js';
import { detectSecrets } from './secrets/index.js';

export interface InjectionBatch {
  /** Model file; the bundled model when absent. */
  modelPath?: string | undefined;
  texts: { text: string; threshold: number }[];
}

/** One scored text; `spanText` is the prepared text of the top-scoring span, given only when flagged. */
export type ScoredText = InjectionResult & { spanText: string };

export const detectorTasks = {
  injection: (input: InjectionBatch): ScoredText[] => {
    const model = loadInjectionModel(input.modelPath);
    return input.texts.map(({ text, threshold }) => {
      const r = detectInjection(text, { model, threshold });
      return { ...r, spanText: r.flagged ? prepareText(text).slice(r.span.start, r.span.end) : '' };
    });
  },
  secrets: (input: { text: string; held: readonly string[]; minEntropy: number }): Finding[] =>
    detectSecrets(input.text, {
      held: input.held,
      heldForms: secretForms(input.held),
      minEntropy: input.minEntropy,
    }),
  pii: (input: { text: string; options: PiiScanOptions }): Finding[] => detectPii(input.text, input.options),
  /** A whole text from its start (no fence state carried over from earlier stream windows). */
  exfil: (input: { text: string; options: ExfilScanOptions }): Finding[] =>
    detectExfiltration(input.text, input.options),
} satisfies CpuTaskTable;

export type DetectorTasks = typeof detectorTasks;
export type DetectorTask = keyof DetectorTasks;

/** The worker entry beside this module, in src/ under tsx or in dist/ when built. */
export const detectorWorkerEntry = new URL(
  import.meta.url.endsWith('.ts') ? './cpu-worker.ts' : './cpu-worker.js',
  import.meta.url,
);
