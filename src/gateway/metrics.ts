// Prometheus series: requests, guard decisions and latencies, upstream latencies.
import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { Decision } from '../core/decision.js';
import type { Guard } from '../core/guard.js';
import type { GuardObserver } from '../core/pipeline.js';
import type { MonitorStats } from '../extraction/monitor.js';
import { HotCounter, HotHistogram } from './hot-metrics.js';

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
  readonly routeRequests = new HotCounter(
    'warden_route_requests_total',
    'Requests answered by the route table outside the OpenAI proxy routes, by route name and HTTP status.',
    ['route', 'status'],
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

  /**
   * The extraction monitor's counters, read when /metrics is scraped (the monitor runs in its own thread): what
   * it embedded, what its embedding budget skipped, what it dropped, and the share the budget allows now.
   */
  watchExtraction(stats: () => MonitorStats | Promise<MonitorStats>): void {
    let last: MonitorStats | undefined;
    let inFlight: Promise<MonitorStats | undefined> | undefined;
    // one round trip to the worker per scrape, shared by both series; if the worker is gone the last values
    // stay (its failure is logged where it happens)
    const read = () => {
      inFlight ??= Promise.resolve()
        .then(stats)
        .then(
          (s) => (last = s),
          () => last,
        )
        .finally(() => {
          inFlight = undefined;
        });
      return inFlight;
    };
    new Gauge({
      name: 'warden_extraction_observations',
      help: 'Observations of the extraction monitor since start, by fate (embedded, skipped by the embedding budget, dropped at the queue limit, queued now).',
      labelNames: ['fate'] as const,
      registers: [this.registry],
      async collect() {
        const s = await read();
        if (!s) return;
        this.set({ fate: 'embedded' }, s.embedded);
        this.set({ fate: 'skipped' }, s.skipped);
        this.set({ fate: 'dropped' }, s.dropped);
        this.set({ fate: 'queued' }, s.queued);
      },
    });
    new Gauge({
      name: 'warden_extraction_embed_share',
      help: 'Share of queries the extraction embedding budget allows now (1: every query is embedded).',
      registers: [this.registry],
      async collect() {
        const s = await read();
        if (s) this.set(s.embedRate);
      },
    });
  }

  // Each hot metric keeps the cell of every label set it has seen: recording is one Map lookup and an add.
  /** One finished request: counted by route, status and outcome, timed by route and streaming. */
  onRequest(route: string, status: number, outcome: string, stream: boolean, seconds: number): void {
    this.requests.labels(route, String(status), outcome).inc();
    this.requestDuration.labels(route, String(stream)).observe(seconds);
  }

  /** One request answered by a route-table entry (admin API, approvals, MCP, console...), by its name. */
  onRoute(name: string, status: number): void {
    this.routeRequests.labels(name, String(status)).inc();
  }

  /** One upstream exchange (to the end of the body, or to the headers for streams). */
  onUpstream(upstream: string, statusCode: number, seconds: number): void {
    this.upstreamDuration.labels(upstream, String(statusCode)).observe(seconds);
  }

  onDecision(guard: Guard, d: Decision): void {
    this.decisions.labels(guard.id, guard.phase, d.action, d.status).inc();
    if (d.latencyMs !== undefined)
      this.guardDuration.labels(guard.id, guard.phase).observe(d.latencyMs / 1000);
  }
}
