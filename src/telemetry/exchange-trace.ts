// One exchange's spans: the server span (GenAI conventions), identity, limits, guard phases and guards, the
// upstream call, approvals held and a linked audit-commit span. Attributes carry validated values only.
import {
  type Attributes,
  type Context,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import type { Principal, Route } from '../core/context.js';
import type { Decision, Phase } from '../core/decision.js';
import type { Tracing } from './tracing.js';

// The Responses API runs as route chat: GenAI names its operation `chat` too; http.route tells the two apart.
const OPERATION: Record<Route, string> = {
  chat: 'chat',
  completions: 'text_completion',
  embeddings: 'embeddings',
};

const FINISH_REASONS = new Set(['stop', 'length', 'tool_calls', 'content_filter', 'function_call']);

/** What the exchange span reads when the exchange ends (a subset of gateway/exchange.ts's Exchange). */
export interface ExchangeFacts {
  route: Route | 'models' | 'other';
  principal: Principal | undefined;
  status: number;
  outcome: string;
  code: string | undefined;
  stream: boolean;
  usage?: { promptTokens?: number; completionTokens?: number } | undefined;
  upstreamMs: number | undefined;
  firstByteMs: number | undefined;
  decisions: readonly Decision[];
  responseModel?: string | undefined;
  finishReasons?: readonly string[] | undefined;
}

export class ExchangeTrace {
  private readonly span: Span;
  private readonly context: Context;
  private upstreamSpan: Span | undefined;
  private upstreamStarted = 0;
  private ended = false;

  constructor(
    private readonly tracing: Tracing,
    headers: Readonly<Record<string, string | string[] | undefined>>,
    private readonly route: Route,
    httpPath: string,
  ) {
    const parent = tracing.extract(headers);
    this.span = tracing.tracer.startSpan(
      OPERATION[route],
      {
        kind: SpanKind.SERVER,
        attributes: {
          'gen_ai.operation.name': OPERATION[route],
          'http.request.method': 'POST',
          'http.route': httpPath,
          'warden.route': route,
        },
      },
      parent,
    );
    this.context = trace.setSpan(parent, this.span);
  }

  /** A finished step of the request's path (identity, limits) as a child span. */
  step(name: 'warden.identity' | 'warden.limits', started: number, attributes: Attributes = {}): void {
    this.tracing.tracer
      .startSpan(name, { startTime: started, attributes }, this.context)
      .end(performance.now());
  }

  /** The model as routed (validated and served by a configured upstream); names the span as GenAI does. */
  routed(model: string, upstream: string): void {
    this.span.updateName(`${OPERATION[this.route]} ${model}`);
    this.span.setAttribute('gen_ai.request.model', model);
    this.span.setAttribute('warden.upstream.name', upstream);
  }

  /** Starts the upstream call's span and returns the trace headers the upstream receives. */
  upstreamHeaders(upstream: string, serverAddress: string): Record<string, string> {
    this.upstreamStarted = performance.now();
    this.upstreamSpan = this.tracing.tracer.startSpan(
      'warden.upstream',
      {
        kind: SpanKind.CLIENT,
        startTime: this.upstreamStarted,
        attributes: { 'warden.upstream.name': upstream, 'server.address': serverAddress },
      },
      this.context,
    );
    const headers: Record<string, string> = {};
    this.tracing.propagator.inject(trace.setSpan(this.context, this.upstreamSpan), headers, {
      set: (carrier, key, value) => {
        carrier[key] = value;
      },
    });
    return headers;
  }

  /** A span for the audit commit of this exchange's record: linked to the exchange, not its child. */
  auditCommitted(started: number, accepted: boolean): void {
    const span = this.tracing.tracer.startSpan('warden.audit.commit', {
      startTime: started,
      root: true,
      links: [{ context: this.span.spanContext() }],
      attributes: { 'warden.audit.accepted': accepted },
    });
    if (!accepted) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end(performance.now());
  }

  /** Ends every span of the exchange with what it learnt; idempotent. */
  end(facts: ExchangeFacts): void {
    if (this.ended) return;
    this.ended = true;
    const now = performance.now();
    if (this.upstreamSpan) {
      if (facts.firstByteMs !== undefined)
        this.upstreamSpan.setAttribute('warden.upstream.ttfb_ms', round(facts.firstByteMs));
      if (facts.firstByteMs !== undefined)
        this.upstreamSpan.addEvent('first_byte', this.upstreamStarted + facts.firstByteMs);
      const end = facts.upstreamMs !== undefined ? this.upstreamStarted + facts.upstreamMs : now;
      this.upstreamSpan.end(Math.min(end, now));
    }
    this.guardSpans(facts.decisions);
    const s = this.span;
    s.setAttribute('http.response.status_code', facts.status);
    s.setAttribute('warden.outcome', facts.outcome);
    s.setAttribute('warden.stream', facts.stream);
    if (facts.code) s.setAttribute('warden.error.code', facts.code);
    if (facts.principal) {
      s.setAttribute('warden.principal.id', facts.principal.id);
      s.setAttribute('warden.principal.kind', facts.principal.kind);
      if (facts.principal.tenant) s.setAttribute('warden.tenant', facts.principal.tenant);
    }
    const u = facts.usage;
    if (u?.promptTokens !== undefined) s.setAttribute('gen_ai.usage.input_tokens', u.promptTokens);
    if (u?.completionTokens !== undefined) s.setAttribute('gen_ai.usage.output_tokens', u.completionTokens);
    if (facts.responseModel && /^[\w.:/@-]{1,128}$/.test(facts.responseModel))
      s.setAttribute('gen_ai.response.model', facts.responseModel);
    if (facts.finishReasons && facts.finishReasons.length > 0) {
      s.setAttribute(
        'gen_ai.response.finish_reasons',
        facts.finishReasons.map((r) => (FINISH_REASONS.has(r) ? r : 'other')),
      );
    }
    if (facts.status >= 500 || facts.outcome === 'error') {
      s.setAttribute('error.type', facts.code ?? 'WARDEN_INTERNAL');
      if (facts.status >= 500) s.setStatus({ code: SpanStatusCode.ERROR });
    }
    s.end(now);
  }

  /** One span per guard phase, one child per guard in it (its runs merged: a stream runs response guards often). */
  private guardSpans(decisions: readonly Decision[]): void {
    const phases = new Map<Phase, Map<string, Decision[]>>();
    for (const d of decisions) {
      if (d.startedAt === undefined) continue;
      const phase = d.phase ?? 'request';
      let guards = phases.get(phase);
      if (!guards) {
        guards = new Map();
        phases.set(phase, guards);
      }
      const runs = guards.get(d.guardId);
      if (runs) runs.push(d);
      else guards.set(d.guardId, [d]);
    }
    const { tracer } = this.tracing;
    for (const [phase, guards] of phases) {
      const all = [...guards.values()].flat();
      const phaseSpan = tracer.startSpan(
        `warden.guards.${phase}`,
        {
          startTime: first(all),
          attributes: { 'warden.guard.phase': phase, 'warden.guard.count': guards.size },
        },
        this.context,
      );
      const phaseContext = trace.setSpan(this.context, phaseSpan);
      for (const [guardId, runs] of guards) {
        const strongest = runs.reduce((a, b) => (RANK[b.action] > RANK[a.action] ? b : a));
        const attributes: Attributes = {
          'warden.guard.id': guardId,
          'warden.guard.decision': strongest.action,
          'warden.guard.status': runs.some((r) => r.status === 'error')
            ? 'error'
            : runs.every((r) => r.status === 'skipped')
              ? 'skipped'
              : 'ok',
          'warden.guard.runs': runs.length,
        };
        const scores = runs.map((r) => r.score).filter((x): x is number => typeof x === 'number');
        if (scores.length > 0) attributes['warden.guard.score'] = Math.max(...scores);
        if (strongest.action === 'block') attributes['warden.guard.code'] = strongest.code;
        const span = tracer.startSpan(
          `warden.guard ${guardId}`,
          { startTime: first(runs), attributes },
          phaseContext,
        );
        if (attributes['warden.guard.status'] === 'error') span.setStatus({ code: SpanStatusCode.ERROR });
        span.end(last(runs));
        for (const r of runs) {
          if (r.action !== 'requireApproval') continue;
          tracer
            .startSpan(
              'warden.approval.hold',
              {
                startTime: r.startedAt,
                attributes: { 'warden.approval.id': r.approvalId, 'warden.guard.id': guardId },
              },
              phaseContext,
            )
            .end(last([r]));
        }
      }
      phaseSpan.end(last(all));
    }
  }
}

const RANK: Record<Decision['action'], number> = { allow: 0, transform: 1, requireApproval: 2, block: 3 };

function first(ds: readonly Decision[]): number {
  return Math.min(...ds.map((d) => d.startedAt ?? 0));
}

function last(ds: readonly Decision[]): number {
  return Math.max(...ds.map((d) => (d.startedAt ?? 0) + (d.latencyMs ?? 0)));
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
