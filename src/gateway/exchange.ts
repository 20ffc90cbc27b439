// One request's record as it moves through the gateway; written once to the audit log, metrics and the log.
import type { Logger } from 'pino';
import type { Principal, Route } from '../core/context.js';
import type { Decision } from '../core/decision.js';
import { readableExcerpt } from '../core/redact.js';
import type { AuditDecision, AuditRecord, AuditStore } from '../store/types.js';
import type { ExchangeTrace } from '../telemetry/exchange-trace.js';
import type { AuditBatch } from './audit-batch.js';
import type { GatewayMetrics } from './metrics.js';

export interface Usage {
  promptTokens?: number;
  completionTokens?: number;
  totalTokens?: number;
}

export class Exchange {
  readonly started = performance.now();
  readonly ts = new Date().toISOString();
  route: Route | 'models' | 'other' = 'other';
  /**
   * The Responses API runs as chat exchanges (its audit records say route chat, detail.api responses);
   * its metrics are labelled `responses` so that a dashboard tells the two APIs apart (decision 2680).
   */
  api: 'responses' | undefined;
  principal: Principal | undefined;
  model: string | undefined;
  upstream: string | undefined;
  stream = false;
  status = 0;
  outcome: AuditRecord['outcome'] = 'ok';
  code: string | undefined;
  upstreamMs: number | undefined;
  firstByteMs: number | undefined;
  guardMs = 0;
  usage: Usage | undefined;
  excerpt: string | undefined;
  /** The caller's x-request-id (validated charset), recorded beside Warden's own requestId. */
  clientRequestId: string | undefined;
  /** Recorded as the audit record's `detail` (the Responses API: its response id and upstream mode). */
  detail: Record<string, string> | undefined;
  readonly decisions: Decision[] = [];
  /** This exchange's spans, when tracing is on. */
  trace: ExchangeTrace | undefined;
  /** What the upstream said it answered with and why each choice ended (read for traces only). */
  responseModel: string | undefined;
  finishReasons: string[] | undefined;
  private finished: Promise<boolean> | undefined;

  constructor(readonly requestId: string) {}

  addDecisions(ds: readonly Decision[]): void {
    for (const d of ds) {
      this.decisions.push(d);
      this.guardMs += d.latencyMs ?? 0;
    }
  }

  setExcerpt(text: string | undefined): void {
    if (text) this.excerpt = readableExcerpt(text);
  }

  /** Reads the answering model and finish reasons from a response object or a stream chunk sent to the client. */
  noteAnswer(answer: unknown): void {
    const a = answer as { model?: unknown; choices?: unknown } | null;
    if (!a || typeof a !== 'object') return;
    if (typeof a.model === 'string') this.responseModel = a.model;
    if (!Array.isArray(a.choices)) return;
    for (const c of a.choices as { finish_reason?: unknown }[]) {
      if (!c || typeof c.finish_reason !== 'string') continue;
      this.finishReasons ??= [];
      this.finishReasons.push(c.finish_reason);
    }
  }

  fail(code: string, status: number, outcome: AuditRecord['outcome'] = 'error'): void {
    this.code = code;
    this.status = status;
    this.outcome = outcome;
  }

  /**
   * Writes metrics, one log line and the audit record; idempotent. Resolves false when the audit write
   * failed. With `batch`, the record joins this turn's single journal write: the caller must not send the
   * response's last byte before the promise settles (decision 0210).
   */
  finish(deps: {
    audit?: AuditStore;
    batch?: AuditBatch;
    metrics: GatewayMetrics;
    log: Logger;
    auditExcerpts: boolean;
  }): Promise<boolean> {
    if (this.finished) return this.finished;
    const totalMs = performance.now() - this.started;
    const route = this.route;
    deps.metrics.onRequest(this.api ?? route, this.status, this.outcome, this.stream, totalMs / 1000);
    // The audit log is the per-request record; the process log carries one line per request only at debug,
    // and failures at info.
    const level = this.outcome === 'ok' ? 'debug' : 'info';
    if (deps.log.isLevelEnabled(level)) {
      deps.log[level](
        {
          requestId: this.requestId,
          clientRequestId: this.clientRequestId,
          route,
          principal: this.principal?.id,
          model: this.model,
          upstream: this.upstream,
          status: this.status,
          outcome: this.outcome,
          code: this.code,
          stream: this.stream,
          ms: round(totalMs),
        },
        'request',
      );
    }
    if (!deps.audit || route === 'other' || route === 'models') {
      this.finished = ACCEPTED;
      return ACCEPTED;
    }
    const record = this.auditRecord(route, totalMs, deps.auditExcerpts);
    const failed = (err: unknown) => {
      deps.log.error({ requestId: this.requestId, err: (err as Error).name }, 'audit write failed');
      return false;
    };
    if (!deps.batch) {
      try {
        deps.audit.append(record);
        this.finished = ACCEPTED;
      } catch (err) {
        this.finished = Promise.resolve(failed(err));
      }
      return this.finished;
    }
    const batch = deps.batch;
    const trace = this.trace;
    const accepting = trace ? performance.now() : 0;
    this.finished = new Promise<boolean>((resolve) => {
      batch.accept(record, (accepted, err) => {
        trace?.auditCommitted(accepting, accepted);
        resolve(accepted || failed(err));
      });
    });
    return this.finished;
  }

  // Field order is the stored JSON's (the chain hashes that text): keep it when adding fields.
  auditRecord(route: Route, totalMs: number, excerpts: boolean): AuditRecord {
    const record = {
      ts: this.ts,
      requestId: this.requestId,
      kind: 'request',
      principal: this.principal?.id ?? 'unauthenticated',
    } as AuditRecord;
    if (this.principal?.tenant) record.tenant = this.principal.tenant;
    record.route = route;
    if (this.model) record.model = this.model;
    if (this.upstream) record.upstream = this.upstream;
    record.status = this.status;
    record.outcome = this.outcome;
    if (this.code) record.code = this.code;
    record.stream = this.stream;
    record.decisions = this.decisions.map(toAuditDecision);
    const latency: NonNullable<AuditRecord['latency']> = { totalMs: round(totalMs) };
    if (this.upstreamMs !== undefined) latency.upstreamMs = round(this.upstreamMs);
    if (this.firstByteMs !== undefined) latency.firstByteMs = round(this.firstByteMs);
    latency.guardMs = round(this.guardMs);
    record.latency = latency;
    if (this.usage) record.usage = this.usage;
    if (excerpts && this.excerpt) record.excerpt = this.excerpt;
    if (this.clientRequestId) record.clientRequestId = this.clientRequestId;
    if (this.detail) record.detail = this.detail;
    return record;
  }
}

const ACCEPTED = Promise.resolve(true);

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

function toAuditDecision(d: Decision): AuditDecision {
  const out: AuditDecision = {
    guardId: d.guardId,
    phase: d.phase ?? 'request',
    action: d.action,
    status: d.status,
  };
  if (d.score !== undefined) out.score = d.score;
  if (d.action === 'block') out.code = d.code;
  if (d.reason) out.reason = d.reason;
  if (d.latencyMs !== undefined) out.latencyMs = round(d.latencyMs);
  return out;
}
