// One request's record as it moves through the gateway; written once to the audit log, metrics and the log.
import type { Logger } from 'pino';
import type { Principal, Route } from '../core/context.js';
import type { Decision } from '../core/decision.js';
import { redactExcerpt } from '../core/redact.js';
import type { AuditDecision, AuditRecord, AuditStore } from '../store/types.js';
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
  readonly decisions: Decision[] = [];
  private done = false;

  constructor(readonly requestId: string) {}

  addDecisions(ds: readonly Decision[]): void {
    for (const d of ds) {
      this.decisions.push(d);
      this.guardMs += d.latencyMs ?? 0;
    }
  }

  setExcerpt(text: string | undefined): void {
    if (text) this.excerpt = redactExcerpt(text);
  }

  fail(code: string, status: number, outcome: AuditRecord['outcome'] = 'error'): void {
    this.code = code;
    this.status = status;
    this.outcome = outcome;
  }

  /** Writes the audit record, metrics and one log line; idempotent. Returns false when the audit write failed. */
  finish(deps: {
    audit?: AuditStore;
    metrics: GatewayMetrics;
    log: Logger;
    auditExcerpts: boolean;
  }): boolean {
    if (this.done) return true;
    this.done = true;
    const totalMs = performance.now() - this.started;
    const route = this.route;
    deps.metrics.onRequest(route, this.status, this.outcome, this.stream, totalMs / 1000);
    let audited = true;
    if (deps.audit && route !== 'other' && route !== 'models') {
      const record: AuditRecord = {
        ts: this.ts,
        requestId: this.requestId,
        kind: 'request',
        principal: this.principal?.id ?? 'unauthenticated',
        ...(this.principal?.tenant ? { tenant: this.principal.tenant } : {}),
        route,
        ...(this.model ? { model: this.model } : {}),
        ...(this.upstream ? { upstream: this.upstream } : {}),
        status: this.status,
        outcome: this.outcome,
        ...(this.code ? { code: this.code } : {}),
        stream: this.stream,
        decisions: this.decisions.map(toAuditDecision),
        latency: {
          totalMs: round(totalMs),
          ...(this.upstreamMs === undefined ? {} : { upstreamMs: round(this.upstreamMs) }),
          ...(this.firstByteMs === undefined ? {} : { firstByteMs: round(this.firstByteMs) }),
          guardMs: round(this.guardMs),
        },
        ...(this.usage ? { usage: this.usage } : {}),
        ...(deps.auditExcerpts && this.excerpt ? { excerpt: this.excerpt } : {}),
      };
      try {
        deps.audit.append(record);
      } catch (err) {
        audited = false;
        deps.log.error({ requestId: this.requestId, err: (err as Error).name }, 'audit write failed');
      }
    }
    // The audit log is the per-request record; the process log carries one line per request only at debug,
    // and failures at info.
    const level = this.outcome === 'ok' ? 'debug' : 'info';
    deps.log[level](
      {
        requestId: this.requestId,
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
    return audited;
  }
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

function toAuditDecision(d: Decision): AuditDecision {
  return {
    guardId: d.guardId,
    phase: d.phase ?? 'request',
    action: d.action,
    status: d.status,
    ...(d.score === undefined ? {} : { score: d.score }),
    ...(d.action === 'block' ? { code: d.code } : {}),
    ...(d.reason ? { reason: d.reason } : {}),
    ...(d.latencyMs === undefined ? {} : { latencyMs: round(d.latencyMs) }),
  };
}
