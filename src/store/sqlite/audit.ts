// The SQLite chain backend: commits go to a writer thread (worker_threads) with its own connection; reads use a
// read-only connection of their own, inside one read transaction when they must agree with the head record.
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { AuditKey, ChainRow, StoredHead } from '../audit-chain.js';
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
  sqliteDialect,
  type TrafficFilter,
  type TrafficPageQuery,
  type TrafficStats,
  trafficWhere,
} from '../audit-traffic.js';
import { ensureAuditSchema, hasTable, hasVersionColumn, type WriterRow } from './audit-sql.js';
import type { WriterCommit, WriterInit, WriterReply } from './audit-writer.js';
import type { SqliteDb } from './db.js';

const PAGE = 5_000;

interface Row {
  seq: number;
  v: number;
  record: string;
  prev_hash: string;
  hash: string;
}

const toChainRow = (r: Row): ChainRow => ({
  seq: r.seq,
  v: r.v,
  record: r.record,
  prevHash: r.prev_hash,
  hash: r.hash,
});

export interface SqliteChainOptions {
  /** The chain's key; without it the backend only reads (verify checks keyed rows with the key it is given). */
  key?: AuditKey;
  /** How long the writer thread waits on a held lock before a commit fails and is retried. */
  busyTimeoutMs?: number;
}

