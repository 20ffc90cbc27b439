// PostgreSQL audit store: records are accepted into the local journal (durable before return), then committed
// in batches under a transaction-scoped advisory lock that reads the chain head, so replicas extend ONE chain.
import type { PoolClient } from 'pg';
import { ChainVerifier, chainHash, GENESIS_HASH, toStored } from '../audit-chain.js';
import { AuditJournal, type JournalEntry } from '../audit-journal.js';
import type { AuditRecord, AuditStore, AuditVerifyResult, StoredAuditRecord } from '../types.js';
import type { PostgresDb } from './db.js';
import { LOCK_AUDIT_HEAD, LOCK_NS } from './migrations.js';

interface Row {
  seq: string;
  record: string;
  prev_hash: string;
  hash: string;
}

interface Batch {
  entries: JournalEntry[];
  /** Set when these entries may already be in the table (replayed journal, or a commit whose outcome is unknown). */
  mayExist: boolean;
  onCommitted?: () => void;
}

export interface PostgresAuditOptions {
  /** Directory for this process's journal; without it each append commits before `flush` resolves (CLI use). */
  journalDir?: string;
  /** Journal file size after which a new file is started (the old one goes once committed). */
  journalRotateBytes?: number;
  /** Longest time a record waits in the journal before its batch commits. */
  flushMs?: number;
  maxBatch?: number;
  /** Uncommitted records held in memory while PostgreSQL is unreachable; past it appends fail (fail closed). */
  maxBacklog?: number;
  /** Called when a commit fails (records stay in the journal and are retried). */
  onError?: (err: unknown) => void;
}

const PAGE = 5_000;

export class PostgresAuditStore implements AuditStore {
  private readonly journal: AuditJournal | undefined;
  private pending: JournalEntry[] = [];
  private readonly retry: Batch[] = [];
  private timer: NodeJS.Timeout | undefined;
  private committing: Promise<void> | undefined;
  private closed = false;
  private failures = 0;
  private readonly flushMs: number;
  private readonly maxBatch: number;

  constructor(
    private readonly db: PostgresDb,
    private readonly opts: PostgresAuditOptions = {},
  ) {
    this.flushMs = opts.flushMs ?? 20;
    this.maxBatch = opts.maxBatch ?? 512;
    if (opts.journalDir) {
      this.journal = new AuditJournal(opts.journalDir, opts.journalRotateBytes);
      for (const orphan of this.journal.orphans) {
        const journal = this.journal;
        this.retry.push({
          entries: orphan.entries,
          mayExist: true,
          onCommitted: () => journal.discard(orphan),
        });
      }
      if (this.retry.length > 0) this.schedule(0);
    }
  }

  /** Records that are accepted but not yet in the chain (journalled, or waiting for a retry). */
  get backlog(): number {
    return this.pending.length + this.retry.reduce((n, b) => n + b.entries.length, 0);
  }

  append(record: AuditRecord): undefined {
    this.appendMany([record]);
    return undefined;
  }

  appendMany(records: readonly AuditRecord[]): void {
    if (this.closed) throw new Error('audit store is closed');
    if (records.length === 0) return;
    if (this.failures > 0 && this.backlog >= (this.opts.maxBacklog ?? 100_000))
      throw new Error('audit backlog full: PostgreSQL has been unreachable too long');
    const entries = this.journal
      ? this.journal.appendMany(records)
      : records.map((record) => ({
          jid: `cli:${Date.now().toString(36)}:${Math.random().toString(36).slice(2)}`,
          json: JSON.stringify(record),
          record,
        }));
    for (const entry of entries) this.pending.push(entry);
    if (this.pending.length >= this.maxBatch) this.schedule(0);
    else this.schedule(this.flushMs);
  }

