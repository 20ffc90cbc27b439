// SQLite store of Responses API answers (config responses.store: sqlite): one row per response, keyed by id,
// readable and deletable only by the principal that created it, and kept for responses.retention.
import type { SqliteDb } from './db.js';

export interface StoredResponse {
  id: string;
  principalId: string;
  /** Unix seconds. */
  createdAt: number;
  /** JSON: the request, the conversation in chat form and the guarded turn (gateway/responses/routes.ts). */
  data: string;
}

export interface ResponseStore {
  put(r: StoredResponse): void;
  /** The response when it exists, has not expired and belongs to `principalId`; undefined otherwise (no existence oracle). */
  get(id: string, principalId: string): StoredResponse | undefined;
  /** Deletes the response when it exists and belongs to `principalId`; false otherwise. */
  delete(id: string, principalId: string): boolean;
}

export interface ResponseStoreOptions {
  /** How long a row is kept, in ms. */
  retentionMs: number;
  /** The clock (ms since the epoch). */
  now?: () => number;
}

/** Expired rows are deleted on a write at most this often, so a busy gateway pays one indexed DELETE a minute. */
const PRUNE_EVERY_MS = 60_000;

export class SqliteResponseStore implements ResponseStore {
  private readonly insert;
  private readonly select;
  private readonly remove;
  private readonly prune;
  private readonly retentionMs: number;
  private readonly now: () => number;
  private prunedAt = Number.NEGATIVE_INFINITY;

  constructor(db: SqliteDb, opts: ResponseStoreOptions) {
    this.retentionMs = opts.retentionMs;
    this.now = opts.now ?? Date.now;
    db.exec(
      'CREATE TABLE IF NOT EXISTS responses (id TEXT PRIMARY KEY, principal_id TEXT NOT NULL, created_at INTEGER NOT NULL, data TEXT NOT NULL)',
    );
    db.exec('CREATE INDEX IF NOT EXISTS responses_created_at ON responses (created_at)');
    this.insert = db.prepare(
      'INSERT OR REPLACE INTO responses (id, principal_id, created_at, data) VALUES (?, ?, ?, ?)',
    );
    this.select = db.prepare(
      'SELECT id, principal_id AS principalId, created_at AS createdAt, data FROM responses WHERE id = ? AND principal_id = ? AND created_at >= ?',
    );
    this.remove = db.prepare('DELETE FROM responses WHERE id = ? AND principal_id = ? AND created_at >= ?');
    this.prune = db.prepare('DELETE FROM responses WHERE created_at < ?');
  }

  put(r: StoredResponse): void {
    this.insert.run(r.id, r.principalId, r.createdAt, r.data);
    const now = this.now();
    if (now - this.prunedAt < PRUNE_EVERY_MS) return;
    this.prunedAt = now;
    this.prune.run(this.cutoff());
  }

  get(id: string, principalId: string): StoredResponse | undefined {
    return this.select.get(id, principalId, this.cutoff()) as StoredResponse | undefined;
  }

  delete(id: string, principalId: string): boolean {
    return this.remove.run(id, principalId, this.cutoff()).changes > 0;
  }

  /** The oldest created_at (unix seconds) still kept. */
  private cutoff(): number {
    return Math.ceil((this.now() - this.retentionMs) / 1000);
  }
}
