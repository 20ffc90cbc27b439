// SQLite audit store: one row per record, appended under an immediate transaction so the chain stays linear.
import { canonicalJson, chainHash, GENESIS_HASH, toStored, verifyChain } from '../audit-chain.js';
import type { AuditRecord, AuditStore, AuditVerifyResult, StoredAuditRecord } from '../types.js';
import type { SqliteDb } from './db.js';

interface Row {
  seq: number;
  record: string;
  prev_hash: string;
  hash: string;
}

export class SqliteAuditStore implements AuditStore {
  private readonly appendTx: (record: AuditRecord) => StoredAuditRecord;

  constructor(private readonly db: SqliteDb) {
    db.exec(`CREATE TABLE IF NOT EXISTS audit (
      seq INTEGER PRIMARY KEY,
      ts TEXT NOT NULL,
      request_id TEXT NOT NULL,
      principal TEXT NOT NULL,
      kind TEXT NOT NULL,
      outcome TEXT NOT NULL,
      record TEXT NOT NULL,
      prev_hash TEXT NOT NULL,
      hash TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS audit_request ON audit(request_id);
    CREATE INDEX IF NOT EXISTS audit_principal ON audit(principal, seq);`);
    const head = db.prepare('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1');
    const insert = db.prepare(
      'INSERT INTO audit (seq, ts, request_id, principal, kind, outcome, record, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const tx = db.transaction((record: AuditRecord) => {
      const last = head.get() as { seq: number; hash: string } | undefined;
      const seq = (last?.seq ?? 0) + 1;
      const prev = last?.hash ?? GENESIS_HASH;
      const json = canonicalJson(record);
      const hash = chainHash(prev, seq, json);
      insert.run(
        seq,
        record.ts,
        record.requestId,
        record.principal,
        record.kind,
        record.outcome,
        json,
        prev,
        hash,
      );
      return toStored(seq, record, prev, hash);
    });
    this.appendTx = (record) => tx.immediate(record);
  }

  append(record: AuditRecord): StoredAuditRecord {
    return this.appendTx(record);
  }

  verify(): AuditVerifyResult {
    const rows = this.db
      .prepare('SELECT seq, record, prev_hash, hash FROM audit ORDER BY seq')
      .iterate() as Iterable<Row>;
    return verifyChain(
      (function* () {
        for (const r of rows) yield { seq: r.seq, record: r.record, prevHash: r.prev_hash, hash: r.hash };
      })(),
    );
  }

  *export(): Iterable<StoredAuditRecord> {
    const rows = this.db
      .prepare('SELECT seq, record, prev_hash, hash FROM audit ORDER BY seq')
      .iterate() as Iterable<Row>;
    for (const r of rows) yield toStored(r.seq, JSON.parse(r.record) as AuditRecord, r.prev_hash, r.hash);
  }

  recent(limit: number): StoredAuditRecord[] {
    const rows = this.db
      .prepare('SELECT seq, record, prev_hash, hash FROM audit ORDER BY seq DESC LIMIT ?')
      .all(limit) as Row[];
    return rows.map((r) => toStored(r.seq, JSON.parse(r.record) as AuditRecord, r.prev_hash, r.hash));
  }

  close(): void {}
}
