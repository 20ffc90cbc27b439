// The audit hash chain: each record's exact JSON linked to the previous record's hash, keyed (HMAC-SHA256) from
// chain version 2 on; version 1 (plain SHA-256, made before the key existed) stays verifiable, marked legacy.
import { createHmac, hash } from 'node:crypto';
import type { AuditRecord, AuditVerifyResult, StoredAuditRecord } from './types.js';

export const GENESIS_HASH = '0'.repeat(64);
/** The chain version new records get. */
export const CHAIN_VERSION = 2;

/** The key that makes the chain unforgeable without it, and where it came from (for the warning). */
export interface AuditKey {
  key: Buffer;
  /** Short public fingerprint of the key, stored with the head so verify can tell a wrong key from an edit. */
  id: string;
  source: 'WARDEN_AUDIT_KEY' | 'WARDEN_SERVER_SECRET' | 'data-dir';
}

export function auditKeyId(key: Buffer): string {
  return createHmac('sha256', key).update('warden audit key id').digest('hex').slice(0, 16);
}

/** Version 1: unkeyed, anyone with write access can recompute it (legacy chains only). */
export function legacyChainHash(prevHash: string, seq: number, recordJson: string): string {
  return hash('sha256', `${prevHash}|${seq}|${recordJson}`, 'hex');
}

/** Version 2: HMAC over the same text, so re-hashing or appending needs the key. */
export function chainHash(key: Buffer, prevHash: string, seq: number, recordJson: string): string {
  return createHmac('sha256', key).update(`${prevHash}|${seq}|${recordJson}`).digest('hex');
}

/** The stored head's MAC: a head moved back (deleted tail) or reset to empty needs the key. */
export function headMac(key: Buffer, seq: number, headHash: string): string {
  return createHmac('sha256', key).update(`head|${seq}|${headHash}`).digest('hex');
}

export interface ChainRow {
  seq: number;
  /** Chain version of the row (1 legacy, 2 keyed). */
  v: number;
  record: string;
  prevHash: string;
  hash: string;
}

/** The head record a store keeps beside its chain (absent in stores made before chain version 2). */
export interface StoredHead {
  seq: number;
  hash: string;
  mac: string;
  keyId: string;
}

type Problem = NonNullable<AuditVerifyResult['problem']>;

/** Checks rows one at a time (for stores that page through a large chain); stops at the first problem. */
export class ChainVerifier {
  private prev = GENESIS_HASH;
  private expectedSeq = 1;
  private count = 0;
  private legacy = 0;
  private lastVersion = 0;
  private problem: Problem | undefined;
  private readonly pinned = new Map<number, string>();

  /** `expect`: a head kept elsewhere (`audit head`); the chain must still hold that record with that hash. */
  constructor(
    private readonly key: AuditKey | undefined,
    private readonly expect?: { seq: number; hash: string },
  ) {
    if (expect) this.pinned.set(expect.seq, expect.hash);
  }

  private fail(seq: number, kind: Problem['kind'], detail: string): false {
    this.problem = { seq, kind, detail };
    return false;
  }

  /** Before the walk: a head made with another key means every keyed row will differ, not that all were edited. */
  checkKey(head: StoredHead | null | undefined): void {
    if (head && this.key && head.keyId !== this.key.id)
      this.fail(
        head.seq,
        'wrong-key',
        `the chain was keyed with key ${head.keyId}, this key is ${this.key.id} (set the same WARDEN_AUDIT_KEY or WARDEN_SERVER_SECRET)`,
      );
  }

  /** Returns false once a problem was found (later rows are ignored). */
  push(row: ChainRow): boolean {
    if (this.problem) return false;
    if (row.seq !== this.expectedSeq)
      return this.fail(row.seq, 'gap', `expected record ${this.expectedSeq}, found ${row.seq} (deleted)`);
    if (row.prevHash !== this.prev)
      return this.fail(row.seq, 'chain-broken', 'previous-hash link does not match the record before');
    let computed: string;
    if (row.v === 1) {
      if (this.lastVersion > 1)
        return this.fail(row.seq, 'downgrade', 'an unkeyed (legacy) record after keyed ones');
      computed = legacyChainHash(this.prev, row.seq, row.record);
    } else if (row.v === 2) {
      if (!this.key) return this.fail(row.seq, 'no-key', 'keyed records, but no audit key to check them');
      computed = chainHash(this.key.key, this.prev, row.seq, row.record);
    } else {
      return this.fail(row.seq, 'bad-record', `unknown chain version ${row.v}`);
    }
    if (computed !== row.hash)
      return this.fail(
        row.seq,
        'hash-mismatch',
        'record content does not match its hash (edited, or hashed without the key)',
      );
    const pin = this.pinned.get(row.seq);
    if (pin !== undefined && pin !== row.hash)
      return this.fail(row.seq, 'head-mismatch', 'this record differs from the expected head kept elsewhere');
    this.prev = computed;
    this.lastVersion = row.v;
    if (row.v === 1) this.legacy++;
    this.expectedSeq++;
    this.count++;
    return true;
  }

  /**
   * Ends the walk: checks the stored head (`null`: the store has a head table but no row; undefined: no head
   * table, a store from before chain version 2) and the expected head.
   */
  finish(head: StoredHead | null | undefined): AuditVerifyResult {
    if (!this.problem) this.checkEnd(head);
    const base = { count: this.count, legacy: this.legacy, headHash: this.prev, headSeq: this.count };
    return this.problem ? { ok: false, ...base, problem: this.problem } : { ok: true, ...base };
  }

  private checkEnd(head: StoredHead | null | undefined): void {
    const last = this.count;
    if (this.expect && this.expect.seq > last) {
      this.fail(
        last + 1,
        'truncated',
        `the chain ends at ${last}; the expected head is record ${this.expect.seq}`,
      );
      return;
    }
    if (head === null) {
      this.fail(last + 1, 'head-missing', 'the head record was deleted');
      return;
    }
    if (head === undefined) {
      if (last === 0) this.fail(1, 'truncated', 'empty chain without a head record (was it emptied?)');
      else if (this.lastVersion > 1) this.fail(last + 1, 'head-missing', 'keyed records but no head table');
      return;
    }
    if (!this.key) {
      this.fail(head.seq, 'no-key', 'no audit key to check the head record');
      return;
    }
    this.checkKey(head);
    if (this.problem) return;
    if (headMac(this.key.key, head.seq, head.hash) !== head.mac) {
      this.fail(head.seq, 'head-mismatch', 'the head record was changed without the key');
      return;
    }
    if (head.seq > last)
      this.fail(
        last + 1,
        'truncated',
        last === 0
          ? `empty chain where ${head.seq} records existed`
          : `the chain ends at ${last} but ${head.seq} records were written (tail deleted)`,
      );
    else if (head.seq < last || head.hash !== this.prev)
      this.fail(
        head.seq,
        'head-mismatch',
        `records after the head (${head.seq}) were appended without the key`,
      );
  }
}

export function toStored(
  seq: number,
  record: AuditRecord,
  prevHash: string,
  hash: string,
): StoredAuditRecord {
  return { seq, ...record, prevHash, hash };
}
