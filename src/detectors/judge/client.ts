// Asks a remote judge for verdicts on texts: one keep-alive undici pool, batches sent a few at a time, each
// call under its timeout and all of a request's calls under one budget, and verdicts of identical texts
// cached by a hash of the text (the cache never holds the text itself).
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { Agent, request } from 'undici';
import {
  batchable,
  JudgeAnswerError,
  type KindSettings,
  parseAnswer,
  requestBody,
  type Verdict,
} from './kinds.js';

export type JudgeFailure =
  | 'timeout'
  | 'budget'
  | 'http'
  | 'unreachable'
  | 'bad-body'
  | 'bad-verdict'
  | 'aborted';

/** A judge that gave no verdict; the message names the failure, never the text or a header. */
export class JudgeError extends Error {
  constructor(
    readonly failure: JudgeFailure,
    message: string,
  ) {
    super(message);
    this.name = 'JudgeError';
  }
}

export interface JudgeClientOptions extends KindSettings {
  url: string;
  /** Request headers (values from the environment: never logged). */
  headers: Readonly<Record<string, string>>;
  timeoutMs: number;
  batchSize: number;
  concurrency: number;
  cache: { max: number; ttlMs: number };
  maxResponseBytes: number;
}

export interface JudgeOutcome {
  verdicts: Verdict[];
  /** HTTP calls made for this request, and texts answered from the cache. */
  calls: number;
  cached: number;
}

export class JudgeClient {
  private readonly agent: Agent;
  private readonly cache: LRUCache<string, Verdict> | undefined;

  constructor(private readonly opts: JudgeClientOptions) {
    this.agent = new Agent({ connections: Math.max(2, opts.concurrency * 2), keepAliveTimeout: 30_000 });
    this.cache =
      opts.cache.max > 0 ? new LRUCache({ max: opts.cache.max, ttl: opts.cache.ttlMs }) : undefined;
  }

  /** Verdicts for `texts` in order, within `budgetMs` for all calls; throws JudgeError on any failure. */
  async judge(texts: readonly string[], budgetMs: number, signal: AbortSignal): Promise<JudgeOutcome> {
    const deadline = performance.now() + budgetMs;
    const keys = texts.map(keyOf);
    const verdicts: (Verdict | undefined)[] = keys.map((k) => this.cache?.get(k));
    const cached = verdicts.filter(Boolean).length;
    // Identical texts of one request are asked once.
    const missing = [...new Set(keys.filter((_k, i) => !verdicts[i]))];
    const textOf = new Map(keys.map((k, i) => [k, texts[i]!]));
    const size = batchable(this.opts.kind) ? this.opts.batchSize : 1;
    const batches: string[][] = [];
    for (let i = 0; i < missing.length; i += size) batches.push(missing.slice(i, i + size));
    const found = new Map<string, Verdict>();
    const stop = new AbortController();
    const onAbort = () => stop.abort(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    try {
      let next = 0;
      const lane = async () => {
        while (next < batches.length) {
          const batch = batches[next++]!;
          const got = await this.call(
            batch.map((k) => textOf.get(k)!),
            deadline,
            stop.signal,
          );
          for (const [j, k] of batch.entries()) found.set(k, got[j]!);
        }
      };
      const lanes = Array.from({ length: Math.min(this.opts.concurrency, batches.length) }, lane);
      // The first failure stops the other lanes' calls: the request is decided already.
      await Promise.all(
        lanes.map((l) =>
          l.catch((err: unknown) => {
            stop.abort(err);
            throw err;
          }),
        ),
      );
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
    for (const [k, v] of found) this.cache?.set(k, v);
    return {
      verdicts: keys.map((k, i) => verdicts[i] ?? found.get(k)!),
      calls: batches.length,
      cached,
    };
  }

  private async call(texts: string[], deadline: number, signal: AbortSignal): Promise<Verdict[]> {
    const left = deadline - performance.now();
    if (left <= 0) throw new JudgeError('budget', 'the per-request judge budget is spent');
    if (signal.aborted) throw new JudgeError('aborted', 'the judge call was cancelled');
    const byBudget = left < this.opts.timeoutMs;
    const wait = Math.max(1, Math.floor(byBudget ? left : this.opts.timeoutMs));
    const timer = new AbortController();
    const t = setTimeout(() => timer.abort(), wait);
    const s = this.opts;
    try {
      const res = await request(s.url, {
        method: 'POST',
        dispatcher: this.agent,
        headers: { 'content-type': 'application/json', accept: 'application/json', ...s.headers },
        body: JSON.stringify(requestBody(s, texts)),
        signal: AbortSignal.any([signal, timer.signal]),
      });
      if (res.statusCode >= 300) {
        await res.body.dump().catch(() => {});
        // The status only: an error body may echo the text.
        throw new JudgeError('http', `the judge answered HTTP ${res.statusCode}`);
      }
      const raw = await readCapped(res.body, s.maxResponseBytes);
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        throw new JudgeError('bad-body', 'the judge answer is not JSON');
      }
      return parseAnswer(s, texts, body);
    } catch (err) {
      if (err instanceof JudgeError) throw err;
      if (err instanceof JudgeAnswerError) throw new JudgeError(err.failure, err.message);
      if (timer.signal.aborted)
        throw byBudget
          ? new JudgeError('budget', 'the per-request judge budget is spent')
          : new JudgeError('timeout', `the judge did not answer within ${s.timeoutMs} ms`);
      if (signal.aborted) throw new JudgeError('aborted', 'the judge call was cancelled');
      const code = (err as { code?: unknown }).code;
      throw new JudgeError(
        'unreachable',
        `the judge cannot be reached (${typeof code === 'string' ? code : 'error'})`,
      );
    } finally {
      clearTimeout(t);
    }
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}

/** The cache key: a hash of the (already normalised) text. */
function keyOf(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

async function readCapped(body: AsyncIterable<Buffer | string>, max: number): Promise<string> {
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const c of body) {
    const b = typeof c === 'string' ? Buffer.from(c) : c;
    n += b.length;
    if (n > max) throw new JudgeError('bad-body', `the judge answer exceeds ${max} bytes`);
    chunks.push(b);
  }
  return Buffer.concat(chunks).toString('utf8');
}
