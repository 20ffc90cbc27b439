// Assembles a Warden gateway from a validated config: logger, stores, guards, upstreams, identity, server.
import { join } from 'node:path';
import type { Logger } from 'pino';
import { ApprovalGate } from './agents/approvals/gate.js';
import { ApprovalQueue } from './agents/approvals/queue.js';
import { McpFront } from './agents/mcp/front.js';
import { ConfigError } from './config/load.js';
import type { WardenConfig } from './config/schema.js';
import { consoleAuth } from './console/auth.js';
import { consoleRealms } from './console/routes.js';
import type { Guard } from './core/guard.js';
import { createLogger } from './core/log.js';
import { GuardPipeline } from './core/pipeline.js';
import { embedderId } from './extraction/embedders/index.js';
import { type ExtractionService, OffThreadExtraction } from './extraction/offthread.js';
import { profileSettings } from './extraction/profile.js';
import { createExtractionMonitor, extractionActions, observeExchange } from './extraction/wiring.js';
import { GatewayMetrics } from './gateway/metrics.js';
import type { ExchangeInfo } from './gateway/server.js';
import { Gateway } from './gateway/server.js';
import { UpstreamRouter } from './gateway/upstream.js';
import { createGuardCpu, type GuardCpu } from './guards/cpu.js';
import { buildGuards } from './guards/registry.js';
import type { AnyRoute } from './http/route-table.js';
import { type AccessControl, anonymousAccess } from './identity/access.js';
import { IdentityAdmin } from './identity/admin.js';
import { IdentityGate } from './identity/gate.js';
import { JwtVerifier } from './identity/jwt.js';
import { loadServerSecret } from './identity/keys.js';
import { AuthThrottle } from './identity/throttle.js';
import { Limiter } from './limits/limiter.js';
import { RedisLimitStore, redisReachable } from './limits/redis.js';
import { SqliteLimitStore } from './limits/sqlite.js';
import { type LimitStore, MemoryLimitStore } from './limits/store.js';
import { domainRoutes } from './routes.js';
import { KEY_BESIDE_DATA, loadAuditKey } from './store/audit-key.js';
import { describeStoreError } from './store/audit-store.js';
import type { ExtractionStateStore } from './store/extraction.js';
import { openStores } from './store/factory.js';
import type { PostgresDb } from './store/postgres/db.js';
import { PostgresConsoleSessionStore } from './store/postgres/sessions.js';
import { RedisApprovalNotifier } from './store/redis/approval-events.js';
import { RedisBanStore } from './store/redis/bans.js';
import { resolveStores, type StoreChoice } from './store/select.js';
import type { ConsoleSessionStore } from './store/sessions.js';
import type { SqliteDb } from './store/sqlite/db.js';
import { SqliteResponseStore } from './store/sqlite/responses.js';
import { SqliteConsoleSessionStore } from './store/sqlite/sessions.js';
import type { AuditStore, BanStore, KeyStore } from './store/types.js';
import { createTracing, type Tracing, TracingConfigError } from './telemetry/tracing.js';

export interface WardenApp {
  gateway: Gateway;
  admin: IdentityAdmin;
  access: AccessControl;
  limitStore: LimitStore;
  log: Logger;
  db: SqliteDb;
  /** The shared PostgreSQL pool, when a store uses it (other issues' PostgreSQL stores build on it). */
  postgres: PostgresDb | undefined;
  stores: StoreChoice;
  audit: AuditStore;
  metrics: GatewayMetrics;
  pipeline: GuardPipeline;
  approvals: ApprovalQueue;
  /** The extraction monitor, when extraction.enabled. */
  extraction: ExtractionService | undefined;
  /** Where detector work runs (inline or the CPU pool) and the per-principal guard CPU budget. */
  guardCpu: GuardCpu;
  /** OpenTelemetry tracing, when on (config or OTEL_TRACES_EXPORTER=otlp). */
  tracing: Tracing | undefined;
  /** Resolves once shared stores are usable (PostgreSQL migrations applied); rejects when they are not. */
  ready(): Promise<void>;
  /** Stops accepting, drains in-flight exchanges up to server.drainMs, commits the audit, closes stores. */
  close(): Promise<void>;
}

export interface BuildOptions {
  log?: Logger;
  env?: NodeJS.ProcessEnv;
  /** Extra guards (tests, embedding applications) appended after the configured ones. */
  extraGuards?: Guard[];
  /** Extra route-table entries (embedding applications, tests), each with its own scope. */
  routes?: readonly AnyRoute[];
}

