// The gateway's HTTP server: routes, the request's path through identity, guards and upstream, and lifecycle.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { ApprovalGate } from '../agents/approvals/gate.js';
import type { WardenConfig } from '../config/schema.js';
import type { GuardContext, Principal, Route } from '../core/context.js';
import { requestTexts } from '../core/context.js';
import type { BlockDecision } from '../core/decision.js';
import { isWardenError, WardenError } from '../core/errors.js';
import type { GuardPipeline, PhaseOutcome } from '../core/pipeline.js';
import { recordableName } from '../core/redact.js';
import type { AccessControl, Admission } from '../identity/access.js';
import type { AuditStore } from '../store/types.js';
import { ExchangeTrace } from '../telemetry/exchange-trace.js';
import type { Tracing } from '../telemetry/tracing.js';
import { AuditBatch } from './audit-batch.js';
import { RequestCancel } from './cancel.js';
import { Exchange } from './exchange.js';
import { readBody, sendError, sendJson, wantsJson } from './http.js';
import { ConnectionGuard } from './listener.js';
import type { GatewayMetrics } from './metrics.js';
import { listModels } from './models.js';
import { relayJson } from './relay-json.js';
import { relayStream } from './relay-stream.js';
import { checkRequestFields } from './request-fields.js';
import {
  chatRequestSchema,
  completionRequestSchema,
  describeSchemaError,
  embeddingRequestSchema,
} from './schemas.js';
import type { Upstream, UpstreamRouter } from './upstream.js';

export interface GatewayDeps {
  config: WardenConfig;
  log: Logger;
  metrics: GatewayMetrics;
  pipeline: GuardPipeline;
  router: UpstreamRouter;
  access: AccessControl;
  audit?: AuditStore;
  /** Holds tool calls that guards want approved; without it such calls are withheld (fail closed). */
  approvals?: ApprovalGate;
  /** Extra routes (admin API...) tried before the 404; return true when handled. */
  extraRoutes?: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean> | boolean;
  /** Called after every answered exchange (off the response path): extraction monitoring and the like. */
  onExchange?: (info: ExchangeInfo) => void;
  /** OpenTelemetry tracing; undefined (the default) costs nothing on the request path. */
  tracing?: Tracing;
  /** Reason the gateway is not ready, or undefined when it is. */
  readiness?: () => string | undefined | Promise<string | undefined>;
}

const ROUTES: Record<string, { route: Route; path: string; schema: z.ZodType<Record<string, unknown>> }> = {
  '/v1/chat/completions': { route: 'chat', path: '/chat/completions', schema: chatRequestSchema },
  '/v1/completions': { route: 'completions', path: '/completions', schema: completionRequestSchema },
  '/v1/embeddings': { route: 'embeddings', path: '/embeddings', schema: embeddingRequestSchema },
};

const NO_GUARDS: PhaseOutcome = Object.freeze({ verdict: undefined, decisions: [] }) as PhaseOutcome;

/** What observers learn about a finished exchange; the body stays in memory only. */
export interface ExchangeInfo {
  principal: Principal;
  route: Route;
  body: Record<string, unknown>;
  status: number;
  outcome: string;
  usage: Exchange['usage'];
  ts: number;
}

/** Everything a relay needs about one admitted request. */
export interface ProxyCall {
  ctx: GuardContext;
  upstream: Upstream;
  upstreamPath: string;
  exchange: Exchange;
  admission: Admission;
  /** The request's cancellation: the upstream client listens to it; `cancel.signal` is made on first use. */
  cancel: RequestCancel;
  /** Approval ids the client resubmitted with (header x-warden-approval-id, comma-separated). */
  approvalIds: string[];
  /**
   * Writes the audit record; relays await it before the last byte goes to the client. Idempotent. Rejects
   * (WARDEN_AUDIT_UNAVAILABLE) when the record could not be written.
   */
  finalize: () => Promise<void>;
}

export class Gateway {
  readonly server: Server;
  /** Per-address connection caps and shedding of slow request heads (replaces server.maxConnections). */
  readonly connections: ConnectionGuard;
  private shuttingDown = false;
  private readonly inFlight = new Set<ServerResponse>();
  /** What Exchange.finish needs, built once: the audit store, this gateway's journal batch, metrics, log. */
  private readonly finishDeps: Parameters<Exchange['finish']>[0];

