// PostgreSQL schema as numbered migrations per component, applied once each at start-up under an advisory lock.
// Other features (approvals, extraction state...) keep their own list and call `migrate(pool, 'their-name', list)`,
// so branches never collide on version numbers.
import type { Pool } from 'pg';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The core component's migrations. Append only: never edit a released migration, add the next number. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'audit chain',
    sql: `CREATE TABLE IF NOT EXISTS warden_audit (
      seq BIGINT PRIMARY KEY,
      jid TEXT NOT NULL UNIQUE,
      ts TEXT NOT NULL,
      request_id TEXT NOT NULL,
      principal TEXT NOT NULL,
      kind TEXT NOT NULL,
      outcome TEXT NOT NULL,
      record TEXT NOT NULL,
      prev_hash TEXT NOT NULL,
      hash TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS warden_audit_principal ON warden_audit (principal, seq);
    CREATE INDEX IF NOT EXISTS warden_audit_request ON warden_audit (request_id);`,
  },
  {
    version: 2,
    name: 'api keys and bans',
    sql: `CREATE TABLE IF NOT EXISTS warden_api_keys (
      id TEXT PRIMARY KEY,
      principal TEXT NOT NULL,
      data TEXT NOT NULL,
      created_at TIMESTAMPTZ NOT NULL DEFAULT now()
    );
    CREATE TABLE IF NOT EXISTS warden_bans (
      principal TEXT PRIMARY KEY,
      reason TEXT NOT NULL,
      by_principal TEXT NOT NULL,
      created_at BIGINT NOT NULL,
      expires_at BIGINT
    );`,
  },
];

/** Advisory lock ids (pg_advisory_lock takes two int4 keys): 0x57415244 = 'WARD'. */
export const LOCK_NS = 0x57415244;
export const LOCK_MIGRATE = 1;
export const LOCK_AUDIT_HEAD = 2;

/**
 * Applies every migration of `component` not yet recorded; safe to run from several replicas at once.
 * Returns the versions applied.
 */
export async function migrate(
  pool: Pool,
  component = 'core',
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number[]> {
  const client = await pool.connect();
  const applied: number[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1, $2)', [LOCK_NS, LOCK_MIGRATE]);
    await client.query(`CREATE TABLE IF NOT EXISTS warden_migrations (
      component TEXT NOT NULL,
      version INTEGER NOT NULL,
      name TEXT NOT NULL,
      applied_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      PRIMARY KEY (component, version)
    )`);
    const done = new Set(
      (
        await client.query<{ version: number }>(
          'SELECT version FROM warden_migrations WHERE component = $1',
          [component],
        )
      ).rows.map((r) => r.version),
    );
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO warden_migrations (component, version, name) VALUES ($1, $2, $3)', [
          component,
          m.version,
          m.name,
        ]);
        await client.query('COMMIT');
        applied.push(m.version);
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw new Error(
          `PostgreSQL migration ${component}/${m.version} (${m.name}) failed: ${(err as Error).message}`,
        );
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1, $2)', [LOCK_NS, LOCK_MIGRATE]).catch(() => {});
    client.release();
  }
  return applied;
}
