// The audit hash chain: canonical JSON of each record, linked to the previous record's hash.
import { hash } from 'node:crypto';
import type { AuditRecord, AuditVerifyResult, StoredAuditRecord } from './types.js';

export const GENESIS_HASH = '0'.repeat(64);

export function chainHash(prevHash: string, seq: number, recordJson: string): string {
  return hash('sha256', `${prevHash}|${seq}|${recordJson}`, 'hex');
}

export interface ChainRow {
  seq: number;
  record: string;
  prevHash: string;
  hash: string;
}

/** Checks rows one at a time (for stores that page through a large chain); stops at the first problem. */
export class ChainVerifier {
  private prev = GENESIS_HASH;
  private expectedSeq = 1;
  private count = 0;
  private problem: AuditVerifyResult['problem'];

  /** Returns false once a problem was found (later rows are ignored). */
  push(row: ChainRow): boolean {
    if (this.problem) return false;
    if (row.seq !== this.expectedSeq) {
      this.problem = {
        seq: row.seq,
        kind: 'gap',
        detail: `expected record ${this.expectedSeq}, found ${row.seq}`,
      };
      return false;
    }
    if (row.prevHash !== this.prev) {
      this.problem = {
        seq: row.seq,
        kind: 'chain-broken',
        detail: 'previous-hash link does not match the record before',
      };
      return false;
    }
    const hash = chainHash(this.prev, row.seq, row.record);
    if (hash !== row.hash) {
      this.problem = {
        seq: row.seq,
        kind: 'hash-mismatch',
        detail: 'record content does not match its hash (edited)',
      };
      return false;
    }
    this.prev = hash;
    this.expectedSeq++;
    this.count++;
    return true;
  }

  result(): AuditVerifyResult {
    return this.problem
      ? { ok: false, count: this.count, headHash: this.prev, problem: this.problem }
      : { ok: true, count: this.count, headHash: this.prev };
  }
}

/** Walks records in sequence order and reports the first edited, deleted or reordered one. */
export function verifyChain(rows: Iterable<ChainRow>): AuditVerifyResult {
  const v = new ChainVerifier();
  for (const row of rows) if (!v.push(row)) break;
  return v.result();
}

export function toStored(
  seq: number,
  record: AuditRecord,
  prevHash: string,
  hash: string,
): StoredAuditRecord {
  return { seq, ...record, prevHash, hash };
}
