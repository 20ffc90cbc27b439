// Runs attack cases against a target with bounded concurrency and a request-rate limit; resumable by case id.
import { adaptivePacer, type Pacer, type PacerState } from './pacer.js';
import { type CaseRef, materialize } from './probes/index.js';
import { scoreResponse, toAttempt } from './score.js';
import type { ChatTarget } from './targets/openai.js';
import type { AttackCase, Attempt, TargetResponse } from './types.js';

export interface RunOptions {
  target: ChatTarget;
  refs: readonly CaseRef[];
  concurrency?: number;
  /** Requests per second across all workers (undefined = unlimited). */
  ratePerSecond?: number;
  /** Case ids already done (resume). */
  skip?: ReadonlySet<string>;
  attacker?: (prompt: string, signal?: AbortSignal) => Promise<string>;
  onAttempt?: (attempt: Attempt) => void;
  signal?: AbortSignal;
  /** Re-sends of one case after 429 before it is recorded as an error (default 8). */
  maxRetries?: number;
  /** Shared pacer (default: one built from ratePerSecond). */
  pacer?: Pacer;
}

export interface RunResult {
  attempts: Attempt[];
  skipped: number;
  interrupted: boolean;
  pacing: PacerState;
}

/** Sends one case, waiting out 429s (Retry-After honoured, rate lowered) up to maxRetries times. */
export async function sendPaced(
  target: ChatTarget,
  attack: AttackCase,
  pacer: Pacer,
  maxRetries: number,
  signal?: AbortSignal,
): Promise<{ res: TargetResponse; retries: number }> {
  let retries = 0;
  for (;;) {
    const res = await target.send(attack.conversation, signal);
    const throttled =
      res.kind === 'http-error' &&
      (res.status === 429 || (res.status === 503 && res.retryAfterMs !== undefined));
    if (!throttled) {
      if (res.kind === 'answer') pacer.succeeded();
      return { res, retries };
    }
    if (retries >= maxRetries || signal?.aborted) return { res, retries };
    pacer.throttled(res.retryAfterMs);
    retries++;
    await pacer.wait(signal);
    if (signal?.aborted) return { res, retries };
  }
}

export async function runCases(opts: RunOptions): Promise<RunResult> {
  const todo = opts.refs.filter((r) => !opts.skip?.has(r.id));
  const attempts: Attempt[] = [];
  const pacer = opts.pacer ?? adaptivePacer(opts.ratePerSecond ? { ratePerSecond: opts.ratePerSecond } : {});
  const maxRetries = opts.maxRetries ?? 8;
  let index = 0;
  const worker = async () => {
    for (;;) {
      if (opts.signal?.aborted) return;
      const ref = todo[index++];
      if (!ref) return;
      await pacer.wait(opts.signal);
      if (opts.signal?.aborted) return;
      let attempt: Attempt;
      try {
        const attack = await materialize(ref, {
          ...(opts.attacker ? { attacker: opts.attacker } : {}),
          ...(opts.signal ? { signal: opts.signal } : {}),
        });
        const { res, retries } = await sendPaced(opts.target, attack, pacer, maxRetries, opts.signal);
        if (opts.signal?.aborted && (res.kind === 'transport-error' || res.kind === 'http-error')) return;
        attempt = toAttempt(attack, res, scoreResponse(attack, res));
        if (retries > 0) attempt.retries = retries;
      } catch (err) {
        if (opts.signal?.aborted) return;
        attempt = {
          caseId: ref.id,
          probeId: ref.probe.id,
          category: ref.probe.category,
          tags: ref.probe.tags,
          converters: ref.chain,
          outcome: 'error',
          reason: `case could not be built: ${err instanceof Error ? err.message.slice(0, 120) : 'error'}`,
          detectors: {},
          excerpt: '',
          latencyMs: 0,
          at: new Date().toISOString(),
        };
      }
      attempts.push(attempt);
      opts.onAttempt?.(attempt);
    }
  };
  const n = Math.max(1, Math.min(opts.concurrency ?? 8, 256));
  await Promise.all(Array.from({ length: n }, worker));
  return {
    attempts,
    skipped: opts.refs.length - todo.length,
    interrupted: opts.signal?.aborted ?? false,
    pacing: pacer.state(),
  };
}
