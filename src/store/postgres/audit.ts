// The PostgreSQL chain backend: a batch commits under a transaction-scoped advisory lock that reads the chain
// head, so replicas extend ONE chain; verify reads one REPEATABLE READ snapshot of the rows and the head.
import type { PoolClient } from 'pg';
import {
  type AuditKey,
  CHAIN_VERSION,
  type ChainRow,
  chainHash,
  GENESIS_HASH,
  headMac,
} from '../audit-chain.js';
import type { JournalEntry } from '../audit-journal.js';
import {
  AuditStoreMissing,
  type AuditStoreOptions,
  type ChainBackend,
  type ChainSnapshot,
  JournalledAuditStore,
} from '../audit-store.js';
import {
  bucketSeconds,
  noTraffic,
  postgresDialect,
  type TrafficFilter,
  type TrafficPageQuery,
  type TrafficStats,
  trafficWhere,
} from '../audit-traffic.js';
import type { PostgresDb } from './db.js';
import { LOCK_AUDIT_HEAD, LOCK_NS, type Migration, migrate } from './migrations.js';

/** The audit component's own migrations (core/1 made the table); append only. */
export const AUDIT_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'keyed chain: version column and head record',
    sql: `ALTER TABLE warden_audit ADD COLUMN IF NOT EXISTS v SMALLINT NOT NULL DEFAULT 1;
    CREATE TABLE IF NOT EXISTS warden_audit_head (
      id SMALLINT PRIMARY KEY CHECK (id = 1),
      seq BIGINT NOT NULL,
      hash TEXT NOT NULL,
      mac TEXT NOT NULL,
      key_id TEXT NOT NULL
    );`,
  },
];

interface Row {
  seq: string;
  v: number;
  record: string;
  prev_hash: string;
  hash: string;
}

const PAGE = 5_000;

const toChainRow = (r: Row): ChainRow => ({
  seq: Number(r.seq),
  v: Number(r.v),
  record: r.record,
  prevHash: r.prev_hash,
  hash: r.hash,
});

async function exists(q: { query: PoolClient['query'] }, table: string): Promise<boolean> {
  const r = await q.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [table]);
  return r.rows[0]?.t != null;
}

export class PostgresChainBackend implements ChainBackend {
  readonly name = 'postgres' as const;
  /** Migrations applied and the head record present (writers only). */
  private ready: Promise<void> | undefined;

  constructor(
    private readonly db: PostgresDb,
    private readonly key?: AuditKey,
  ) {}

  private prepare(): Promise<void> {
    this.ready ??= (async () => {
      await this.db.ready;
      await migrate(this.db.pool, 'audit', AUDIT_MIGRATIONS);
      // The head starts at the current last row (seq 0 for a new chain), so an emptied chain shows.
      await this.locked(async (client) => {
        const last = await client.query<{ seq: string; hash: string }>(
          'SELECT seq, hash FROM warden_audit ORDER BY seq DESC LIMIT 1',
        );
        const seq = Number(last.rows[0]?.seq ?? 0);
        const hash = last.rows[0]?.hash ?? GENESIS_HASH;
        await client.query(
          'INSERT INTO warden_audit_head (id, seq, hash, mac, key_id) VALUES (1, $1, $2, $3, $4) ON CONFLICT (id) DO NOTHING',
          [seq, hash, headMac(this.key!.key, seq, hash), this.key!.id],
        );
      });
    })();
    // A failed preparation is tried again by the next commit.
    this.ready.catch(() => {
      this.ready = undefined;
    });
    return this.ready;
  }

