// The audit hash chain: canonical JSON of each record, linked to the previous record's hash.
import { createHash } from 'node:crypto';
import type { AuditRecord, AuditVerifyResult, StoredAuditRecord } from './types.js';

export const GENESIS_HASH = '0'.repeat(64);

export function chainHash(prevHash: string, seq: number, recordJson: string): string {
  return createHash('sha256').update(`${prevHash}|${seq}|${recordJson}`).digest('hex');
}

/** Walks records in sequence order and reports the first edited, deleted or reordered one. */
export function verifyChain(
  rows: Iterable<{ seq: number; record: string; prevHash: string; hash: string }>,
): AuditVerifyResult {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for (const row of rows) {
    if (row.seq !== expectedSeq) {
      return {
        ok: false,
        count,
        headHash: prev,
        problem: { seq: row.seq, kind: 'gap', detail: `expected record ${expectedSeq}, found ${row.seq}` },
      };
    }
    if (row.prevHash !== prev) {
      return {
        ok: false,
        count,
        headHash: prev,
        problem: {
          seq: row.seq,
          kind: 'chain-broken',
          detail: 'previous-hash link does not match the record before',
        },
      };
    }
    const hash = chainHash(prev, row.seq, row.record);
    if (hash !== row.hash) {
      return {
        ok: false,
        count,
        headHash: prev,
        problem: {
          seq: row.seq,
          kind: 'hash-mismatch',
          detail: 'record content does not match its hash (edited)',
        },
      };
    }
    prev = hash;
    expectedSeq++;
    count++;
  }
  return { ok: true, count, headHash: prev };
}

export function toStored(
  seq: number,
  record: AuditRecord,
  prevHash: string,
  hash: string,
): StoredAuditRecord {
  return { seq, ...record, prevHash, hash };
}
