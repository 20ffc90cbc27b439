// Request guard that scores every caller and untrusted text part (and decoded hidden payloads) for prompt
// injection and jailbreaks, and blocks above the threshold of the part's role: caller-supplied system and
// developer messages have their own, higher threshold plus a check for blatant override phrases.
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import { requestTexts } from '../../../core/context.js';
import { allow, block, type Decision } from '../../../core/decision.js';
import { redactExcerpt } from '../../../core/redact.js';
import type { ScoredText } from '../../../detectors/cpu-tasks.js';
import { loadInjectionModel } from '../../../detectors/injection/model.js';
import { viewOf } from '../../../detectors/unicode/view.js';
import { type DetectorOutcome, inlineGuardCpu, settleDetector } from '../../cpu.js';
import { defineGuardType } from '../../types.js';
import { UNICODE_HIDDEN_STATE, UNICODE_OBFUSCATION_STATE } from '../unicode/index.js';
import { addressedPassages, embeddedInstruction, pastedInstruction } from './embedded.js';
import { overridePhraseAt, toolPoisoning } from './override.js';

/** Above every ordinary system prompt of test/fixtures/system-prompts.jsonl (highest 0.9954; decision 1611). */
export const DEFAULT_SYSTEM_THRESHOLD = 0.998;
/** An HTML entity or a markdown backslash escape. */
const MARKUP = /&(?:#\d|#x[0-9a-f]|[a-z]{2,}\d*;)|\\[!-/:-@[-`{-~]/i;

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
      .describe(
        'Threshold for untrusted parts (tool results, documents, tool descriptions, history tool calls, extra fields); defaults to `threshold`.',
      ),
    systemThreshold: z
      .number()
      .min(0)
      .max(1)
      .default(DEFAULT_SYSTEM_THRESHOLD)
      .describe(
        "Threshold for caller-supplied system and developer messages: they are instruction-heavy by nature, so ordinary ones score high; the default passes every prompt of Warden's system-prompt corpus.",
      ),
    systemOverridePhrases: z
      .boolean()
      .default(true)
      .describe(
        'Also block a caller-supplied system or developer message that uses a blatant override phrase ("ignore all previous instructions", "you are now DAN"), unless it is quoted or mentioned in a rule about it.',
      ),
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
    toolPoisoningRules: z
      .boolean()
      .default(true)
      .describe(
        'Also block a tool description (tools[], functions[]) that tells the model to hide something from the user or to read and pass on a host secret (~/.ssh, id_rsa, .aws/credentials...).',
      ),
    embeddedInstructions: z
      .boolean()
      .default(true)
      .describe(
        "Also block a tool result or document (untrusted text other than tool descriptions) with a sentence that addresses the AI reading it and orders an action outside the user's latest request (forward, send, reveal, call a tool, ignore its instructions...).",
      ),
    pastedInstructions: z
      .boolean()
      .default(true)
      .describe(
        "Also read the caller's own (user) messages for a document pasted in: a sentence that addresses the AI in the third person (a note to the AI reading this, 'if you are an AI', 'assistants processing this must') with an order (forward, send, reveal, call a tool, ignore its instructions...).",
      ),
    addressedThreshold: z
      .number()
      .min(0)
      .max(1)
      .default(0.6)
      .describe(
        'Threshold for a passage of a tool result or document that addresses the AI reading it ("Note to the assistant reading this: ..."), scored on its own: an order hidden in a document needs less evidence once it speaks to the model.',
      ),
    scoreOperator: z
      .boolean()
      .default(false)
      .describe(
        "Also score operator text (text Warden's own config injects; caller messages are always scored).",
      ),
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

/** Characters of scored text the memo keeps (keys hold the text itself). */
const MEMO_CHARS = 4_000_000;

interface Item {
  role: string;
  index: number;
  text: string;
  limit: number;
  untrusted: boolean;
}

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
  create(opts, settings, env) {
    const model = loadInjectionModel(opts.modelPath);
    const cpu = env.cpu ?? inlineGuardCpu;
    const threshold = opts.threshold ?? model.threshold;
    const untrustedThreshold = opts.untrustedThreshold ?? threshold;
    const cascade = opts.classifier ? new InjectionCascade(opts.classifier) : undefined;
    const deadlineMs = Math.max(settings.deadlineMs ?? 1000, cascade ? cascade.opts.deadlineMs + 250 : 0);
    // Apps resend the same system prompt, tool definitions and history on every turn: a text's score is
    // remembered per principal (scoring is deterministic), so only new text is scored. Keyed by principal so
    // that one tenant cannot time whether another sent a text.
    const memo = new LRUCache<string, ScoredText>({
      maxSize: MEMO_CHARS,
      sizeCalculation: (_v, key) => Math.max(1, key.length),
    });
    const memoKey = (principal: string, it: Item) => `${principal}\u0000${it.limit}\u0000${it.text}`;

    /** Scores the items not in the memo (inline or in the pool), and returns every item's result in order. */
    function score(
      items: Item[],
      principal: string,
      signal: AbortSignal,
    ): DetectorOutcome<ScoredText[]> | Promise<DetectorOutcome<ScoredText[]>> {
      const keys = items.map((it) => memoKey(principal, it));
      const results = keys.map((k) => memo.get(k));
      const missing = items.filter((_it, i) => results[i] === undefined);
      // Remembered scores cost nothing, but a principal past its budget stays refused, as without the memo.
      if (missing.length === 0)
        return cpu.refusal(principal) ?? { kind: 'done', value: results as ScoredText[] };
      const batch = {
        modelPath: opts.modelPath,
        texts: missing.map((it) => ({ text: it.text, threshold: it.limit })),
      };
      const chars = missing.reduce((n, it) => n + it.text.length, 0);
      const merge = (o: DetectorOutcome<ScoredText[]>): DetectorOutcome<ScoredText[]> => {
        if (o.kind === 'refused') return o;
        let next = 0;
        const all = results.map((r, i) => {
          if (r) return r;
          const fresh = o.value[next++]!;
          memo.set(keys[i]!, fresh);
          return fresh;
        });
        return { kind: 'done', value: all };
      };
      const outcome = cpu.run('injection', batch, { chars, principal, signal });
      return outcome instanceof Promise ? outcome.then(merge) : merge(outcome);
    }
    return {
      id: settings.id,
      phase: 'request',
      tags: ['LLM01'],
      failMode: settings.failMode,
      // Scoring is about 0.4 ms per KB; the default leaves room for the 400 KB request limit.
      deadlineMs,
      ...(cascade ? { close: () => cascade.close() } : {}),
      check(ctx, signal) {
        const marks = ctx.state.get(UNICODE_OBFUSCATION_STATE);
        const disguised = typeof marks === 'number' && marks >= opts.obfuscationMinimum;
        const cap = (t: number) => (disguised ? Math.min(t, opts.obfuscatedThreshold) : t);
        const items: Item[] = [];
        let override: { role: string; index: number; rule: string } | undefined;
        const parts = requestTexts(ctx.route, ctx.body);
        // The user's latest request: an order in a document to do what the user asked for fits the task.
        const task = parts.findLast((p) => p.role === 'user')?.text;
        parts.forEach((p, index) => {
          if (p.trust === 'operator' && !opts.scoreOperator) return;
          if (p.trust === 'caller-system') {
            items.push({ role: p.role, index, text: p.text, limit: opts.systemThreshold, untrusted: false });
            if (opts.systemOverridePhrases && !override && overridePhraseAt(p.text) >= 0)
              override = { role: p.role, index, rule: 'override-phrase' };
            return;
          }
          if (p.role === 'tool-description' && opts.toolPoisoningRules && !override && toolPoisoning(p.text))
            override = { role: p.role, index, rule: 'tool-poisoning' };
          items.push({
            role: p.role,
            index,
            text: p.text,
            limit: cap(p.trust === 'untrusted' ? untrustedThreshold : threshold),
            untrusted: p.trust === 'untrusted',
          });
          if (p.trust === 'user' && opts.pastedInstructions && !override && pastedInstruction(p.text))
            override = { role: p.role, index, rule: 'pasted-instruction' };
          if (p.trust !== 'untrusted' || p.role === 'tool-description' || p.role === 'assistant') return;
          if (opts.embeddedInstructions && !override && embeddedInstruction(p.text, task))
            override = { role: p.role, index, rule: 'embedded-instruction' };
          for (const passage of addressedPassages(p.text))
            items.push({
              role: p.role,
              index,
              text: passage,
              limit: cap(Math.min(opts.addressedThreshold, untrustedThreshold)),
              untrusted: true,
            });
        });
        const hidden = ctx.state.get(UNICODE_HIDDEN_STATE);
        if (Array.isArray(hidden)) {
          for (const h of hidden)
            if (typeof h === 'string')
              items.push({ role: 'hidden', index: -1, text: h, limit: threshold, untrusted: true });
        }
        // Text spelled with HTML entities or markdown escapes is also read decoded, as a renderer shows it.
        for (const it of [...items]) {
          if (!MARKUP.test(it.text)) continue;
          const decoded = viewOf(it.text).text;
          if (decoded !== it.text) items.push({ ...it, text: decoded });
        }
        // Large texts are scored in the CPU pool (the deadline then holds), small ones inline.
        const scoring = score(items, ctx.principal.id, signal);
        if (!cascade)
          return settleDetector(settings.id, scoring, (results) => decide(items, results, override));
        // The cascade's second stage: the classifier scores what the lexical stage left uncertain.
        return Promise.resolve(scoring).then(async (o) => {
          if (o.kind === 'refused') return settleDetector(settings.id, o, () => allow(settings.id));
          const verdicts = await cascade.decide(
            items.map((it, i) => ({
              text: it.text,
              untrusted: it.untrusted,
              lexical: o.value[i]!.score,
              limit: it.limit,
            })),
          );
          return decide(items, o.value, override, verdicts);
        });
      },
    };

    function decide(
      items: Item[],
      results: ScoredText[],
      override: { role: string; index: number; rule: string } | undefined,
      verdicts?: readonly CascadeVerdict[],
    ): Decision {
      let worst: Finding | undefined;
      let maxScore = 0;
      for (const [i, it] of items.entries()) {
        const r = results[i]!;
        const v = verdicts?.[i];
        const [score, limit] =
          v?.stage === 'classifier' ? [v.score, opts.classifier!.threshold] : [r.score, it.limit];
        maxScore = Math.max(maxScore, score);
        if (score < limit || (worst && worst.score - worst.threshold >= score - limit)) continue;
        worst = {
          role: it.role,
          index: it.index,
          score,
          threshold: limit,
          excerpt: redactExcerpt(r.spanText),
          structural: r.structural,
          signals: r.signals as unknown as Record<string, number>,
          stage: v?.stage ?? 'lexical',
        };
      }
      const scored = items.length;
      const classified = verdicts?.filter((v) => v.stage === 'classifier').length ?? 0;
      const cascadeDetails = verdicts ? { classified, stage: classified > 0 ? 'classifier' : 'lexical' } : {};
      if (!worst && override) {
        const reason =
          override.rule === 'tool-poisoning'
            ? 'tool description asks the model to hide an action or pass on a host secret'
            : override.rule === 'embedded-instruction'
              ? `${override.role} text addresses the AI with an order outside the user's request`
              : override.rule === 'pasted-instruction'
                ? `${override.role} message holds text that addresses the AI reading it with an order`
                : `override phrase in caller-supplied ${override.role} message`;
        const details = { scored, role: override.role, index: override.index, structural: [override.rule] };
        if (opts.action === 'flag') return allow(settings.id, { score: maxScore, reason, details });
        return block(settings.id, { reason, score: Math.max(maxScore, opts.systemThreshold), details });
      }
      if (!worst) return allow(settings.id, { score: maxScore, details: { scored, ...cascadeDetails } });
      const via = worst.stage === 'classifier' ? 'classifier score' : 'score';
      const reason = `prompt injection suspected in ${worst.role === 'hidden' ? 'hidden Unicode payload' : `${worst.role} text`} (${via} ${worst.score.toFixed(3)})`;
      const details = { scored, ...(verdicts ? { classified } : {}), ...worst };
      if (opts.action === 'flag') return allow(settings.id, { score: worst.score, reason, details });
      return block(settings.id, { reason, score: worst.score, details });
    }
  },
});