export function buildWarden(config: WardenConfig, opts: BuildOptions = {}): WardenApp {
  const log = opts.log ?? createLogger(config.logging.level);
  // a bad extraction profile stops startup here, before anything is opened (the worker loads it again)
  const extractionProfile = config.extraction.enabled
    ? profileSettings(config.extraction.profile, embedderId(config.extraction.embedder))
    : {};
  const router = new UpstreamRouter(config.upstreams, opts.env ?? process.env);
  let tracing: Tracing | undefined;
  try {
    tracing = createTracing(config.tracing, opts.env ?? process.env);
  } catch (err) {
    if (err instanceof TracingConfigError) throw new ConfigError(err.message);
    throw err;
  }
  const stores = resolveStores(config);
  const env = opts.env ?? process.env;
  // server.secret first: without WARDEN_AUDIT_KEY / WARDEN_SERVER_SECRET the audit key derives from it.
  const serverSecret = loadServerSecret(config.dataDir, env);
  const auditKey = loadAuditKey(config.dataDir, env)!;
  if (auditKey.source === 'data-dir') log.warn(KEY_BESIDE_DATA);
  const opened = openStores({
    dataDir: config.dataDir,
    choice: stores,
    postgres: config.postgres,
    redisUrl: config.redis?.url,
    auditKey,
    audit: {
      journal: true,
      flushMs: config.audit.groupCommitMs,
      onError: (err, what) =>
        log.error(
          { err: describeStoreError(err) },
          what === 'journal'
            ? 'audit journal write failed; refusing requests until it can be written'
            : 'audit commit failed; records kept in the journal, retrying',
        ),
    },
  });
  const db = opened.db;
  const pg = opened.postgres;
  const audit: AuditStore = opened.audit;
  const metrics = new GatewayMetrics();
  const guardCpu = createGuardCpu({
    ...config.guards.cpu,
    budget:
      config.guards.cpu.budgetMs > 0
        ? { msPerWindow: config.guards.cpu.budgetMs, windowMs: config.guards.cpu.budgetWindowMs }
        : undefined,
  });
  // The pool's threads start now, so large texts leave the event loop from the first requests on.
  void guardCpu.start();
  const guards = [
    ...buildGuards(config.guards, { log, dataDir: config.dataDir, secrets: router.secrets(), cpu: guardCpu }),
    ...(opts.extraGuards ?? []),
  ];
  const pipeline = new GuardPipeline(guards, {
    defaultDeadlineMs: config.guards.deadlineMs,
    log,
    observer: metrics,
  });
  const keys: KeyStore = opened.keys;
  const bans: BanStore & { close?(): Promise<void> } = opened.bans;
  const consoleSessions: ConsoleSessionStore =
    stores.keys === 'postgres' ? new PostgresConsoleSessionStore(pg!) : new SqliteConsoleSessionStore(db);
  const admin = new IdentityAdmin({ keys, bans, serverSecret, audit, sessions: consoleSessions });
  const limitStore: LimitStore =
    stores.limits === 'memory'
      ? new MemoryLimitStore()
      : stores.limits === 'redis'
        ? new RedisLimitStore(config.redis!.url)
        : new SqliteLimitStore(db);
  const limiter = new Limiter(limitStore, config.limits);
  const jwt = config.auth.jwt ? new JwtVerifier(config.auth.jwt) : undefined;
  const gate = new IdentityGate({
    keys,
    bans,
    serverSecret,
    limiter,
    throttle: new AuthThrottle(config.auth.failureThrottle),
    ...(jwt ? { jwt } : {}),
  });
  let access: AccessControl = gate;
  if (config.auth.mode === 'none') {
    log.warn('auth.mode is none: every caller is anonymous and unlimited; use only for local demos');
    access = anonymousAccess();
  }
  const ap = config.approvals;
  // Decisions wake holders on other replicas at once when Redis is there; polling covers the rest.
  const approvalNotifier =
    config.redis && stores.approvals !== 'memory' ? new RedisApprovalNotifier(config.redis.url) : undefined;
  const approvals = new ApprovalQueue({
    store: opened.approvals,
    log,
    audit,
    ttlMs: ap.ttl,
    redeemMs: ap.redeemWithin,
    pollMs: ap.pollMs,
    maxPending: ap.maxPendingPerPrincipal,
    ...(ap.webhook ? { webhook: webhookTarget(ap.webhook, env) } : {}),
    ...(approvalNotifier ? { notifier: approvalNotifier } : {}),
  });
  const approvalGate = new ApprovalGate(approvals, ap.holdMs);
  const mcp = new McpFront({
    servers: config.mcp.servers,
    // every MCP tools/call counts against the caller's request limits like a chat request
    admit: (principal) => access.admit(principal, 'chat', {}),
    pipeline,
    approvals: approvalGate,
    log,
    audit,
    env,
    maxBodyBytes: config.server.maxBodyBytes,
  });
  let extractionStore: ExtractionStateStore | undefined;
  let extraction: ExtractionService | undefined;
  if (config.extraction.enabled && config.extraction.worker) {
    extraction = new OffThreadExtraction(
      {
        config: config.extraction,
        store:
          stores.extraction === 'redis'
            ? { kind: 'redis', url: config.redis!.url }
            : { kind: 'sqlite', dataDir: config.dataDir },
      },
      { ...extractionActions(admin, limiter), audit, log },
    );
  } else if (config.extraction.enabled) {
    extractionStore = opened.extraction;
    extraction = createExtractionMonitor({
      config: config.extraction,
      profile: extractionProfile,
      store: extractionStore,
      admin,
      limiter,
      audit,
      log,
      env,
    });
  }
  if (extraction) {
    const service = extraction;
    metrics.watchExtraction(() => service.stats());
  }
  const scansDir = config.console.scansDir ?? join(config.dataDir, 'scans');
  const sessions = consoleAuth(gate, serverSecret, consoleSessions);
  const consoleOn = config.console.enabled && config.auth.mode !== 'none';
  const routes = domainRoutes({
    admin: config.auth.mode !== 'none',
    identity: admin,
    approvals,
    mcp,
    audit,
    extraction: extraction ? (principal) => extraction.report(principal) : undefined,
    console: consoleOn ? { gate, auth: sessions, secret: serverSecret, scansDir } : undefined,
    scansDir,
    ...(opts.routes ? { extra: opts.routes } : {}),
  });
  /** Everything opened above, closed in order (after the gateway's drain, or when start-up fails below). */
  const closeParts = async () => {
    await tracing?.shutdown().catch((err: unknown) => {
      log.warn({ err: (err as Error)?.name }, 'trace export at shutdown failed');
    });
    await mcp.close();
    await extraction?.close();
    await guardCpu.close();
    await pipeline.close();
    await limitStore.close?.();
    await approvalNotifier?.close();
    await opened.close();
    log.flush?.();
  };
  let gateway: Gateway;
  try {
    gateway = new Gateway({
      config,
      log,
      metrics,
      pipeline,
      router,
      access,
      audit,
      approvals: approvalGate,
      ...(config.responses.store === 'sqlite'
        ? { responses: new SqliteResponseStore(db, { retentionMs: config.responses.retention }) }
        : {}),
      ...(tracing ? { tracing } : {}),
      ...(extraction ? { onExchange: (info: ExchangeInfo) => observeExchange(extraction, info) } : {}),
      routes,
      realms: consoleRealms(sessions),
      readiness: async () => {
        const auditHealth = audit.health?.();
        if (auditHealth && auditHealth.state !== 'ok') return auditHealth.reason;
        try {
          db.prepare('SELECT 1').get();
        } catch {
          return 'state database unavailable';
        }
        if (pg) {
          try {
            await pg.ready;
            await pg.pool.query('SELECT 1');
          } catch {
            return 'PostgreSQL unavailable';
          }
        }
        for (const s of [limitStore, bans])
          if (
            (s instanceof RedisLimitStore || s instanceof RedisBanStore) &&
            !(await redisReachable(s.redis))
          )
            return 'Redis unavailable';
        return undefined;
      },
    });
  } catch (err) {
    // A route table that cannot be built (a duplicate entry) stops start-up; nothing opened is left behind.
    void router.close().then(closeParts, closeParts);
    throw err;
  }
  return {
    gateway,
    admin,
    access,
    limitStore,
    log,
    db,
    postgres: pg,
    stores,
    audit,
    metrics,
    pipeline,
    approvals,
    extraction,
    guardCpu,
    tracing,
    async ready() {
      await pg?.ready;
    },
    async close() {
      await gateway.close(config.server.drainMs);
      await closeParts();
    },
  };
}

/** The approval webhook's URL, from config or (when it embeds a secret) from the environment. */
function webhookTarget(
  hook: { url?: string | undefined; urlEnv?: string | undefined; timeoutMs: number },
  env: NodeJS.ProcessEnv,
): { url: string; timeoutMs: number } {
  const url = hook.url ?? (hook.urlEnv ? env[hook.urlEnv] : undefined);
  if (!url || !/^https?:\/\//.test(url))
    throw new ConfigError(`approvals.webhook: ${hook.urlEnv ?? 'url'} does not hold an http(s) URL`);
  return { url, timeoutMs: hook.timeoutMs };
}
