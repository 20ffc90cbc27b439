// SQLite key and ban stores (the embedded default): one row per key or ban, read on every request.
import { LRUCache } from 'lru-cache';
import type { BanRecord, BanStore, KeyRecord, KeyStore } from '../types.js';
import type { SqliteDb } from './db.js';

/**
 * Whether a key or ban may have changed since the last look. Triggers on the key and ban tables bump one
 * generation row on every write, by any connection or process (the CLI, another gateway); reading it is one
 * primary-key step. PRAGMA data_version would move on every commit to the file, the audit writer's included.
 */
class IdentityVersion {
  private readonly generationStmt;
  private generation = -1;

  constructor(db: SqliteDb, table: 'api_keys' | 'bans') {
    db.exec(`CREATE TABLE IF NOT EXISTS identity_generation (id INTEGER PRIMARY KEY CHECK (id = 0), n INTEGER NOT NULL);
      INSERT OR IGNORE INTO identity_generation (id, n) VALUES (0, 0);`);
    for (const op of ['INSERT', 'UPDATE', 'DELETE']) {
      db.exec(`CREATE TRIGGER IF NOT EXISTS ${table}_${op.toLowerCase()}_generation AFTER ${op} ON ${table}
        BEGIN UPDATE identity_generation SET n = n + 1 WHERE id = 0; END`);
    }
    this.generationStmt = db.prepare('SELECT n FROM identity_generation WHERE id = 0').pluck();
  }

  /** True on the first call and whenever a key or ban was written since the last call. */
  changed(): boolean {
    const generation = this.generationStmt.get() as number;
    if (generation === this.generation) return false;
    this.generation = generation;
    return true;
  }
}

interface KeyRow {
  id: string;
  data: string;
}

export class SqliteKeyStore implements KeyStore {
  private readonly getStmt;
  private readonly putStmt;
  private readonly listStmt;
  private readonly version;
  /**
   * Parsed records, valid while no other connection has written a key (IdentityVersion): a revocation by the
   * CLI or another process is seen on the very next lookup. Our own writes clear it.
   * Known keys and unknown ids live in separate LRUs, so a flood of distinct bogus ids only ever evicts
   * other bogus ids, never a real key.
   */
  private readonly known = new LRUCache<string, KeyRecord>({ max: 10_000 });
  private readonly unknown = new LRUCache<string, true>({ max: 1_000 });

  constructor(db: SqliteDb) {
    db.exec(
      'CREATE TABLE IF NOT EXISTS api_keys (id TEXT PRIMARY KEY, principal TEXT NOT NULL, data TEXT NOT NULL)',
    );
    this.getStmt = db.prepare('SELECT id, data FROM api_keys WHERE id = ?');
    this.putStmt = db.prepare(
      'INSERT INTO api_keys (id, principal, data) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET principal = excluded.principal, data = excluded.data',
    );
    this.listStmt = db.prepare('SELECT id, data FROM api_keys ORDER BY rowid');
    this.version = new IdentityVersion(db, 'api_keys');
  }

  get(id: string): KeyRecord | undefined {
    if (this.version.changed()) this.clearCache();
    else {
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
  private readonly version;
  /** Each principal's ban ('none': not banned) as last read, kept like the key store's records; expiry checked on use. */
  private readonly cache = new LRUCache<string, BanRecord | 'none'>({ max: 10_000 });

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
    this.version = new IdentityVersion(db, 'bans');
  }

  get(principal: string): BanRecord | undefined {
    const now = Date.now();
    if (this.version.changed()) this.cache.clear();
    else {
      const hit = this.cache.get(principal);
      if (hit === 'none') return undefined;
      if (hit) return hit.expiresAt === undefined || hit.expiresAt > now ? { ...hit } : undefined;
    }
    const row = this.getStmt.get(principal, now) as BanRow | undefined;
    const ban = row ? toBan(row) : undefined;
    this.cache.set(principal, ban ?? 'none');
    return ban ? { ...ban } : undefined;
  }

  add(ban: BanRecord): void {
    this.addStmt.run(ban.principal, ban.reason, ban.by, ban.createdAt, ban.expiresAt ?? null);
    this.cache.clear();
  }

  remove(principal: string): boolean {
    const removed = this.removeStmt.run(principal).changes > 0;
    this.cache.clear();
    return removed;
  }

  list(): BanRecord[] {
    return (this.listStmt.all(Date.now()) as BanRow[]).map(toBan);
  }
}