  private async locked(fn: (client: PoolClient) => Promise<void>): Promise<void> {
    const client = await this.db.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1, $2)', [LOCK_NS, LOCK_AUDIT_HEAD]);
      await fn(client);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  async commit(batch: readonly JournalEntry[], mayExist: boolean): Promise<void> {
    const key = this.key;
    if (!key) throw new Error('the audit store was opened read-only (no key)');
    await this.prepare();
    await this.locked(async (client) => {
      let entries = batch;
      if (mayExist) {
        const found = await client.query<{ jid: string }>(
          'SELECT jid FROM warden_audit WHERE jid = ANY($1::text[])',
          [batch.map((e) => e.jid)],
        );
        const stored = new Set(found.rows.map((r) => r.jid));
        entries = batch.filter((e) => !stored.has(e.jid));
      }
      if (entries.length === 0) return;
      const head = await client.query<{ seq: string; hash: string }>(
        'SELECT seq, hash FROM warden_audit ORDER BY seq DESC LIMIT 1',
      );
      let seq = Number(head.rows[0]?.seq ?? 0);
      let prev = head.rows[0]?.hash ?? GENESIS_HASH;
      const cols: unknown[][] = Array.from({ length: 10 }, () => []);
      for (const e of entries) {
        seq++;
        const hash = chainHash(key.key, prev, seq, e.json);
        const r = e.record;
        const values = [seq, e.jid, r.ts, r.requestId, r.principal, r.kind, r.outcome, e.json, prev, hash];
        for (let i = 0; i < values.length; i++) cols[i]!.push(values[i]);
        prev = hash;
      }
      await client.query(
        `INSERT INTO warden_audit (seq, jid, ts, request_id, principal, kind, outcome, record, prev_hash, hash, v)
         SELECT *, ${CHAIN_VERSION} FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[],
                                $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])`,
        cols,
      );
      await client.query(
        `INSERT INTO warden_audit_head (id, seq, hash, mac, key_id) VALUES (1, $1, $2, $3, $4)
         ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, mac = excluded.mac, key_id = excluded.key_id`,
        [seq, prev, headMac(key.key, seq, prev), key.id],
      );
    });
  }

  private async selectList(q: { query: PoolClient['query'] }): Promise<string> {
    const r = await q.query(
      "SELECT 1 FROM information_schema.columns WHERE table_name = 'warden_audit' AND column_name = 'v'",
    );
    return `seq, ${r.rowCount ? 'v' : '1 AS v'}, record, prev_hash, hash`;
  }

  private async *pages(q: { query: PoolClient['query'] }, order: 'ASC' | 'DESC', limit: number) {
    const cols = await this.selectList(q);
    let after = order === 'ASC' ? 0 : Number.MAX_SAFE_INTEGER;
    let left = limit;
    while (left > 0) {
      const n = Math.min(PAGE, left);
      const res = await q.query<Row>(
        `SELECT ${cols} FROM warden_audit WHERE seq ${order === 'ASC' ? '>' : '<'} $1 ORDER BY seq ${order} LIMIT $2`,
        [after, n],
      );
      for (const r of res.rows) yield toChainRow(r);
      if (res.rows.length < n) return;
      after = Number(res.rows.at(-1)!.seq);
      left -= res.rows.length;
    }
  }