  private schedule(ms: number): void {
    if (this.timer && ms > 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush().catch(() => {});
    }, ms);
    this.timer.unref?.();
  }

  /** Commits everything accepted so far; rejects if PostgreSQL is unreachable (the journal keeps the records). */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    // One commit at a time per process: the advisory lock serialises replicas, this serialises us.
    while (this.committing) await this.committing.catch(() => {});
    if (this.pending.length > 0) {
      this.retry.push({ entries: this.pending, mayExist: false });
      this.pending = [];
    }
    if (this.retry.length === 0) return;
    this.committing = this.commitAll();
    try {
      await this.committing;
    } finally {
      this.committing = undefined;
    }
  }

  private async commitAll(): Promise<void> {
    while (this.retry.length > 0) {
      const batch = this.retry[0]!;
      try {
        await this.commit(batch);
      } catch (err) {
        // The COMMIT may have reached the server before the error: check for duplicates on the retry.
        batch.mayExist = true;
        this.failures++;
        this.opts.onError?.(err);
        if (!this.closed) this.schedule(Math.min(5_000, 50 * 2 ** Math.min(this.failures, 7)));
        throw err;
      }
      this.failures = 0;
      this.retry.shift();
      batch.onCommitted?.();
    }
    // Synchronous right after the commit (no append interleaves): what is still uncommitted starts at `pending`.
    this.journal?.committedBelow(this.pending[0]?.n);
  }

  private async commit(batch: Batch): Promise<void> {
    if (batch.entries.length === 0) return;
    await this.db.ready;
    const client = await this.db.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1, $2)', [LOCK_NS, LOCK_AUDIT_HEAD]);
      let entries = batch.entries;
      if (batch.mayExist) entries = await this.notYetStored(client, entries);
      const head = await client.query<{ seq: string; hash: string }>(
        'SELECT seq, hash FROM warden_audit ORDER BY seq DESC LIMIT 1',
      );
      let seq = Number(head.rows[0]?.seq ?? 0);
      let prev = head.rows[0]?.hash ?? GENESIS_HASH;
      const cols: [
        number[],
        string[],
        string[],
        string[],
        string[],
        string[],
        string[],
        string[],
        string[],
        string[],
      ] = [[], [], [], [], [], [], [], [], [], []];
      for (const e of entries) {
        seq++;
        const hash = chainHash(prev, seq, e.json);
        const r = e.record;
        const values = [
          seq,
          e.jid,
          r.ts,
          r.requestId,
          r.principal,
          r.kind,
          r.outcome,
          e.json,
          prev,
          hash,
        ] as const;
        for (let i = 0; i < values.length; i++) (cols[i] as unknown[]).push(values[i]);
        prev = hash;
      }
      if (entries.length > 0) {
        await client.query(
          `INSERT INTO warden_audit (seq, jid, ts, request_id, principal, kind, outcome, record, prev_hash, hash)
           SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                                $7::text[], $8::text[], $9::text[], $10::text[])`,
          cols,
        );
      }
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  private async notYetStored(client: PoolClient, entries: JournalEntry[]): Promise<JournalEntry[]> {
    const found = await client.query<{ jid: string }>(
      'SELECT jid FROM warden_audit WHERE jid = ANY($1::text[])',
      [entries.map((e) => e.jid)],
    );
    const stored = new Set(found.rows.map((r) => r.jid));
    return entries.filter((e) => !stored.has(e.jid));
  }

  private async *rows(order: 'ASC' | 'DESC' = 'ASC', limit = Number.POSITIVE_INFINITY): AsyncGenerator<Row> {
    await this.db.ready;
    let after = order === 'ASC' ? 0 : Number.MAX_SAFE_INTEGER;
    let left = limit;
    while (left > 0) {
      const n = Math.min(PAGE, left);
      const res = await this.db.pool.query<Row>(
        `SELECT seq, record, prev_hash, hash FROM warden_audit WHERE seq ${order === 'ASC' ? '>' : '<'} $1
         ORDER BY seq ${order} LIMIT $2`,
        [after, n],
      );
      for (const r of res.rows) yield r;
      if (res.rows.length < n) return;
      after = Number(res.rows.at(-1)!.seq);
      left -= res.rows.length;
    }
  }

  async verify(): Promise<AuditVerifyResult> {
    await this.flush();
    const v = new ChainVerifier();
    for await (const r of this.rows()) {
      if (!v.push({ seq: Number(r.seq), record: r.record, prevHash: r.prev_hash, hash: r.hash })) break;
    }
    return v.result();
  }

  async *export(): AsyncIterable<StoredAuditRecord> {
    await this.flush();
    for await (const r of this.rows()) {
      yield {
        ...toStored(Number(r.seq), JSON.parse(r.record) as AuditRecord, r.prev_hash, r.hash),
        recordJson: r.record,
      };
    }
  }

  async recent(limit: number): Promise<StoredAuditRecord[]> {
    await this.flush();
    const out: StoredAuditRecord[] = [];
    for await (const r of this.rows('DESC', limit))
      out.push(toStored(Number(r.seq), JSON.parse(r.record) as AuditRecord, r.prev_hash, r.hash));
    return out;
  }

  /** Commits what is left (retrying briefly), then closes the journal; it stays on disk if anything is uncommitted. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        await this.flush();
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 200 * (attempt + 1)));
      }
    }
    if (this.timer) clearTimeout(this.timer);
    this.journal?.close(this.backlog === 0);
  }
}
