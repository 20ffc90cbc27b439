// Request guard that scores every caller and untrusted text part (and decoded hidden payloads) for prompt
// injection and jailbreaks, and blocks above the operating threshold.
import { z } from 'zod';
import { requestTexts } from '../../../core/context.js';
import { allow, block, type Decision } from '../../../core/decision.js';
import { redactExcerpt } from '../../../core/redact.js';
import { detectInjection, prepareText } from '../../../detectors/injection/detector.js';
import { loadInjectionModel } from '../../../detectors/injection/model.js';
import { defineGuardType } from '../../types.js';
import { UNICODE_HIDDEN_STATE, UNICODE_OBFUSCATION_STATE } from '../unicode/index.js';
import { type CascadeVerdict, classifierOptions, InjectionCascade } from './cascade.js';

const options = z
  .object({
    threshold: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe(
        "Score at or above which a caller's text is blocked; defaults to the model's operating threshold.",
      ),
    untrustedThreshold: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe('Threshold for untrusted parts (tool results, documents); defaults to `threshold`.'),
    obfuscatedThreshold: z
      .number()
      .min(0)
      .max(1)
      .default(0.5)
      .describe(
        'Threshold once the unicode guard removed a disguise (zero-width, bidi, tags, mixed-script words): text dressed up to evade filters needs less evidence.',
      ),
    obfuscationMinimum: z
      .number()
      .int()
      .positive()
      .default(3)
      .describe('Disguise marks (counted by the unicode guard) from which obfuscatedThreshold applies.'),
    scoreOperator: z
      .boolean()
      .default(false)
      .describe('Also score operator text (system and developer messages).'),
    action: z
      .enum(['block', 'flag'])
      .default('block')
      .describe('block: reject the request; flag: allow it and report the score.'),
    modelPath: z
      .string()
      .optional()
      .describe('Path to an injection model file (default: the bundled model).'),
    classifier: classifierOptions
      .optional()
      .describe(
        'A transformer classifier (ONNX, e.g. Llama Prompt Guard 2) as a second stage: it scores the uncertain band and untrusted parts.',
      ),
  })
  .strict();

interface Finding {
  role: string;
  index: number;
  score: number;
  threshold: number;
  excerpt: string;
  structural: string[];
  signals: Record<string, number>;
  stage: CascadeVerdict['stage'];
}

export const injectionGuard = defineGuardType({
  name: 'injection',
  description:
    'Scores user and untrusted text for prompt injection and jailbreaks and blocks above a threshold.',
  phases: ['request'],
  tags: ['LLM01'],
  options,
  create(opts, settings) {
    const model = loadInjectionModel(opts.modelPath);
    const threshold = opts.threshold ?? model.threshold;
    const untrustedThreshold = opts.untrustedThreshold ?? threshold;
    const cascade = opts.classifier ? new InjectionCascade(opts.classifier) : undefined;
    const deadlineMs = Math.max(settings.deadlineMs ?? 1000, cascade ? cascade.opts.deadlineMs + 250 : 0);
    return {
      id: settings.id,
      phase: 'request',
      tags: ['LLM01'],
      failMode: settings.failMode,
      // Scoring is about 0.4 ms per KB; the default leaves room for the 400 KB request limit.
      deadlineMs,
      check(ctx) {
        const marks = ctx.state.get(UNICODE_OBFUSCATION_STATE);
        const disguised = typeof marks === 'number' && marks >= opts.obfuscationMinimum;
        const cap = (t: number) => (disguised ? Math.min(t, opts.obfuscatedThreshold) : t);
        const items: { role: string; index: number; text: string; limit: number; untrusted: boolean }[] = [];
        requestTexts(ctx.route, ctx.body).forEach((p, index) => {
          if (p.trust === 'operator' && !opts.scoreOperator) return;
          items.push({
            role: p.role,
            index,
            text: p.text,
            limit: cap(p.trust === 'untrusted' ? untrustedThreshold : threshold),
            untrusted: p.trust === 'untrusted',
          });
        });
        const hidden = ctx.state.get(UNICODE_HIDDEN_STATE);
        if (Array.isArray(hidden)) {
          for (const h of hidden)
            if (typeof h === 'string')
              items.push({ role: 'hidden', index: -1, text: h, limit: threshold, untrusted: true });
        }
        const results = items.map((it) => detectInjection(it.text, { model, threshold: it.limit }));
        const finding = (i: number, score: number, limit: number, stage: Finding['stage']): Finding => {
          const it = items[i]!;
          const r = results[i]!;
          const prepared = prepareText(it.text);
          return {
            role: it.role,
            index: it.index,
            score,
            threshold: limit,
            excerpt: redactExcerpt(prepared.slice(r.span.start, r.span.end)),
            structural: r.structural,
            signals: r.signals as unknown as Record<string, number>,
            stage,
          };
        };
        const decide = (verdicts?: readonly CascadeVerdict[]): Decision => {
          let worst: Finding | undefined;
          let maxScore = 0;
          let margin = -Infinity;
          results.forEach((r, i) => {
            const v = verdicts?.[i];
            const [score, limit] =
              v?.stage === 'classifier' ? [v.score, opts.classifier!.threshold] : [r.score, items[i]!.limit];
            maxScore = Math.max(maxScore, score);
            if (score < limit || score - limit <= margin) return;
            margin = score - limit;
            worst = finding(i, score, limit, v?.stage ?? 'lexical');
          });
          const classified = verdicts?.filter((v) => v.stage === 'classifier').length ?? 0;
          const scored = items.length;
          if (!worst) {
            return allow(settings.id, {
              score: maxScore,
              details: {
                scored,
                ...(cascade ? { classified, stage: classified > 0 ? 'classifier' : 'lexical' } : {}),
              },
            });
          }
          const via = worst.stage === 'classifier' ? 'classifier score' : 'score';
          const reason = `prompt injection suspected in ${worst.role === 'hidden' ? 'hidden Unicode payload' : `${worst.role} text`} (${via} ${worst.score.toFixed(3)})`;
          const details = { scored, ...(cascade ? { classified } : {}), ...worst };
          if (opts.action === 'flag') return allow(settings.id, { score: worst.score, reason, details });
          return block(settings.id, { reason, score: worst.score, details });
        };
        if (!cascade) return decide();
        return cascade
          .decide(
            items.map((it, i) => ({
              text: it.text,
              untrusted: it.untrusted,
              lexical: results[i]!.score,
              limit: it.limit,
            })),
          )
          .then(decide);
      },
    };
  },
});
