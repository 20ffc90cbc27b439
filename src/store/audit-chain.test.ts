// The chain verifier on rows built in memory: every kind of tampering it names, and the intact chains it passes.
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  type AuditKey,
  auditKeyId,
  type ChainRow,
  ChainVerifier,
  chainHash,
  GENESIS_HASH,
  headMac,
  legacyChainHash,
  type StoredHead,
  toStored,
} from './audit-chain.js';

const keyBytes = Buffer.alloc(32, 9);
const KEY: AuditKey = { key: keyBytes, id: auditKeyId(keyBytes), source: 'WARDEN_AUDIT_KEY' };
const OTHER: AuditKey = { key: Buffer.alloc(32, 4), id: auditKeyId(Buffer.alloc(32, 4)), source: 'data-dir' };

/** A chain of `legacy` version-1 rows followed by `keyed` version-2 rows. */
function chain(keyed: number, legacy = 0): ChainRow[] {
  const rows: ChainRow[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= legacy + keyed; seq++) {
    const v = seq <= legacy ? 1 : 2;
    const record = JSON.stringify({ n: seq });
    const hash = v === 1 ? legacyChainHash(prev, seq, record) : chainHash(keyBytes, prev, seq, record);
    rows.push({ seq, v, record, prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

function headOf(rows: ChainRow[], key = KEY): StoredHead {
  const last = rows.at(-1);
  const seq = last?.seq ?? 0;
  const hash = last?.hash ?? GENESIS_HASH;
  return { seq, hash, mac: headMac(key.key, seq, hash), keyId: key.id };
}

function verify(
  rows: ChainRow[],
  head: StoredHead | null | undefined,
  key: AuditKey | null = KEY,
  expect?: { seq: number; hash: string },
) {
  const v = new ChainVerifier(key ?? undefined, expect);
  v.checkKey(head);
  for (const r of rows) if (!v.push(r)) break;
  return v.finish(head);
}

const problem = (r: ReturnType<typeof verify>) => (r.problem ? [r.problem.kind, r.problem.seq] : 'ok');

describe('audit chain verifier', () => {
  it('passes an intact keyed chain and reports its head', () => {
    const rows = chain(4);
    const r = verify(rows, headOf(rows));
    assert.deepEqual(r, { ok: true, count: 4, legacy: 0, headHash: rows[3]!.hash, headSeq: 4 });
  });

  it('passes a legacy chain extended with keyed records, counting the legacy ones', () => {
    const rows = chain(2, 3);
    const r = verify(rows, headOf(rows));
    assert.equal(r.ok, true);
    assert.equal(r.legacy, 3);
    assert.equal(r.count, 5);
    const noHeadTable = verify(chain(0, 2), undefined, null);
    assert.equal(noHeadTable.ok, true, 'a legacy-only store from before the head table');
  });

  it('detects an edited record', () => {
    const rows = chain(3);
    rows[1] = { ...rows[1]!, record: '{"n":"edited"}' };
    assert.deepEqual(problem(verify(rows, headOf(chain(3)))), ['hash-mismatch', 2]);
  });

  it('detects a record re-hashed without the key (legacy hash on a keyed row)', () => {
    const rows = chain(3);
    const r = rows[2]!;
    rows[2] = { ...r, hash: legacyChainHash(r.prevHash, r.seq, r.record) };
    assert.deepEqual(problem(verify(rows, headOf(chain(3)))), ['hash-mismatch', 3]);
  });

  it('detects deleted records, the oldest included (no re-basing on the first row)', () => {
    const rows = chain(4);
    assert.deepEqual(problem(verify(rows.slice(1), headOf(rows))), ['gap', 2]);
    assert.deepEqual(problem(verify(rows.slice(2), headOf(rows))), ['gap', 3]);
    assert.deepEqual(problem(verify([rows[0]!, rows[2]!, rows[3]!], headOf(rows))), ['gap', 3]);
  });

  it('detects a relinked record and a renumbered one', () => {
    const rows = chain(3);
    const relinked = [rows[0]!, { ...rows[1]!, prevHash: GENESIS_HASH }, rows[2]!];
    assert.deepEqual(problem(verify(relinked, headOf(rows))), ['chain-broken', 2]);
    const renumbered = [rows[0]!, { ...rows[1]!, seq: 3 }];
    assert.deepEqual(problem(verify(renumbered, headOf(rows))), ['gap', 3]);
  });

  it('detects a truncated tail from the head, and an emptied chain', () => {
    const rows = chain(4);
    const r = verify(rows.slice(0, 2), headOf(rows));
    assert.deepEqual(problem(r), ['truncated', 3]);
    assert.match(r.problem!.detail, /ends at 2 but 4 records were written/);
    const empty = verify([], headOf(rows));
    assert.deepEqual(problem(empty), ['truncated', 1]);
    assert.match(empty.problem!.detail, /empty chain where 4 records existed/);
    assert.deepEqual(problem(verify([], undefined)), ['truncated', 1], 'emptied along with its head table');
  });

  it('detects a deleted head row, a head table missing under keyed records, and a forged head', () => {
    const rows = chain(2);
    assert.deepEqual(problem(verify(rows, null)), ['head-missing', 3]);
    assert.deepEqual(problem(verify(rows, undefined)), ['head-missing', 3]);
    const forged = { ...headOf(rows), seq: 1, hash: rows[0]!.hash };
    assert.deepEqual(problem(verify(rows, forged)), ['head-mismatch', 1]);
  });

  it('detects records appended after the head without the key', () => {
    const rows = chain(3);
    const r = verify(rows, headOf(rows.slice(0, 2)));
    assert.deepEqual(problem(r), ['head-mismatch', 2]);
    assert.match(r.problem!.detail, /appended without the key/);
    // Same count, other last hash: the head names a record the chain does not end with.
    const other = chain(3);
    const moved = { ...headOf(other), hash: other[1]!.hash, mac: headMac(keyBytes, 3, other[1]!.hash) };
    assert.deepEqual(problem(verify(rows, moved)), ['head-mismatch', 3]);
  });

  it('tells a wrong key from an edit, and refuses keyed rows or a head without a key', () => {
    const rows = chain(2);
    const wrong = verify(rows, headOf(rows), OTHER);
    assert.deepEqual(problem(wrong), ['wrong-key', 2]);
    assert.match(wrong.problem!.detail, new RegExp(KEY.id));
    assert.deepEqual(problem(verify(rows, headOf(rows), null)), ['no-key', 1]);
    assert.deepEqual(problem(verify(chain(0, 2), headOf(chain(0, 2)), null)), ['no-key', 2]);
  });

  it('refuses a legacy record after keyed ones, and an unknown version', () => {
    const rows = chain(2);
    const record = '{"n":3}';
    const downgraded: ChainRow = {
      seq: 3,
      v: 1,
      record,
      prevHash: rows[1]!.hash,
      hash: legacyChainHash(rows[1]!.hash, 3, record),
    };
    assert.deepEqual(problem(verify([...rows, downgraded], headOf([...rows, downgraded]))), ['downgrade', 3]);
    const v3 = [rows[0]!, { ...rows[1]!, v: 3 }];
    assert.deepEqual(problem(verify(v3, headOf(rows))), ['bad-record', 2]);
  });

  it('checks an expected head kept elsewhere: the chain must still hold it, unchanged', () => {
    const rows = chain(4);
    const ok = verify(rows, headOf(rows), KEY, { seq: 2, hash: rows[1]!.hash });
    assert.equal(ok.ok, true);
    const differs = verify(rows, headOf(rows), KEY, { seq: 2, hash: rows[2]!.hash });
    assert.deepEqual(problem(differs), ['head-mismatch', 2]);
    // Rolled back: the tail and the stored head were both moved back to record 2 (with the key).
    const rolled = verify(rows.slice(0, 2), headOf(rows.slice(0, 2)), KEY, { seq: 4, hash: rows[3]!.hash });
    assert.deepEqual(problem(rolled), ['truncated', 3]);
  });

  it('stops at the first problem and ignores later rows', () => {
    const rows = chain(3);
    const v = new ChainVerifier(KEY);
    assert.equal(v.push(rows[0]!), true);
    assert.equal(v.push({ ...rows[1]!, record: 'x' }), false);
    assert.equal(v.push(rows[2]!), false);
    const r = v.finish(headOf(rows));
    assert.deepEqual(problem(r), ['hash-mismatch', 2]);
    assert.equal(r.count, 1);
  });

  it('keys differ in their ids, and the keyed hash needs the key', () => {
    assert.notEqual(KEY.id, OTHER.id);
    assert.match(KEY.id, /^[0-9a-f]{16}$/);
    assert.notEqual(chainHash(keyBytes, GENESIS_HASH, 1, 'r'), chainHash(OTHER.key, GENESIS_HASH, 1, 'r'));
    assert.notEqual(chainHash(keyBytes, GENESIS_HASH, 1, 'r'), legacyChainHash(GENESIS_HASH, 1, 'r'));
    assert.notEqual(headMac(keyBytes, 1, 'h'), headMac(keyBytes, 2, 'h'));
  });

  it('hashes are the documented formats, so chains written before stay verifiable', () => {
    assert.equal(GENESIS_HASH, '0'.repeat(64));
    const legacy = createHash('sha256').update(`${GENESIS_HASH}|1|{"a":1}`).digest('hex');
    assert.equal(legacyChainHash(GENESIS_HASH, 1, '{"a":1}'), legacy);
    const keyed = createHmac('sha256', keyBytes).update(`${GENESIS_HASH}|1|{"a":1}`).digest('hex');
    assert.equal(chainHash(keyBytes, GENESIS_HASH, 1, '{"a":1}'), keyed);
    assert.equal(headMac(keyBytes, 3, 'h'), createHmac('sha256', keyBytes).update('head|3|h').digest('hex'));
    const id = createHmac('sha256', keyBytes).update('warden audit key id').digest('hex').slice(0, 16);
    assert.equal(auditKeyId(keyBytes), id);
  });

  it('every problem says what it is, and the result is not ok', () => {
    const rows = chain(3);
    const cases: [ReturnType<typeof verify>, RegExp][] = [
      [verify(rows.slice(1), headOf(rows)), /expected record 1, found 2 \(deleted\)/],
      [verify([rows[0]!, { ...rows[1]!, prevHash: GENESIS_HASH }], headOf(rows)), /previous-hash link/],
      [verify([rows[0]!, { ...rows[1]!, record: 'x' }], headOf(rows)), /does not match its hash/],
      [verify(rows, null), /head record was deleted/],
      [verify([], undefined), /empty chain without a head record/],
      [verify(rows, undefined), /keyed records but no head table/],
      [verify(chain(0, 1), headOf(chain(0, 1)), null), /no audit key to check the head/],
      [verify(rows, headOf(rows), null), /keyed records, but no audit key/],
      [verify([rows[0]!, { ...rows[1]!, v: 7 }], headOf(rows)), /unknown chain version 7/],
      [verify(rows, headOf(rows), KEY, { seq: 2, hash: rows[2]!.hash }), /differs from the expected head/],
      [
        verify(rows, headOf(rows), KEY, { seq: 9, hash: 'x' }),
        /the chain ends at 3; the expected head is record 9/,
      ],
      [verify(rows, { ...headOf(rows), mac: 'forged' }), /head record was changed without the key/],
    ];
    for (const [r, detail] of cases) {
      assert.equal(r.ok, false, String(detail));
      assert.match(r.problem?.detail ?? '', detail);
    }
    const downgraded = chain(1);
    const record = '{"n":2}';
    const v1: ChainRow = {
      seq: 2,
      v: 1,
      record,
      prevHash: downgraded[0]!.hash,
      hash: legacyChainHash(downgraded[0]!.hash, 2, record),
    };
    assert.match(
      verify([...downgraded, v1], headOf([...downgraded, v1])).problem?.detail ?? '',
      /unkeyed \(legacy\) record after keyed/,
    );
  });

  it('accepts an expected head that is the last record', () => {
    const rows = chain(3);
    assert.equal(verify(rows, headOf(rows), KEY, { seq: 3, hash: rows[2]!.hash }).ok, true);
  });

  it('a head made with another key is a wrong key even when no row needed the key', () => {
    const rows = chain(0, 2);
    const v = new ChainVerifier(KEY);
    for (const r of rows) v.push(r);
    assert.deepEqual(problem(v.finish(headOf(rows, OTHER))), ['wrong-key', 2]);
  });

  it('a head signed with the key but pointing before the last record is found', () => {
    const rows = chain(3);
    const early = { seq: 2, hash: rows[2]!.hash, mac: headMac(keyBytes, 2, rows[2]!.hash), keyId: KEY.id };
    assert.deepEqual(problem(verify(rows, early)), ['head-mismatch', 2]);
  });

  it('a stored record carries its sequence number and both links beside the record fields', () => {
    const record = {
      ts: '2026-12-02T00:00:00Z',
      requestId: 'r1',
      kind: 'request',
      principal: 'p',
      outcome: 'ok',
    } as const;
    assert.deepEqual(toStored(7, record, 'a'.repeat(64), 'b'.repeat(64)), {
      seq: 7,
      ...record,
      prevHash: 'a'.repeat(64),
      hash: 'b'.repeat(64),
    });
  });
});
