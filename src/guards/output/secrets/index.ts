// Output guard for credentials: known key formats, private keys, tokens in credential context, and exact copies
// of the secrets Warden holds; redacts them mid-stream or ends the output, and blocks tool calls carrying them.
import { z } from 'zod';
import {
  secretForms,
  spelledPrefixPattern,
  spelledSecretPattern,
} from '../../../detectors/secrets/encodings.js';
import { detectSecrets, openSecretFrom, SECRETS_HOLD_BACK } from '../../../detectors/secrets/index.js';
import { defineGuardType } from '../../types.js';
import { createFindingGuard } from '../finding-guard.js';

const options = z
  .object({
    action: z
      .enum(['redact', 'block', 'log'])
      .default('redact')
      .describe(
        'redact: replace each secret with [REDACTED:<kind>]; block: end the output; log: record only.',
      ),
    sensitiveEnv: z
      .array(z.string().regex(/^[A-Z_][A-Z0-9_]*$/))
      .default([])
      .describe(
        'Names of environment variables whose values must never appear in output (values stay out of config).',
      ),
    heldSecrets: z
      .boolean()
      .default(true)
      .describe("Also look for exact copies of Warden's own secrets (upstream API keys)."),
    minEntropy: z
      .number()
      .min(0)
      .max(6)
      .default(3)
      .describe('Bits per character a value after a credential keyword needs to count as a generated token.'),
  })
  .strict();

export const secretsGuard = defineGuardType({
  name: 'secrets',
  description: 'Redacts or blocks credentials in output and tool-call arguments, mid-stream.',
  phases: ['response', 'toolCall'],
  tags: ['LLM02'],
  options,
  create(opts, settings, env) {
    const fromEnv = opts.sensitiveEnv.map((n) => process.env[n]).filter((v): v is string => Boolean(v));
    const held = [...new Set([...(opts.heldSecrets ? env.secrets : []), ...fromEnv])].filter(
      (s) => s.length >= 8,
    );
    const scanOpts = {
      held,
      heldForms: secretForms(held),
      heldSpelled: spelledSecretPattern(held),
      minEntropy: opts.minEntropy,
    };
    const heldPrefix = spelledPrefixPattern(held);
    return createFindingGuard({
      settings,
      tags: ['LLM02'],
      label: 'a secret',
      action: opts.action,
      holdBack: SECRETS_HOLD_BACK,
      scan: {
        scan: (text) => detectSecrets(text, scanOpts),
        openFrom: (text) => openSecretFrom(text, held, heldPrefix),
        offload: (text) => ({ task: 'secrets', input: { text, held, minEntropy: opts.minEntropy } }),
      },
      cpu: env.cpu,
    });
  },
});
