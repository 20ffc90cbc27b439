import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateConfig } from '../config/load.js';
import { TracingConfigError, tracingSettings } from './tracing.js';

const tracing = (t: Record<string, unknown> = {}) =>
  validateConfig(
    {
      auth: { mode: 'none' },
      upstreams: [{ name: 'u', baseUrl: 'http://127.0.0.1:9/v1', models: ['*'] }],
      tracing: t,
    },
    'test',
  ).tracing;

test('tracing is off unless config enables it or OTEL_TRACES_EXPORTER names otlp', () => {
  assert.equal(tracingSettings(tracing(), {}), undefined);
  assert.equal(tracingSettings(tracing(), { OTEL_TRACES_EXPORTER: 'none' }), undefined);
  assert.equal(tracingSettings(tracing(), { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' }), undefined);
  assert.ok(tracingSettings(tracing(), { OTEL_TRACES_EXPORTER: 'console, otlp' }));
  assert.ok(tracingSettings(tracing({ enabled: true }), {}));
  assert.equal(tracingSettings(tracing({ enabled: false }), { OTEL_TRACES_EXPORTER: 'otlp' }), undefined);
});

test('OTEL_SDK_DISABLED turns tracing off whatever config says', () => {
  assert.equal(tracingSettings(tracing({ enabled: true }), { OTEL_SDK_DISABLED: 'true' }), undefined);
  assert.ok(tracingSettings(tracing({ enabled: true }), { OTEL_SDK_DISABLED: 'false' }));
});

test('endpoint, protocol and service name come from the standard variables, config first where it is set', () => {
  const env = {
    OTEL_TRACES_EXPORTER: 'otlp',
    OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/',
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    OTEL_SERVICE_NAME: 'edge-gw',
  };
  const s = tracingSettings(tracing(), env)!;
  assert.equal(s.url, 'http://collector:4318/v1/traces', 'the signal path is appended to the base endpoint');
  assert.equal(s.protocol, 'http/json');
  assert.equal(s.serviceName, 'edge-gw');
  const t = tracingSettings(tracing(), { ...env, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://t:4318/x' })!;
  assert.equal(t.url, 'http://t:4318/x', 'the traces-specific endpoint is used as given');
  const c = tracingSettings(
    tracing({ endpoint: 'http://cfg:4318/v1/traces', protocol: 'http/protobuf' }),
    env,
  )!;
  assert.equal(c.url, 'http://cfg:4318/v1/traces');
  assert.equal(c.protocol, 'http/protobuf');
  assert.equal(
    tracingSettings(tracing({ enabled: true }), {})!.protocol,
    'http/protobuf',
    "the specification's default",
  );
  assert.equal(tracingSettings(tracing({ enabled: true }), {})!.serviceName, 'warden');
});

test('a protocol Warden cannot export (grpc) stops start-up with a clear message', () => {
  assert.throws(
    () => tracingSettings(tracing(), { OTEL_TRACES_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' }),
    (err: unknown) => err instanceof TracingConfigError && /grpc.*not supported/.test(err.message),
  );
});
