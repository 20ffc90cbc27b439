// The gateway's own entries in the route table: the OpenAI proxy routes, health, readiness, metrics, models.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SpanKind } from '@opentelemetry/api';
import type { z } from 'zod';
import type { Principal, Route } from '../core/context.js';
import { WardenError } from '../core/errors.js';
import { sendError, sendJson } from '../http/reply.js';
import {
  type AnyRoute,
  type Realm,
  type RouteScope,
  type RouteTableOptions,
  route,
} from '../http/route-table.js';
import type { AccessControl } from '../identity/access.js';
import type { Tracing } from '../telemetry/tracing.js';
import type { AnswerShape, UpstreamDialect } from './answer-shape.js';
import type { GatewayMetrics } from './metrics.js';
import type { GatewayDeps } from './proxy-call.js';
import type { Upstream } from './upstream.js';

/** One OpenAI proxy route: Warden's route id, the upstream path, and the request schema. */
export interface ProxyRoute {
  route: Route;
  path: string;
  schema: z.ZodType<Record<string, unknown>>;
  /** The route-table entry's name when it is not `gateway.<route>` (the Responses API runs as chat). */
  name?: string;
  /** Turns another API's request into the chat body it runs as, and the shape of its answer (the Responses API). */
  adapt?: Adapt;
}

export type Adapt = (
  body: Record<string, unknown>,
  principal: Principal,
  deps: GatewayDeps,
  upstream: Upstream,
) => {
  body: Record<string, unknown>;
  shape: AnswerShape;
  dialect?: UpstreamDialect;
  detail?: Record<string, string>;
};

export interface GatewayHandlers {
  /** The proxy reads its own body (streaming limits, depth, schema): the entry declares none. */
  proxy(req: IncomingMessage, res: ServerResponse, api: ProxyRoute, httpRoute: string): Promise<void>;
  /** GET /v1/models, or one model (`id` as routed): unknown and not-allowed models are both 404. */
  models(res: ServerResponse, principal: Principal, id?: string): Promise<void>;
  /** GET /v1/responses/{id}: authenticates and admits by itself, like the proxy. */
  storedResponse(req: IncomingMessage, res: ServerResponse, id: string): Promise<void>;
  /** DELETE /v1/responses/{id}: the owner only (404 otherwise); authenticates by itself like the read. */
  deleteStoredResponse(req: IncomingMessage, res: ServerResponse, id: string): Promise<void>;
  metrics(res: ServerResponse): Promise<void>;
  /** Why the gateway is not ready, or undefined. */
  notReady(): Promise<string | undefined>;
}

export function gatewayRoutes(
  proxied: Readonly<Record<string, ProxyRoute>>,
  h: GatewayHandlers,
  opts: { metricsScope?: string | undefined },
): AnyRoute[] {
  const metricsScope: RouteScope = opts.metricsScope ? [opts.metricsScope] : 'public';
  return [
    ...Object.entries(proxied).map(([path, api]) =>
      route({
        method: 'POST',
        path,
        scope: 'public',
        name: api.name ?? `gateway.${api.route}`,
        // Exchange.finish records these requests' metrics and ExchangeTrace their spans.
        observed: false,
        handler: ({ req, res }) => h.proxy(req, res, api, path),
      }),
    ),
    route({
      method: 'GET',
      path: '/healthz',
      scope: 'public',
      name: 'gateway.health',
      handler: ({ res }) => sendJson(res, 200, { status: 'ok' }),
    }),
    route({
      method: 'GET',
      path: '/readyz',
      scope: 'public',
      name: 'gateway.ready',
      handler: async ({ res }) => {
        const reason = await h.notReady();
        if (reason) sendError(res, new WardenError('WARDEN_NOT_READY', { detail: reason }), '-');
        else sendJson(res, 200, { status: 'ready' });
      },
    }),
    route({
      method: 'GET',
      path: '/metrics',
      scope: metricsScope,
      name: 'gateway.metrics',
      handler: ({ res }) => h.metrics(res),
    }),
    route({
      method: 'GET',
      path: '/v1/models',
      scope: ['models'],
      name: 'gateway.models',
      handler: ({ res, principal }) => h.models(res, principal),
    }),
    route({
      method: 'GET',
      path: '/v1/models/*',
      scope: ['models'],
      name: 'gateway.model',
      handler: ({ res, principal, params }) => h.models(res, principal, params['*'] ?? ''),
    }),
    route({
      method: 'GET',
      path: '/v1/responses/:id',
      scope: 'public',
      name: 'gateway.responses.get',
      handler: ({ req, res, params }) => h.storedResponse(req, res, params.id ?? ''),
    }),
    route({
      method: 'DELETE',
      path: '/v1/responses/:id',
      scope: 'public',
      name: 'gateway.responses.delete',
      handler: ({ req, res, params }) => h.deleteStoredResponse(req, res, params.id ?? ''),
    }),
  ];
}

/** The `key` realm: API keys and JWT through identity, whose requireScope decides (the demo's anonymous caller holds all). */
export function keyRealm(access: AccessControl): Realm {
  return {
    authenticate: async (req) => ({ principal: await access.authenticate(req) }),
    holds: (principal, scope) => {
      try {
        access.requireScope(principal, scope);
        return true;
      } catch {
        return false;
      }
    },
  };
}

/** Counts each answered entry by name and, when tracing is on, gives it one server span named by the entry. */
export function routeObserver(
  metrics: GatewayMetrics,
  tracing: Tracing | undefined,
): RouteTableOptions['onAnswered'] {
  return (entry, req, status, startedMs) => {
    metrics.onRoute(entry.name, status);
    if (!tracing) return;
    // Attributes are the entry's template, never the concrete path (ids, principals).
    tracing.tracer
      .startSpan(
        entry.name,
        {
          kind: SpanKind.SERVER,
          startTime: performance.timeOrigin + startedMs,
          attributes: {
            'http.request.method': entry.method,
            'http.route': entry.path,
            'http.response.status_code': status,
          },
        },
        tracing.extract(req.headers),
      )
      .end();
  };
}
