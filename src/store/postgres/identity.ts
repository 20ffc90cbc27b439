// PostgreSQL key and ban stores: read through on every request, so a revocation or ban made through any
// replica applies to the very next request everywhere (one indexed primary-key lookup).
import type { BanRecord, BanStore, KeyRecord, KeyStore } from '../types.js';
import type { PostgresDb } from './db.js';

export class PostgresKeyStore implements KeyStore {
  constructor(private readonly db: PostgresDb) {}

  async get(id: string): Promise<KeyRecord | undefined> {
    await this.db.ready;
    const res = await this.db.pool.query<{ data: string }>({
      name: 'warden_key_get',
      text: 'SELECT data FROM warden_api_keys WHERE id = $1',
      values: [id],
    });
    const row = res.rows[0];
    return row ? (JSON.parse(row.data) as KeyRecord) : undefined;
  }

  async put(record: KeyRecord): Promise<void> {
    await this.db.ready;
    await this.db.pool.query(
      `INSERT INTO warden_api_keys (id, principal, data) VALUES ($1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET principal = excluded.principal, data = excluded.data`,
      [record.id, record.principal, JSON.stringify(record)],
    );
  }

  /** Read-modify-write under a row lock, so two replicas patching one key do not lose an update. */
  async update(id: string, patch: Partial<Omit<KeyRecord, 'id'>>): Promise<boolean> {
    await this.db.ready;
    const client = await this.db.pool.connect();
    try {
      await client.query('BEGIN');
      const res = await client.query<{ data: string }>(
        'SELECT data FROM warden_api_keys WHERE id = $1 FOR UPDATE',
        [id],
      );
      const row = res.rows[0];
      if (!row) {
        await client.query('ROLLBACK');
        return false;
      }
      const next = { ...(JSON.parse(row.data) as KeyRecord), ...patch, id };
      await client.query('UPDATE warden_api_keys SET principal = $2, data = $3 WHERE id = $1', [
        id,
        next.principal,
        JSON.stringify(next),
      ]);
      await client.query('COMMIT');
      return true;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  async list(): Promise<KeyRecord[]> {
    await this.db.ready;
    const res = await this.db.pool.query<{ data: string }>(
      'SELECT data FROM warden_api_keys ORDER BY created_at, id',
    );
    return res.rows.map((r) => JSON.parse(r.data) as KeyRecord);
  }
}

interface BanRow {
  principal: string;
  reason: string;
  by_principal: string;
  created_at: string;
  expires_at: string | null;
}

const toBan = (r: BanRow): BanRecord => ({
  principal: r.principal,
  reason: r.reason,
  by: r.by_principal,
  createdAt: Number(r.created_at),
  ...(r.expires_at === null ? {} : { expiresAt: Number(r.expires_at) }),
});

export class PostgresBanStore implements BanStore {
  constructor(private readonly db: PostgresDb) {}

  async get(principal: string): Promise<BanRecord | undefined> {
    await this.db.ready;
    const res = await this.db.pool.query<BanRow>({
      name: 'warden_ban_get',
      text: 'SELECT * FROM warden_bans WHERE principal = $1 AND (expires_at IS NULL OR expires_at > $2)',
      values: [principal, Date.now()],
    });
    return res.rows[0] ? toBan(res.rows[0]) : undefined;
  }

  async add(ban: BanRecord): Promise<void> {
    await this.db.ready;
    await this.db.pool.query(
      `INSERT INTO warden_bans (principal, reason, by_principal, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (principal) DO UPDATE SET reason = excluded.reason, by_principal = excluded.by_principal,
         created_at = excluded.created_at, expires_at = excluded.expires_at`,
      [ban.principal, ban.reason, ban.by, ban.createdAt, ban.expiresAt ?? null],
    );
  }

  async remove(principal: string): Promise<boolean> {
    await this.db.ready;
    const res = await this.db.pool.query('DELETE FROM warden_bans WHERE principal = $1', [principal]);
    return (res.rowCount ?? 0) > 0;
  }

  async list(): Promise<BanRecord[]> {
    await this.db.ready;
    const res = await this.db.pool.query<BanRow>(
      'SELECT * FROM warden_bans WHERE expires_at IS NULL OR expires_at > $1 ORDER BY created_at',
      [Date.now()],
    );
    return res.rows.map(toBan);
  }
}
