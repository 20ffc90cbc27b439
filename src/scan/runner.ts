// Runs attack cases against a target with bounded concurrency and a request-rate limit; resumable by case id.
import { setTimeout as sleep } from 'node:timers/promises';
import { type CaseRef, materialize } from './probes/index.js';
import { scoreResponse, toAttempt } from './score.js';
import type { ChatTarget } from './targets/openai.js';
import type { Attempt } from './types.js';

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
}

export interface RunResult {
  attempts: Attempt[];
  skipped: number;
  interrupted: boolean;
}

/** Spaces calls at least 1000/rate ms apart (a leaky bucket with no burst). */
export function rateLimiter(ratePerSecond?: number): () => Promise<void> {
  if (!ratePerSecond || ratePerSecond <= 0) return async () => {};
  const gap = 1000 / ratePerSecond;
  let next = 0;
  return async () => {
    const now = Date.now();
    const at = Math.max(now, next);
    next = at + gap;
    if (at > now) await sleep(at - now);
  };
}

export async function runCases(opts: RunOptions): Promise<RunResult> {
  const todo = opts.refs.filter((r) => !opts.skip?.has(r.id));
  const attempts: Attempt[] = [];
  const wait = rateLimiter(opts.ratePerSecond);
  let index = 0;
  const worker = async () => {
    for (;;) {
      if (opts.signal?.aborted) return;
      const ref = todo[index++];
      if (!ref) return;
      await wait();
      if (opts.signal?.aborted) return;
      let attempt: Attempt;
      try {
        const attack = await materialize(ref, {
          ...(opts.attacker ? { attacker: opts.attacker } : {}),
          ...(opts.signal ? { signal: opts.signal } : {}),
        });
        const res = await opts.target.send(attack.conversation, opts.signal);
        if (opts.signal?.aborted && res.kind === 'transport-error') return;
        attempt = toAttempt(attack, res, scoreResponse(attack, res));
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
  return { attempts, skipped: opts.refs.length - todo.length, interrupted: opts.signal?.aborted ?? false };
}
