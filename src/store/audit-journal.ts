// The local audit journal: one JSON line per accepted record (one write(2), survives kill -9), plus recovery
// of journals left by dead processes in the same data directory. Used by stores that commit asynchronously.
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
}

/** Entries a dead process accepted, and the file to delete once they are committed. */
export interface OrphanJournal {
  path: string;
  entries: JournalEntry[];
}

// Only journals of this format (pid + boot id): the SQLite store's `audit-<pid>.journal` files belong to its own chain.
const JOURNAL_NAME = /^audit-(\d+)-([0-9a-f]+)\.journal$/;
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
  readonly path: string;
  private readonly fd: number;
  private readonly bootId = randomBytes(6).toString('hex');
  private counter = 0;

  /** Journals of dead processes found at open time; the caller commits them, then calls `discard`. */
  readonly orphans: OrphanJournal[] = [];

  constructor(dir: string) {
    for (const name of readdirSync(dir)) {
      const m = JOURNAL_NAME.exec(name);
      if (m && !isAlive(Number(m[1]))) {
        const path = join(dir, name);
        this.orphans.push({ path, entries: readEntries(path) });
      }
    }
    // pid plus boot id: a restarted process with its predecessor's pid never appends to the orphan.
    this.path = join(dir, `audit-${process.pid}-${this.bootId}.journal`);
    this.fd = openSync(this.path, 'a', 0o600);
  }

  /** Writes one record durably (one write(2)) and returns its entry. */
  append(record: AuditRecord): JournalEntry {
    const jid = `${this.bootId}:${++this.counter}`;
    const json = JSON.stringify(record);
    writeSync(this.fd, `{"jid":"${jid}","rec":${json}}\n`);
    return { jid, json, record };
  }

  /** Call only when every appended entry is committed: empties the file once it grows large. */
  compact(): void {
    if (fstatSync(this.fd).size > ROTATE_BYTES) ftruncateSync(this.fd, 0);
  }

  discard(orphan: OrphanJournal): void {
    rmSync(orphan.path, { force: true });
  }

  /** Closes the journal; removes the file only when the caller says everything is committed. */
  close(committed: boolean): void {
    closeSync(this.fd);
    if (committed) rmSync(this.path, { force: true });
  }
}
