// The SQLite approval store: the default durable queue; approvals survive a restart and are shared by
// processes on one host.
import { effectiveStatus } from '../memory/approvals.js';
import type { ApprovalListFilter, ApprovalRecord, ApprovalStore } from '../types.js';
import type { SqliteDb } from './db.js';

interface Row {
  id: string;
  call_hash: string;
  requester: string;
  tenant: string | null;
  status: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  record: string;
}

export class SqliteApprovalStore implements ApprovalStore {
  constructor(private readonly db: SqliteDb) {
    db.exec(`CREATE TABLE IF NOT EXISTS approvals (
      id TEXT PRIMARY KEY,
      call_hash TEXT NOT NULL,
      requester TEXT NOT NULL,
      tenant TEXT,
      status TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL,
      used_at INTEGER,
      record TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS approvals_call ON approvals (requester, call_hash, status);
    CREATE INDEX IF NOT EXISTS approvals_created ON approvals (created_at);`);
  }

  private static toRecord(row: Row, now: number): ApprovalRecord {
    const base = JSON.parse(row.record) as ApprovalRecord;
    const r: ApprovalRecord = {
      ...base,
      status: row.status as ApprovalRecord['status'],
      expiresAt: row.expires_at,
      ...(row.used_at === null ? {} : { usedAt: row.used_at }),
    };
    return effectiveStatus(r, now);
  }

  async create(r: ApprovalRecord): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO approvals (id, call_hash, requester, tenant, status, created_at, expires_at, used_at, record)
         VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?)`,
      )
      .run(
        r.id,
        r.callHash,
        r.requester,
        r.tenant ?? null,
        r.status,
        r.createdAt,
        r.expiresAt,
        JSON.stringify(r),
      );
  }

  async get(id: string, now: number): Promise<ApprovalRecord | undefined> {
    const row = this.db.prepare('SELECT * FROM approvals WHERE id = ?').get(id) as Row | undefined;
    return row ? SqliteApprovalStore.toRecord(row, now) : undefined;
  }

  async list(filter: ApprovalListFilter, now: number): Promise<ApprovalRecord[]> {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (filter.requester) {
      where.push('requester = ?');
      params.push(filter.requester);
    }
    if (filter.tenant) {
      where.push('tenant = ?');
      params.push(filter.tenant);
    }
    if (filter.status === 'pending' || filter.status === 'expired') {
      where.push(
        filter.status === 'pending'
          ? "status = 'pending' AND expires_at > ?"
          : "(status = 'expired' OR (status = 'pending' AND expires_at <= ?))",
      );
      params.push(now);
    } else if (filter.status) {
      where.push('status = ?');
      params.push(filter.status);
    }
    const sql = `SELECT * FROM approvals ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC LIMIT ?`;
    const rows = this.db.prepare(sql).all(...params, filter.limit ?? 100) as Row[];
    return rows.map((row) => SqliteApprovalStore.toRecord(row, now));
  }

  async findPending(requester: string, callHash: string, now: number): Promise<ApprovalRecord | undefined> {
    const row = this.db
      .prepare(
        `SELECT * FROM approvals WHERE requester = ? AND call_hash = ? AND status = 'pending' AND expires_at > ?
         ORDER BY created_at DESC LIMIT 1`,
      )
      .get(requester, callHash, now) as Row | undefined;
    return row ? SqliteApprovalStore.toRecord(row, now) : undefined;
  }

  async decide(
    id: string,
    d: { status: 'approved' | 'denied'; by: string; reason?: string; at: number; expiresAt: number },
  ): Promise<ApprovalRecord | undefined> {
    const tx = this.db.transaction(() => {
      const row = this.db
        .prepare("SELECT * FROM approvals WHERE id = ? AND status = 'pending' AND expires_at > ?")
        .get(id, d.at) as Row | undefined;
      if (!row) return undefined;
      const next: ApprovalRecord = {
        ...(JSON.parse(row.record) as ApprovalRecord),
        status: d.status,
        decidedBy: d.by,
        decidedAt: d.at,
        expiresAt: d.expiresAt,
        ...(d.reason ? { decisionReason: d.reason } : {}),
      };
      this.db
        .prepare('UPDATE approvals SET status = ?, expires_at = ?, record = ? WHERE id = ?')
        .run(d.status, d.expiresAt, JSON.stringify(next), id);
      return next;
    });
    return tx.immediate();
  }

  async consume(id: string, callHash: string, now: number): Promise<boolean> {
    const r = this.db
      .prepare(
        `UPDATE approvals SET used_at = ? WHERE id = ? AND call_hash = ? AND status = 'approved'
         AND used_at IS NULL AND expires_at > ?`,
      )
      .run(now, id, callHash, now);
    return r.changes === 1;
  }
}
