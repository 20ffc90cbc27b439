// Response and tool-call guard that reports a system-prompt leak when the canary planted by the
// isolation guard (ctx.state 'canary.token') shows up in the output or in tool-call arguments.
import { z } from 'zod';
import { allow, block, transform } from '../../../core/decision.js';
import { CANARY_STATE } from '../../input/isolation/index.js';
import { defineGuardType } from '../../types.js';

const options = z
  .object({
    action: z
      .enum(['block', 'redact'])
      .default('block')
      .describe(
        'block: stop the response; redact: replace the token and let the rest through (tool calls always block).',
      ),
  })
  .strict();

/** Canary tokens are 'wc-' + 16 hex digits; the hold-back must cover one whole token. */
const TOKEN_CHARS = 19;

export const canaryGuard = defineGuardType({
  name: 'canary',
  description:
    'Reports a system-prompt leak when the canary token planted by the isolation guard appears in output.',
  phases: ['response', 'toolCall'],
  tags: ['LLM07'],
  options,
  create(opts, settings) {
    const reason = 'system prompt leak: canary token in model output';
    if (settings.phase === 'toolCall') {
      return {
        id: settings.id,
        phase: 'toolCall',
        tags: ['LLM07'],
        failMode: settings.failMode,
        check(ctx) {
          const token = ctx.state.get(CANARY_STATE);
          if (typeof token !== 'string') return allow(settings.id);
          const leaked = (ctx.toolCalls ?? []).filter((c) => c.arguments.toLowerCase().includes(token));
          if (leaked.length === 0) return allow(settings.id);
          return block(settings.id, { reason, details: { toolCalls: leaked.map((c) => c.name) } });
        },
      };
    }
    return {
      id: settings.id,
      phase: 'response',
      tags: ['LLM07'],
      failMode: settings.failMode,
      holdBack: TOKEN_CHARS + 1,
      check(ctx) {
        const token = ctx.state.get(CANARY_STATE);
        const out = ctx.output;
        if (typeof token !== 'string' || !out) return allow(settings.id);
        const text = out.text.toLowerCase();
        const redactions = [];
        for (let at = text.indexOf(token); at >= 0; at = text.indexOf(token, at + 1)) {
          if (at + token.length <= out.pendingStart) continue;
          if (opts.action === 'block') return block(settings.id, { reason, score: 1 });
          redactions.push({
            start: at,
            end: at + token.length,
            replacement: '[REDACTED:canary]',
            kind: 'canary',
          });
        }
        if (redactions.length === 0) return allow(settings.id);
        return transform(settings.id, {
          changes: ['redacted canary token (system prompt leak)'],
          redactions,
          score: 1,
        });
      },
    };
  },
});
