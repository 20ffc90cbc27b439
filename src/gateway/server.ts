// The gateway's HTTP server: routes, the request's path through identity, guards and upstream, and lifecycle.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GuardContext, Principal, Route } from '../core/context.js';
import { requestTexts } from '../core/context.js';
import type { BlockDecision } from '../core/decision.js';
import { isWardenError, WardenError } from '../core/errors.js';
import type { PhaseOutcome } from '../core/pipeline.js';
import { recordableName } from '../core/redact.js';
import { jsonDepthExceeds, parseErrorDetail } from '../http/body.js';
import { RouteTable } from '../http/route-table.js';
import type { Admission } from '../identity/access.js';
import { ExchangeTrace } from '../telemetry/exchange-trace.js';
import type { AnswerShape, UpstreamDialect } from './answer-shape.js';
import { AuditBatch } from './audit-batch.js';
import { RequestCancel } from './cancel.js';
import { Exchange } from './exchange.js';
import { readBody, sendError, sendJson, wantsJson } from './http.js';
import { ConnectionGuard } from './listener.js';
import { listModels } from './models.js';
import type { GatewayDeps, ProxyCall } from './proxy-call.js';
import { relayJson } from './relay-json.js';
import { relayStream } from './relay-stream.js';
import { checkRequestFields } from './request-fields.js';
import { responsesRequestSchema } from './responses/request.js';
import { deleteResponse, getResponse, prepareResponses } from './responses/routes.js';
import { gatewayRoutes, keyRealm, type ProxyRoute, routeObserver } from './routes.js';
import {
  chatRequestSchema,
  completionRequestSchema,
  describeSchemaError,
  embeddingRequestSchema,
} from './schemas.js';

export { jsonDepthExceeds } from '../http/body.js';
export type { ExchangeInfo, GatewayDeps, ProxyCall } from './proxy-call.js';

/** The OpenAI proxy routes (one line each); the other endpoints are entries of gateway/routes.ts and src/routes.ts. */
const ROUTES: Record<string, ProxyRoute> = {
  '/v1/chat/completions': { route: 'chat', path: '/chat/completions', schema: chatRequestSchema },
  '/v1/responses': {
    route: 'chat',
    name: 'gateway.responses',
    path: '/chat/completions',
    schema: responsesRequestSchema,
    adapt: (body, principal, deps, upstream) => prepareResponses(body, principal, deps.responses, upstream),
  },
  '/v1/completions': { route: 'completions', path: '/completions', schema: completionRequestSchema },
  '/v1/embeddings': { route: 'embeddings', path: '/embeddings', schema: embeddingRequestSchema },
};

const NO_GUARDS: PhaseOutcome = Object.freeze({ verdict: undefined, decisions: [] }) as PhaseOutcome;

export class Gateway {
  readonly server: Server;
  /** Per-address connection caps and shedding of slow request heads (replaces server.maxConnections). */
  readonly connections: ConnectionGuard;
  private shuttingDown = false;
  private readonly inFlight = new Set<ServerResponse>();
  /** What Exchange.finish needs, built once: the audit store, this gateway's journal batch, metrics, log. */
  private readonly finishDeps: Parameters<Exchange['finish']>[0];
  /** The route table (find-my-way): built once; a duplicate entry stops start-up. */
  private readonly routes: RouteTable;

