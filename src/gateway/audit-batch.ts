// Coalesces the audit records of exchanges that finish in the same event-loop turn into one journal write:
// each exchange waits for that write before its response's last byte goes out (decision 0210).
import type { AuditRecord, AuditStore } from '../store/types.js';

interface Waiting {
  record: AuditRecord;
  done: (accepted: boolean, err?: unknown) => void;
}

export class AuditBatch {
  private queue: Waiting[] = [];
  private scheduled = false;

  constructor(private readonly audit: AuditStore) {}

  /** Resolves true once the record is durably accepted, false (with the error) when the write failed. */
  accept(record: AuditRecord, done: (accepted: boolean, err?: unknown) => void): void {
    this.queue.push({ record, done });
    if (!this.scheduled) {
      this.scheduled = true;
      // The check phase runs right after the poll phase: every exchange completed by this turn's I/O is queued.
      setImmediate(this.write);
    }
  }

  private readonly write = (): void => {
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    if (!this.audit.appendMany) {
      for (const w of batch) {
        try {
          this.audit.append(w.record);
          w.done(true);
        } catch (err) {
          w.done(false, err);
        }
      }
      return;
    }
    try {
      this.audit.appendMany(batch.map((w) => w.record));
    } catch (err) {
      for (const w of batch) w.done(false, err);
      return;
    }
    for (const w of batch) w.done(true);
  };
}
