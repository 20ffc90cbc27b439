// SQLite limit store: GCRA state and leases in the embedded database, exact across processes on one host.
import type { SqliteDb } from '../store/sqlite/db.js';
import { type GcraResult, gcra, gcraAdjust, type RateSpec } from './gcra.js';
import type { LimitStore } from './store.js';

export class SqliteLimitStore implements LimitStore {
  readonly kind = 'sqlite';
  private readonly consumeTx: (key: string, cost: number, spec: RateSpec) => GcraResult;
  private readonly adjustTx: (key: string, delta: number, spec: RateSpec) => void;
  private readonly acquireTx: (key: string, lease: string, limit: number, ttlMs: number) => boolean;
  private readonly releaseStmt;

  constructor(db: SqliteDb) {
    db.exec(`CREATE TABLE IF NOT EXISTS rate_state (key TEXT PRIMARY KEY, tat REAL NOT NULL);
      CREATE TABLE IF NOT EXISTS rate_leases (key TEXT NOT NULL, lease TEXT NOT NULL, expires REAL NOT NULL,
        PRIMARY KEY (key, lease));`);
    const get = db.prepare('SELECT tat FROM rate_state WHERE key = ?').pluck();
    const set = db.prepare(
      'INSERT INTO rate_state (key, tat) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET tat = excluded.tat',
    );
    const consume = db.transaction((key: string, cost: number, spec: RateSpec) => {
      const r = gcra((get.get(key) as number | undefined) ?? 0, Date.now(), cost, spec);
      if (r.allowed) set.run(key, r.tat);
      return r;
    });
    this.consumeTx = (k, c, s) => consume.immediate(k, c, s);
    const adjust = db.transaction((key: string, delta: number, spec: RateSpec) => {
      const now = Date.now();
      set.run(key, gcraAdjust((get.get(key) as number | undefined) ?? now, now, delta, spec));
    });
    this.adjustTx = (k, d, s) => adjust.immediate(k, d, s);
    const expire = db.prepare('DELETE FROM rate_leases WHERE key = ? AND expires <= ?');
    const count = db.prepare('SELECT COUNT(*) FROM rate_leases WHERE key = ?').pluck();
    const add = db.prepare('INSERT OR REPLACE INTO rate_leases (key, lease, expires) VALUES (?, ?, ?)');
    const acquire = db.transaction((key: string, lease: string, limit: number, ttlMs: number) => {
      const now = Date.now();
      expire.run(key, now);
      if ((count.get(key) as number) >= limit) return false;
      add.run(key, lease, now + ttlMs);
      return true;
    });
    this.acquireTx = (k, l, n, t) => acquire.immediate(k, l, n, t);
    this.releaseStmt = db.prepare('DELETE FROM rate_leases WHERE key = ? AND lease = ?');
  }

  consume(key: string, cost: number, spec: RateSpec): GcraResult {
    return this.consumeTx(key, cost, spec);
  }
  adjust(key: string, delta: number, spec: RateSpec): void {
    this.adjustTx(key, delta, spec);
  }
  acquire(key: string, lease: string, limit: number, ttlMs: number): boolean {
    return this.acquireTx(key, lease, limit, ttlMs);
  }
  release(key: string, lease: string): void {
    this.releaseStmt.run(key, lease);
  }
}
