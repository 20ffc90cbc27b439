// Loads a YAML config (or the embedded defaults) and validates it, naming the path and the fix on error.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { DEFAULT_HOLD_MS, defaultToolPolicy } from './agent-posture.js';
import { type ConfigInput, configSchema, type WardenConfig } from './schema.js';

export class ConfigError extends Error {
  readonly code = 'WARDEN_CONFIG_INVALID' as const;
  constructor(
    message: string,
    readonly issues: readonly string[] = [],
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** The demo upstream: Warden's own simulated model (`warden sim`), never a real model. */
export const DEMO_UPSTREAM_URL = 'http://127.0.0.1:8081/v1';

export function embeddedDefaults(overrides: { upstream?: string } = {}): ConfigInput {
  return {
    upstreams: [
      {
        name: overrides.upstream ? 'default' : 'demo-simulator',
        baseUrl: overrides.upstream ?? DEMO_UPSTREAM_URL,
        models: ['*'],
      },
    ],
    // The default posture: bounded requests, Unicode smuggling neutralised, injections blocked; secrets, PII,
    // exfiltration links and system-prompt leaks kept out of outputs and tool-call arguments. A request with
    // a system prompt gets a canary token in it, which prompt-leak looks for (decision 1630). Destructive and
    // sensitive tool calls are held for a human approver (config/agent-posture.ts).
    guards: {
      request: [{ use: 'request-limits' }, { use: 'unicode' }, { use: 'injection' }, { use: 'canary' }],
      response: [{ use: 'secrets' }, { use: 'pii' }, { use: 'exfiltration' }, { use: 'prompt-leak' }],
      toolCall: [
        { use: 'secrets' },
        { use: 'exfiltration' },
        { use: 'prompt-leak' },
        ...(defaultToolPolicy() ?? []),
      ],
    },
    approvals: { holdMs: DEFAULT_HOLD_MS },
  };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.length > 0 ? issue.path.join('.') : '(root)';
  let hint = '';
  if (issue.code === 'unrecognized_keys')
    hint = ' (remove it, or check its spelling against `warden config schema`)';
  else if (issue.code === 'invalid_type') hint = ` (expected ${issue.expected})`;
  return `${path}: ${issue.message}${hint}`;
}

export function validateConfig(raw: unknown, source = 'config'): WardenConfig {
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map(describeIssue);
    throw new ConfigError(`${source} is invalid:\n  - ${issues.join('\n  - ')}`, issues);
  }
  return parsed.data;
}

export function loadConfigFile(file: string): WardenConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(
      `cannot read config file ${file}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`,
    );
  }
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (err) {
    throw new ConfigError(`${file} is not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  return validateConfig(raw ?? {}, file);
}

export function configJsonSchema(): unknown {
  return z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' });
}
