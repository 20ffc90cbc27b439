// Prometheus series: requests, guard decisions and latencies, upstream latencies.
import { Counter, collectDefaultMetrics, Registry } from 'prom-client';
import type { Decision } from '../core/decision.js';
import type { Guard } from '../core/guard.js';
import type { GuardObserver } from '../core/pipeline.js';
import { type CounterCell, type HistogramCell, HotCounter, HotHistogram } from './hot-metrics.js';

const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export class GatewayMetrics implements GuardObserver {
  readonly registry = new Registry();
  // Series written on every request are hot metrics: the cell of a label set is found by one Map lookup.
  readonly requests = new HotCounter(
    'warden_requests_total',
    'Requests handled, by route, HTTP status and outcome.',
    ['route', 'status', 'outcome'],
    this.registry,
  );
  readonly requestDuration = new HotHistogram(
    'warden_request_duration_seconds',
    'Time from request received to response finished.',
    ['route', 'stream'],
    LATENCY_BUCKETS,
    this.registry,
  );
  readonly decisions = new HotCounter(
    'warden_guard_decisions_total',
    'Guard decisions by guard, phase, action and status.',
    ['guard', 'phase', 'action', 'status'],
    this.registry,
  );
  readonly guardDuration = new HotHistogram(
    'warden_guard_duration_seconds',
    'Time a guard took to decide.',
    ['guard', 'phase'],
    LATENCY_BUCKETS,
    this.registry,
  );
  readonly upstreamDuration = new HotHistogram(
    'warden_upstream_duration_seconds',
    'Upstream exchange time (to headers for streams), by upstream and outcome.',
    ['upstream', 'outcome'],
    LATENCY_BUCKETS,
    this.registry,
  );
  readonly upstreamErrors = new Counter({
    name: 'warden_upstream_errors_total',
    help: 'Upstream failures by upstream and Warden error code.',
    labelNames: ['upstream', 'code'] as const,
    registers: [this.registry],
  });

  constructor(opts: { defaultMetrics?: boolean } = {}) {
    if (opts.defaultMetrics !== false) collectDefaultMetrics({ register: this.registry, prefix: 'warden_' });
  }

  private readonly requestCells = new Map<string, CounterCell>();
  private readonly requestDurationCells = new Map<string, HistogramCell>();
  private readonly upstreamCells = new Map<string, HistogramCell>();
  private readonly durationCells = new Map<string, HistogramCell>();
  private readonly decisionCells = new Map<string, CounterCell>();

  /** One finished request: counted by route, status and outcome, timed by route and streaming. */
  onRequest(route: string, status: number, outcome: string, stream: boolean, seconds: number): void {
    const key = `${route}\u0000${status}\u0000${outcome}`;
    let counter = this.requestCells.get(key);
    if (!counter) {
      counter = this.requests.labels(route, String(status), outcome);
      this.requestCells.set(key, counter);
    }
    counter.inc();
    const hkey = stream ? `${route}\u0000true` : route;
    let hist = this.requestDurationCells.get(hkey);
    if (!hist) {
      hist = this.requestDuration.labels(route, String(stream));
      this.requestDurationCells.set(hkey, hist);
    }
    hist.observe(seconds);
  }

  /** One upstream exchange (to the end of the body, or to the headers for streams). */
  onUpstream(upstream: string, statusCode: number, seconds: number): void {
    const key = `${upstream}\u0000${statusCode}`;
    let hist = this.upstreamCells.get(key);
    if (!hist) {
      hist = this.upstreamDuration.labels(upstream, String(statusCode));
      this.upstreamCells.set(key, hist);
    }
    hist.observe(seconds);
  }

  onDecision(guard: Guard, d: Decision): void {
    const key = `${guard.id}\u0000${guard.phase}\u0000${d.action}\u0000${d.status}`;
    let counter = this.decisionCells.get(key);
    if (!counter) {
      counter = this.decisions.labels(guard.id, guard.phase, d.action, d.status);
      this.decisionCells.set(key, counter);
    }
    counter.inc();
    if (d.latencyMs === undefined) return;
    const hkey = `${guard.id}\u0000${guard.phase}`;
    let hist = this.durationCells.get(hkey);
    if (!hist) {
      hist = this.guardDuration.labels(guard.id, guard.phase);
      this.durationCells.set(hkey, hist);
    }
    hist.observe(d.latencyMs / 1000);
  }
}
