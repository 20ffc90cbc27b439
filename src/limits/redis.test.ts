// The Redis limit store in-process on a real, throw-away redis-server: GCRA on the server clock, only allowed
// requests charged, refunds and leases, keys under the store's prefix that expire, and failing on an outage.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Redis } from 'ioredis';
import { type RedisServer, startRedis } from '../../test/fixtures/redis.js';
import { skipUnless } from '../../test/fixtures/services.js';
import { RedisLimitStore, redisReachable } from './redis.js';

const HOUR = 3_600_000;
const spec = { limit: 2, windowMs: HOUR };
const skip = skipUnless('the Redis limit store', 'redis');

describe('Redis limit store', { skip }, () => {
  let server: RedisServer;
  const stores: RedisLimitStore[] = [];
  let n = 0;
  /** A store on its own prefix, so tests share the server but no keys. */
  const open = (prefix = `t${n++}:`) => {
    const s = new RedisLimitStore(server.url, { prefix });
    stores.push(s);
    return s;
  };

  before(async () => {
    server = await startRedis();
  });
  after(async () => {
    for (const s of stores) await s.close();
    await server?.stop();
  });

  it('is the redis kind; a command right after construction waits for the connection', async () => {
    const s = open();
    assert.equal(s.kind, 'redis');
    assert.equal((await s.consume('k', 1, spec)).allowed, true);
  });

  it('charges only allowed requests and reports remaining, reset and retry-after from the stored state', async () => {
    const s = open();
    const first = await s.consume('k', 1, spec);
    assert.equal(first.allowed, true);
    assert.equal(first.retryAfterMs, 0);
    assert.equal(first.remaining, 1);
    // The server clock moves while the test runs: the reset is half the window, less what has elapsed.
    assert.ok(first.resetMs > HOUR / 2 - 60_000 && first.resetMs <= HOUR / 2, String(first.resetMs));
    assert.equal((await s.consume('k', 1, spec)).remaining, 0);
    const denied = await s.consume('k', 1, spec);
    assert.equal(denied.allowed, false);
    assert.equal(denied.remaining, 0);
    assert.ok(
      denied.retryAfterMs > HOUR / 2 - 60_000 && denied.retryAfterMs <= HOUR / 2,
      String(denied.retryAfterMs),
    );
    assert.ok(denied.resetMs > HOUR - 60_000 && denied.resetMs <= HOUR, String(denied.resetMs));
    await s.adjust('k', -1, spec);
    assert.equal((await s.consume('k', 1, spec)).allowed, true, 'the denied request left no charge behind');
    assert.equal((await s.consume('k', 1, spec)).allowed, false);
  });

  it('a cost above the limit never fits', async () => {
    const s = open();
    const r = await s.consume('k', 3, spec);
    assert.equal(r.allowed, false);
    assert.equal(r.retryAfterMs, Number.POSITIVE_INFINITY);
    assert.equal((await s.consume('k', 2, spec)).allowed, true, 'and charged nothing');
  });

  it('a refund or a charge on a key it never saw counts from now', async () => {
    const s = open();
    await s.adjust('fresh', -5, spec);
    assert.equal((await s.consume('fresh', 2, spec)).allowed, true);
    assert.equal((await s.consume('fresh', 1, spec)).allowed, false, 'no credit beyond the limit');
    await s.adjust('other', 1, spec);
    assert.equal(
      (await s.consume('other', 2, spec)).allowed,
      false,
      'a charge on a fresh key counts from now',
    );
    assert.equal((await s.consume('other', 1, spec)).allowed, true);
  });

  it('keeps every key under its prefix, with an expiry just past its reset', async () => {
    const a = open('pa:');
    const b = open('pb:');
    assert.equal((await a.consume('k', 2, spec)).allowed, true);
    assert.equal((await b.consume('k', 2, spec)).allowed, true, 'another prefix is another budget');
    await a.adjust('settled', 1, spec);
    assert.equal(await a.acquire('c', 'l1', 1, HOUR), true);
    const keys = (await a.redis.keys('p*')).sort();
    assert.deepEqual(keys, ['pa:k', 'pa:lease:c', 'pa:settled', 'pb:k']);
    for (const key of ['pa:k', 'pa:settled', 'pa:lease:c']) {
      const ttl = await a.redis.pttl(key);
      assert.ok(ttl > 0 && ttl <= HOUR + 1_000, `${key} expires (${ttl} ms)`);
    }
    assert.ok((await a.redis.pttl('pa:k')) > HOUR, 'a full window outlives its reset by a second');
  });

  it('uses the warden:limits: prefix by default', async () => {
    const s = new RedisLimitStore(server.url);
    stores.push(s);
    await s.consume('default-prefix', 1, spec);
    assert.equal(await s.redis.exists('warden:limits:default-prefix'), 1);
  });

  it('leases: per key, up to the limit, released ones free the slot, a lease lasts its time to live', async () => {
    const s = open();
    assert.equal(await s.acquire('c', 'a', 1, HOUR), true);
    assert.equal(await s.acquire('c', 'b', 1, HOUR), false);
    assert.equal(await s.acquire('d', 'b', 1, HOUR), true, 'leases are per key');
    assert.equal(await s.acquire('c', 'b', 2, HOUR), true);
    await s.release('c', 'a');
    assert.equal(await s.acquire('c', 'x', 2, HOUR), true);
    await s.release('c', 'nobody');
    assert.equal(await s.acquire('c', 'y', 2, HOUR), false, 'releasing an unknown lease frees nothing');
    assert.equal(await s.acquire('e', 'old', 1, -1), true);
    assert.equal(await s.acquire('e', 'new', 1, HOUR), true, 'an expired lease no longer counts');
  });

  it('fails the command, without crashing the process, when Redis is gone', async () => {
    const down = await startRedis();
    const s = new RedisLimitStore(down.url);
    assert.equal((await s.consume('k', 1, spec)).allowed, true);
    await down.stop();
    await assert.rejects(Promise.resolve(s.consume('k', 1, spec)));
    await assert.rejects(Promise.resolve(s.acquire('c', 'l', 1, HOUR)));
    await s.close();
  });

  it('a connected store is reachable for /readyz', async () => {
    const s = open();
    await s.consume('k', 1, spec);
    assert.equal(await redisReachable(s.redis), true);
  });
});

describe('redisReachable', () => {
  const client = (status: string, ping: () => Promise<string>) => ({ status, ping }) as unknown as Redis;

  it('is false for a client that is not ready, without asking it', async () => {
    let asked = false;
    const reachable = await redisReachable(
      client('connecting', async () => {
        asked = true;
        return 'PONG';
      }),
    );
    assert.equal(reachable, false);
    assert.equal(asked, false);
  });

  it('is true only for a PONG, false for another answer, a failure or no answer by the deadline', async () => {
    assert.equal(await redisReachable(client('ready', async () => 'PONG')), true);
    assert.equal(await redisReachable(client('ready', async () => 'LOADING')), false);
    assert.equal(
      await redisReachable(
        client('ready', async () => {
          throw new Error('connection lost');
        }),
      ),
      false,
    );
    assert.equal(
      await redisReachable(
        client('ready', () => new Promise<string>(() => {})),
        20,
      ),
      false,
    );
  });
});
