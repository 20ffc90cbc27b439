// The one audit store for every backend: a record is accepted into the local journal (durable before the answer),
// then committed in batches to the backend's chain; commit errors are retried, never thrown at the process.
import { statfsSync } from 'node:fs';
import { type AuditKey, type ChainRow, ChainVerifier, type StoredHead, toStored } from './audit-chain.js';
import { AuditJournal, type JournalBackend, type JournalEntry } from './audit-journal.js';
import type { TrafficFilter, TrafficPage, TrafficPageQuery, TrafficStats } from './audit-traffic.js';
import type { AuditHealth, AuditRecord, AuditStore, AuditVerifyResult, StoredAuditRecord } from './types.js';

/** A consistent read of the chain (one snapshot: rows and head agree). */
export interface ChainSnapshot {
  rows(): AsyncIterable<ChainRow>;
  /** null: the head table exists but holds no row; undefined: no head table (a store older than chain v2). */
  head: StoredHead | null | undefined;
}

/** What a backend (SQLite, PostgreSQL) does: extend its chain in one transaction, and read it. */
export interface ChainBackend {
  readonly name: JournalBackend;
  /** Extends the chain with `entries` in one transaction; with `mayExist`, skips journal ids already stored. */
  commit(entries: readonly JournalEntry[], mayExist: boolean): Promise<void>;
  /** Runs `fn` on one snapshot of the chain; `no-store` problems (missing table) are thrown as AuditStoreMissing. */
  read<T>(fn: (snapshot: ChainSnapshot) => Promise<T>): Promise<T>;
  /** Every row in order, paged (not one snapshot: for export). */
  rows(): AsyncIterable<ChainRow>;
  /** The newest `limit` rows, newest first. */
  recent(limit: number): Promise<ChainRow[]>;
  /** One page of API traffic, newest first, with the count of all matching records (SQL, whole store). */
  trafficPage(q: TrafficPageQuery): Promise<{ rows: ChainRow[]; total: number }>;
  /** Aggregates of API traffic over the whole store (SQL): per time bucket and outcome, blocks per guard. */
  trafficStats(f: TrafficFilter): Promise<TrafficStats>;
  close(): Promise<void>;
}

/** The store to read does not exist (no directory, database or table): verify fails, nothing is created. */
export class AuditStoreMissing extends Error {
  override readonly name = 'AuditStoreMissing';
}

interface Batch {
  entries: JournalEntry[];
  /** Set when these entries may already be in the chain (replayed journal, or a commit whose outcome is unknown). */
  mayExist: boolean;
  onCommitted?: () => void;
}

export interface AuditStoreOptions {
  /** Directory for this process's journal; without it records wait in memory until `flush` (CLI use). */
  journalDir?: string;
  /** Journal file size after which a new file is started (the old one goes once committed). */
  journalRotateBytes?: number;
  /** Longest time a record waits in the journal before its batch commits. */
  flushMs?: number;
  maxBatch?: number;
  /** Uncommitted records held while commits fail; past it appends fail (fail closed). */
  maxBacklog?: number;
  /** Free bytes the journal's file system needs before a full disk counts as recovered. */
  minFreeBytes?: number;
  /** The key `verify()` checks keyed records with when the caller gives none. */
  key?: AuditKey | undefined;
  /** Called when a journal write or a commit fails (committed records are retried). */
  onError?: (err: unknown, what: 'journal' | 'commit') => void;
}

const PROBE_MS = 250;
const OK: AuditHealth = Object.freeze({ state: 'ok' });
const MAX_RETRY_MS = 2_000;

/** A short, content-free description of a store error (codes such as SQLITE_FULL, ENOSPC, ECONNREFUSED). */
export function describeStoreError(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown };
  const code = typeof e?.code === 'string' ? e.code : undefined;
  const message = typeof e?.message === 'string' ? e.message.slice(0, 120) : String(err).slice(0, 120);
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}

