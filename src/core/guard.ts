// The Guard contract: one check in one phase of a request's life, built by a validating factory.
import type { GuardContext } from './context.js';
import type { Decision, Phase } from './decision.js';

export type FailMode = 'closed' | 'open';

export interface Guard {
  /** Literal, unique id used in decisions, audit records and metrics. */
  readonly id: string;
  readonly phase: Phase;
  /** OWASP Top 10 for LLM Applications ids, e.g. 'LLM01'. */
  readonly tags: readonly string[];
  /** What an error or a timeout becomes: 'closed' blocks (default), 'open' allows and logs. */
  readonly failMode: FailMode;
  /** Per-guard deadline; the pipeline's default applies when absent. */
  readonly deadlineMs?: number;
  /** Request and tool-call phases: lower stages run first; guards of one stage run concurrently. */
  readonly stage?: number;
  /** Response phase: the longest span (in characters) a finding can cover, which sizes the hold-back window. */
  readonly holdBack?: number;
  check(ctx: GuardContext, signal: AbortSignal): Decision | Promise<Decision>;
  /** Releases what the guard holds (a model's worker thread...); called when the gateway closes. */
  close?(): Promise<void>;
}

/** Common per-guard settings that config may override for any guard. */
export interface GuardSettings {
  id?: string;
  failMode?: FailMode;
  deadlineMs?: number;
}
