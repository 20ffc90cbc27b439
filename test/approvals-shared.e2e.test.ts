// Two approval queues (two replicas) on real PostgreSQL and Redis: a decision taken on one wakes the client
// held on the other through pub/sub, with store polling far too slow to be what released it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { ApprovalQueue } from '../src/agents/approvals/queue.js';
import type { Principal } from '../src/core/context.js';
import { PostgresApprovalStore } from '../src/store/postgres/approvals.js';
import { openPostgres, type PostgresDb } from '../src/store/postgres/db.js';
import { RedisApprovalNotifier } from '../src/store/redis/approval-events.js';
import { type PostgresServer, startPostgres } from './fixtures/postgres.js';
import { type RedisServer, startRedis } from './fixtures/redis.js';
import { skipUnless } from './fixtures/services.js';

const agent: Principal = { id: 'key:agent', kind: 'apiKey', scopes: ['chat'] };
const alice: Principal = { id: 'key:alice', kind: 'apiKey', scopes: ['approver'] };
const HOUR = 3_600_000;

describe('approvals shared by replicas', {
  skip: skipUnless('approvals shared by replicas', 'postgresql', 'redis'),
}, () => {
  let pgServer: PostgresServer;
  let redis: RedisServer;
  const dbs: PostgresDb[] = [];
  const notifiers: RedisApprovalNotifier[] = [];

  const replica = async () => {
    const db = openPostgres(pgServer.url);
    dbs.push(db);
    const notifier = new RedisApprovalNotifier(redis.url);
    notifiers.push(notifier);
    const queue = new ApprovalQueue({
      store: new PostgresApprovalStore(db),
      log: pino({ level: 'silent' }),
      ttlMs: HOUR,
      redeemMs: HOUR,
      // An hour between polls: only the pub/sub message can end the hold within the test's timeout.
      pollMs: HOUR,
      notifier,
    });
    await notifier.ready();
    return queue;
  };

  before(async () => {
    [pgServer, redis] = await Promise.all([startPostgres(), startRedis()]);
  });
  after(async () => {
    for (const n of notifiers) await n.close();
    for (const db of dbs) await db.close();
    await Promise.all([pgServer.stop(), redis.stop()]);
  });

  it('wakes the holder on replica A when replica B approves, and the call is redeemed once', {
    timeout: 30_000,
  }, async () => {
    const [a, b] = [await replica(), await replica()];
    const call = {
      principal: agent,
      route: 'chat',
      tool: 'delete_user',
      args: { id: '7' },
      place: { choice: 0, position: 0, count: 1 },
      reason: 'r',
      requestId: 'q1',
    };
    const pending = await a.request(call);
    const held = a.waitAll([pending.id], HOUR);
    // B sees the same queue (PostgreSQL) and decides; A's in-flight hold must end with the decision.
    assert.deepEqual(
      (await b.list(alice, { status: 'pending' })).map((r) => r.id),
      [pending.id],
    );
    await b.decide(pending.id, alice, 'approved', 'ok');
    const [settled] = await held;
    assert.equal(settled?.status, 'approved');
    assert.equal(settled?.decidedBy, alice.id);
    assert.equal(await a.consume(pending.id, pending.callHash), true);
    assert.equal(await b.consume(pending.id, pending.callHash), false);
  });
});
