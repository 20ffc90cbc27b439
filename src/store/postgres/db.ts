// Opens the shared PostgreSQL pool and runs migrations once; every PostgreSQL store waits on `ready`.
import pg from 'pg';
import { migrate } from './migrations.js';

export interface PostgresDb {
  pool: pg.Pool;
  /** Resolves once migrations are applied; rejects (and keeps rejecting) when they fail. */
  ready: Promise<void>;
  close(): Promise<void>;
}

/** `migrate: false` opens for reading only (`audit verify`): nothing is created in a database that lacks tables. */
export function openPostgres(url: string, opts: { poolSize?: number; migrate?: boolean } = {}): PostgresDb {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolSize ?? 10,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    application_name: 'warden',
  });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  // So does a checked-out client's (a server restart while a commit holds it): its query rejects instead.
  pool.on('connect', (client) => {
    client.on('error', () => {});
  });
  const ready = opts.migrate === false ? Promise.resolve() : migrate(pool).then(() => undefined);
  ready.catch(() => {});
  let closed: Promise<void> | undefined;
  return {
    pool,
    ready,
    close: () => {
      closed ??= pool.end();
      return closed;
    },
  };
}
