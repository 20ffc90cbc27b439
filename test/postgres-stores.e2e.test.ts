// PostgreSQL and Redis stores on real servers: migrations, one audit chain from two writers, journal replay,
// keys and bans.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { IdentityAdmin } from '../src/identity/admin.js';
import { IdentityGate } from '../src/identity/gate.js';
import { auditKeyFrom } from '../src/store/audit-key.js';
import type { AuditStoreOptions } from '../src/store/audit-store.js';
import { MemoryBanStore, MemoryKeyStore } from '../src/store/memory/identity.js';
import { postgresAuditStore } from '../src/store/postgres/audit.js';
import { openPostgres, type PostgresDb } from '../src/store/postgres/db.js';
import { PostgresBanStore, PostgresKeyStore } from '../src/store/postgres/identity.js';
import { migrate } from '../src/store/postgres/migrations.js';
import { RedisBanStore } from '../src/store/redis/bans.js';
import type { AuditRecord, BanStore } from '../src/store/types.js';
import { type PostgresServer, startPostgres } from './fixtures/postgres.js';
import { type RedisServer, startRedis } from './fixtures/redis.js';
import { skipUnless } from './fixtures/services.js';
import { tempDir } from './helpers.js';

const rec = (requestId: string): AuditRecord => ({
  ts: new Date().toISOString(),
  requestId,
  kind: 'request',
  principal: 'key:test',
  outcome: 'ok',
  status: 200,
});

const key = auditKeyFrom(Buffer.alloc(32, 7));
const auditStore = (db: PostgresDb, opts: AuditStoreOptions = {}) => postgresAuditStore(db, key, opts);

/** A pid that certainly belongs to no running process: a child that already exited. */
function deadPid(): number {
  return spawnSync('true').pid ?? 999_999;
}

