// Opens the stores a command needs, on the backends chosen for it: the one construction shared by app.ts and
// every CLI command (connections are opened on first use and closed together).
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditKey } from './audit-chain.js';
import { AuditStoreMissing, type AuditStoreOptions, type JournalledAuditStore } from './audit-store.js';
import type { ExtractionStateStore } from './extraction.js';
import { MemoryApprovalStore } from './memory/approvals.js';
import { PostgresApprovalStore } from './postgres/approvals.js';
import { postgresAuditStore } from './postgres/audit.js';
import { openPostgres, type PostgresDb } from './postgres/db.js';
import { PostgresBanStore, PostgresKeyStore } from './postgres/identity.js';
import { RedisBanStore } from './redis/bans.js';
import { RedisExtractionStateStore } from './redis/extraction.js';
import type { StoreChoice } from './select.js';
import { SqliteApprovalStore } from './sqlite/approvals.js';
import { sqliteAuditStore } from './sqlite/audit.js';
import { openSqlite, type SqliteDb } from './sqlite/db.js';
import { SqliteExtractionStateStore } from './sqlite/extraction.js';
import { SqliteBanStore, SqliteKeyStore } from './sqlite/identity.js';
import type { ApprovalStore, BanStore, KeyStore } from './types.js';

export const SQLITE_FILE = 'warden.db';

export interface StoreSpec {
  dataDir: string;
  choice: Pick<StoreChoice, 'audit' | 'keys' | 'bans' | 'approvals' | 'extraction'>;
  postgres?: { url: string; poolSize?: number } | undefined;
  redisUrl?: string | undefined;
  /** The audit chain's key; without it the audit store only reads (verify). */
  auditKey?: AuditKey | undefined;
  /** Journal and group commit (serve); without `journalDir` records wait in memory until close (CLI). */
  audit?: Omit<AuditStoreOptions, 'journalDir'> & { journal?: boolean };
  /** Open for reading only: nothing is created, a missing directory, database or table is an error. */
  readOnly?: boolean;
}

export interface Stores {
  /** The embedded SQLite database (opened on first use). */
  readonly db: SqliteDb;
  readonly postgres: PostgresDb | undefined;
  readonly audit: JournalledAuditStore;
  readonly keys: KeyStore;
  readonly bans: BanStore & { close?(): Promise<void> };
  readonly approvals: ApprovalStore;
  readonly extraction: ExtractionStateStore;
  /** Whether the store was opened (so close and readiness know what to check). */
  opened(name: 'db' | 'postgres'): boolean;
  close(): Promise<void>;
}

export function openStores(spec: StoreSpec): Stores {
  const { choice } = spec;
  let db: SqliteDb | undefined;
  let pg: PostgresDb | undefined;
  const made = new Map<string, unknown>();
  const once = <T>(name: string, make: () => T): T => {
    if (!made.has(name)) made.set(name, make());
    return made.get(name) as T;
  };
  const sqlite = (): SqliteDb => {
    if (spec.readOnly) throw new Error('stores opened read-only have no SQLite writer');
    db ??= openSqlite(spec.dataDir, SQLITE_FILE);
    return db;
  };
  const postgres = (): PostgresDb => {
    if (!spec.postgres) throw new Error('a store is set to postgres but no postgres.url is configured');
    pg ??= openPostgres(spec.postgres.url, {
      ...(spec.postgres.poolSize ? { poolSize: spec.postgres.poolSize } : {}),
      ...(spec.readOnly ? { migrate: false } : {}),
    });
    return pg;
  };
  const redisUrl = (): string => {
    if (!spec.redisUrl) throw new Error('a store is set to redis but no redis.url is configured');
    return spec.redisUrl;
  };
  const auditStore = (): JournalledAuditStore => {
    const key = spec.readOnly ? undefined : spec.auditKey;
    const { journal, ...opts } = spec.audit ?? {};
    const journalled = journal === true && !spec.readOnly;
    if (journalled) mkdirSync(spec.dataDir, { recursive: true, mode: 0o700 });
    // Writes only with the key; verify still checks with it when read-only.
    const storeOpts = { ...opts, key: spec.auditKey, ...(journalled ? { journalDir: spec.dataDir } : {}) };
    let store: JournalledAuditStore;
    if (choice.audit === 'postgres') store = postgresAuditStore(postgres(), key, storeOpts);
    else {
      if (spec.readOnly && !existsSync(spec.dataDir))
        throw new AuditStoreMissing(`no data directory at ${spec.dataDir}`);
      if (!spec.readOnly) sqlite(); // creates the directory and the database file
      store = sqliteAuditStore(join(spec.dataDir, SQLITE_FILE), key, storeOpts);
    }
    return store;
  };
  return {
    get db() {
      return sqlite();
    },
    get postgres() {
      return choice.audit === 'postgres' ||
        choice.keys === 'postgres' ||
        choice.bans === 'postgres' ||
        choice.approvals === 'postgres'
        ? postgres()
        : undefined;
    },
    get audit() {
      return once('audit', auditStore);
    },
    get keys() {
      return once('keys', () =>
        choice.keys === 'postgres' ? new PostgresKeyStore(postgres()) : new SqliteKeyStore(sqlite()),
      );
    },
    get bans() {
      return once('bans', () =>
        choice.bans === 'redis'
          ? new RedisBanStore(redisUrl())
          : choice.bans === 'postgres'
            ? new PostgresBanStore(postgres())
            : new SqliteBanStore(sqlite()),
      );
    },
    get approvals() {
      return once('approvals', () =>
        choice.approvals === 'memory'
          ? new MemoryApprovalStore()
          : choice.approvals === 'postgres'
            ? new PostgresApprovalStore(postgres())
            : new SqliteApprovalStore(sqlite()),
      );
    },
    get extraction() {
      return once('extraction', () =>
        choice.extraction === 'redis'
          ? new RedisExtractionStateStore(redisUrl())
          : new SqliteExtractionStateStore(sqlite()),
      );
    },
    opened: (name) => (name === 'db' ? db !== undefined : pg !== undefined),
    async close() {
      // Audit first: its last commit may need the connections below.
      if (made.has('audit')) await (made.get('audit') as JournalledAuditStore).close();
      for (const name of ['bans', 'approvals', 'extraction']) {
        const s = made.get(name) as { close?(): unknown } | undefined;
        await s?.close?.();
      }
      await pg?.close();
      db?.close();
    },
  };
}
