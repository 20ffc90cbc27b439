// Prometheus series: requests, guard decisions and latencies, upstream latencies.
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { Decision } from '../core/decision.js';
import type { Guard } from '../core/guard.js';
import type { GuardObserver } from '../core/pipeline.js';

const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export class GatewayMetrics implements GuardObserver {
  readonly registry = new Registry();
  readonly requests = new Counter({
    name: 'warden_requests_total',
    help: 'Requests handled, by route, HTTP status and outcome.',
    labelNames: ['route', 'status', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly requestDuration = new Histogram({
    name: 'warden_request_duration_seconds',
    help: 'Time from request received to response finished.',
    labelNames: ['route', 'stream'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly decisions = new Counter({
    name: 'warden_guard_decisions_total',
    help: 'Guard decisions by guard, phase, action and status.',
    labelNames: ['guard', 'phase', 'action', 'status'] as const,
    registers: [this.registry],
  });
  readonly guardDuration = new Histogram({
    name: 'warden_guard_duration_seconds',
    help: 'Time a guard took to decide.',
    labelNames: ['guard', 'phase'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly upstreamDuration = new Histogram({
    name: 'warden_upstream_duration_seconds',
    help: 'Upstream exchange time (to headers for streams), by upstream and outcome.',
    labelNames: ['upstream', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly upstreamErrors = new Counter({
    name: 'warden_upstream_errors_total',
    help: 'Upstream failures by upstream and Warden error code.',
    labelNames: ['upstream', 'code'] as const,
    registers: [this.registry],
  });

  constructor(opts: { defaultMetrics?: boolean } = {}) {
    if (opts.defaultMetrics !== false) collectDefaultMetrics({ register: this.registry, prefix: 'warden_' });
  }

  // Label children resolved once per guard (and outcome): prom-client hashes label sets on every call otherwise.
  private readonly durationChildren = new Map<string, { observe(v: number): void }>();
  private readonly decisionChildren = new Map<string, { inc(): void }>();

  onDecision(guard: Guard, d: Decision): void {
    const key = `${guard.id}\u0000${guard.phase}\u0000${d.action}\u0000${d.status}`;
    let counter = this.decisionChildren.get(key);
    if (!counter) {
      counter = this.decisions.labels({
        guard: guard.id,
        phase: guard.phase,
        action: d.action,
        status: d.status,
      });
      this.decisionChildren.set(key, counter);
    }
    counter.inc();
    if (d.latencyMs === undefined) return;
    const hkey = `${guard.id}\u0000${guard.phase}`;
    let hist = this.durationChildren.get(hkey);
    if (!hist) {
      hist = this.guardDuration.labels({ guard: guard.id, phase: guard.phase });
      this.durationChildren.set(hkey, hist);
    }
    hist.observe(d.latencyMs / 1000);
  }
}
