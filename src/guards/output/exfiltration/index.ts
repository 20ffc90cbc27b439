// Output guard for exfiltration channels: off-list or data-carrying images, links and URLs, javascript:/data:
// URIs and active HTML; removes them mid-stream or ends the output, and blocks tool calls carrying them.
import { z } from 'zod';
import { detectExfiltration, EXFIL_HOLD_BACK, openExfilFrom } from '../../../detectors/exfil/index.js';
import { defineGuardType } from '../../types.js';
import { createFindingGuard } from '../finding-guard.js';

const options = z
  .object({
    action: z
      .enum(['redact', 'block', 'log'])
      .default('redact')
      .describe(
        'redact: replace the construct with [REDACTED:<kind>]; block: end the output; log: record only.',
      ),
    allowedHosts: z
      .array(z.string().regex(/^(?:\*\.|\.)?[A-Za-z0-9.-]+$/))
      .default([])
      .describe("Hosts output may point at freely: 'docs.example.com' or '*.example.com'."),
    images: z
      .enum(['off-list', 'data'])
      .default('off-list')
      .describe('Images load without a click: flag every off-list image, or only those carrying data.'),
    links: z
      .enum(['off-list', 'data'])
      .default('data')
      .describe('Links and bare URLs: flag off-list ones that carry data (default), or every off-list one.'),
    html: z.boolean().default(true).describe('Flag active HTML: script, iframe, forms, event handlers.'),
  })
  .strict();

export const exfiltrationGuard = defineGuardType({
  name: 'exfiltration',
  description: 'Removes exfiltration channels (images, links, URLs, active HTML) from output and tool calls.',
  phases: ['response', 'toolCall'],
  tags: ['LLM02', 'LLM05'],
  options,
  create(opts, settings) {
    const scanOpts = {
      allowedHosts: opts.allowedHosts,
      images: opts.images,
      links: opts.links,
      html: opts.html,
    };
    return createFindingGuard({
      settings,
      tags: ['LLM02', 'LLM05'],
      label: 'an exfiltration channel',
      action: opts.action,
      holdBack: EXFIL_HOLD_BACK,
      scan: { scan: (text) => detectExfiltration(text, scanOpts), openFrom: openExfilFrom },
    });
  },
});
