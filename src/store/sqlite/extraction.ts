// SQLite extraction state store: one row per subject with the statistics blob and the last verdict.
import type { ExtractionStateRecord, ExtractionStateStore } from '../extraction.js';
import type { SqliteDb } from './db.js';

interface Row {
  subject: string;
  space: string;
  state: Buffer;
  updated_at: number;
  last_verdict: string | null;
}

export class SqliteExtractionStateStore implements ExtractionStateStore {
  private readonly db: SqliteDb;
  private readonly upsert;
  private readonly one;
  private readonly all;

  constructor(db: SqliteDb) {
    this.db = db;
    db.exec(`CREATE TABLE IF NOT EXISTS extraction_state (
      subject TEXT PRIMARY KEY,
      space TEXT NOT NULL,
      state BLOB NOT NULL,
      updated_at INTEGER NOT NULL,
      last_verdict TEXT
    )`);
    this.upsert = db.prepare(
      `INSERT INTO extraction_state (subject, space, state, updated_at, last_verdict)
       VALUES (@subject, @space, @state, @updated_at, @last_verdict)
       ON CONFLICT(subject) DO UPDATE SET space = excluded.space, state = excluded.state,
         updated_at = excluded.updated_at, last_verdict = COALESCE(excluded.last_verdict, extraction_state.last_verdict)`,
    );
    this.one = db.prepare('SELECT * FROM extraction_state WHERE subject = ?');
    this.all = db.prepare('SELECT * FROM extraction_state ORDER BY subject');
  }

  get(subject: string): ExtractionStateRecord | undefined {
    const row = this.one.get(subject) as Row | undefined;
    return row && toRecord(row);
  }

  putMany(records: readonly ExtractionStateRecord[]): void {
    const write = this.db.transaction((rs: readonly ExtractionStateRecord[]) => {
      for (const r of rs)
        this.upsert.run({
          subject: r.subject,
          space: r.space,
          state: Buffer.from(r.state.buffer, r.state.byteOffset, r.state.byteLength),
          updated_at: Math.round(r.updatedAt),
          last_verdict: r.lastVerdict ?? null,
        });
    });
    write(records);
  }

  list(subject?: string): ExtractionStateRecord[] {
    if (subject !== undefined) {
      const r = this.get(subject);
      return r ? [r] : [];
    }
    return (this.all.all() as Row[]).map(toRecord);
  }

  close(): void {}
}

function toRecord(row: Row): ExtractionStateRecord {
  const rec: ExtractionStateRecord = {
    subject: row.subject,
    space: row.space,
    state: new Uint8Array(row.state),
    updatedAt: row.updated_at,
  };
  if (row.last_verdict !== null) rec.lastVerdict = row.last_verdict;
  return rec;
}