describe('PostgreSQL and Redis stores', {
  skip: skipUnless('the PostgreSQL and Redis stores', 'postgresql', 'redis'),
}, () => {
  let server: PostgresServer;
  let redis: RedisServer;
  let db: PostgresDb;
  const dirs: string[] = [];

  before(async () => {
    [server, redis] = await Promise.all([startPostgres(), startRedis()]);
    db = openPostgres(server.url);
    await db.ready;
  });
  after(async () => {
    await db.close();
    await Promise.all([server.stop(), redis.stop()]);
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('runs migrations once, however many replicas start together', async () => {
    const again = await Promise.all([migrate(db.pool), migrate(db.pool)]);
    assert.deepEqual(again, [[], []]);
    const versions = await db.pool.query(
      "SELECT version FROM warden_migrations WHERE component = 'core' ORDER BY version",
    );
    assert.deepEqual(
      versions.rows.map((r) => r.version),
      [1, 2],
    );
    // Another component (approvals, extraction...) numbers its own migrations from 1 without colliding.
    const extra = [{ version: 1, name: 'demo', sql: 'CREATE TABLE warden_demo_ext (id INT)' }];
    assert.deepEqual(await migrate(db.pool, 'demo-ext', extra), [1]);
    assert.deepEqual(await migrate(db.pool, 'demo-ext', extra), []);
  });

  it('builds one verifiable chain from two concurrent writers, and spots an edit', async () => {
    const other = openPostgres(server.url);
    const [dirA, dirB] = [tempDir(), tempDir()];
    dirs.push(dirA, dirB);
    const a = auditStore(db, { journalDir: dirA, flushMs: 1 });
    const b = auditStore(other, { journalDir: dirB, flushMs: 1 });
    for (let i = 0; i < 300; i++) {
      a.append(rec(`a-${i}`));
      b.append(rec(`b-${i}`));
      if (i % 50 === 0) await new Promise((r) => setTimeout(r, 2));
    }
    await Promise.all([a.close(), b.close()]);
    await other.close();
    assert.deepEqual(readdirSync(dirA), [], 'a cleanly closed store leaves no journal');
    const reader = auditStore(db);
    const ok = await reader.verify();
    assert.equal(ok.ok, true);
    assert.equal(ok.count, 600);
    const ids = new Set<string>();
    for await (const r of reader.export()) ids.add(r.requestId);
    assert.equal(ids.size, 600);
    await db.pool.query(
      "UPDATE warden_audit SET record = replace(record, 'key:test', 'key:evil') WHERE seq = 17",
    );
    const bad = await reader.verify();
    assert.equal(bad.ok, false);
    assert.equal(bad.problem?.seq, 17);
    assert.equal(bad.problem?.kind, 'hash-mismatch');
    await db.pool.query(
      "UPDATE warden_audit SET record = replace(record, 'key:evil', 'key:test') WHERE seq = 17",
    );
    assert.equal((await reader.verify()).ok, true);
  });

  it("replays a dead process's journal exactly once, skipping entries already committed", async () => {
    const dir = tempDir();
    dirs.push(dir);
    const pid = deadPid();
    const committed = { jid: 'deadbeef0001:1', rec: rec('replay-committed') };
    const lines = [
      committed,
      { jid: 'deadbeef0001:2', rec: rec('replay-1') },
      { jid: 'deadbeef0001:3', rec: rec('replay-2') },
    ]
      .map((e) => JSON.stringify(e))
      .join('\n');
    // The first entry was committed before the crash; the last line was torn mid-write.
    const first = auditStore(db);
    const before = (await first.verify()).count;
    writeFileSync(
      join(dir, `audit-${pid}-deadbeef0001.journal`),
      `${lines}\n{"jid":"deadbeef0001:4","rec":{"ts`,
    );
    // Commit the first entry by replaying a journal holding only it, as the crashed process had done.
    const pre = tempDir();
    dirs.push(pre);
    writeFileSync(join(pre, `audit-${pid}-deadbeef0001.journal`), `${JSON.stringify(committed)}\n`);
    await auditStore(db, { journalDir: pre }).close();
    const replayer = auditStore(db, { journalDir: dir });
    await replayer.close();
    assert.deepEqual(readdirSync(dir), [], 'the replayed journal is removed once committed');
    const rows = await db.pool.query(
      "SELECT request_id FROM warden_audit WHERE request_id LIKE 'replay-%' ORDER BY seq",
    );
    assert.deepEqual(
      rows.rows.map((r) => r.request_id),
      ['replay-committed', 'replay-1', 'replay-2'],
    );
    const after = await first.verify();
    assert.equal(after.ok, true);
    assert.equal(after.count, before + 3);
  });

  it('keeps accepting while PostgreSQL is unreachable, bounded, and commits the journal later', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const down = openPostgres('postgres://postgres@127.0.0.1:1/nowhere');
    const errors: unknown[] = [];
    const cut = auditStore(down, {
      journalDir: dir,
      maxBacklog: 3,
      onError: (e: unknown) => errors.push(e),
    });
    cut.append(rec('outage-1'));
    cut.append(rec('outage-2'));
    await assert.rejects(cut.flush());
    assert.ok(errors.length > 0, 'the failure is reported');
    cut.append(rec('outage-3'));
    assert.throws(() => cut.append(rec('outage-4')), /backlog full/, 'fails closed past the bound');
    await cut.close();
    await down.close();
    assert.equal(readdirSync(dir).length, 1, 'the uncommitted journal stays on disk');
    // The next process on this data directory (same pid here, other boot id) commits it.
    await auditStore(db, { journalDir: dir }).close();
    assert.deepEqual(readdirSync(dir), []);
    const rows = await db.pool.query(
      "SELECT request_id FROM warden_audit WHERE request_id LIKE 'outage-%' ORDER BY seq",
    );
    assert.deepEqual(
      rows.rows.map((r) => r.request_id),
      ['outage-1', 'outage-2', 'outage-3'],
    );
    assert.equal((await auditStore(db).verify()).ok, true);
  });

  it('keyed chain: a cut-off tail and a forged record fail verify; reading a database without tables creates none', async () => {
    const reader = auditStore(db);
    const before = await reader.verify();
    assert.equal(before.ok, true);
    assert.equal(before.legacy, 0, 'every record of this chain is keyed');
    const tail = await db.pool.query('SELECT * FROM warden_audit WHERE seq > $1 ORDER BY seq', [
      before.count - 2,
    ]);
    await db.pool.query('DELETE FROM warden_audit WHERE seq > $1', [before.count - 2]);
    const cut = await reader.verify();
    assert.equal(cut.ok, false);
    assert.equal(cut.problem?.kind, 'truncated');
    // Put the last record back re-hashed with another key: a forgery, not the original.
    const last = tail.rows[0] as Record<string, unknown>;
    await db.pool.query(
      `INSERT INTO warden_audit (seq, jid, ts, request_id, principal, kind, outcome, record, prev_hash, hash, v)
       VALUES ($1, 'forged', $2, $3, $4, $5, $6, $7, $8, $9, 2)`,
      [
        last.seq,
        last.ts,
        last.request_id,
        last.principal,
        last.kind,
        last.outcome,
        last.record,
        last.prev_hash,
        'f'.repeat(64),
      ],
    );
    assert.equal((await reader.verify()).problem?.kind, 'hash-mismatch');
    await db.pool.query("DELETE FROM warden_audit WHERE jid = 'forged'");
    for (const r of tail.rows as Record<string, unknown>[])
      await db.pool.query(
        `INSERT INTO warden_audit (seq, jid, ts, request_id, principal, kind, outcome, record, prev_hash, hash, v)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          r.seq,
          r.jid,
          r.ts,
          r.request_id,
          r.principal,
          r.kind,
          r.outcome,
          r.record,
          r.prev_hash,
          r.hash,
          r.v,
        ],
      );
    assert.equal((await reader.verify()).ok, true, 'restored');
    // A database that never held Warden's tables: verify fails and migrates nothing.
    const empty = openPostgres(server.url.replace(/\/warden_test$/, '/postgres'), { migrate: false });
    try {
      await assert.rejects(postgresAuditStore(empty, undefined).verify(), /no warden_audit table/);
      const t = await empty.pool.query("SELECT to_regclass('warden_audit')::text AS t");
      assert.equal(t.rows[0].t, null);
    } finally {
      await empty.close();
    }
  });

  it('keeps keys in PostgreSQL (update under a row lock)', async () => {
    const keys = new PostgresKeyStore(db);
    const base = {
      id: 'abc123def456',
      principal: 'key:abc123def456',
      name: 'k',
      scopes: ['chat'],
      models: ['*'],
      labels: {},
      hash: 'h'.repeat(64),
      createdAt: Date.now(),
    };
    await keys.put(base);
    assert.deepEqual(await keys.get(base.id), base);
    await Promise.all([keys.update(base.id, { revokedAt: 5 }), keys.update(base.id, { name: 'renamed' })]);
    const got = await keys.get(base.id);
    assert.equal(got?.revokedAt, 5);
    assert.equal(got?.name, 'renamed');
    assert.equal(await keys.update('nope', { name: 'x' }), false);
    assert.equal(await keys.get('nope'), undefined);
    assert.equal((await keys.list()).length, 1);
  });

  for (const kind of ['postgres', 'redis'] as const) {
    it(`keeps bans in ${kind}, with expiry`, async () => {
      const bans: BanStore & { close?(): Promise<void> } =
        kind === 'redis' ? new RedisBanStore(redis.url) : new PostgresBanStore(db);
      try {
        await bans.add({ principal: 'key:x', reason: 'abuse', by: 'admin', createdAt: Date.now() });
        await bans.add({
          principal: 'key:old',
          reason: 'was',
          by: 'admin',
          createdAt: Date.now() - 10,
          expiresAt: Date.now() - 1,
        });
        assert.equal((await bans.get('key:x'))?.reason, 'abuse');
        assert.equal(await bans.get('key:old'), undefined, 'an expired ban is not enforced');
        assert.deepEqual(
          (await bans.list()).map((b) => b.principal),
          ['key:x'],
        );
        assert.equal(await bans.remove('key:x'), true);
        assert.equal(await bans.remove('key:x'), false);
        assert.equal(await bans.get('key:x'), undefined);
      } finally {
        await bans.close?.();
      }
    });
  }

  it('fails closed when the Redis holding bans is unreachable', async () => {
    const keys = new MemoryKeyStore();
    const serverSecret = Buffer.alloc(32, 9);
    const bans = new RedisBanStore('redis://127.0.0.1:1');
    try {
      const { token } = await new IdentityAdmin({ keys, bans: new MemoryBanStore(), serverSecret }).createKey(
        { name: 'k' },
        'test',
      );
      const gate = new IdentityGate({ keys, bans, serverSecret });
      await assert.rejects(gate.authenticateToken(token), 'no ban answer means no admission');
    } finally {
      bans.redis.disconnect();
    }
  });
});
