// The local audit journal: one JSON line per accepted record (one write(2), survives kill -9), plus recovery
// of journals left by dead processes in the same data directory. Used by stores that commit asynchronously.
import { randomBytes } from 'node:crypto';
import { closeSync, ftruncateSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
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

// Only journals of this format (pid + boot id): the SQLite store's `audit-<pid>.journal` files belong to its own chain.
const JOURNAL_NAME = /^audit-(\d+)-([0-9a-f]+)(?:-\d+)?\.journal$/;
const ROTATE_BYTES = 4 * 1024 * 1024;

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
      // A torn last line: the process died mid-write, before that request was answered.
    }
  }
  return out;
}

export class AuditJournal {
  private readonly dir: string;
  private fd: number;
  private path: string;
  private bytes = 0;
  private generation = 0;
  /** Rotated-out files, deleted once every entry in them is committed. */
  private readonly sealed: { path: string; last: number }[] = [];
  private readonly bootId = randomBytes(6).toString('hex');
  private counter = 0;

  /** Journals of dead processes found at open time; the caller commits them, then calls `discard`. */
  readonly orphans: OrphanJournal[] = [];

  constructor(
    dir: string,
    private readonly rotateBytes = ROTATE_BYTES,
  ) {
    this.dir = dir;
    for (const name of readdirSync(dir)) {
      const m = JOURNAL_NAME.exec(name);
      if (m && !isAlive(Number(m[1]))) {
        const path = join(dir, name);
        this.orphans.push({ path, entries: readEntries(path) });
      }
    }
    [this.fd, this.path] = this.open();
  }

  /** pid plus boot id: a restarted process with its predecessor's pid never appends to the orphan. */
  private open(): [number, string] {
    const suffix = this.generation === 0 ? '' : `-${this.generation}`;
    const path = join(this.dir, `audit-${process.pid}-${this.bootId}${suffix}.journal`);
    return [openSync(path, 'a', 0o600), path];
  }

  /** Writes one record durably (one write(2)) and returns its entry. */
  append(record: AuditRecord): JournalEntry {
    return this.appendMany([record])[0]!;
  }

  /** Writes several records with one write(2); once it returns all of them survive a killed process. */
  appendMany(records: readonly AuditRecord[]): JournalEntry[] {
    if (this.bytes > this.rotateBytes) this.rotate();
    const entries: JournalEntry[] = [];
    let lines = '';
    for (const record of records) {
      const n = ++this.counter;
      const jid = `${this.bootId}:${n}`;
      const json = JSON.stringify(record);
      lines += `{"jid":"${jid}","rec":${json}}\n`;
      entries.push({ jid, json, record, n });
    }
    writeSync(this.fd, lines);
    this.bytes += Buffer.byteLength(lines);
    return entries;
  }

  /** Starts a new file; the old one is kept until everything in it is committed (see `committedBelow`). */
  private rotate(): void {
    closeSync(this.fd);
    this.sealed.push({ path: this.path, last: this.counter });
    this.generation++;
    [this.fd, this.path] = this.open();
    this.bytes = 0;
  }

  /** Every entry numbered below `n` is committed (undefined: every entry is): drops files that hold only those. */
  committedBelow(n: number | undefined): void {
    while (this.sealed.length > 0 && (n === undefined || this.sealed[0]!.last < n)) {
      rmSync(this.sealed.shift()!.path, { force: true });
    }
    // Nothing uncommitted at all: the live file can start over too.
    if (n === undefined && this.bytes > this.rotateBytes) {
      ftruncateSync(this.fd, 0);
      this.bytes = 0;
    }
  }

  discard(orphan: OrphanJournal): void {
    rmSync(orphan.path, { force: true });
  }

  /** Closes the journal; removes its files only when the caller says everything is committed. */
  close(committed: boolean): void {
    closeSync(this.fd);
    if (committed) {
      for (const f of this.sealed) rmSync(f.path, { force: true });
      rmSync(this.path, { force: true });
    }
  }
}
