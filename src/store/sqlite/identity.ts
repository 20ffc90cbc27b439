// SQLite key and ban stores (the embedded default): one row per key or ban, read on every request.
import { LRUCache } from 'lru-cache';
import type { BanRecord, BanStore, KeyRecord, KeyStore } from '../types.js';
import type { SqliteDb } from './db.js';

interface KeyRow {
  id: string;
  data: string;
}

export class SqliteKeyStore implements KeyStore {
  private readonly getStmt;
  private readonly putStmt;
  private readonly listStmt;
  private readonly versionStmt;
  /**
   * Parsed records, valid while no other connection has committed (PRAGMA data_version unchanged): a
   * revocation by the CLI or another process is seen on the very next lookup. Our own writes clear it.
   * Known keys and unknown ids live in separate LRUs, so a flood of distinct bogus ids only ever evicts
   * other bogus ids, never a real key.
   */
  private readonly known = new LRUCache<string, KeyRecord>({ max: 10_000 });
  private readonly unknown = new LRUCache<string, true>({ max: 1_000 });
  private version = -1;

  constructor(db: SqliteDb) {
    db.exec(
      'CREATE TABLE IF NOT EXISTS api_keys (id TEXT PRIMARY KEY, principal TEXT NOT NULL, data TEXT NOT NULL)',
    );
    this.getStmt = db.prepare('SELECT id, data FROM api_keys WHERE id = ?');
    this.putStmt = db.prepare(
      'INSERT INTO api_keys (id, principal, data) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET principal = excluded.principal, data = excluded.data',
    );
    this.listStmt = db.prepare('SELECT id, data FROM api_keys ORDER BY rowid');
    this.versionStmt = db.prepare('PRAGMA data_version').pluck();
  }

  get(id: string): KeyRecord | undefined {
    const version = this.versionStmt.get() as number;
    if (version !== this.version) {
      this.clearCache();
      this.version = version;
    } else {
      const hit = this.known.get(id);
      if (hit) return { ...hit };
      if (this.unknown.has(id)) return undefined;
    }
    const row = this.getStmt.get(id) as KeyRow | undefined;
    if (!row) {
      this.unknown.set(id, true);
      return undefined;
    }
    const rec = JSON.parse(row.data) as KeyRecord;
    this.known.set(id, rec);
    return { ...rec };
  }

  put(record: KeyRecord): void {
    this.putStmt.run(record.id, record.principal, JSON.stringify(record));
    this.clearCache();
  }

  private clearCache(): void {
    this.known.clear();
    this.unknown.clear();
  }

  update(id: string, patch: Partial<Omit<KeyRecord, 'id'>>): boolean {
    const cur = this.get(id);
    if (!cur) return false;
    this.put({ ...cur, ...patch });
    return true;
  }

  list(): KeyRecord[] {
    return (this.listStmt.all() as KeyRow[]).map((r) => JSON.parse(r.data) as KeyRecord);
  }
}

interface BanRow {
  principal: string;
  reason: string;
  by_principal: string;
  created_at: number;
  expires_at: number | null;
}

const toBan = (r: BanRow): BanRecord => ({
  principal: r.principal,
  reason: r.reason,
  by: r.by_principal,
  createdAt: r.created_at,
  ...(r.expires_at === null ? {} : { expiresAt: r.expires_at }),
});

export class SqliteBanStore implements BanStore {
  private readonly getStmt;
  private readonly addStmt;
  private readonly removeStmt;
  private readonly listStmt;

  constructor(db: SqliteDb) {
    db.exec(`CREATE TABLE IF NOT EXISTS bans (
      principal TEXT PRIMARY KEY, reason TEXT NOT NULL, by_principal TEXT NOT NULL,
      created_at INTEGER NOT NULL, expires_at INTEGER)`);
    this.getStmt = db.prepare(
      'SELECT * FROM bans WHERE principal = ? AND (expires_at IS NULL OR expires_at > ?)',
    );
    this.addStmt = db.prepare(
      'INSERT OR REPLACE INTO bans (principal, reason, by_principal, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.removeStmt = db.prepare('DELETE FROM bans WHERE principal = ?');
    this.listStmt = db.prepare(
      'SELECT * FROM bans WHERE expires_at IS NULL OR expires_at > ? ORDER BY created_at',
    );
  }

  get(principal: string): BanRecord | undefined {
    const row = this.getStmt.get(principal, Date.now()) as BanRow | undefined;
    return row ? toBan(row) : undefined;
  }

  add(ban: BanRecord): void {
    this.addStmt.run(ban.principal, ban.reason, ban.by, ban.createdAt, ban.expiresAt ?? null);
  }

  remove(principal: string): boolean {
    return this.removeStmt.run(principal).changes > 0;
  }

  list(): BanRecord[] {
    return (this.listStmt.all(Date.now()) as BanRow[]).map(toBan);
  }
}