export class SqliteChainBackend implements ChainBackend {
  readonly name = 'sqlite' as const;
  private worker: Worker | undefined;
  private readonly waiting = new Map<number, { resolve(): void; reject(err: Error): void }>();
  private next = 1;
  private reader: SqliteDb | undefined;
  private reading: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dbPath: string,
    private readonly opts: SqliteChainOptions = {},
  ) {
    if (!existsSync(dbPath)) throw new AuditStoreMissing(`no audit database at ${dbPath}`);
    if (opts.key) {
      // Tables for readers right away; when the disk is full or the lock held, the writer thread retries.
      const db = new Database(dbPath, { fileMustExist: true });
      try {
        db.pragma('busy_timeout = 1000');
        ensureAuditSchema(db, opts.key);
      } catch {
        // left to the writer thread
      } finally {
        db.close();
      }
    }
  }

  private spawn(): Worker {
    const key = this.opts.key;
    if (!key) throw new Error('the audit store was opened read-only (no key)');
    const init: WriterInit = {
      dbPath: this.dbPath,
      key: new Uint8Array(key.key),
      keyId: key.id,
      busyTimeoutMs: this.opts.busyTimeoutMs ?? 5_000,
    };
    const fromSource = import.meta.url.endsWith('.ts');
    const entry = new URL(fromSource ? './audit-writer.ts' : './audit-writer.js', import.meta.url);
    const worker = fromSource
      ? new Worker(new URL('../../core/worker-boot.mjs', import.meta.url), {
          workerData: { ...init, entry: entry.href },
        })
      : new Worker(entry, { workerData: init });
    worker.unref();
    worker.on('message', (m: WriterReply) => {
      const w = this.waiting.get(m.id);
      this.waiting.delete(m.id);
      if (!w) return;
      if (m.error)
        w.reject(Object.assign(new Error(m.error.message), m.error.code ? { code: m.error.code } : {}));
      else w.resolve();
    });
    // A dead writer fails what it held (the journal keeps it) and is replaced on the next commit.
    const dead = (err: Error) => {
      if (this.worker === worker) this.worker = undefined;
      for (const w of this.waiting.values()) w.reject(err);
      this.waiting.clear();
    };
    worker.on('error', dead);
    worker.on('exit', (code) => dead(new Error(`audit writer thread exited (${code})`)));
    return worker;
  }

  commit(entries: readonly JournalEntry[], mayExist: boolean): Promise<void> {
    this.worker ??= this.spawn();
    const id = this.next++;
    const rows: WriterRow[] = entries.map((e) => {
      const r = e.record;
      return [e.jid, e.json, r.ts, r.requestId, r.principal, r.kind, r.outcome];
    });
    const worker = this.worker;
    worker.ref();
    return new Promise<void>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, rows, mayExist } satisfies WriterCommit);
    }).finally(() => {
      if (this.waiting.size === 0) worker.unref();
    });
  }

  private db(): SqliteDb {
    this.reader ??= new Database(this.dbPath, { readonly: true, fileMustExist: true });
    return this.reader;
  }

  private select(db: SqliteDb): string {
    return `SELECT seq, ${hasVersionColumn(db) ? 'v' : '1 AS v'}, record, prev_hash, hash FROM audit`;
  }

  private *pages(db: SqliteDb): Generator<ChainRow> {
    const page = db.prepare(`${this.select(db)} WHERE seq > ? ORDER BY seq LIMIT ?`);
    let after = 0;
    for (;;) {
      const rows = page.all(after, PAGE) as Row[];
      for (const r of rows) yield toChainRow(r);
      if (rows.length < PAGE) return;
      after = rows.at(-1)!.seq;
    }
  }

  read<T>(fn: (snapshot: ChainSnapshot) => Promise<T>): Promise<T> {
    // One snapshot per connection at a time.
    const run = this.reading.then(async () => {
      const db = this.db();
      db.exec('BEGIN');
      try {
        if (!hasTable(db, 'audit')) throw new AuditStoreMissing(`no audit table in ${this.dbPath}`);
        let head: StoredHead | null | undefined;
        if (hasTable(db, 'audit_head')) {
          const h = db.prepare('SELECT seq, hash, mac, key_id FROM audit_head WHERE id = 1').get() as
            | { seq: number; hash: string; mac: string; key_id: string }
            | undefined;
          head = h ? { seq: h.seq, hash: h.hash, mac: h.mac, keyId: h.key_id } : null;
        }
        const pages = this.pages(db);
        return await fn({
          head,
          rows: async function* () {
            yield* pages;
          },
        });
      } finally {
        db.exec('COMMIT');
      }
    });
    this.reading = run.catch(() => {});
    return run;
  }

  async *rows(): AsyncIterable<ChainRow> {
    const db = this.db();
    if (!hasTable(db, 'audit')) return;
    yield* this.pages(db);
  }

  async recent(limit: number): Promise<ChainRow[]> {
    const db = this.db();
    if (!hasTable(db, 'audit')) return [];
    const rows = db.prepare(`${this.select(db)} ORDER BY seq DESC LIMIT ?`).all(limit) as Row[];
    return rows.map(toChainRow);
  }

  async trafficPage(q: TrafficPageQuery): Promise<{ rows: ChainRow[]; total: number }> {
    const db = this.db();
    if (!hasTable(db, 'audit')) return { rows: [], total: 0 };
    const w = trafficWhere(q, sqliteDialect);
    const total = db
      .prepare(`SELECT COUNT(*) FROM audit ${w.sql}`)
      .pluck()
      .get(...w.params) as number;
    const rows = db
      .prepare(`${this.select(db)} ${w.sql} ORDER BY seq DESC LIMIT ? OFFSET ?`)
      .all(...w.params, q.limit, q.offset) as Row[];
    return { rows: rows.map(toChainRow), total };
  }

  async trafficStats(f: TrafficFilter): Promise<TrafficStats> {
    const db = this.db();
    const none = noTraffic();
    if (!hasTable(db, 'audit')) return none;
    const w = trafficWhere(f, sqliteDialect);
    const range = db
      .prepare(`SELECT COUNT(*) AS n, MIN(ts) AS first, MAX(ts) AS last FROM audit ${w.sql}`)
      .get(...w.params) as { n: number; first: string | null; last: string | null };
    if (range.n === 0) return none;
    const from = f.from ?? range.first!;
    const to = f.to ?? range.last!;
    const b = bucketSeconds(Date.parse(from), Date.parse(to));
    const buckets = db
      .prepare(
        // Integer division needs integer operands: a bound JS number arrives as REAL, so the width is cast.
        `SELECT (CAST(strftime('%s', ts) AS INTEGER) / CAST(? AS INTEGER)) * CAST(? AS INTEGER) AS t, outcome, COUNT(*) AS count FROM audit ${w.sql} GROUP BY t, outcome ORDER BY t`,
      )
      .all(b, b, ...w.params) as TrafficStats['buckets'];
    const blocksByGuard = db
      .prepare(
        `SELECT json_extract(d.value, '$.guardId') AS guardId, COUNT(*) AS count FROM audit, json_each(audit.record, '$.decisions') AS d ${w.sql} AND json_extract(d.value, '$.action') = 'block' GROUP BY guardId ORDER BY count DESC, guardId LIMIT 30`,
      )
      .all(...w.params) as TrafficStats['blocksByGuard'];
    const routes = db
      .prepare(
        `SELECT COALESCE(json_extract(record, '$.route'), '') AS route, COUNT(*) AS count FROM audit ${w.sql} GROUP BY route ORDER BY count DESC LIMIT 50`,
      )
      .all(...w.params) as TrafficStats['routes'];
    return {
      total: range.n,
      first: range.first,
      last: range.last,
      bucketSeconds: b,
      buckets,
      blocksByGuard,
      routes,
    };
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) {
      const exited = new Promise<void>((r) => worker.once('exit', () => r()));
      worker.postMessage('close');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 2_000))]);
      await worker.terminate();
    }
    this.reader?.close();
    this.reader = undefined;
  }
}

/** The audit store on an existing SQLite database file (what the factory builds; tests and benches use it). */
export function sqliteAuditStore(
  dbPath: string,
  key: AuditKey | undefined,
  opts: AuditStoreOptions & SqliteChainOptions = {},
): JournalledAuditStore {
  const { busyTimeoutMs, key: _, ...storeOpts } = opts;
  return new JournalledAuditStore(
    new SqliteChainBackend(dbPath, { ...(key ? { key } : {}), ...(busyTimeoutMs ? { busyTimeoutMs } : {}) }),
    { key, ...storeOpts },
  );
}
