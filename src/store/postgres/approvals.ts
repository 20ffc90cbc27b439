// The PostgreSQL approval store: one queue shared by every replica; deciding and redeeming are single
// conditional UPDATEs, so two replicas racing on one approval can never both win.
import type { ApprovalListFilter, ApprovalRecord, ApprovalStore } from '../types.js';
import type { PostgresDb } from './db.js';
import { type Migration, migrate } from './migrations.js';

/** This component's migrations (`warden_migrations.component = 'approvals'`). Append only. */
export const APPROVAL_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'approval queue',
    sql: `CREATE TABLE IF NOT EXISTS warden_approvals (
      id TEXT PRIMARY KEY,
      call_hash TEXT NOT NULL,
      requester TEXT NOT NULL,
      tenant TEXT,
      status TEXT NOT NULL,
      created_at BIGINT NOT NULL,
      expires_at BIGINT NOT NULL,
      used_at BIGINT,
      record TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS warden_approvals_call ON warden_approvals (requester, call_hash, status);
    CREATE INDEX IF NOT EXISTS warden_approvals_created ON warden_approvals (created_at DESC);`,
  },
];

interface Row {
  status: string;
  expires_at: string;
  used_at: string | null;
  record: string;
}

/** The effective record: columns that change (status, expiry, use) win over the JSON written at creation. */
function toRecord(row: Row, now: number): ApprovalRecord {
  const base = JSON.parse(row.record) as ApprovalRecord;
  const { usedAt: _usedAt, ...rest } = base;
  const r: ApprovalRecord = {
    ...rest,
    status: row.status as ApprovalRecord['status'],
    expiresAt: Number(row.expires_at),
    ...(row.used_at === null ? {} : { usedAt: Number(row.used_at) }),
  };
  return r.status === 'pending' && r.expiresAt <= now ? { ...r, status: 'expired' } : r;
}

export class PostgresApprovalStore implements ApprovalStore {
  private readonly ready: Promise<void>;

  constructor(private readonly db: PostgresDb) {
    this.ready = db.ready
      .then(() => migrate(db.pool, 'approvals', APPROVAL_MIGRATIONS))
      .then(() => undefined);
    this.ready.catch(() => {});
  }

  async create(r: ApprovalRecord): Promise<void> {
    await this.ready;
    await this.db.pool.query(
      `INSERT INTO warden_approvals (id, call_hash, requester, tenant, status, created_at, expires_at, used_at, record)
       VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, $8)`,
      [
        r.id,
        r.callHash,
        r.requester,
        r.tenant ?? null,
        r.status,
        r.createdAt,
        r.expiresAt,
        JSON.stringify(r),
      ],
    );
  }

  async get(id: string, now: number): Promise<ApprovalRecord | undefined> {
    await this.ready;
    const res = await this.db.pool.query<Row>({
      name: 'warden_approval_get',
      text: 'SELECT status, expires_at, used_at, record FROM warden_approvals WHERE id = $1',
      values: [id],
    });
    return res.rows[0] ? toRecord(res.rows[0], now) : undefined;
  }

  async list(filter: ApprovalListFilter, now: number): Promise<ApprovalRecord[]> {
    await this.ready;
    const where: string[] = [];
    const params: (string | number)[] = [];
    const param = (v: string | number) => {
      params.push(v);
      return `$${params.length}`;
    };
    if (filter.requester) where.push(`requester = ${param(filter.requester)}`);
    if (filter.tenant) where.push(`tenant = ${param(filter.tenant)}`);
    if (filter.status === 'pending') where.push(`status = 'pending' AND expires_at > ${param(now)}`);
    else if (filter.status === 'expired')
      where.push(`(status = 'expired' OR (status = 'pending' AND expires_at <= ${param(now)}))`);
    else if (filter.status) where.push(`status = ${param(filter.status)}`);
    const sql = `SELECT status, expires_at, used_at, record FROM warden_approvals
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC LIMIT ${param(filter.limit ?? 100)}`;
    const res = await this.db.pool.query<Row>(sql, params);
    return res.rows.map((row) => toRecord(row, now));
  }

  async findPending(requester: string, callHash: string, now: number): Promise<ApprovalRecord | undefined> {
    await this.ready;
    const res = await this.db.pool.query<Row>({
      name: 'warden_approval_find_pending',
      text: `SELECT status, expires_at, used_at, record FROM warden_approvals
        WHERE requester = $1 AND call_hash = $2 AND status = 'pending' AND expires_at > $3
        ORDER BY created_at DESC LIMIT 1`,
      values: [requester, callHash, now],
    });
    return res.rows[0] ? toRecord(res.rows[0], now) : undefined;
  }

  /** One conditional UPDATE: only a pending, unexpired row changes, so of two racing deciders one wins. */
  async decide(
    id: string,
    d: { status: 'approved' | 'denied'; by: string; reason?: string; at: number; expiresAt: number },
  ): Promise<ApprovalRecord | undefined> {
    await this.ready;
    const decision = {
      status: d.status,
      decidedBy: d.by,
      decidedAt: d.at,
      expiresAt: d.expiresAt,
      ...(d.reason ? { decisionReason: d.reason } : {}),
    };
    const res = await this.db.pool.query<Row>(
      `UPDATE warden_approvals SET status = $2, expires_at = $3, record = (record::jsonb || $4::jsonb)::text
       WHERE id = $1 AND status = 'pending' AND expires_at > $5
       RETURNING status, expires_at, used_at, record`,
      [id, d.status, d.expiresAt, JSON.stringify(decision), d.at],
    );
    return res.rows[0] ? toRecord(res.rows[0], d.at) : undefined;
  }

  /** Single use: the UPDATE matches only an approved, unexpired, unused row of this exact call. */
  async consume(id: string, callHash: string, now: number): Promise<boolean> {
    await this.ready;
    const res = await this.db.pool.query(
      `UPDATE warden_approvals SET used_at = $3 WHERE id = $1 AND call_hash = $2 AND status = 'approved'
       AND used_at IS NULL AND expires_at > $3`,
      [id, callHash, now],
    );
    return res.rowCount === 1;
  }
}
