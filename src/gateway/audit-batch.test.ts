import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AuditRecord, AuditStore } from '../store/types.js';
import { AuditBatch } from './audit-batch.js';

const record = (requestId: string): AuditRecord => ({
  ts: '2026-01-01T00:00:00.000Z',
  requestId,
  kind: 'request',
  principal: 'p',
  outcome: 'ok',
});

function store(fail = false): AuditStore & { writes: string[][] } {
  const writes: string[][] = [];
  return {
    writes,
    append(r) {
      if (fail) throw new Error('disk full');
      writes.push([r.requestId]);
    },
    appendMany(rs) {
      if (fail) throw new Error('disk full');
      writes.push(rs.map((r) => r.requestId));
    },
    verify: () => ({ ok: true, count: 0, legacy: 0, headSeq: 0, headHash: '' }),
    export: () => [],
    close() {},
  };
}

const accept = (batch: AuditBatch, id: string) =>
  new Promise<{ accepted: boolean; err?: unknown }>((resolve) =>
    batch.accept(record(id), (accepted, err) => resolve({ accepted, err })),
  );

describe('AuditBatch', () => {
  it('writes the records of one turn with one store call, and answers each only after that write', async () => {
    const s = store();
    const batch = new AuditBatch(s);
    const pending = ['a', 'b', 'c'].map((id) => accept(batch, id));
    assert.deepEqual(s.writes, [], 'nothing is acknowledged before the write');
    const results = await Promise.all(pending);
    assert.deepEqual(s.writes, [['a', 'b', 'c']]);
    assert.ok(results.every((r) => r.accepted));
    await accept(batch, 'd');
    assert.deepEqual(s.writes, [['a', 'b', 'c'], ['d']], 'a later turn is a new write');
  });

  it('reports a failed write to every record of the batch (the gateway then fails closed)', async () => {
    const batch = new AuditBatch(store(true));
    const results = await Promise.all(['a', 'b'].map((id) => accept(batch, id)));
    assert.ok(results.every((r) => !r.accepted && (r.err as Error).message === 'disk full'));
  });

  it('falls back to one append per record for stores without appendMany', async () => {
    const s = store();
    delete s.appendMany;
    const results = await Promise.all(['a', 'b'].map((id) => accept(new AuditBatch(s), id)));
    assert.deepEqual(s.writes, [['a'], ['b']]);
    assert.ok(results.every((r) => r.accepted));
  });
});
