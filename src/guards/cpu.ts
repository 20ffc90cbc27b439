// Where a guard's detector work runs: inline for small texts, in the CPU pool above a size, under a per-principal budget.
import { CpuBudget, type CpuBudgetOptions } from '../core/cpu-budget.js';
import { CpuPool, type CpuTaskInput, type CpuTaskOutput } from '../core/cpu-pool.js';
import { type BlockDecision, block, type Decision } from '../core/decision.js';
import {
  type DetectorTask,
  type DetectorTasks,
  detectorTasks,
  detectorWorkerEntry,
} from '../detectors/cpu-tasks.js';

export type DetectorOutcome<V> = { kind: 'done'; value: V } | { kind: 'refused'; retryAfterMs: number };

export interface DetectorRunOptions {
  /** Size of the text(s) the task scans, in characters: decides inline or pool. */
  chars: number;
  principal: string;
  /** The guard's signal: when its deadline passes, a pooled task is abandoned and its thread replaced. */
  signal?: AbortSignal | undefined;
  /** false: charge the principal but never refuse (work that must finish, such as scanning an answered output). */
  enforce?: boolean;
}

export interface GuardCpuOptions {
  /** Texts of at least this many characters go to the pool (when there is one). */
  offloadAboveChars: number;
  /** Makes the pool when start() first runs: the gateway calls it at start-up, others on the first large text. */
  pool?: (() => CpuPool<DetectorTasks>) | undefined;
  budget?: CpuBudget | undefined;
}

export class GuardCpu {
  private pool: CpuPool<DetectorTasks> | undefined;
  private warming: Promise<void> | undefined;
  /** Set once the pool's threads are up: until then large texts run inline, as without a pool. */
  private ready = false;

  constructor(private readonly opts: GuardCpuOptions) {}

  /** The pool's counters, once it exists. */
  poolStats() {
    return this.pool?.stats();
  }

  /** Starts the pool (once) and resolves when its threads are up; a gateway calls it at start-up. */
  start(): Promise<void> {
    if (!this.opts.pool) return Promise.resolve();
    this.pool ??= this.opts.pool();
    this.warming ??= this.pool.warm().then(
      () => {
        this.ready = true;
      },
      () => {
        // A pool that cannot start leaves detectors inline; the next start() tries again.
        this.warming = undefined;
      },
    );
    return this.warming;
  }

  /** Whether a text of this size runs in the pool (starting it on first demand; inline until it is up). */
  offloads(chars: number): boolean {
    if (!this.opts.pool || chars < this.opts.offloadAboveChars) return false;
    if (!this.ready) void this.start();
    return this.ready;
  }

  /** The refusal `run` would give this principal now, for work a guard answers from its memo; else undefined. */
  refusal(principal: string): { kind: 'refused'; retryAfterMs: number } | undefined {
    const admission = this.opts.budget?.admit(principal);
    return admission?.kind === 'exhausted'
      ? { kind: 'refused', retryAfterMs: admission.retryAfterMs }
      : undefined;
  }

  /** Runs a detector task; synchronous (no promise) when it runs inline. */
  run<K extends DetectorTask>(
    task: K,
    input: CpuTaskInput<DetectorTasks, K>,
    run: DetectorRunOptions,
  ):
    | DetectorOutcome<CpuTaskOutput<DetectorTasks, K>>
    | Promise<DetectorOutcome<CpuTaskOutput<DetectorTasks, K>>> {
    const { budget } = this.opts;
    const admission = run.enforce === false ? undefined : budget?.admit(run.principal);
    if (admission?.kind === 'exhausted') return { kind: 'refused', retryAfterMs: admission.retryAfterMs };
    if (this.pool && this.offloads(run.chars)) {
      const submitted = performance.now();
      return this.pool.run(task, input, run.signal).then(
        (reply) => {
          budget?.charge(run.principal, reply.busyMs);
          return { kind: 'done', value: reply.value };
        },
        (err: unknown) => {
          // An abandoned task reports nothing: charge the time until then (queue wait included), so texts
          // that always outrun the deadline are not free.
          budget?.charge(run.principal, performance.now() - submitted);
          throw err;
        },
      );
    }
    const started = performance.now();
    const value = (detectorTasks[task] as (i: typeof input) => CpuTaskOutput<DetectorTasks, K>)(input);
    budget?.charge(run.principal, performance.now() - started);
    return { kind: 'done', value };
  }

  async close(): Promise<void> {
    await this.warming;
    await this.pool?.close();
    this.pool = undefined;
    this.warming = undefined;
    this.ready = false;
  }
}

/** Every detector inline, no budget: what guards built without a gateway (tests, the scanner) get. */
export const inlineGuardCpu = new GuardCpu({ offloadAboveChars: Number.POSITIVE_INFINITY });

export interface GuardCpuConfig {
  offloadAboveChars: number;
  threads: number;
  maxQueue: number;
  budget: CpuBudgetOptions | undefined;
}

/** The gateway's GuardCpu: a pool when threads > 0, a budget when configured. */
export function createGuardCpu(config: GuardCpuConfig): GuardCpu {
  return new GuardCpu({
    offloadAboveChars: config.offloadAboveChars,
    pool:
      config.threads > 0
        ? () =>
            new CpuPool<DetectorTasks>({
              entry: detectorWorkerEntry,
              threads: config.threads,
              maxQueue: config.maxQueue,
            })
        : undefined,
    budget: config.budget ? new CpuBudget(config.budget) : undefined,
  });
}

/** The block a principal past its guard CPU budget gets: 429, fail closed, with when to retry. */
export function cpuRefusal(guardId: string, retryAfterMs: number): BlockDecision {
  const retryAfter = Math.ceil(retryAfterMs / 1000);
  return {
    ...block(guardId, {
      reason: `guard CPU budget used up for this principal; retry after ${retryAfter}s`,
      code: 'WARDEN_GUARD_CPU_BUDGET',
      httpStatus: 429,
    }),
    retryAfterSeconds: retryAfter,
  };
}

/** Turns a detector outcome into the guard's decision: `decide` on a value, the 429 block on a refusal. */
export function settleDetector<V>(
  guardId: string,
  outcome: DetectorOutcome<V> | Promise<DetectorOutcome<V>>,
  decide: (value: V) => Decision,
): Decision | Promise<Decision> {
  const settle = (o: DetectorOutcome<V>) =>
    o.kind === 'refused' ? cpuRefusal(guardId, o.retryAfterMs) : decide(o.value);
  return outcome instanceof Promise ? outcome.then(settle) : settle(outcome);
}
