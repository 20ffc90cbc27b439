// PostgreSQL console sessions: shared by replicas, so a sign-out through one replica ends the session on all.
import type { ConsoleSessionRecord, ConsoleSessionStore } from '../sessions.js';
import type { PostgresDb } from './db.js';
import { type Migration, migrate } from './migrations.js';

const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'console sessions',
    sql: `CREATE TABLE IF NOT EXISTS warden_console_sessions (
      sid TEXT PRIMARY KEY,
      key_id TEXT NOT NULL,
      exp BIGINT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS warden_console_sessions_key ON warden_console_sessions (key_id);`,
  },
];

export class PostgresConsoleSessionStore implements ConsoleSessionStore {
  private readonly ready: Promise<unknown>;

  constructor(private readonly db: PostgresDb) {
    this.ready = db.ready.then(() => migrate(db.pool, 'console-sessions', MIGRATIONS));
    this.ready.catch(() => {});
  }

  async create(s: ConsoleSessionRecord): Promise<void> {
    await this.ready;
    await this.db.pool.query('DELETE FROM warden_console_sessions WHERE exp <= $1', [Date.now()]);
    await this.db.pool.query('INSERT INTO warden_console_sessions (sid, key_id, exp) VALUES ($1, $2, $3)', [
      s.sid,
      s.keyId,
      s.exp,
    ]);
  }

  async get(sid: string): Promise<ConsoleSessionRecord | undefined> {
    await this.ready;
    const res = await this.db.pool.query<{ sid: string; key_id: string; exp: string }>(
      'SELECT sid, key_id, exp FROM warden_console_sessions WHERE sid = $1 AND exp > $2',
      [sid, Date.now()],
    );
    const row = res.rows[0];
    return row ? { sid: row.sid, keyId: row.key_id, exp: Number(row.exp) } : undefined;
  }

  async end(sid: string): Promise<void> {
    await this.ready;
    await this.db.pool.query('DELETE FROM warden_console_sessions WHERE sid = $1', [sid]);
  }

  async endForKey(keyId: string): Promise<void> {
    await this.ready;
    await this.db.pool.query('DELETE FROM warden_console_sessions WHERE key_id = $1', [keyId]);
  }
}
