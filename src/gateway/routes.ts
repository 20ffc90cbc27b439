// The gateway's own entries in the route table: the OpenAI proxy routes, health, readiness, metrics, models.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import type { Principal, Route } from '../core/context.js';
import { WardenError } from '../core/errors.js';
import { sendError, sendJson } from '../http/reply.js';
import { type AnyRoute, type RouteScope, route } from '../http/route-table.js';

/** One OpenAI proxy route: Warden's route id, the upstream path, and the request schema. */
export interface ProxyRoute {
  route: Route;
  path: string;
  schema: z.ZodType<Record<string, unknown>>;
}

export interface GatewayHandlers {
  /** The proxy reads its own body (streaming limits, depth, schema): the entry declares none. */
  proxy(req: IncomingMessage, res: ServerResponse, api: ProxyRoute): Promise<void>;
  models(res: ServerResponse, principal: Principal): Promise<void>;
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
        name: `gateway.${api.route}`,
        // Exchange.finish records these requests' metrics and ExchangeTrace their spans.
        observed: false,
        handler: ({ req, res }) => h.proxy(req, res, api),
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
  ];
}