  constructor(readonly deps: GatewayDeps) {
    const s = deps.config.server;
    this.finishDeps = {
      ...(deps.audit ? { audit: deps.audit, batch: new AuditBatch(deps.audit) } : {}),
      metrics: deps.metrics,
      log: deps.log,
      auditExcerpts: deps.config.audit.excerpts,
    };
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

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = req.url ?? '/';
    const q = raw.indexOf('?');
    const path = q < 0 ? raw : raw.slice(0, q);
    const method = req.method ?? 'GET';
    if (req.rawHeaders.length / 2 > this.deps.config.server.maxHeadersCount) {
      res.shouldKeepAlive = false;
      return sendError(res, new WardenError('WARDEN_HEADERS_TOO_LARGE'), '-', { connection: 'close' });
    }
    const api = ROUTES[path];
    if (api) {
      if (method !== 'POST') {
        return sendError(res, new WardenError('WARDEN_METHOD_NOT_ALLOWED', { method, path }), '-', {
          allow: 'POST',
        });
      }
      return this.proxy(req, res, api.route, api.path, api.schema);
    }
    if (method === 'GET') {
      switch (path) {
        case '/healthz':
          return sendJson(res, 200, { status: 'ok' });
        case '/readyz': {
          const reason = this.shuttingDown ? 'shutting down' : await this.deps.readiness?.();
          return reason
            ? sendError(res, new WardenError('WARDEN_NOT_READY', { detail: reason }), '-')
            : sendJson(res, 200, { status: 'ready' });
        }
        case '/metrics': {
          const scope = this.deps.config.metrics.scope;
          if (scope) {
            try {
              this.deps.access.requireScope(await this.deps.access.authenticate(req), scope);
            } catch (err) {
              return sendError(res, toWardenError(err, '-'), '-');
            }
          }
          const text = await this.deps.metrics.registry.metrics();
          res.writeHead(200, { 'content-type': this.deps.metrics.registry.contentType });
          res.end(text);
          return;
        }
        case '/v1/models':
          return this.models(req, res);
      }
    }
    if (this.deps.extraRoutes && (await this.deps.extraRoutes(req, res, new URL(raw, 'http://gateway'))))
      return;
    sendError(res, new WardenError('WARDEN_NOT_FOUND', { method, path: path.slice(0, 100) }), '-');
  }

  /** Warden's own id for this exchange: always fresh, whatever the caller sent. */
  private requestId(_req: IncomingMessage): string {
    return randomUUID();
  }

  private async models(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = this.requestId(req);
    try {
      const principal = await this.deps.access.authenticate(req);
      this.deps.access.requireScope(principal, 'models');
      const all = await listModels(this.deps.router, requestId);
      const data = all.filter((m) => this.deps.access.canSeeModel(principal, m.id));
      sendJson(res, 200, { object: 'list', data }, { 'x-request-id': requestId });
    } catch (err) {
      sendError(res, toWardenError(err, requestId), requestId);
    }
  }

  private async proxy(
    req: IncomingMessage,
    res: ServerResponse,
    route: Route,
    upstreamPath: string,
    schema: z.ZodType<Record<string, unknown>>,
  ): Promise<void> {
    const { deps } = this;
    const exchange = new Exchange(this.requestId(req));
    exchange.clientRequestId = clientRequestId(req);
    exchange.route = route;
    const trace = deps.tracing
      ? new ExchangeTrace(deps.tracing, req.headers, route, `/v1${upstreamPath}`)
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
        throw new WardenError('WARDEN_BAD_JSON', { detail: (err as Error).message.slice(0, 120) });
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
      const body = parsed as Record<string, unknown>;
      const model = body.model as string;
      exchange.model = recordableName(model, deps.router.secrets());
      exchange.stream = route !== 'embeddings' && body.stream === true;
      const upstream = deps.router.route(model);
      if (!upstream) throw new WardenError('WARDEN_UNKNOWN_MODEL', { model: exchange.model });
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

/** True when a parsed JSON value nests deeper than `limit` (iterative: no recursion on hostile input). */
export function jsonDepthExceeds(value: unknown, limit: number): boolean {
  // Two parallel stacks and no per-node arrays: this runs on every request body.
  const values: object[] = [];
  const depths: number[] = [];
  if (value !== null && typeof value === 'object') {
    values.push(value);
    depths.push(1);
  }
  while (values.length > 0) {
    const v = values.pop()!;
    const depth = depths.pop()!;
    if (depth > limit) return true;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const child: unknown = v[i];
        if (child !== null && typeof child === 'object') {
          values.push(child);
          depths.push(depth + 1);
        }
      }
    } else {
      for (const key in v) {
        if (!Object.hasOwn(v, key)) continue;
        const child: unknown = (v as Record<string, unknown>)[key];
        if (child !== null && typeof child === 'object') {
          values.push(child);
          depths.push(depth + 1);
        }
      }
    }
  }
  return false;
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
