// The gateway's side of the classifier: one worker thread that owns the model, texts of concurrent requests
// sent in one batch per event-loop turn, a deadline on every call, and a fresh worker after a crash.
import { Worker } from 'node:worker_threads';
import type { TextScore } from './engine.js';
import type { ClassifierInit, FromClassifier } from './protocol.js';

export interface ClassifierInfo {
  labels: string[];
  attack: number[];
  inputs: string[];
  maxTokens: number;
}

interface Call {
  texts: string[];
  resolve(scores: TextScore[]): void;
  reject(err: Error): void;
  done: boolean;
}

export class ClassifierUnavailable extends Error {}

/** Starts the worker; resolves when the model is loaded, rejects with the worker's reason when it cannot be. */
function spawn(init: ClassifierInit): { worker: Worker; ready: Promise<ClassifierInfo> } {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = new URL(fromSource ? './worker-entry.ts' : './worker-entry.js', import.meta.url);
  const worker = fromSource
    ? new Worker(new URL('../../core/worker-boot.mjs', import.meta.url), {
        workerData: { init, entry: entry.href },
      })
    : new Worker(entry, { workerData: { init } });
  worker.unref();
  const ready = new Promise<ClassifierInfo>((resolve, reject) => {
    const onMessage = (m: FromClassifier) => {
      if (m.t === 'ready') {
        worker.off('message', onMessage);
        worker.off('exit', onExit);
        resolve({ labels: m.labels, attack: m.attack, inputs: m.inputs, maxTokens: m.maxTokens });
      } else if (m.t === 'fatal') {
        worker.off('exit', onExit);
        void worker.terminate();
        reject(new ClassifierUnavailable(m.e));
      }
    };
    const onExit = (code: number) =>
      reject(new ClassifierUnavailable(`classifier worker exited (${code}) while loading`));
    worker.on('message', onMessage);
    worker.once('exit', onExit);
  });
  return { worker, ready };
}

export class ClassifierClient {
  private worker: Worker;
  private readonly inflight = new Map<number, Call[]>();
  private queue: Call[] = [];
  private queued = 0;
  private flushing = false;
  private next = 1;
  private closed = false;

  private constructor(
    private readonly init: ClassifierInit,
    worker: Worker,
    readonly info: ClassifierInfo,
    private readonly maxQueuedTexts: number,
  ) {
    this.worker = worker;
    this.attach(worker);
  }

  static async start(init: ClassifierInit, maxQueuedTexts = 1024): Promise<ClassifierClient> {
    const { worker, ready } = spawn(init);
    const info = await ready;
    return new ClassifierClient(init, worker, info, maxQueuedTexts);
  }

  private attach(worker: Worker): void {
    worker.on('message', (m: FromClassifier) => {
      if (m.t !== 'reply') return;
      const calls = this.inflight.get(m.id) ?? [];
      this.inflight.delete(m.id);
      if ('e' in m) {
        for (const c of calls) this.settle(c, new ClassifierUnavailable(`classifier model error: ${m.e}`));
        return;
      }
      let at = 0;
      for (const c of calls) {
        const mine = m.scores.slice(at, at + c.texts.length);
        at += c.texts.length;
        this.settle(c, undefined, mine);
      }
    });
    worker.once('exit', (code) => {
      const lost = [...this.inflight.values()].flat();
      this.inflight.clear();
      for (const c of lost) this.settle(c, new ClassifierUnavailable(`classifier worker exited (${code})`));
      if (this.closed) return;
      // A crashed worker is replaced; calls made meanwhile wait in the queue for it.
      const { worker: fresh, ready } = spawn(this.init);
      this.worker = fresh;
      this.attach(fresh);
      ready.catch(() => {
        this.closed = true;
        for (const c of this.queue)
          this.settle(c, new ClassifierUnavailable('classifier worker cannot restart'));
        this.queue = [];
      });
    });
  }

  private settle(c: Call, err?: Error, scores?: TextScore[]): void {
    if (c.done) return;
    c.done = true;
    if (err) c.reject(err);
    else c.resolve(scores!);
  }

  /** Scores texts within `deadlineMs`; rejects (the caller fails closed) at the deadline, on overload or error. */
  score(texts: readonly string[], deadlineMs: number): Promise<TextScore[]> {
    if (texts.length === 0) return Promise.resolve([]);
    if (this.closed) return Promise.reject(new ClassifierUnavailable('classifier is closed'));
    if (this.queued + texts.length > this.maxQueuedTexts)
      return Promise.reject(new ClassifierUnavailable('classifier queue is full'));
    return new Promise<TextScore[]>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          this.settle(call, new ClassifierUnavailable(`classifier deadline of ${deadlineMs} ms exceeded`)),
        deadlineMs,
      );
      const call: Call = {
        texts: [...texts],
        done: false,
        resolve: (s) => {
          clearTimeout(timer);
          resolve(s);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      this.queue.push(call);
      this.queued += texts.length;
      if (!this.flushing) {
        this.flushing = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.flushing = false;
    const calls = this.queue.filter((c) => !c.done);
    this.queue = [];
    this.queued = 0;
    if (calls.length === 0) return;
    const id = this.next++;
    this.inflight.set(id, calls);
    this.worker.postMessage({ t: 'score', id, texts: calls.flatMap((c) => c.texts) });
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.worker.terminate();
  }
}
