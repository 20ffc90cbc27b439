// The local audit journal: one JSON line per accepted record (one write(2), survives kill -9), plus recovery
// of journals left by dead processes in the same data directory. A failed or short write (disk full) throws and
// leaves no torn line in front of the next record.
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
import type { AuditRecord } from './types.js';

/** One accepted record: its journal id (unique across processes and restarts) and the exact JSON hashed. */
export interface JournalEntry {
  jid: string;
  json: string;
  record: AuditRecord;
  /** Position in this process's journal (absent for entries replayed from another process's journal). */
  n?: number;
}

/** Entries a dead process accepted, and the file to delete once they are committed. */
export interface OrphanJournal {
  path: string;
  entries: JournalEntry[];
}

export type JournalBackend = 'sqlite' | 'postgres';

// audit-<backend>-<pid>-<boot>[-n].journal; and the names used before one journal served both backends:
// audit-<pid>-<boot>[-n].journal (PostgreSQL) and audit-<pid>.journal (SQLite). A journal is replayed only
// into the backend that wrote it, so switching backends never commits a record twice.
const JOURNAL_NAME = /^audit-(?:(sqlite|postgres)-)?(\d+)(-[0-9a-f]+(?:-\d+)?)?\.journal$/;
const ROTATE_BYTES = 4 * 1024 * 1024;

function backendOf(m: RegExpExecArray): JournalBackend {
  if (m[1]) return m[1] as JournalBackend;
  return m[3] ? 'postgres' : 'sqlite';
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return false; // a predecessor that had our pid (pid 1 in a container)
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readEntries(path: string): JournalEntry[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return [];
  }
  const out: JournalEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line) continue;
    try {
      const e = JSON.parse(line) as { jid: string; rec: AuditRecord };
      out.push({ jid: e.jid, json: JSON.stringify(e.rec), record: e.rec });
    } catch {
      // A torn line: the process died mid-write, before that request was answered.
    }
  }
  return out;
}

export class AuditJournal {
  private fd: number | undefined;
  private path = '';
  private bytes = 0;
  private generation = 0;
  /** A write failed part-way and the file could not be cut back: the next write starts on a fresh line. */
  private torn = false;
  /** Rotated-out files, deleted once every entry in them is committed. */
  private readonly sealed: { path: string; last: number }[] = [];
  private readonly bootId = randomBytes(6).toString('hex');
  private counter = 0;

  /** Journals of dead processes found at open time; the caller commits them, then calls `discard`. */
  readonly orphans: OrphanJournal[] = [];

  constructor(
    private readonly dir: string,
    private readonly backend: JournalBackend,
    private readonly rotateBytes = ROTATE_BYTES,
  ) {
    for (const name of readdirSync(dir)) {
      const m = JOURNAL_NAME.exec(name);
      if (m && backendOf(m) === backend && !isAlive(Number(m[2]))) {
        const path = join(dir, name);
        this.orphans.push({ path, entries: readEntries(path) });
      }
    }
    this.reopen();
  }

  /** (Re)opens this process's file; false when it cannot be created (the next write tries again). */
  private reopen(): boolean {
    try {
      const suffix = this.generation === 0 ? '' : `-${this.generation}`;
      const path = join(this.dir, `audit-${this.backend}-${process.pid}-${this.bootId}${suffix}.journal`);
      this.fd = openSync(path, 'a', 0o600);
      this.path = path;
      this.bytes = fstatSync(this.fd).size;
      return true;
    } catch {
      return false;
    }
  }

  /** Writes one record durably (one write(2)) and returns its entry. */
  append(record: AuditRecord): JournalEntry {
    return this.appendMany([record])[0]!;
  }

  /**
   * Writes several records with one write(2); once it returns all of them survive a killed process. Throws
   * (ENOSPC, EIO...) when they are not all written; then none of them counts as accepted.
   */
  appendMany(records: readonly AuditRecord[]): JournalEntry[] {
    if (this.fd === undefined && !this.reopen()) throw new Error('the audit journal file cannot be created');
    if (this.bytes > this.rotateBytes) this.rotate();
    const entries: JournalEntry[] = [];
    let lines = this.torn ? '\n' : '';
    const first = this.counter;
    for (const record of records) {
      const n = ++this.counter;
      const jid = `${this.bootId}:${n}`;
      const json = JSON.stringify(record);
      lines += `{"jid":"${jid}","rec":${json}}\n`;
      entries.push({ jid, json, record, n });
    }
    this.write(lines, first);
    return entries;
  }

  private write(lines: string, counterBefore: number): void {
    const length = Buffer.byteLength(lines);
    let written: number;
    try {
      written = writeSync(this.fd!, lines);
    } catch (err) {
      this.counter = counterBefore;
      throw err;
    }
    if (written === length) {
      this.bytes += written;
      this.torn = false;
      return;
    }
    // A short write: the disk filled up mid-line. Cut it off so no half record is glued to the next one.
    this.counter = counterBefore;
    try {
      ftruncateSync(this.fd!, this.bytes);
    } catch {
      this.torn = true;
    }
    throw Object.assign(new Error(`short audit journal write (${written} of ${length} bytes)`), {
      code: 'ENOSPC',
    });
  }

  /** Whether a line can be written now (after a failure): writes an empty line, which readers skip. */
  probe(): boolean {
    if (this.fd === undefined && !this.reopen()) return false;
    try {
      this.write('\n', this.counter);
      return true;
    } catch {
      return false;
    }
  }

  /** Starts a new file; the old one is kept until everything in it is committed (see `committedBelow`). */
  private rotate(): void {
    const [oldFd, oldPath, oldBytes] = [this.fd!, this.path, this.bytes];
    this.generation++;
    if (!this.reopen()) {
      // No room for a new file: keep appending to the old one.
      this.generation--;
      [this.fd, this.path, this.bytes] = [oldFd, oldPath, oldBytes];
      return;
    }
    closeSync(oldFd);
    this.sealed.push({ path: oldPath, last: this.counter });
  }

  /** Every entry numbered below `n` is committed (undefined: every entry is): drops files that hold only those. */
  committedBelow(n: number | undefined): void {
    while (this.sealed.length > 0 && (n === undefined || this.sealed[0]!.last < n)) {
      rmSync(this.sealed.shift()!.path, { force: true });
    }
    // Nothing uncommitted at all: the live file can start over too.
    if (n === undefined && this.fd !== undefined && this.bytes > this.rotateBytes) {
      try {
        ftruncateSync(this.fd, 0);
        this.bytes = 0;
      } catch {
        // Kept as is: its entries are committed, a successor skips them by journal id.
      }
    }
  }

  discard(orphan: OrphanJournal): void {
    rmSync(orphan.path, { force: true });
  }

  /** Closes the journal; removes its files only when the caller says everything is committed. */
  close(committed: boolean): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    if (committed) {
      for (const f of this.sealed) rmSync(f.path, { force: true });
      if (this.path) rmSync(this.path, { force: true });
    }
  }
}
