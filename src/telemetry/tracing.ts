// OpenTelemetry tracing for the gateway: off unless config or OTEL_TRACES_EXPORTER=otlp turns it on, OTLP over HTTP.
import { type Attributes, ROOT_CONTEXT, type Tracer } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter as OtlpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import type { WardenConfig } from '../config/schema.js';

export type OtlpProtocol = 'http/json' | 'http/protobuf';

export interface TracingSettings {
  serviceName: string;
  protocol: OtlpProtocol;
  /** Full URL of the traces endpoint; undefined leaves the exporter's default (localhost:4318). */
  url?: string;
  sampleRatio: number;
  /** Longest time a finished span waits before its batch is exported. */
  exportDelayMs: number;
}

/** Thrown for a tracing setting Warden cannot honour; start-up stops with its message. */
export class TracingConfigError extends Error {}

const truthy = (v: string | undefined) => v !== undefined && /^(true|1)$/i.test(v.trim());

/**
 * Decides from config and the standard OTEL_* variables whether to trace, and how. Warden traces only when
 * config enables it or OTEL_TRACES_EXPORTER names otlp explicitly (the specification's implicit default is
 * not enough), and never when OTEL_SDK_DISABLED is true.
 */
export function tracingSettings(
  config: WardenConfig['tracing'],
  env: NodeJS.ProcessEnv = process.env,
): TracingSettings | undefined {
  if (truthy(env.OTEL_SDK_DISABLED)) return undefined;
  const exporters = (env.OTEL_TRACES_EXPORTER ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const enabled = config.enabled ?? exporters.includes('otlp');
  if (!enabled) return undefined;
  const protocol =
    config.protocol ??
    env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ??
    env.OTEL_EXPORTER_OTLP_PROTOCOL ??
    'http/protobuf';
  if (protocol !== 'http/json' && protocol !== 'http/protobuf') {
    throw new TracingConfigError(
      `tracing: OTLP protocol '${protocol.slice(0, 40)}' is not supported; use http/protobuf or http/json`,
    );
  }
  const url =
    config.endpoint ?? env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? signalUrl(env.OTEL_EXPORTER_OTLP_ENDPOINT);
  if (url !== undefined && !/^https?:\/\/[^\s]+$/.test(url)) {
    throw new TracingConfigError('tracing: the OTLP endpoint must be an http(s) URL');
  }
  const settings: TracingSettings = {
    serviceName: env.OTEL_SERVICE_NAME?.trim() || config.serviceName,
    protocol,
    sampleRatio: config.sampleRatio,
    exportDelayMs: config.exportDelayMs,
  };
  if (url !== undefined) settings.url = url;
  return settings;
}

/** OTEL_EXPORTER_OTLP_ENDPOINT is a base URL: the traces signal lives at /v1/traces under it. */
function signalUrl(base: string | undefined): string | undefined {
  if (!base?.trim()) return undefined;
  return `${base.trim().replace(/\/+$/, '')}/v1/traces`;
}

/** The gateway's tracer, its W3C propagator and the provider to flush at shutdown. */
export class Tracing {
  readonly tracer: Tracer;
  readonly propagator = new W3CTraceContextPropagator();
  private readonly provider: TracerProvider;

  constructor(readonly settings: TracingSettings) {
    const exporterConfig = settings.url ? { url: settings.url } : {};
    const exporter =
      settings.protocol === 'http/json'
        ? new OtlpJsonExporter(exporterConfig)
        : new OtlpProtoExporter(exporterConfig);
    const resource: Attributes = { 'service.name': settings.serviceName };
    this.provider = new TracerProvider({
      resource: resourceFromAttributes(resource),
      sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(settings.sampleRatio) }),
      spanProcessors: [
        new BatchSpanProcessor({
          exporter,
          scheduledDelayMillis: settings.exportDelayMs,
          maxQueueSize: 8192,
        }),
      ],
    });
    this.tracer = this.provider.getTracer('warden-gateway');
  }

  /** The caller's trace context from its traceparent/tracestate headers (root context when absent or bad). */
  extract(headers: Readonly<Record<string, string | string[] | undefined>>) {
    return this.propagator.extract(ROOT_CONTEXT, headers, {
      get: (carrier, key) => carrier[key],
      keys: (carrier) => Object.keys(carrier),
    });
  }

  async flush(): Promise<void> {
    await this.provider.forceFlush();
  }

  async shutdown(): Promise<void> {
    await this.provider.shutdown();
  }
}

export function createTracing(
  config: WardenConfig['tracing'],
  env: NodeJS.ProcessEnv = process.env,
): Tracing | undefined {
  const settings = tracingSettings(config, env);
  return settings ? new Tracing(settings) : undefined;
}