export class JournalledAuditStore implements AuditStore {
  private readonly journal: AuditJournal | undefined;
  private pending: JournalEntry[] = [];
  private readonly retry: Batch[] = [];
  /** Entries in `retry`, kept so `health()` (asked on every request) stays O(1) during a long outage. */
  private retrying = 0;
  private timer: NodeJS.Timeout | undefined;
  private probeTimer: NodeJS.Timeout | undefined;
  private committing: Promise<void> | undefined;
  private closed = false;
  private failures = 0;
  private commitError: string | undefined;
  /** Why the journal cannot be written (full disk...): requests are refused until a probe write succeeds. */
  private journalDown: string | undefined;
  private readonly flushMs: number;
  private readonly maxBatch: number;
  private readonly maxBacklog: number;

  constructor(
    private readonly backend: ChainBackend,
    private readonly opts: AuditStoreOptions = {},
  ) {
    this.flushMs = opts.flushMs ?? 20;
    this.maxBatch = opts.maxBatch ?? 512;
    this.maxBacklog = opts.maxBacklog ?? 100_000;
    if (opts.journalDir) {
      const journal = new AuditJournal(opts.journalDir, backend.name, opts.journalRotateBytes);
      this.journal = journal;
      for (const orphan of journal.orphans) {
        this.retrying += orphan.entries.length;
        this.retry.push({
          entries: orphan.entries,
          mayExist: true,
          onCommitted: () => journal.discard(orphan),
        });
      }
      if (this.retry.length > 0) this.schedule(0);
      // Started on a full disk: not ready and refusing until there is room (never a crash loop).
      this.journalDown = 'ENOSPC: checking free space';
      if (this.hasRoom()) this.journalDown = undefined;
      else
        this.journalFailed(
          Object.assign(new Error('no space left for the audit journal'), { code: 'ENOSPC' }),
        );
    }
  }

  /** Records that are accepted but not yet in the chain (journalled, or waiting for a retry). */
  get backlog(): number {
    return this.pending.length + this.retrying;
  }

  health(): AuditHealth {
    if (!this.journalDown && this.failures === 0) return OK;
    const backlog = this.backlog;
    if (this.journalDown)
      return {
        state: 'unavailable',
        reason: `audit journal cannot be written (${this.journalDown})`,
        backlog,
      };
    if (this.failures > 0 && backlog >= this.maxBacklog)
      return {
        state: 'unavailable',
        reason: `audit backlog full, commits failing (${this.commitError})`,
        backlog,
      };
    if (this.failures > 0)
      return {
        state: 'degraded',
        reason: `audit commits failing (${this.commitError}); ${backlog} records kept in the journal`,
        backlog,
      };
    return OK;
  }

  append(record: AuditRecord): undefined {
    this.appendMany([record]);
    return undefined;
  }

  appendMany(records: readonly AuditRecord[]): void {
    if (this.closed) throw new Error('audit store is closed');
    if (records.length === 0) return;
    if (this.failures > 0 && this.backlog >= this.maxBacklog)
      throw new Error(`audit backlog full: commits have failed ${this.failures} times (${this.commitError})`);
    let entries: JournalEntry[];
    if (this.journal) {
      try {
        entries = this.journal.appendMany(records);
      } catch (err) {
        this.journalFailed(err);
        throw err;
      }
      // A small record can still fit a nearly full disk: recovered only once there is room again.
      if (this.journalDown && this.hasRoom()) this.journalDown = undefined;
    } else {
      entries = records.map((record) => ({
        jid: `cli:${Date.now().toString(36)}:${Math.random().toString(36).slice(2)}`,
        json: JSON.stringify(record),
        record,
      }));
    }
    for (const entry of entries) this.pending.push(entry);
    this.schedule(this.pending.length >= this.maxBatch ? 0 : this.flushMs);
  }

  private journalFailed(err: unknown): void {
    const first = this.journalDown === undefined;
    this.journalDown = describeStoreError(err);
    if (first) this.opts.onError?.(err, 'journal');
    if (!this.probeTimer && !this.closed) {
      this.probeTimer = setInterval(() => this.probe(), PROBE_MS);
      this.probeTimer.unref?.();
    }
  }

