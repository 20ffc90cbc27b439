// The extraction monitor behind a worker thread: observe() buffers, and one message per batch window
// carries the buffer over (the request path pays an array push, not a clone and a thread wake-up per
// request); flush/report/close are round trips; actions come back here.
import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import type { AuditRecord, AuditStore } from '../store/types.js';
import type { MonitorStats, SubjectReport } from './monitor.js';
import type { ExtractionObservation } from './types.js';
import type { FromWorker, ToWorker, WorkerInit } from './worker-entry.js';

export interface ExtractionActions {
  ban(principal: string, reason: string, expiresAt: Date): Promise<unknown> | unknown;
  throttle(principal: string, until: Date): void;
  audit: AuditStore;
  log: Logger;
}

/** The surface the gateway, console and tests use, whether the monitor runs here or in its own thread. */
export interface ExtractionService {
  observe(obs: ExtractionObservation): boolean;
  flush(): Promise<void>;
  report(principal?: string): Promise<SubjectReport[]>;
  /** Counters of the monitor: queued, embedded, skipped by the embedding budget, dropped... */
  stats(): MonitorStats | Promise<MonitorStats>;
  close(): Promise<void>;
}

export class OffThreadExtraction implements ExtractionService {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private next = 1;
  private dead = false;
  private buffer: ExtractionObservation[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly windowMs: number;
  private readonly bufferLimit: number;

  constructor(init: WorkerInit, actions: ExtractionActions) {
    const fromSource = import.meta.url.endsWith('.ts');
    const entry = new URL(fromSource ? './worker-entry.ts' : './worker-entry.js', import.meta.url);
    this.worker = fromSource
      ? new Worker(new URL('../core/worker-boot.mjs', import.meta.url), {
          workerData: { init, entry: entry.href },
        })
      : new Worker(entry, { workerData: { init } });
    this.worker.unref();
    this.windowMs = init.config.batchWindowMs;
    this.bufferLimit = init.config.queueLimit;
    this.worker.on('message', (m: FromWorker) => {
      switch (m.t) {
        case 'reply': {
          const p = this.pending.get(m.id);
          this.pending.delete(m.id);
          if (m.e !== undefined) p?.reject(new Error(m.e));
          else p?.resolve(m.r);
          return;
        }
        case 'ban':
          Promise.resolve(actions.ban(m.principal, m.reason, new Date(m.expiresAt))).catch((err) =>
            actions.log.error({ err: (err as Error).name }, 'extraction ban failed'),
          );
          return;
        case 'throttle':
          actions.throttle(m.principal, new Date(m.until));
          return;
        case 'audit':
          actions.audit.append(m.rec as AuditRecord);
          return;
        case 'log':
          actions.log[m.level](m.obj, m.msg);
      }
    });
    this.worker.on('error', (err) => {
      this.dead = true;
      actions.log.error(
        { err: err.name },
        'extraction worker failed; extraction monitoring is off until restart',
      );
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    });
  }

  observe(obs: ExtractionObservation): boolean {
    if (this.dead || this.buffer.length >= this.bufferLimit) return false;
    this.buffer.push(obs);
    if (this.windowMs === 0) this.post();
    else if (!this.timer) {
      // unref: flush(), report() and close() post what is buffered first; an exit without close loses it,
      // as it loses the worker's own queue
      this.timer = setTimeout(() => this.post(), this.windowMs);
      this.timer.unref();
    }
    return true;
  }

  /** Hands the buffered observations to the worker in one message. */
  private post(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.buffer.length === 0 || this.dead) return;
    this.worker.postMessage({ t: 'obs', o: this.buffer } satisfies ToWorker);
    this.buffer = [];
  }

  private call<T>(m: 'flush' | 'report' | 'stats' | 'close', a?: string): Promise<T> {
    if (this.dead) return Promise.reject(new Error('extraction worker is not running'));
    this.post();
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ t: 'call', id, m, ...(a === undefined ? {} : { a }) } satisfies ToWorker);
    });
  }

  flush(): Promise<void> {
    return this.call('flush');
  }

  report(principal?: string): Promise<SubjectReport[]> {
    return this.call('report', principal);
  }

  stats(): Promise<MonitorStats> {
    return this.call('stats');
  }

  async close(): Promise<void> {
    if (!this.dead) await this.call('close').catch(() => {});
    await this.worker.terminate();
  }
}
