// The approval store contract, run against every implementation (PostgreSQL on a real, throw-away server).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { type PostgresServer, startPostgres } from '../../test/fixtures/postgres.js';
import { skipUnless } from '../../test/fixtures/services.js';
import { MemoryApprovalStore } from './memory/approvals.js';
import { APPROVAL_MIGRATIONS, PostgresApprovalStore } from './postgres/approvals.js';
import { openPostgres, type PostgresDb } from './postgres/db.js';
import { migrate } from './postgres/migrations.js';
import { SqliteApprovalStore } from './sqlite/approvals.js';
import { openSqlite, type SqliteDb } from './sqlite/db.js';
import type { ApprovalRecord, ApprovalStore } from './types.js';

const T0 = 1_000_000;

function record(id: string, p: Partial<ApprovalRecord> = {}): ApprovalRecord {
  return {
    id,
    callHash: `hash-${id}`,
    tool: 'delete_user',
    arguments: '{"id":"1"}',
    requester: 'key:agent',
    route: 'chat',
    reason: 'destructive',
    context: { requestId: 'r1' },
    status: 'pending',
    createdAt: T0,
    expiresAt: T0 + 1000,
    ...p,
  };
}

const dirs: string[] = [];
const dbs: SqliteDb[] = [];
const stores: [string, () => ApprovalStore | Promise<ApprovalStore>, { skip?: string | false }?][] = [
  ['memory', () => new MemoryApprovalStore()],
  [
    'sqlite',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'warden-approvals-'));
      dirs.push(dir);
      const db = openSqlite(dir);
      dbs.push(db);
      return new SqliteApprovalStore(db);
    },
  ],
  [
    'postgres',
    async () => {
      // One database for every case: each starts from an empty table.
      pgServer ??= await startPostgres();
      pgDb ??= openPostgres(pgServer.url);
      await pgDb.ready;
      await migrate(pgDb.pool, 'approvals', APPROVAL_MIGRATIONS);
      await pgDb.pool.query('TRUNCATE warden_approvals');
      return new PostgresApprovalStore(pgDb);
    },
    { skip: skipUnless('the PostgreSQL approval store', 'postgresql') },
  ],
];
let pgServer: PostgresServer | undefined;
let pgDb: PostgresDb | undefined;

after(async () => {
  for (const db of dbs) db.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  await pgDb?.close();
  await pgServer?.stop();
});

for (const [name, make, opts] of stores) {
  describe(`${name} approval store`, { skip: opts?.skip ?? false }, () => {
    it('creates, reads and finds a pending approval for the same call', async () => {
      const s = await make();
      await s.create(record('a1', { tenant: 'acme' }));
      assert.equal((await s.get('a1', T0))?.tenant, 'acme');
      assert.equal((await s.findPending('key:agent', 'hash-a1', T0))?.id, 'a1');
      assert.equal(await s.findPending('key:other', 'hash-a1', T0), undefined);
      assert.equal(await s.get('missing', T0), undefined);
    });

    it('reports a pending approval past its expiry as expired, and refuses to decide it', async () => {
      const s = await make();
      await s.create(record('a2'));
      assert.equal((await s.get('a2', T0 + 1000))?.status, 'expired');
      assert.equal(await s.findPending('key:agent', 'hash-a2', T0 + 1000), undefined);
      const late = await s.decide('a2', {
        status: 'approved',
        by: 'key:alice',
        at: T0 + 1001,
        expiresAt: T0 + 5000,
      });
      assert.equal(late, undefined);
      assert.deepEqual(
        (await s.list({ status: 'expired' }, T0 + 2000)).map((r) => r.id),
        ['a2'],
      );
    });

    it('decides once (compare and set) and redeems an approved call once', async () => {
      const s = await make();
      await s.create(record('a3'));
      const ok = await s.decide('a3', {
        status: 'approved',
        by: 'key:alice',
        reason: 'ok',
        at: T0 + 1,
        expiresAt: T0 + 500,
      });
      assert.equal(ok?.status, 'approved');
      assert.equal(ok?.decidedBy, 'key:alice');
      assert.equal(
        await s.decide('a3', { status: 'denied', by: 'key:bob', at: T0 + 2, expiresAt: T0 + 500 }),
        undefined,
      );
      assert.equal(await s.consume('a3', 'other-hash', T0 + 3), false);
      assert.equal(await s.consume('a3', 'hash-a3', T0 + 3), true);
      assert.equal(await s.consume('a3', 'hash-a3', T0 + 4), false);
      assert.equal((await s.get('a3', T0 + 5))?.usedAt, T0 + 3);
    });

    it('lets exactly one of many concurrent deciders and redeemers win', async () => {
      const s = await make();
      await s.create(record('c1'));
      const decided = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          s.decide('c1', {
            status: 'approved',
            by: `key:approver${i}`,
            at: T0 + 1,
            expiresAt: T0 + 500,
          }),
        ),
      );
      const winners = decided.filter((d) => d !== undefined);
      assert.equal(winners.length, 1);
      assert.equal((await s.get('c1', T0 + 2))?.decidedBy, winners[0]?.decidedBy);
      const redeemed = await Promise.all(Array.from({ length: 8 }, () => s.consume('c1', 'hash-c1', T0 + 3)));
      assert.equal(redeemed.filter(Boolean).length, 1);
    });

    it('never redeems a denied or a lapsed approval', async () => {
      const s = await make();
      await s.create(record('a4'));
      await s.create(record('a5'));
      await s.decide('a4', { status: 'denied', by: 'key:alice', at: T0 + 1, expiresAt: T0 + 1000 });
      await s.decide('a5', { status: 'approved', by: 'key:alice', at: T0 + 1, expiresAt: T0 + 10 });
      assert.equal(await s.consume('a4', 'hash-a4', T0 + 2), false);
      assert.equal(await s.consume('a5', 'hash-a5', T0 + 10), false);
    });

    it('lists by status, requester and tenant, newest first', async () => {
      const s = await make();
      await s.create(record('b1', { createdAt: T0, tenant: 'acme' }));
      await s.create(record('b2', { createdAt: T0 + 1, requester: 'key:other' }));
      await s.create(record('b3', { createdAt: T0 + 2, tenant: 'acme' }));
      await s.decide('b3', { status: 'denied', by: 'key:alice', at: T0 + 3, expiresAt: T0 + 1000 });
      assert.deepEqual(
        (await s.list({}, T0 + 4)).map((r) => r.id),
        ['b3', 'b2', 'b1'],
      );
      assert.deepEqual(
        (await s.list({ status: 'pending' }, T0 + 4)).map((r) => r.id),
        ['b2', 'b1'],
      );
      assert.deepEqual(
        (await s.list({ tenant: 'acme' }, T0 + 4)).map((r) => r.id),
        ['b3', 'b1'],
      );
      assert.deepEqual(
        (await s.list({ requester: 'key:other' }, T0 + 4)).map((r) => r.id),
        ['b2'],
      );
    });
  });
}