  /** Recovers by itself once the journal takes a line again and (for a full disk) there is room for records. */
  private probe(): void {
    if (!this.journalDown || this.closed) {
      clearInterval(this.probeTimer);
      this.probeTimer = undefined;
      return;
    }
    if (this.hasRoom() && this.journal?.probe()) this.journalDown = undefined;
  }

  /** After a full disk (ENOSPC), whether the journal's file system has room for records again. */
  private hasRoom(): boolean {
    if (!this.opts.journalDir || !this.journalDown?.includes('ENOSPC')) return true;
    try {
      const fs = statfsSync(this.opts.journalDir);
      return fs.bavail * fs.bsize >= (this.opts.minFreeBytes ?? 256 * 1024);
    } catch {
      return false;
    }
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

  /** Commits everything accepted so far; rejects when the backend fails (the journal keeps the records). */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    // One commit at a time per process: the backend's lock serialises processes, this serialises us.
    while (this.committing) await this.committing.catch(() => {});
    if (this.pending.length > 0) {
      this.retry.push({ entries: this.pending, mayExist: false });
      this.retrying += this.pending.length;
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
        if (batch.entries.length > 0) await this.backend.commit(batch.entries, batch.mayExist);
      } catch (err) {
        // The commit may have landed before the error reached us: check for duplicates on the retry.
        batch.mayExist = true;
        this.failures++;
        this.commitError = describeStoreError(err);
        if (this.failures === 1) this.opts.onError?.(err, 'commit');
        if (!this.closed) this.schedule(Math.min(MAX_RETRY_MS, 50 * 2 ** Math.min(this.failures, 6)));
        throw err;
      }
      this.failures = 0;
      this.commitError = undefined;
      this.retry.shift();
      this.retrying -= batch.entries.length;
      batch.onCommitted?.();
    }
    // Synchronous right after the commit (no append interleaves): what is still uncommitted starts at `pending`.
    try {
      this.journal?.committedBelow(this.pending[0]?.n);
    } catch (err) {
      this.opts.onError?.(err, 'journal');
    }
  }

  /** Checks the whole chain; `expect` is a head kept elsewhere (`warden audit head`). */
  async verify(
    opts: { key?: AuditKey; expect?: { seq: number; hash: string } } = {},
  ): Promise<AuditVerifyResult> {
    await this.flush().catch(() => {});
    return this.backend.read(async (snap) => {
      const v = new ChainVerifier(opts.key ?? this.opts.key, opts.expect);
      v.checkKey(snap.head);
      for await (const row of snap.rows()) if (!v.push(row)) break;
      return v.finish(snap.head);
    });
  }

  /** The newest record's sequence number and hash, to keep elsewhere and pass to `verify --expect-head`. */
  async head(): Promise<{ seq: number; hash: string; v: number } | undefined> {
    await this.flush().catch(() => {});
    const [row] = await this.backend.recent(1);
    return row ? { seq: row.seq, hash: row.hash, v: row.v } : undefined;
  }

  async *export(): AsyncIterable<StoredAuditRecord> {
    await this.flush().catch(() => {});
    for await (const r of this.backend.rows()) yield stored(r);
  }

  async recent(limit: number): Promise<StoredAuditRecord[]> {
    await this.flush().catch(() => {});
    return (await this.backend.recent(limit)).map((r) => {
      const { recordJson: _, ...rest } = stored(r);
      return rest;
    });
  }

  async traffic(q: TrafficPageQuery): Promise<TrafficPage> {
    await this.flush().catch(() => {});
    const { rows, total } = await this.backend.trafficPage(q);
    return {
      total,
      rows: rows.map((r) => {
        const { recordJson: _, ...rest } = stored(r);
        return rest;
      }),
    };
  }

  async trafficStats(f: TrafficFilter): Promise<TrafficStats> {
    await this.flush().catch(() => {});
    return this.backend.trafficStats(f);
  }

  /** Commits what is left (retrying briefly), then closes; the journal stays on disk if anything is uncommitted. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.probeTimer);
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
    await this.backend.close();
  }
}

function stored(r: ChainRow): StoredAuditRecord {
  return {
    ...toStored(r.seq, JSON.parse(r.record) as AuditRecord, r.prevHash, r.hash),
    recordJson: r.record,
  };
}
