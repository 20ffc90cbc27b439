// Output guard for exfiltration channels: off-list or data-carrying images, links and URLs, javascript:/data:
// URIs and active HTML; removes them mid-stream or ends the output, and blocks tool calls carrying them.
import { z } from 'zod';
import type { GuardContext, OutputView } from '../../../core/context.js';
import {
  DEFAULT_IMAGE_HOSTS,
  detectExfiltration,
  EXFIL_HOLD_BACK,
  openExfilFrom,
} from '../../../detectors/exfil/index.js';
import { ExfilStream } from '../../../detectors/exfil/stream.js';
import { defineGuardType } from '../../types.js';
import { createFindingGuard } from '../finding-guard.js';
import { withoutCallerEchoes } from './echoes.js';

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
      .describe(
        'Images load without a click: flag every off-list one (default; imageHosts pass unless they carry data), or only off-list ones that carry data.',
      ),
    links: z
      .enum(['off-list', 'data'])
      .default('data')
      .describe('Links and bare URLs: flag off-list ones that carry data (default), or every off-list one.'),
    imageHosts: z
      .array(z.string().regex(/^(?:\*\.|\.)?[A-Za-z0-9.-]+$/))
      .default(DEFAULT_IMAGE_HOSTS)
      .describe(
        "With images 'off-list': static badge/avatar hosts whose images pass unless the URL carries data.",
      ),
    html: z.boolean().default(true).describe('Flag active HTML: script, iframe, forms, event handlers.'),
    callerEchoes: z
      .enum(['judge', 'pass'])
      .default('judge')
      .describe(
        'pass: an off-list image or link whose URL the caller sent verbatim (user, system or developer message) and that carries no data is left alone; judge (default): judged like any other, since a document pasted into a user turn can plant a pixel, or a set of them for the model to pick from (decision 2542). A URL that carries data is judged either way.',
      ),
    skipCode: z
      .boolean()
      .default(true)
      .describe(
        'Ignore links, images and HTML inside markdown code (fenced or inline), which render as text.',
      ),
  })
  .strict();

export const exfiltrationGuard = defineGuardType({
  name: 'exfiltration',
  description: 'Removes exfiltration channels (images, links, URLs, active HTML) from output and tool calls.',
  phases: ['response', 'toolCall'],
  tags: ['LLM02', 'LLM05'],
  options,
  create(opts, settings, env) {
    const { callerEchoes, ...scanOpts } = opts;
    // Each choice's output is followed whole (code, fences, reference definitions), in the request's state.
    const scan = (text: string, ctx: GuardContext, view?: OutputView) => {
      if (!view) return detectExfiltration(text, scanOpts);
      const key = `exfiltration.stream.${settings.id}.${view.choiceIndex}`;
      let stream = ctx.state.get(key) as ExfilStream | undefined;
      if (!stream) {
        stream = new ExfilStream(scanOpts);
        ctx.state.set(key, stream);
      }
      return stream.scan(text, view.offset ?? 0, view.pendingStart);
    };
    return createFindingGuard({
      settings,
      tags: ['LLM02', 'LLM05'],
      label: 'an exfiltration channel',
      action: opts.action,
      holdBack: EXFIL_HOLD_BACK,
      // A whole text from its start needs no fence state from earlier windows: then the pool may scan it.
      scan: {
        scan,
        openFrom: openExfilFrom,
        ...(callerEchoes === 'pass' ? { refine: withoutCallerEchoes } : {}),
        offload: (text, view) =>
          view && opts.skipCode && !(view.final && !view.offset)
            ? undefined
            : { task: 'exfil', input: { text, options: scanOpts } },
      },
      cpu: env.cpu,
    });
  },
});
