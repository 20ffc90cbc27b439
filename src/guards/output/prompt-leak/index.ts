// Output guard for system-prompt leakage: the request's canary token, and overlap of the output with the
// request's system/developer messages: verbatim, partial, paraphrased, reworded in any order or reading
// (leetspeak, reversed, ROT13, filler words) and inside base64/hex runs, mid-stream within the hold-back.
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import type { GuardContext, OutputView } from '../../../core/context.js';
import type { Finding } from '../../../detectors/finding.js';
import {
  decodedRuns,
  detectCanary,
  detectEncodedLeak,
  detectLeakInWords,
  LEAK_HOLD_BACK,
  type PromptProfile,
  profilePrompts,
} from '../../../detectors/leak/index.js';
import { wordTokens } from '../../../detectors/leak/words.js';
import { defineGuardType } from '../../types.js';
import { CANARY_NOTE } from '../canary/index.js';
import { createFindingGuard } from '../finding-guard.js';
import { WordStream } from './word-stream.js';

/** ctx.state key where the input side leaves the request's canary token. */
export const CANARY_STATE_KEY = 'canary.token';
const PROFILE_STATE_KEY = 'prompt-leak.profile';
/** Distinct system prompts whose profiles are kept per guard instance. */
const PROFILE_CACHE_ENTRIES = 256;

const options = z
  .object({
    action: z
      .enum(['block', 'redact', 'log'])
      .default('block')
      .describe('block: end the output (content_filter); redact: replace the leaked span; log: record only.'),
    canary: z.boolean().default(true).describe('Look for the canary token the input side planted.'),
    overlap: z
      .boolean()
      .default(true)
      .describe("Look for overlap with the request's system/developer messages."),
    minPromptWords: z
      .number()
      .int()
      .min(1)
      .default(8)
      .describe('System prompts with fewer content words are too generic to protect by overlap.'),
    window: z.number().int().min(4).max(40).default(12).describe('Content words per comparison window.'),
    minBigramShare: z
      .number()
      .min(0)
      .max(1)
      .default(0.4)
      .describe('Share of window bigrams found in the prompt.'),
    minBigramHits: z
      .number()
      .int()
      .min(2)
      .default(4)
      .describe('Least number of matching bigrams in a window.'),
    holdBack: z
      .number()
      .int()
      .min(32)
      .max(4096)
      .default(LEAK_HOLD_BACK)
      .describe(
        'Characters held back so a leak is recognised before any of it is released (first-byte delay).',
      ),
    minWordShare: z
      .number()
      .min(0)
      .max(1)
      .default(0.85)
      .describe('Share of window content words found in the prompt that marks a paraphrase.'),
    reworded: z
      .boolean()
      .default(true)
      .describe(
        'Also compare distinct prompt words in any order, plain, leetspeak, reversed or ROT13 (filler words allowed).',
      ),
    bagShare: z
      .number()
      .min(0)
      .max(1)
      .default(0.7)
      .describe('Reworded: share of a window whose content words are distinct prompt words.'),
    fillerShare: z
      .number()
      .min(0)
      .max(1)
      .default(0.45)
      .describe('Reworded: the same share over a double window (prompt words interleaved with filler).'),
    minDistinctWords: z
      .number()
      .int()
      .min(3)
      .default(6)
      .describe('Reworded: least number of distinct prompt words a window must hold.'),
    decoded: z
      .boolean()
      .default(true)
      .describe('Decode base64 and hex runs in the output and compare what they decode to.'),
  })
  .strict();

function systemPrompts(ctx: GuardContext): string[] {
  const messages = Array.isArray(ctx.body.messages) ? (ctx.body.messages as unknown[]) : [];
  const out: string[] = [];
  for (const m of messages) {
    const msg = m as { role?: unknown; content?: unknown } | null;
    if (!msg || (msg.role !== 'system' && msg.role !== 'developer')) continue;
    if (typeof msg.content === 'string') out.push(msg.content);
    else if (Array.isArray(msg.content)) {
      for (const p of msg.content as { text?: unknown }[]) if (typeof p?.text === 'string') out.push(p.text);
    }
  }
  // The canary's own sentence is not part of what the operator wrote (the token is compared on its own).
  return out.map((p) => p.replace(CANARY_NOTE, '')).filter((p) => p.length > 0);
}

export const promptLeakGuard = defineGuardType({
  name: 'prompt-leak',
  description: 'Stops output (and tool calls) that reveal the canary token or the operator system prompt.',
  phases: ['response', 'toolCall'],
  tags: ['LLM07'],
  options,
  create(opts, settings) {
    // Applications send the same system prompt again and again: its profile is built once (the canary's
    // sentence, which differs per request, is already left out of the key).
    const profiles = new LRUCache<string, { profile: PromptProfile | null }>({ max: PROFILE_CACHE_ENTRIES });
    const profileOf = (ctx: GuardContext): PromptProfile | undefined => {
      let p = ctx.state.get(PROFILE_STATE_KEY) as PromptProfile | null | undefined;
      if (p === undefined) {
        const prompts = systemPrompts(ctx);
        const key = prompts.join('\u0000');
        let cached = profiles.get(key);
        if (!cached) {
          const prof = profilePrompts(prompts);
          cached = { profile: prof.contentWords >= opts.minPromptWords ? prof : null };
          profiles.set(key, cached);
        }
        p = cached.profile;
        ctx.state.set(PROFILE_STATE_KEY, p);
      }
      return p ?? undefined;
    };
    const scan = (text: string, ctx: GuardContext, view?: OutputView): Finding[] => {
      const out: Finding[] = [];
      // Encoded runs are found once per scan and read by both the canary and the overlap rules.
      const runs = opts.decoded ? decodedRuns(text) : [];
      const token = ctx.state.get(CANARY_STATE_KEY);
      if (opts.canary && typeof token === 'string') out.push(...detectCanary(text, token, runs));
      const profile = opts.overlap ? profileOf(ctx) : undefined;
      if (!profile) return out;
      // A stream's words are cut once and kept between steps; a tool call's text is compared whole.
      const words = view ? wordStream(ctx, view).wordsIn(view) : undefined;
      out.push(
        ...detectLeakInWords(words ?? wordTokens(text).filter((t) => t.content), profile, opts),
        ...detectEncodedLeak(runs, profile, opts),
      );
      return out;
    };
    const wordStream = (ctx: GuardContext, view: OutputView): WordStream => {
      const key = `prompt-leak.words.${settings.id}.${view.choiceIndex}`;
      let ws = ctx.state.get(key) as WordStream | undefined;
      if (!ws) {
        ws = new WordStream();
        ctx.state.set(key, ws);
      }
      return ws;
    };
    return createFindingGuard({
      settings,
      tags: ['LLM07'],
      label: 'system prompt content',
      action: opts.action,
      holdBack: opts.holdBack,
      scan: { scan },
    });
  },
});
