// SQLite store of Responses API answers (config responses.store: sqlite): one row per response, keyed by id and
// readable only by the principal that created it.
import type { SqliteDb } from './db.js';

export interface StoredResponse {
  id: string;
  principalId: string;
  createdAt: number;
  /** JSON: the request, the conversation in chat form and the guarded turn (gateway/responses/routes.ts). */
  data: string;
}

export interface ResponseStore {
  put(r: StoredResponse): void;
  /** The response when it exists and belongs to `principalId`; undefined otherwise (no existence oracle). */
  get(id: string, principalId: string): StoredResponse | undefined;
}

export class SqliteResponseStore implements ResponseStore {
  private readonly insert;
  private readonly select;

  constructor(db: SqliteDb) {
    db.exec(
      'CREATE TABLE IF NOT EXISTS responses (id TEXT PRIMARY KEY, principal_id TEXT NOT NULL, created_at INTEGER NOT NULL, data TEXT NOT NULL)',
    );
    this.insert = db.prepare(
      'INSERT OR REPLACE INTO responses (id, principal_id, created_at, data) VALUES (?, ?, ?, ?)',
    );
    this.select = db.prepare(
      'SELECT id, principal_id AS principalId, created_at AS createdAt, data FROM responses WHERE id = ? AND principal_id = ?',
    );
  }

  put(r: StoredResponse): void {
    this.insert.run(r.id, r.principalId, r.createdAt, r.data);
  }

  get(id: string, principalId: string): StoredResponse | undefined {
    return this.select.get(id, principalId) as StoredResponse | undefined;
  }
}
