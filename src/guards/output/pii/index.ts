// Output guard for personal data (e-mail, phone, cards, IBAN, national ids): typed placeholders, block, or log.
import { z } from 'zod';
import {
  DEFAULT_IGNORED_EMAIL_DOMAINS,
  detectPii,
  openPiiFrom,
  PII_HOLD_BACK,
  piiKinds,
} from '../../../detectors/pii/index.js';
import { defineGuardType } from '../../types.js';
import { createFindingGuard } from '../finding-guard.js';

const options = z
  .object({
    mode: z
      .enum(['redact', 'block', 'log'])
      .default('redact')
      .describe(
        'redact: replace with a typed placeholder ([REDACTED:email]); block: end the output; log: record only.',
      ),
    kinds: z
      .array(z.enum(piiKinds))
      .min(1)
      .default([...piiKinds])
      .describe('Which kinds of personal data to look for.'),
    ignoreEmailDomains: z
      .array(z.string().min(1))
      .default(DEFAULT_IGNORED_EMAIL_DOMAINS)
      .describe('E-mail domains that are not personal (documentation, no-reply); subdomains included.'),
    ignoreRoleAddresses: z
      .boolean()
      .default(true)
      .describe(
        'Leave role mailboxes (support@, hello@, no-reply@, billing@...) alone: they name a function, not a person. false redacts them too.',
      ),
  })
  .strict();

export const piiGuard = defineGuardType({
  name: 'pii',
  description: 'Redacts, blocks or logs personal data in output and tool-call arguments, mid-stream.',
  phases: ['response', 'toolCall'],
  tags: ['LLM02'],
  options,
  create(opts, settings, env) {
    const scanOpts = {
      kinds: opts.kinds,
      ignoreEmailDomains: opts.ignoreEmailDomains,
      ignoreRoleAddresses: opts.ignoreRoleAddresses,
    };
    return createFindingGuard({
      settings,
      tags: ['LLM02'],
      label: 'personal data',
      action: opts.mode,
      holdBack: PII_HOLD_BACK,
      scan: {
        scan: (text) => detectPii(text, scanOpts),
        openFrom: openPiiFrom,
        offload: (text) => ({ task: 'pii', input: { text, options: scanOpts } }),
      },
      cpu: env.cpu,
    });
  },
});