  constructor(readonly deps: GatewayDeps) {
    const s = deps.config.server;
    this.finishDeps = {
      ...(deps.audit ? { audit: deps.audit, batch: new AuditBatch(deps.audit) } : {}),
      metrics: deps.metrics,
      log: deps.log,
      auditExcerpts: deps.config.audit.excerpts,
    };
    this.routes = this.routeTable();
    this.server = createServer(
      {
        requestTimeout: s.requestTimeoutMs,
        headersTimeout: s.headersTimeoutMs,
        keepAliveTimeout: s.keepAliveTimeoutMs,
        maxHeaderSize: s.maxHeaderBytes,
        // How often header/body timeouts are enforced; Node's default (30 s) would let slow-loris linger.
        connectionsCheckingInterval: Math.max(250, Math.min(1000, Math.floor(s.headersTimeoutMs / 2))),
      },
      (req, res) => {
        this.handle(req, res).catch((err) => {
          deps.log.error({ err: (err as Error).name }, 'unhandled gateway error');
          if (!res.headersSent) sendError(res, new WardenError('WARDEN_INTERNAL', { requestId: '-' }), '-');
          else res.destroy();
        });
      },
    );
    // Node drops headers past maxHeadersCount silently (Host or Authorization included): parse them all,
    // bounded by maxHeaderBytes, and answer 431 when there are too many (handle()).
    this.server.maxHeadersCount = 0;
    this.connections = new ConnectionGuard(this.server, {
      maxConnections: s.maxConnections,
      maxConnectionsPerAddress: s.maxConnectionsPerAddress,
      maxPendingPerAddress: s.maxPendingHeadersPerAddress,
    });
    this.server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
      // Malformed or abusive requests never reach a handler: answer in the OpenAI error shape and close.
      const code =
        err.code === 'HPE_HEADER_OVERFLOW'
          ? 'WARDEN_HEADERS_TOO_LARGE'
          : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
            ? 'WARDEN_REQUEST_TIMEOUT'
            : 'WARDEN_BAD_REQUEST';
      const werr = new WardenError(code, { detail: 'malformed HTTP request' });
      const body = JSON.stringify(werr.toJSON());
      if (socket.writable && !(socket as { _httpMessage?: unknown })._httpMessage) {
        socket.end(
          `HTTP/1.1 ${werr.status} ${code}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
        );
      } else socket.destroy();
    });
  }

  async listen(
    port = this.deps.config.server.port,
    host = this.deps.config.server.host,
  ): Promise<AddressInfo> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    return this.server.address() as AddressInfo;
  }

  /** Stops accepting, lets in-flight exchanges finish up to the deadline, then closes everything. */
  async close(drainMs = 10_000): Promise<void> {
    this.shuttingDown = true;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    const deadline = Date.now() + drainMs;
    while (this.inFlight.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    this.server.closeAllConnections();
    await closed;
    await this.deps.router.close();
  }

  private handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.rawHeaders.length / 2 > this.deps.config.server.maxHeadersCount) {
      res.shouldKeepAlive = false;
      sendError(res, new WardenError('WARDEN_HEADERS_TOO_LARGE'), '-', { connection: 'close' });
      return Promise.resolve();
    }
    return this.routes.dispatch(req, res);
  }

  /** Every endpoint: the gateway's own entries and the other domains' (deps.routes), checked at start-up. */
  private routeTable(): RouteTable {
    const { deps } = this;
    const own = gatewayRoutes(
      ROUTES,
      {
        proxy: (req, res, api, httpRoute) =>
          this.proxy(
            req,
            res,
            { route: api.route, upstreamPath: api.path, httpRoute },
            api.schema,
            api.adapt,
          ),
        models: (res, principal, id) => this.models(res, principal, id),
        storedResponse: (req, res, id) => getResponse(deps, this.finishDeps, req, res, id),
        deleteStoredResponse: (req, res, id) => deleteResponse(deps, this.finishDeps, req, res, id),
        metrics: async (res) => {
          const text = await deps.metrics.registry.metrics();
          res.writeHead(200, { 'content-type': deps.metrics.registry.contentType });
          res.end(text);
        },
        notReady: async () => (this.shuttingDown ? 'shutting down' : await deps.readiness?.()),
      },
      { metricsScope: deps.config.metrics.scope },
    );
    return new RouteTable([...own, ...(deps.routes ?? [])], {
      maxBodyBytes: deps.config.server.maxBodyBytes,
      maxJsonDepth: deps.config.server.maxJsonDepth,
      realms: { ...deps.realms, key: keyRealm(deps.access) },
      onAnswered: routeObserver(deps.metrics, deps.tracing),
      onInternalError: (entry, err) =>
        deps.log.error({ route: entry.name, err: (err as Error)?.name }, 'route handler failed'),
    });
  }

  /** Warden's own id for this exchange: always fresh, whatever the caller sent. */
  private requestId(_req: IncomingMessage): string {
    return randomUUID();
  }

  /** GET /v1/models, or one model (`id` as the router decoded it): unknown and not-allowed models are both 404. */
  private async models(res: ServerResponse, principal: Principal, id?: string): Promise<void> {
    const requestId = randomUUID();
    const all = await listModels(this.deps.router, requestId);
    const data = all.filter((m) => this.deps.access.canSeeModel(principal, m.id));
    if (id === undefined) return sendJson(res, 200, { object: 'list', data }, { 'x-request-id': requestId });
    const found = data.find((m) => m.id === id);
    if (!found) throw new WardenError('WARDEN_UNKNOWN_MODEL', { model: recordableName(id) });
    sendJson(res, 200, found, { 'x-request-id': requestId });
  }

  private async proxy(
    req: IncomingMessage,
    res: ServerResponse,
    where: { route: Route; upstreamPath: string; httpRoute: string },
    schema: ProxyRoute['schema'],
    adapt?: ProxyRoute['adapt'],
  ): Promise<void> {
    const { deps } = this;
    const { route, upstreamPath } = where;
    const exchange = new Exchange(this.requestId(req));
    exchange.clientRequestId = clientRequestId(req);
    exchange.route = route;
    if (where.httpRoute === '/v1/responses') exchange.api = 'responses';
    const trace = deps.tracing
      ? new ExchangeTrace(deps.tracing, req.headers, route, where.httpRoute)
      : undefined;
    exchange.trace = trace;
    const requestId = exchange.requestId;
    const cancel = new RequestCancel();
    let admission: Admission | undefined;
    let admittedBody: Record<string, unknown> | undefined;
    const { finishDeps } = this;
    let finalized: Promise<void> | undefined;
    const finalize = (): Promise<void> => {
      if (finalized) return finalized;
      admission?.release(exchange.usage);
      admission = undefined;
      finalized = exchange.finish(finishDeps).then((audited) => {
        if (!audited) {
          // Audit is part of the contract: an exchange that cannot be recorded fails (fail closed); a stream
          // already under way is cut off before its [DONE], so no client holds a complete unrecorded answer.
          if (!res.headersSent) exchange.fail('WARDEN_AUDIT_UNAVAILABLE', 503);
          throw new WardenError('WARDEN_AUDIT_UNAVAILABLE');
        }
      });
      return finalized;
    };
    this.inFlight.add(res);
    res.once('close', () => {
      this.inFlight.delete(res);
      if (!res.writableFinished) cancel.abort(new Error('client closed the connection'));
    });
    try {
      if (this.shuttingDown) throw new WardenError('WARDEN_SHUTTING_DOWN');
      // While the journal cannot be written nothing would be recorded: refuse before any work (fail closed).
      if (deps.audit?.health?.().state === 'unavailable') throw new WardenError('WARDEN_AUDIT_UNAVAILABLE');
      if (!wantsJson(req)) throw new WardenError('WARDEN_UNSUPPORTED_MEDIA_TYPE');
      const identityStarted = trace ? performance.now() : 0;
      try {
        exchange.principal = await deps.access.authenticate(req);
      } finally {
        trace?.step('warden.identity', identityStarted, {
          'warden.authenticated': exchange.principal !== undefined,
        });
      }
      const raw = await readBody(req, deps.config.server.maxBodyBytes);
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw.toString('utf8'));
      } catch (err) {
        throw new WardenError('WARDEN_BAD_JSON', { detail: parseErrorDetail(err) });
      }
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
        throw new WardenError('WARDEN_BAD_REQUEST', { detail: 'the body must be a JSON object' });
      }
      if (jsonDepthExceeds(parsed, deps.config.server.maxJsonDepth)) {
        throw new WardenError('WARDEN_JSON_TOO_DEEP', { limit: deps.config.server.maxJsonDepth });
      }
      const valid = schema.safeParse(parsed);
      if (!valid.success)
        throw new WardenError('WARDEN_BAD_REQUEST', { detail: describeSchemaError(valid.error) });
      let body = parsed as Record<string, unknown>;
      const model = body.model as string;
      exchange.model = recordableName(model, deps.router.secrets());
      exchange.stream = route !== 'embeddings' && body.stream === true;
      const upstream = deps.router.route(model);
      if (!upstream) throw new WardenError('WARDEN_UNKNOWN_MODEL', { model: exchange.model });
      let shape: AnswerShape | undefined;
      let dialect: UpstreamDialect | undefined;
      if (adapt)
        ({ body, shape, dialect, detail: exchange.detail } = adapt(body, exchange.principal, deps, upstream));
      exchange.upstream = upstream.name;
      deps.access.authorize(exchange.principal, route, model);
      checkRequestFields(route, body, { ...upstream.config, name: upstream.name });
      // Only a model that reads as a name goes into span attributes (the recorded name is then the model itself).
      if (trace && exchange.model === model) trace.routed(model, upstream.name);
      const limitsStarted = trace ? performance.now() : 0;
      try {
        admission = await deps.access.admit(exchange.principal, route, body);
      } finally {
        trace?.step('warden.limits', limitsStarted, { 'warden.admitted': admission !== undefined });
      }
      admittedBody = body;
      if (deps.config.audit.excerpts) {
        const texts = requestTexts(route, body);
        exchange.setExcerpt(texts.filter((t) => t.trust !== 'operator').at(-1)?.text);
      }
      const ctx: GuardContext = {
        requestId,
        route,
        principal: exchange.principal,
        model,
        body,
        state: new Map(),
        log: deps.log,
      };
      const verdict = deps.pipeline.has('request')
        ? await deps.pipeline.run('request', ctx, cancel.signal)
        : NO_GUARDS;
      exchange.addDecisions(verdict.decisions);
      if (verdict.verdict?.action === 'block') throw blockError(verdict.verdict);
      const call: ProxyCall = {
        ctx,
        upstream,
        upstreamPath,
        exchange,
        admission,
        cancel,
        approvalIds: approvalIdsOf(req),
        finalize,
        ...(shape ? { shape } : {}),
        ...(dialect ? { dialect } : {}),
      };
      const total = setTimeout(
        () =>
          cancel.abort(
            new WardenError('WARDEN_UPSTREAM_TIMEOUT', { upstream: upstream.name, phase: 'total' }),
          ),
        upstream.config.timeouts.totalMs,
      );
      try {
        if (exchange.stream) await relayStream(call, res, deps);
        else await relayJson(call, res, deps);
      } finally {
        clearTimeout(total);
      }
    } catch (err) {
      const werr = toWardenError(err, requestId);
      if (werr.code === 'WARDEN_INTERNAL')
        deps.log.error({ requestId, err: (err as Error)?.name }, 'internal error');
      const outcome = werr.type === 'guard_error' ? 'blocked' : 'error';
      const headers = { ...admission?.headers };
      if (!res.headersSent) exchange.fail(werr.code, werr.status, outcome);
      let reply = werr;
      try {
        await finalize();
      } catch (auditErr) {
        // A relay's own finalize failed (or this one): the answer is the audit failure, sent once.
        if (auditErr !== err) reply = toWardenError(auditErr, requestId);
      }
      sendError(res, reply, requestId, headers);
    } finally {
      // Already answered; an audit failure is logged by the exchange.
      await finalize().catch(() => {});
      trace?.end(exchange);
      if (deps.onExchange && admittedBody && exchange.principal) {
        try {
          deps.onExchange({
            principal: exchange.principal,
            route,
            body: admittedBody,
            status: exchange.status,
            outcome: exchange.outcome,
            usage: exchange.usage,
            ts: Date.now(),
          });
        } catch (err) {
          deps.log.error({ requestId, err: (err as Error)?.name }, 'exchange observer failed');
        }
      }
    }
  }
}

/** The caller's x-request-id when well formed (kept beside Warden's id in records), else undefined. */
function clientRequestId(req: IncomingMessage): string | undefined {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[\w.:-]{1,64}$/.test(given) ? given : undefined;
}

function approvalIdsOf(req: IncomingMessage): string[] {
  const h = req.headers['x-warden-approval-id'];
  if (typeof h !== 'string') return [];
  return h
    .split(',')
    .map((s) => s.trim())
    .filter((s) => /^[\w-]{1,64}$/.test(s))
    .slice(0, 16);
}

export function blockError(d: BlockDecision): WardenError {
  return new WardenError(
    d.code,
    { guardId: d.guardId, reason: d.reason ?? 'blocked' },
    {
      message: d.message,
      status: d.httpStatus,
      ...(d.retryAfterSeconds === undefined
        ? {}
        : { headers: { 'retry-after': String(d.retryAfterSeconds) } }),
    },
  );
}

export function toWardenError(err: unknown, requestId: string): WardenError {
  if (isWardenError(err)) return err;
  return new WardenError('WARDEN_INTERNAL', { requestId }, { cause: err });
}
