// The SQLite audit writer thread: commits journalled batches on its own connection, so a busy wait on a held
// lock or a full disk stalls this thread, never the gateway's event loop.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { AuditKey } from '../audit-chain.js';
import { auditCommitter, ensureAuditSchema, type WriterRow } from './audit-sql.js';
import type { SqliteDb } from './db.js';

export interface WriterInit {
  dbPath: string;
  key: Uint8Array;
  keyId: string;
  busyTimeoutMs: number;
}
export interface WriterCommit {
  id: number;
  rows: WriterRow[];
  mayExist: boolean;
}
export interface WriterReply {
  id: number;
  error?: { code?: string; message: string };
}

const init = workerData as WriterInit;
const key: AuditKey = { key: Buffer.from(init.key), id: init.keyId, source: 'WARDEN_AUDIT_KEY' };
let db: SqliteDb | undefined;
let commit: ((rows: readonly WriterRow[], mayExist: boolean) => void) | undefined;

/** Opens and prepares on first use and again after a failure (the file may be on a disk that was full). */
function committer(): (rows: readonly WriterRow[], mayExist: boolean) => void {
  if (commit) return commit;
  db ??= new Database(init.dbPath, { fileMustExist: true });
  db.pragma(`busy_timeout = ${init.busyTimeoutMs}`);
  db.pragma('synchronous = NORMAL');
  ensureAuditSchema(db, key);
  commit = auditCommitter(db, key);
  return commit;
}

parentPort!.on('message', (m: WriterCommit | 'close') => {
  if (m === 'close') {
    db?.close();
    parentPort!.close();
    return;
  }
  try {
    committer()(m.rows, m.mayExist);
    parentPort!.postMessage({ id: m.id } satisfies WriterReply);
  } catch (err) {
    const e = err as { code?: unknown; message?: unknown };
    parentPort!.postMessage({
      id: m.id,
      error: {
        ...(typeof e.code === 'string' ? { code: e.code } : {}),
        message: typeof e.message === 'string' ? e.message : String(err),
      },
    } satisfies WriterReply);
  }
});
