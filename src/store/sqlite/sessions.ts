// SQLite console sessions (the embedded default): one row per signed-in session, expired rows swept on sign-in.
import type { ConsoleSessionRecord, ConsoleSessionStore } from '../sessions.js';
import type { SqliteDb } from './db.js';

export class SqliteConsoleSessionStore implements ConsoleSessionStore {
  private readonly insert;
  private readonly select;
  private readonly remove;
  private readonly removeKey;
  private readonly sweep;

  constructor(db: SqliteDb) {
    db.exec(
      'CREATE TABLE IF NOT EXISTS console_sessions (sid TEXT PRIMARY KEY, key_id TEXT NOT NULL, exp INTEGER NOT NULL)',
    );
    db.exec('CREATE INDEX IF NOT EXISTS console_sessions_key ON console_sessions (key_id)');
    this.insert = db.prepare('INSERT INTO console_sessions (sid, key_id, exp) VALUES (?, ?, ?)');
    this.select = db.prepare(
      'SELECT sid, key_id AS keyId, exp FROM console_sessions WHERE sid = ? AND exp > ?',
    );
    this.remove = db.prepare('DELETE FROM console_sessions WHERE sid = ?');
    this.removeKey = db.prepare('DELETE FROM console_sessions WHERE key_id = ?');
    this.sweep = db.prepare('DELETE FROM console_sessions WHERE exp <= ?');
  }

  create(s: ConsoleSessionRecord): void {
    this.sweep.run(Date.now());
    this.insert.run(s.sid, s.keyId, s.exp);
  }

  get(sid: string): ConsoleSessionRecord | undefined {
    return this.select.get(sid, Date.now()) as ConsoleSessionRecord | undefined;
  }

  end(sid: string): void {
    this.remove.run(sid);
  }

  endForKey(keyId: string): void {
    this.removeKey.run(keyId);
  }
}
