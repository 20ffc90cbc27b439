// Operator-defined regular expressions over request or output text: block, or redact in place (mid-stream too).
import { z } from 'zod';
import { requestTexts } from '../../../core/context.js';
import { allow, block, type Redaction, transform } from '../../../core/decision.js';
import { viewOf } from '../../../detectors/unicode/view.js';
import { defineGuardType } from '../../types.js';

const options = z
  .object({
    patterns: z
      .array(
        z.object({
          name: z.string().min(1).describe('Label used in decisions and placeholders.'),
          regex: z
            .string()
            .min(1)
            .refine((r) => {
              try {
                new RegExp(r, 'u');
                return true;
              } catch {
                return false;
              }
            }, 'not a valid JavaScript regular expression')
            .describe('JavaScript regular expression (flags: gu, plus i when ignoreCase).'),
          ignoreCase: z.boolean().default(true),
        }),
      )
      .min(1)
      .describe('Patterns to look for.'),
    action: z.enum(['block', 'redact']).default('block').describe('What a match does (redact: output only).'),
    maxMatchChars: z
      .number()
      .int()
      .positive()
      .max(4096)
      .default(256)
      .describe('Longest text a match can span; sizes the streaming hold-back.'),
  })
  .strict();

function matches(re: RegExp, text: string): boolean {
  re.lastIndex = 0;
  return re.test(text);
}

export const patternGuard = defineGuardType({
  name: 'pattern',
  description: 'Blocks or redacts text that matches operator-defined regular expressions.',
  phases: ['request', 'response'],
  tags: ['LLM02', 'LLM05'],
  options,
  create(opts, settings) {
    const compiled = opts.patterns.map((p) => ({
      name: p.name,
      re: new RegExp(p.regex, p.ignoreCase ? 'giu' : 'gu'),
    }));
    if (settings.phase === 'request') {
      return {
        id: settings.id,
        phase: 'request',
        tags: ['LLM01'],
        failMode: settings.failMode,
        check(ctx) {
          for (const part of requestTexts(ctx.route, ctx.body)) {
            for (const p of compiled) {
              const view = viewOf(part.text);
              if (matches(p.re, view.text) || (!view.identity && matches(p.re, part.text)))
                return block(settings.id, { reason: `matched pattern '${p.name}'` });
            }
          }
          return allow(settings.id);
        },
      };
    }
    return {
      id: settings.id,
      phase: 'response',
      tags: ['LLM02', 'LLM05'],
      failMode: settings.failMode,
      holdBack: opts.maxMatchChars,
      check(ctx) {
        const out = ctx.output;
        if (!out) return allow(settings.id);
        const redactions: Redaction[] = [];
        // Matched in the detectors' view (invisible padding, look-alikes, entities undone), redacted in the original.
        const view = viewOf(out.text);
        for (const p of compiled) {
          p.re.lastIndex = 0;
          for (const m of view.text.matchAll(p.re)) {
            if (m[0].length === 0) continue;
            const span = view.toOriginal(m.index, m.index + m[0].length);
            const end = span.end;
            if (end <= out.pendingStart) continue;
            if (opts.action === 'block')
              return block(settings.id, { reason: `output matched pattern '${p.name}'` });
            redactions.push({ start: span.start, end, replacement: `[REDACTED:${p.name}]`, kind: p.name });
          }
        }
        if (redactions.length === 0) return allow(settings.id);
        return transform(settings.id, {
          changes: [...new Set(redactions.map((r) => `redacted ${r.kind}`))],
          redactions,
        });
      },
    };
  },
});
