// A worker-thread pool for CPU-heavy pure work (detector scoring, later classifier models), keyed by a typed task table.
import { Piscina } from 'piscina';

/** Pure functions the pool can run: each takes structured-cloneable input and returns cloneable output. */
// biome-ignore lint/suspicious/noExplicitAny: the table's inputs are typed per entry by the caller's `satisfies`.
export type CpuTaskTable = Record<string, (input: any) => unknown>;

export type CpuTaskInput<T extends CpuTaskTable, K extends keyof T> = Parameters<T[K]>[0];
export type CpuTaskOutput<T extends CpuTaskTable, K extends keyof T> = ReturnType<T[K]>;

interface CpuTaskMessage {
  task: string;
  input: unknown;
}

/** What a task reports back: its value and how long the worker was busy with it. */
export interface CpuTaskReply<V> {
  value: V;
  busyMs: number;
}

const WARM_TASK = '__warm';

/** The handler a worker entry exports as its default: runs one task of `table` by name. */
export function serveCpuTasks(table: CpuTaskTable): (msg: CpuTaskMessage) => CpuTaskReply<unknown> {
  return ({ task, input }) => {
    // The pool's own start-up probe: proves the thread has loaded the entry (and its models).
    if (task === WARM_TASK) return { value: null, busyMs: 0 };
    const fn = Object.hasOwn(table, task) ? table[task] : undefined;
    if (!fn) throw new Error(`unknown cpu task '${task}'`);
    const started = performance.now();
    const value = fn(input);
    return { value, busyMs: performance.now() - started };
  };
}

export interface CpuPoolOptions {
  /** The worker entry module (its default export is `serveCpuTasks(table)`), next to this file in src/ or dist/. */
  entry: URL;
  threads: number;
  /** Tasks allowed to wait for a thread; past it `run` rejects at once (the caller fails closed). */
  maxQueue: number;
}

export interface CpuPoolStats {
  /** Tasks that returned a value. */
  completed: number;
  /** Tasks abandoned by their signal (a running one has its thread terminated and replaced). */
  cancelled: number;
  /** Tasks that threw or were refused by a full queue. */
  failed: number;
}

/** Thrown by `run` when the signal fired first; the task is cancelled or, when running, its thread terminated. */
export class CpuTaskAbortedError extends Error {
  constructor() {
    super('cpu task abandoned');
    this.name = 'CpuTaskAbortedError';
  }
}

export class CpuPool<T extends CpuTaskTable> {
  private readonly piscina: Piscina<CpuTaskMessage, CpuTaskReply<unknown>>;
  private readonly counts: CpuPoolStats = { completed: 0, cancelled: 0, failed: 0 };

  constructor(opts: CpuPoolOptions) {
    const fromSource = opts.entry.pathname.endsWith('.ts');
    // Under tsx (tests, benches) the worker registers tsx before importing the TypeScript entry (the one
    // bootstrap every worker thread uses); the built package loads dist/**/*.js directly.
    this.piscina = new Piscina({
      filename: fromSource ? new URL('./worker-boot.mjs', import.meta.url).href : opts.entry.href,
      ...(fromSource ? { workerData: { entry: opts.entry.href } } : {}),
      minThreads: opts.threads,
      maxThreads: opts.threads,
      maxQueue: opts.maxQueue,
      // Threads stay up: a detector's model loads once per thread.
      idleTimeout: Number.POSITIVE_INFINITY,
    });
  }

  /**
   * Resolves once every thread has loaded the entry (a probe per thread); not counted in stats. Until then a
   * caller may prefer to work inline: a cold thread (module loading, models) can take longer than a deadline.
   */
  async warm(): Promise<void> {
    const threads = Math.max(1, this.piscina.options.maxThreads);
    await Promise.all(
      Array.from({ length: threads }, () => this.piscina.run({ task: WARM_TASK, input: null })),
    );
  }

  /** Runs `task` on a worker thread; rejects with CpuTaskAbortedError when `signal` fires first. */
  async run<K extends keyof T & string>(
    task: K,
    input: CpuTaskInput<T, K>,
    signal?: AbortSignal,
  ): Promise<CpuTaskReply<CpuTaskOutput<T, K>>> {
    if (signal?.aborted) {
      this.counts.cancelled++;
      throw new CpuTaskAbortedError();
    }
    try {
      const reply = await this.piscina.run({ task, input }, signal ? { signal } : {});
      this.counts.completed++;
      return reply as CpuTaskReply<CpuTaskOutput<T, K>>;
    } catch (err) {
      if (signal?.aborted) {
        this.counts.cancelled++;
        throw new CpuTaskAbortedError();
      }
      this.counts.failed++;
      throw err;
    }
  }

  stats(): CpuPoolStats & { threads: number; queued: number } {
    return { ...this.counts, threads: this.piscina.threads.length, queued: this.piscina.queueSize };
  }

  /** Ends every thread; tasks still queued or running reject. */
  async close(): Promise<void> {
    await this.piscina.destroy();
  }
}
