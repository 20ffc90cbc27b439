// The SQLite audit chain's schema and its one write (a batch under BEGIN IMMEDIATE); run by the writer thread.
import { type AuditKey, CHAIN_VERSION, chainHash, GENESIS_HASH, headMac } from '../audit-chain.js';
import type { SqliteDb } from './db.js';

/** One journal entry as the writer thread receives it: [jid, json, ts, requestId, principal, kind, outcome]. */
export type WriterRow = [string, string, string, string, string, string, string];

export function hasTable(db: SqliteDb, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

export function hasVersionColumn(db: SqliteDb): boolean {
  return (db.prepare('PRAGMA table_info(audit)').all() as { name: string }[]).some((c) => c.name === 'v');
}

/**
 * Creates the chain tables, or upgrades a chain made before chain version 2: a `v` column (existing rows are
 * version 1, legacy) and a keyed head record starting at the current last row.
 */
export function ensureAuditSchema(db: SqliteDb, key: AuditKey): void {
  db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS audit (
      seq INTEGER PRIMARY KEY,
      jid TEXT NOT NULL UNIQUE,
      ts TEXT NOT NULL,
      request_id TEXT NOT NULL,
      principal TEXT NOT NULL,
      kind TEXT NOT NULL,
      outcome TEXT NOT NULL,
      record TEXT NOT NULL,
      prev_hash TEXT NOT NULL,
      hash TEXT NOT NULL,
      v INTEGER NOT NULL DEFAULT 1
    );
    CREATE INDEX IF NOT EXISTS audit_principal ON audit(principal, seq);`);
    if (!hasVersionColumn(db)) db.exec('ALTER TABLE audit ADD COLUMN v INTEGER NOT NULL DEFAULT 1');
    if (!hasTable(db, 'audit_head')) {
      db.exec(`CREATE TABLE audit_head (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        seq INTEGER NOT NULL,
        hash TEXT NOT NULL,
        mac TEXT NOT NULL,
        key_id TEXT NOT NULL
      )`);
      const last = db.prepare('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1').get() as
        | { seq: number; hash: string }
        | undefined;
      const seq = last?.seq ?? 0;
      const hash = last?.hash ?? GENESIS_HASH;
      db.prepare('INSERT INTO audit_head (id, seq, hash, mac, key_id) VALUES (1, ?, ?, ?, ?)').run(
        seq,
        hash,
        headMac(key.key, seq, hash),
        key.id,
      );
    }
  }).immediate();
}

/** Builds the batch commit: skips journal ids already stored when asked, extends the chain, moves the head. */
export function auditCommitter(
  db: SqliteDb,
  key: AuditKey,
): (rows: readonly WriterRow[], mayExist: boolean) => void {
  const head = db.prepare('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1');
  const exists = db.prepare('SELECT 1 FROM audit WHERE jid = ?').pluck();
  const insert = db.prepare(
    'INSERT INTO audit (seq, jid, ts, request_id, principal, kind, outcome, record, prev_hash, hash, v) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const moveHead = db.prepare(
    `INSERT INTO audit_head (id, seq, hash, mac, key_id) VALUES (1, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, mac = excluded.mac, key_id = excluded.key_id`,
  );
  const tx = db.transaction((rows: readonly WriterRow[], mayExist: boolean) => {
    const last = head.get() as { seq: number; hash: string } | undefined;
    let seq = last?.seq ?? 0;
    let prev = last?.hash ?? GENESIS_HASH;
    let wrote = false;
    for (const [jid, json, ts, requestId, principal, kind, outcome] of rows) {
      if (mayExist && exists.get(jid) !== undefined) continue;
      seq++;
      const hash = chainHash(key.key, prev, seq, json);
      insert.run(seq, jid, ts, requestId, principal, kind, outcome, json, prev, hash, CHAIN_VERSION);
      prev = hash;
      wrote = true;
    }
    if (wrote) moveHead.run(seq, prev, headMac(key.key, seq, prev), key.id);
  });
  return (rows, mayExist) => tx.immediate(rows, mayExist);
}
