// The typed registry of built-in guard types, and the builder that turns config entries into guards.

import { ConfigError } from '../config/load.js';
import type { GuardEntry, WardenConfig } from '../config/schema.js';
import type { Phase } from '../core/decision.js';
import type { Guard } from '../core/guard.js';
import { imageGuard } from './input/image/index.js';
import { injectionGuard } from './input/injection/index.js';
import { isolationGuard } from './input/isolation/index.js';
import { judgeGuard } from './input/judge/index.js';
import { requestLimitsGuard } from './input/request-limits/index.js';
import { unicodeGuard } from './input/unicode/index.js';
import { canaryGuard } from './output/canary/index.js';
import { exfiltrationGuard } from './output/exfiltration/index.js';
import { patternGuard } from './output/pattern/index.js';
import { piiGuard } from './output/pii/index.js';
import { promptLeakGuard } from './output/prompt-leak/index.js';
import { secretsGuard } from './output/secrets/index.js';
import { toolPolicyGuard } from './tools/tool-policy/index.js';
import type { GuardEnv, GuardType } from './types.js';

export const guardTypes = {
  [requestLimitsGuard.name]: requestLimitsGuard,
  [patternGuard.name]: patternGuard,
  [secretsGuard.name]: secretsGuard,
  [piiGuard.name]: piiGuard,
  [exfiltrationGuard.name]: exfiltrationGuard,
  [promptLeakGuard.name]: promptLeakGuard,
  [toolPolicyGuard.name]: toolPolicyGuard,
  [unicodeGuard.name]: unicodeGuard,
  [injectionGuard.name]: injectionGuard,
  [isolationGuard.name]: isolationGuard,
  [imageGuard.name]: imageGuard,
  [canaryGuard.name]: canaryGuard,
  [judgeGuard.name]: judgeGuard,
} as const satisfies Record<string, GuardType>;

export type GuardTypeName = keyof typeof guardTypes;

export function listGuardTypes(): GuardType[] {
  return Object.values(guardTypes) as GuardType[];
}

export function buildGuard(entry: GuardEntry, phase: Phase, env: GuardEnv, path: string): Guard {
  const type = (guardTypes as Record<string, GuardType>)[entry.use];
  if (!type) {
    throw new ConfigError(
      `${path}.use: unknown guard type '${entry.use}' (known: ${Object.keys(guardTypes).join(', ')})`,
    );
  }
  if (!type.phases.includes(phase)) {
    throw new ConfigError(
      `${path}: guard type '${entry.use}' cannot run in the ${phase} phase (only ${type.phases.join(', ')})`,
    );
  }
  const parsed = type.options.safeParse(entry.options ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${path}.options.${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid guard options:\n  - ${issues.join('\n  - ')}`, issues);
  }
  return type.create(
    parsed.data,
    {
      id: entry.id ?? (phase === 'request' ? entry.use : `${entry.use}-${phase}`),
      phase,
      failMode: entry.failMode ?? 'closed',
      ...(entry.deadlineMs === undefined ? {} : { deadlineMs: entry.deadlineMs }),
    },
    env,
  );
}

export function buildGuards(config: WardenConfig['guards'], env: GuardEnv): Guard[] {
  const out: Guard[] = [];
  for (const phase of ['request', 'response', 'toolCall'] as const) {
    config[phase].forEach((entry, i) => {
      const g = buildGuard(entry, phase, env, `guards.${phase}[${i}]`);
      out.push(
        entry.deadlineMs === undefined ? g : { ...g, deadlineMs: entry.deadlineMs, check: g.check.bind(g) },
      );
    });
  }
  return out;
}
