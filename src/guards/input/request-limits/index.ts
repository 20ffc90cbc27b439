// Bounds the shape of a request before anything costly runs: message count, text size, tool definitions.
import { z } from 'zod';
import { requestTexts } from '../../../core/context.js';
import { allow, block } from '../../../core/decision.js';
import { defineGuardType } from '../../types.js';

const options = z
  .object({
    maxMessages: z.number().int().positive().default(256).describe('Most messages in one chat request.'),
    maxTextChars: z
      .number()
      .int()
      .positive()
      .default(400_000)
      .describe('Most characters of text over all parts.'),
    maxTools: z.number().int().nonnegative().default(128).describe('Most tool definitions in one request.'),
    maxInputs: z.number().int().positive().default(2048).describe('Most inputs in one embeddings request.'),
  })
  .strict();

export const requestLimitsGuard = defineGuardType({
  name: 'request-limits',
  description: 'Rejects requests with too many messages, tools or inputs, or too much text.',
  phases: ['request'],
  tags: ['LLM10'],
  options,
  create(opts, settings) {
    return {
      id: settings.id,
      phase: 'request',
      tags: ['LLM10'],
      failMode: settings.failMode,
      stage: -10,
      check(ctx) {
        const body = ctx.body;
        const messages = Array.isArray(body.messages) ? body.messages.length : 0;
        if (messages > opts.maxMessages) {
          return block(settings.id, { reason: `too many messages (${messages} > ${opts.maxMessages})` });
        }
        const tools = Array.isArray(body.tools) ? body.tools.length : 0;
        if (tools > opts.maxTools) {
          return block(settings.id, { reason: `too many tool definitions (${tools} > ${opts.maxTools})` });
        }
        const inputs = Array.isArray(body.input) ? body.input.length : 0;
        if (inputs > opts.maxInputs) {
          return block(settings.id, { reason: `too many inputs (${inputs} > ${opts.maxInputs})` });
        }
        let chars = 0;
        for (const part of requestTexts(ctx.route, body)) chars += part.text.length;
        if (chars > opts.maxTextChars) {
          return block(settings.id, { reason: `too much text (${chars} > ${opts.maxTextChars} characters)` });
        }
        return allow(settings.id, { details: { messages, tools, chars } });
      },
    };
  },
});
