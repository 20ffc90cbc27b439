// Store outages seen from outside: a real redis-server stopped mid-test gives the documented 503 codes
// (never a 500), /readyz turns 503 while it is down and 200 again once it is back; PostgreSQL likewise.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { type PostgresServer, startPostgres } from './fixtures/postgres.js';
import { type RedisServer, startRedis } from './fixtures/redis.js';
import { errorCode, postJson, type Stack, startStack } from './helpers.js';

let redis: RedisServer;
/** Limits on Redis, bans in SQLite; and both on Redis (the default once redis.url is set). */
let limitsOnly: Stack;
let both: Stack;
const tokens = new Map<Stack, string>();
const body = { model: 'warden-sim-1', messages: [{ role: 'user', content: 'hi' }] };

async function until(what: string, check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`timed out waiting until ${what}`);
}

const readyStatus = async (s: Stack) => (await fetch(`${s.url}/readyz`)).status;
const call = (s: Stack) =>
  postJson(`${s.baseURL}/chat/completions`, body, { authorization: `Bearer ${tokens.get(s)}` });

async function stackOn(url: string, bans: 'sqlite' | 'redis'): Promise<Stack> {
  const s = await startStack((c) => ({
    ...c,
    auth: { mode: 'keys' },
    redis: { url },
    stores: { bans },
    extraction: { enabled: false },
  }));
  tokens.set(s, (await s.app.admin.createKey({ name: 'outage' }, 'test')).token);
  return s;
}

before(async () => {
  redis = await startRedis();
  limitsOnly = await stackOn(redis.url, 'sqlite');
  both = await stackOn(redis.url, 'redis');
});
after(async () => {
  await limitsOnly.close();
  await both.close();
  await redis.stop().catch(() => {});
});

describe('Redis stopped mid-test', () => {
  it('serves and is ready while Redis is up', async () => {
    for (const s of [limitsOnly, both]) {
      assert.equal((await call(s)).status, 200);
      assert.equal(await readyStatus(s), 200);
    }
  });

  it('answers the documented 503 codes while Redis is down (never 500), and /readyz says why', async () => {
    await redis.stop();
    const limited = await call(limitsOnly);
    assert.equal(limited.status, 503, limited.text);
    assert.equal(errorCode(limited.json), 'WARDEN_LIMITS_UNAVAILABLE');
    const banned = await call(both);
    assert.equal(banned.status, 503, banned.text);
    assert.equal(errorCode(banned.json), 'WARDEN_IDENTITY_UNAVAILABLE');
    for (const s of [limitsOnly, both]) {
      await until('/readyz is 503', async () => (await readyStatus(s)) === 503);
      const ready = (await (await fetch(`${s.url}/readyz`)).json()) as { error: { message: string } };
      assert.match(ready.error.message, /Redis/);
    }
  });

  it('is ready and serves again once Redis is back, without a restart', async () => {
    redis = await startRedis(redis.port);
    for (const s of [limitsOnly, both]) {
      await until('/readyz is 200', async () => (await readyStatus(s)) === 200);
      assert.equal((await call(s)).status, 200);
    }
  });
});

describe('PostgreSQL refusing connections mid-test (keys, bans, audit on PostgreSQL)', () => {
  let pgServer: PostgresServer;
  let stack: Stack;
  let token: string;
  /** Superuser connection to the server's maintenance database: flips whether Warden's database accepts. */
  let dba: pg.Client;
  const database = 'warden_outage';

  before(async () => {
    pgServer = await startPostgres(database);
    stack = await startStack((c) => ({
      ...c,
      auth: { mode: 'keys' },
      postgres: { url: pgServer.url },
      extraction: { enabled: false },
    }));
    await stack.app.ready();
    ({ token } = await stack.app.admin.createKey({ name: 'pg-outage' }, 'test'));
    dba = new pg.Client({ host: '127.0.0.1', port: pgServer.port, user: 'postgres', database: 'postgres' });
    await dba.connect();
  });
  after(async () => {
    await dba.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS true`).catch(() => {});
    await dba.end().catch(() => {});
    await stack.close();
    await pgServer.stop();
  });

  it('answers 503 (never 500) and /readyz is 503 while PostgreSQL refuses, then recovers by itself', async () => {
    const chat = () =>
      postJson(`${stack.baseURL}/chat/completions`, body, { authorization: `Bearer ${token}` });
    assert.equal((await chat()).status, 200);
    assert.equal(await readyStatus(stack), 200);
    await dba.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS false`);
    await dba.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [database]);
    const refused = await chat();
    assert.equal(refused.status, 503, refused.text);
    assert.equal(errorCode(refused.json), 'WARDEN_IDENTITY_UNAVAILABLE');
    await until('/readyz is 503', async () => (await readyStatus(stack)) === 503);
    await dba.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS true`);
    await until('/readyz is 200', async () => (await readyStatus(stack)) === 200);
    assert.equal((await chat()).status, 200);
  });
});