  async read<T>(fn: (snapshot: ChainSnapshot) => Promise<T>): Promise<T> {
    await this.db.ready;
    const client = await this.db.pool.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      if (!(await exists(client, 'warden_audit')))
        throw new AuditStoreMissing('no warden_audit table in PostgreSQL');
      let head: ChainSnapshot['head'];
      if (await exists(client, 'warden_audit_head')) {
        const h = await client.query<{ seq: string; hash: string; mac: string; key_id: string }>(
          'SELECT seq, hash, mac, key_id FROM warden_audit_head WHERE id = 1',
        );
        const r = h.rows[0];
        head = r ? { seq: Number(r.seq), hash: r.hash, mac: r.mac, keyId: r.key_id } : null;
      }
      const pages = this.pages(client, 'ASC', Number.POSITIVE_INFINITY);
      return await fn({ head, rows: () => pages });
    } finally {
      await client.query('COMMIT').catch(() => {});
      client.release();
    }
  }

  async *rows(): AsyncIterable<ChainRow> {
    await this.db.ready;
    if (!(await exists(this.db.pool, 'warden_audit'))) return;
    yield* this.pages(this.db.pool, 'ASC', Number.POSITIVE_INFINITY);
  }

  async recent(limit: number): Promise<ChainRow[]> {
    await this.db.ready;
    if (!(await exists(this.db.pool, 'warden_audit'))) return [];
    const out: ChainRow[] = [];
    for await (const r of this.pages(this.db.pool, 'DESC', limit)) out.push(r);
    return out;
  }

  async trafficPage(q: TrafficPageQuery): Promise<{ rows: ChainRow[]; total: number }> {
    await this.db.ready;
    if (!(await exists(this.db.pool, 'warden_audit'))) return { rows: [], total: 0 };
    const w = trafficWhere(q, postgresDialect);
    const pool = this.db.pool;
    const count = await pool.query<{ n: string }>(
      `SELECT COUNT(*) AS n FROM warden_audit ${w.sql}`,
      w.params,
    );
    const n = w.params.length;
    const res = await pool.query<Row>(
      `SELECT ${await this.selectList(pool)} FROM warden_audit ${w.sql} ORDER BY seq DESC LIMIT $${n + 1} OFFSET $${n + 2}`,
      [...w.params, q.limit, q.offset],
    );
    return { rows: res.rows.map(toChainRow), total: Number(count.rows[0]?.n ?? 0) };
  }

  async trafficStats(f: TrafficFilter): Promise<TrafficStats> {
    await this.db.ready;
    const none = noTraffic();
    if (!(await exists(this.db.pool, 'warden_audit'))) return none;
    const pool = this.db.pool;
    const w = trafficWhere(f, postgresDialect);
    const n = w.params.length;
    const range = (
      await pool.query<{ n: string; first: string | null; last: string | null }>(
        `SELECT COUNT(*) AS n, MIN(ts) AS first, MAX(ts) AS last FROM warden_audit ${w.sql}`,
        w.params,
      )
    ).rows[0];
    if (!range || Number(range.n) === 0) return none;
    const b = bucketSeconds(Date.parse(f.from ?? range.first!), Date.parse(f.to ?? range.last!));
    const buckets = await pool.query<{ t: string; outcome: string; count: string }>(
      `SELECT (floor(extract(epoch FROM ts::timestamptz) / $${n + 1}) * $${n + 1})::bigint AS t, outcome, COUNT(*) AS count FROM warden_audit ${w.sql} GROUP BY t, outcome ORDER BY t`,
      [...w.params, b],
    );
    const blocks = await pool.query<{ guardId: string; count: string }>(
      `SELECT d->>'guardId' AS "guardId", COUNT(*) AS count FROM warden_audit CROSS JOIN LATERAL jsonb_array_elements(COALESCE(record::jsonb->'decisions', '[]'::jsonb)) AS d ${w.sql} AND d->>'action' = 'block' GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 30`,
      w.params,
    );
    const routes = await pool.query<{ route: string; count: string }>(
      `SELECT COALESCE(record::jsonb->>'route', '') AS route, COUNT(*) AS count FROM warden_audit ${w.sql} GROUP BY 1 ORDER BY 2 DESC LIMIT 50`,
      w.params,
    );
    return {
      total: Number(range.n),
      first: range.first,
      last: range.last,
      bucketSeconds: b,
      buckets: buckets.rows.map((r) => ({ t: Number(r.t), outcome: r.outcome, count: Number(r.count) })),
      blocksByGuard: blocks.rows.map((r) => ({ guardId: r.guardId, count: Number(r.count) })),
      routes: routes.rows.map((r) => ({ route: r.route, count: Number(r.count) })),
    };
  }

  async close(): Promise<void> {}
}

/** The audit store on PostgreSQL (what the factory builds; tests and benches use it directly). */
export function postgresAuditStore(
  db: PostgresDb,
  key: AuditKey | undefined,
  opts: AuditStoreOptions = {},
): JournalledAuditStore {
  return new JournalledAuditStore(new PostgresChainBackend(db, key), { key, ...opts });
}
