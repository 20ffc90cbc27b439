// The Decision vocabulary: what a guard says about a request, a response or a tool call.

import type { GuardContext } from './context.js';
import type { ErrorCode } from './errors.js';

export type DecisionStatus = 'ok' | 'error' | 'skipped';
export type Action = 'allow' | 'block' | 'transform' | 'requireApproval';

/** A replacement of [start, end) in the text a response guard was shown. */
export interface Redaction {
  start: number;
  end: number;
  replacement: string;
  kind: string;
}

interface DecisionBase {
  guardId: string;
  status: DecisionStatus;
  /** 0..1 where the guard has a notion of confidence. */
  score?: number;
  /** Safe, human-readable reason: never raw prompt, response or secret text. */
  reason?: string;
  /** Safe, structured extras (counts, categories, redacted excerpts). */
  details?: Record<string, unknown>;
  /** Filled in by the pipeline. */
  latencyMs?: number;
  /** When the guard started (performance.now() clock), filled in by the pipeline; traces read it. */
  startedAt?: number;
  phase?: Phase;
}

export type Phase = 'request' | 'response' | 'toolCall';

export type AllowDecision = DecisionBase & { action: 'allow' };
export type BlockDecision = DecisionBase & {
  action: 'block';
  code: ErrorCode;
  message: string;
  httpStatus: number;
  /** Seconds after which the same request may pass (a budget refusal): sent as Retry-After. */
  retryAfterSeconds?: number;
};
export type TransformDecision = DecisionBase & {
  action: 'transform';
  /** What changed, in words safe to log. */
  changes: readonly string[];
  /** Request and tool-call phases: applied to the context after the guard's stage. */
  patch?: (ctx: GuardContext) => void;
  /** Response phase: spans to replace in the text the guard was shown. */
  redactions?: readonly Redaction[];
};
export type ApprovalDecision = DecisionBase & {
  action: 'requireApproval';
  approvalId: string;
  reason: string;
};

export type Decision = AllowDecision | BlockDecision | TransformDecision | ApprovalDecision;

const rank: Record<Action, number> = { allow: 0, transform: 1, requireApproval: 2, block: 3 };

/** The strongest of several decisions: block > requireApproval > transform > allow. */
export function strongest(decisions: readonly Decision[]): Decision | undefined {
  let best: Decision | undefined;
  for (const d of decisions) if (!best || rank[d.action] > rank[best.action]) best = d;
  return best;
}

export function allow(guardId: string, extra: Partial<DecisionBase> = {}): AllowDecision {
  return { guardId, status: 'ok', ...extra, action: 'allow' };
}

export function skipped(guardId: string, reason: string): AllowDecision {
  return { guardId, status: 'skipped', reason, action: 'allow' };
}

export function block(
  guardId: string,
  opts: {
    reason: string;
    code?: ErrorCode;
    httpStatus?: number;
    score?: number;
    details?: Record<string, unknown>;
  },
): BlockDecision {
  const code = opts.code ?? 'WARDEN_GUARD_BLOCKED';
  return {
    guardId,
    status: 'ok',
    action: 'block',
    code,
    httpStatus: opts.httpStatus ?? 400,
    message: `Blocked by guard ${guardId}: ${opts.reason}`,
    reason: opts.reason,
    ...(opts.score === undefined ? {} : { score: opts.score }),
    ...(opts.details ? { details: opts.details } : {}),
  };
}

export function transform(
  guardId: string,
  opts: Omit<TransformDecision, 'guardId' | 'status' | 'action'> & { status?: DecisionStatus },
): TransformDecision {
  return { status: 'ok', ...opts, guardId, action: 'transform' };
}
