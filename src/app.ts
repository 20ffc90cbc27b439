// Assembles a Warden gateway from a validated config: logger, stores, guards, upstreams, identity, server.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { WardenConfig } from './config/schema.js';
import type { Guard } from './core/guard.js';
import { createLogger } from './core/log.js';
import { GuardPipeline } from './core/pipeline.js';
import { GatewayMetrics } from './gateway/metrics.js';
import { Gateway } from './gateway/server.js';
import { UpstreamRouter } from './gateway/upstream.js';
import { buildGuards } from './guards/registry.js';
import { type AccessControl, anonymousAccess } from './identity/access.js';
import { SqliteAuditStore } from './store/sqlite/audit.js';
import { openSqlite, type SqliteDb } from './store/sqlite/db.js';
import type { AuditStore } from './store/types.js';

export interface WardenApp {
  gateway: Gateway;
  log: Logger;
  db: SqliteDb;
  audit: AuditStore;
  metrics: GatewayMetrics;
  pipeline: GuardPipeline;
  close(): Promise<void>;
}

export interface BuildOptions {
  log?: Logger;
  env?: NodeJS.ProcessEnv;
  /** Extra guards (tests, embedding applications) appended after the configured ones. */
  extraGuards?: Guard[];
  access?: (db: SqliteDb, log: Logger) => AccessControl;
  extraRoutes?: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean> | boolean;
}

export function buildWarden(config: WardenConfig, opts: BuildOptions = {}): WardenApp {
  const log = opts.log ?? createLogger(config.logging.level);
  const router = new UpstreamRouter(config.upstreams, opts.env ?? process.env);
  const db = openSqlite(config.dataDir);
  const audit = new SqliteAuditStore(db, { journalDir: config.dataDir });
  const metrics = new GatewayMetrics();
  const guards = [
    ...buildGuards(config.guards, { log, dataDir: config.dataDir, secrets: router.secrets() }),
    ...(opts.extraGuards ?? []),
  ];
  const pipeline = new GuardPipeline(guards, {
    defaultDeadlineMs: config.guards.deadlineMs,
    log,
    observer: metrics,
  });
  const access = opts.access ? opts.access(db, log) : anonymousAccess();
  const gateway = new Gateway({
    config,
    log,
    metrics,
    pipeline,
    router,
    access,
    audit,
    ...(opts.extraRoutes ? { extraRoutes: opts.extraRoutes } : {}),
    readiness: () => {
      try {
        db.prepare('SELECT 1').get();
        return undefined;
      } catch {
        return 'state database unavailable';
      }
    },
  });
  return {
    gateway,
    log,
    db,
    audit,
    metrics,
    pipeline,
    async close() {
      await gateway.close();
      audit.close();
      db.close();
      log.flush?.();
    },
  };
}
