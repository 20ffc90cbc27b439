// SQLite audit store with group commit: each record is first appended to a local journal file (one write,
// survives a killed process), then batched into SQLite under one immediate transaction that extends the chain.
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fstatSync,
  ftruncateSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { chainHash, GENESIS_HASH, toStored, verifyChain } from '../audit-chain.js';
import type { AuditRecord, AuditStore, AuditVerifyResult, StoredAuditRecord } from '../types.js';
import type { SqliteDb } from './db.js';

function isAlive(pid: number): boolean {
  if (pid === process.pid) return false; // a journal left by an earlier process that had our pid
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

interface Row {
  seq: number;
  record: string;
  prev_hash: string;
  hash: string;
}

interface Pending {
  jid: string;
  json: string;
  record: AuditRecord;
}

export interface SqliteAuditOptions {
  /** Directory for the journal file; without it every append commits at once (no batching). */
  journalDir?: string;
  /** Longest time a record waits in the journal before its batch commits. */
  flushMs?: number;
  maxBatch?: number;
}

const JOURNAL_ROTATE_BYTES = 4 * 1024 * 1024;

export class SqliteAuditStore implements AuditStore {
  private readonly insertBatch: (items: readonly Pending[]) => void;
  private readonly hasJid: (jid: string) => boolean;
  private pending: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly journalFd: number | undefined;
  private readonly journalPath: string | undefined;
  private readonly bootId = randomBytes(6).toString('hex');
  private counter = 0;
  private closed = false;
  private readonly flushMs: number;
  private readonly maxBatch: number;

  constructor(
    private readonly db: SqliteDb,
    opts: SqliteAuditOptions = {},
  ) {
    this.flushMs = opts.flushMs ?? 20;
    this.maxBatch = opts.maxBatch ?? 512;
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
      hash TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS audit_principal ON audit(principal, seq);`);
    const head = db.prepare('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1');
    const insert = db.prepare(
      'INSERT INTO audit (seq, jid, ts, request_id, principal, kind, outcome, record, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const exists = db.prepare('SELECT 1 FROM audit WHERE jid = ?').pluck();
    this.hasJid = (jid) => exists.get(jid) !== undefined;
    const tx = db.transaction((items: readonly Pending[]) => {
      const last = head.get() as { seq: number; hash: string } | undefined;
      let seq = last?.seq ?? 0;
      let prev = last?.hash ?? GENESIS_HASH;
      for (const item of items) {
        seq++;
        const hash = chainHash(prev, seq, item.json);
        const r = item.record;
        insert.run(seq, item.jid, r.ts, r.requestId, r.principal, r.kind, r.outcome, item.json, prev, hash);
        prev = hash;
      }
    });
    this.insertBatch = (items) => tx.immediate(items);
    if (opts.journalDir) {
      // One journal per process, so replicas sharing a data directory never truncate each other's entries.
      for (const name of readdirSync(opts.journalDir)) {
        const m = /^audit-(\d+)\.journal$/.exec(name);
        if (m && !isAlive(Number(m[1]))) this.recover(join(opts.journalDir, name));
      }
      this.journalPath = join(opts.journalDir, `audit-${process.pid}.journal`);
      this.journalFd = openSync(this.journalPath, 'a', 0o600);
    }
  }

  /** Inserts journal entries a dead process accepted but did not commit (crash recovery), then drops the file. */
  private recover(path: string): void {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      return;
    }
    const missing: Pending[] = [];
    for (const line of text.split('\n')) {
      if (!line) continue;
      try {
        const entry = JSON.parse(line) as { jid: string; rec: AuditRecord };
        if (!this.hasJid(entry.jid))
          missing.push({ jid: entry.jid, json: JSON.stringify(entry.rec), record: entry.rec });
      } catch {
        // A torn last line: the process died mid-write, before that request was answered.
      }
    }
    if (missing.length > 0) this.insertBatch(missing);
    rmSync(path, { force: true });
  }

  append(record: AuditRecord): StoredAuditRecord | undefined {
    this.appendMany([record]);
    return undefined;
  }

  appendMany(records: readonly AuditRecord[]): void {
    if (this.closed) throw new Error('audit store is closed');
    if (records.length === 0) return;
    const items: Pending[] = [];
    let lines = '';
    for (const record of records) {
      const jid = `${this.bootId}:${++this.counter}`;
      const json = JSON.stringify(record);
      items.push({ jid, json, record });
      lines += `{"jid":"${jid}","rec":${json}}\n`;
    }
    if (this.journalFd === undefined) {
      this.insertBatch(items);
      return;
    }
    // One write(2) for the lot: once it returns every line is in the file and survives kill -9.
    writeSync(this.journalFd, lines);
    for (const item of items) this.pending.push(item);
    if (this.pending.length >= this.maxBatch) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.flushMs);
  }

  /** Commits every journalled record to SQLite. Synchronous: afterwards the journal holds nothing uncommitted. */
  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.insertBatch(batch);
    if (this.journalFd !== undefined && fstatSync(this.journalFd).size > JOURNAL_ROTATE_BYTES) {
      ftruncateSync(this.journalFd, 0);
    }
  }

  verify(): AuditVerifyResult {
    this.flush();
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
    this.flush();
    const rows = this.db
      .prepare('SELECT seq, record, prev_hash, hash FROM audit ORDER BY seq')
      .iterate() as Iterable<Row>;
    for (const r of rows) {
      yield {
        ...toStored(r.seq, JSON.parse(r.record) as AuditRecord, r.prev_hash, r.hash),
        recordJson: r.record,
      };
    }
  }

  recent(limit: number): StoredAuditRecord[] {
    this.flush();
    const rows = this.db
      .prepare('SELECT seq, record, prev_hash, hash FROM audit ORDER BY seq DESC LIMIT ?')
      .all(limit) as Row[];
    return rows.map((r) => toStored(r.seq, JSON.parse(r.record) as AuditRecord, r.prev_hash, r.hash));
  }

  close(): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    if (this.journalFd !== undefined) {
      closeSync(this.journalFd);
      if (this.journalPath) rmSync(this.journalPath, { force: true });
    }
  }
}
