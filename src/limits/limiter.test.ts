// The limiter on the memory and the SQLite limit store: request, token and concurrency limits per principal and
// per tenant, overrides, throttles, rollback of a denied admission, and failing closed when the store fails.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Principal } from '../core/context.js';
import { WardenError } from '../core/errors.js';
import { openSqlite } from '../store/sqlite/db.js';
import { Limiter, type LimiterOptions, THROTTLED_POLICY } from './limiter.js';
import { SqliteLimitStore } from './sqlite.js';
import { type LimitStore, MemoryLimitStore } from './store.js';

// Hour-long windows: nothing refills while a test runs, however slow the machine.
const HOUR = 3_600_000;
const dirs: string[] = [];
const closers: (() => void)[] = [];
after(() => {
  for (const c of closers) c();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function sqliteDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'warden-limits-'));
  dirs.push(dir);
  return dir;
}

function sqliteStore(dir = sqliteDir()): SqliteLimitStore {
  const db = openSqlite(dir);
  closers.push(() => db.close());
  return new SqliteLimitStore(db);
}

const stores: [string, () => LimitStore][] = [
  ['memory', () => new MemoryLimitStore()],
  ['sqlite', () => sqliteStore()],
];

const who = (id: string, tenant?: string): Principal => ({
  id,
  kind: 'apiKey',
  scopes: ['chat'],
  ...(tenant ? { tenant } : {}),
});
const chat = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  model: 'm',
  messages: [{ role: 'user', content: 'hi' }],
  ...extra,
});

function limiter(store: LimitStore, opts: Partial<LimiterOptions> = {}): Limiter {
  return new Limiter(store, {
    principal: {},
    tenant: {},
    overrides: {},
    defaultCompletionTokens: 50,
    ...opts,
  });
}

async function refusal(p: Promise<unknown>): Promise<WardenError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof WardenError, String(err));
    return err;
  }
  assert.fail('admitted');
}

for (const [name, make] of stores) {
  describe(`limiter on the ${name} limit store`, () => {
    it('blocks the request past a principal limit with 429, retry-after and rate-limit headers', async () => {
      const l = limiter(make(), { principal: { requests: { limit: 3, windowMs: HOUR } } });
      const seen: string[] = [];
      for (let i = 0; i < 3; i++) {
        const a = await l.admit(who('p1'), 'chat', chat());
        seen.push(a.headers['x-ratelimit-remaining-requests']!);
        assert.equal(a.headers['x-ratelimit-limit-requests'], '3');
      }
      assert.deepEqual(seen, ['2', '1', '0']);
      const err = await refusal(l.admit(who('p1'), 'chat', chat()));
      assert.equal(err.code, 'WARDEN_RATE_LIMITED');
      assert.equal(err.status, 429);
      const retry = Number(err.headers?.['retry-after']);
      assert.ok(retry >= 1 && retry <= 3600, `retry-after ${retry}`);
      assert.match(err.message, /1h/);
      // Another principal has its own budget.
      await l.admit(who('p2'), 'chat', chat());
    });

    it('a tenant limit is shared by every principal of the tenant, not by others', async () => {
      const l = limiter(make(), {
        principal: { requests: { limit: 100, windowMs: HOUR } },
        tenant: { requests: { limit: 3, windowMs: HOUR } },
      });
      await l.admit(who('a1', 'acme'), 'chat', chat());
      await l.admit(who('a2', 'acme'), 'chat', chat());
      await l.admit(who('a1', 'acme'), 'chat', chat());
      const err = await refusal(l.admit(who('a3', 'acme'), 'chat', chat()));
      assert.equal(err.code, 'WARDEN_RATE_LIMITED');
      assert.match(err.message, /acme/);
      await l.admit(who('b1', 'beta'), 'chat', chat());
      await l.admit(who('solo'), 'chat', chat());
    });

    it('a tenant denial rolls back the principal charge made before it', async () => {
      const store = make();
      const l = limiter(store, {
        principal: { requests: { limit: 2, windowMs: HOUR } },
        tenant: { requests: { limit: 1, windowMs: HOUR } },
        overrides: { 'tenant:roomy': { requests: { limit: 100, windowMs: HOUR } } },
      });
      await l.admit(who('other', 'acme'), 'chat', chat());
      assert.equal((await refusal(l.admit(who('p', 'acme'), 'chat', chat()))).code, 'WARDEN_RATE_LIMITED');
      // Had the denied request kept its principal charge, p could make only one more request.
      await l.admit(who('p', 'roomy'), 'chat', chat());
      await l.admit(who('p', 'roomy'), 'chat', chat());
      assert.equal((await refusal(l.admit(who('p', 'roomy'), 'chat', chat()))).code, 'WARDEN_RATE_LIMITED');
    });

    it('overrides replace the defaults for one principal or one tenant', async () => {
      const l = limiter(make(), {
        principal: { requests: { limit: 1, windowMs: HOUR } },
        tenant: { requests: { limit: 1, windowMs: HOUR } },
        overrides: {
          big: { requests: { limit: 3, windowMs: HOUR } },
          'tenant:wide': { requests: { limit: 5, windowMs: HOUR } },
        },
      });
      for (let i = 0; i < 3; i++) await l.admit(who('big'), 'chat', chat());
      assert.equal((await refusal(l.admit(who('big'), 'chat', chat()))).code, 'WARDEN_RATE_LIMITED');
      await l.admit(who('small'), 'chat', chat());
      assert.equal((await refusal(l.admit(who('small'), 'chat', chat()))).code, 'WARDEN_RATE_LIMITED');
      for (const id of ['w1', 'w2', 'w3']) await l.admit(who(id, 'wide'), 'chat', chat());
      await l.admit(who('n1', 'narrow'), 'chat', chat());
      assert.equal((await refusal(l.admit(who('n2', 'narrow'), 'chat', chat()))).code, 'WARDEN_RATE_LIMITED');
    });

    it('reserves tokens (prompt plus max_tokens), blocks past the quota, and settles to the usage', async () => {
      const l = limiter(make(), { principal: { tokens: { limit: 200, windowMs: HOUR } } });
      const body = chat();
      const first = await l.admit(who('t'), 'chat', body);
      assert.equal(body.max_tokens, 50, 'an unbounded request is bounded to the reservation');
      const afterFirst = Number(first.headers['x-ratelimit-remaining-tokens']);
      assert.ok(afterFirst < 200 - 50 && afterFirst > 0, String(afterFirst));
      // Settled at 2 tokens: most of the reservation comes back.
      first.release({ promptTokens: 1, completionTokens: 1 });
      await new Promise((r) => setImmediate(r));
      const second = await l.admit(who('t'), 'chat', chat({ max_tokens: 10 }));
      assert.ok(
        Number(second.headers['x-ratelimit-remaining-tokens']) > afterFirst,
        'the settlement refunded',
      );
      const err = await refusal(l.admit(who('t'), 'chat', chat({ max_tokens: 500 })));
      assert.equal(err.code, 'WARDEN_TOKEN_QUOTA');
      assert.equal(err.status, 429);
    });

    it('limits concurrent requests; a release frees the slot, a second release changes nothing', async () => {
      const l = limiter(make(), { tenant: { concurrent: 1 } });
      const held = await l.admit(who('c1', 'acme'), 'chat', chat());
      const err = await refusal(l.admit(who('c2', 'acme'), 'chat', chat()));
      assert.equal(err.code, 'WARDEN_CONCURRENCY_LIMIT');
      assert.equal(err.status, 429);
      held.release(undefined);
      held.release(undefined);
      await new Promise((r) => setImmediate(r));
      const next = await l.admit(who('c2', 'acme'), 'chat', chat());
      assert.equal(
        (await refusal(l.admit(who('c1', 'acme'), 'chat', chat()))).code,
        'WARDEN_CONCURRENCY_LIMIT',
      );
      next.release(undefined);
    });

    it('a throttled principal gets the throttled policy until the given time', async () => {
      const l = limiter(make());
      const none = await l.admit(who('x'), 'chat', chat());
      assert.deepEqual(none.headers, {}, 'no policy, no charge');
      l.throttle('x', new Date(Date.now() + HOUR));
      for (let i = 0; i < THROTTLED_POLICY.requests!.limit; i++) await l.admit(who('x'), 'chat', chat());
      assert.equal((await refusal(l.admit(who('x'), 'chat', chat()))).code, 'WARDEN_RATE_LIMITED');
      l.throttle('x', new Date(Date.now() - 1));
      await l.admit(who('x'), 'chat', chat());
    });
  });
}

/** A memory store that records every call, to check what the limiter asks of its store. */
class RecordingStore extends MemoryLimitStore {
  readonly calls: string[] = [];
  override consume(key: string, cost: number, spec: { limit: number; windowMs: number }) {
    this.calls.push(`consume ${key} ${cost}`);
    return super.consume(key, cost, spec);
  }
  override adjust(key: string, delta: number, spec: { limit: number; windowMs: number }) {
    this.calls.push(`adjust ${key} ${delta}`);
    super.adjust(key, delta, spec);
  }
  override acquire(key: string, lease: string, limit: number, ttlMs: number) {
    this.calls.push(`acquire ${key} ${limit}`);
    return super.acquire(key, lease, limit, ttlMs);
  }
  override release(key: string, lease: string) {
    this.calls.push(`release ${key}`);
    super.release(key, lease);
  }
}

const settle = () => new Promise((r) => setImmediate(r));

describe('limiter details', () => {
  it('touches no store for a principal without any policy', async () => {
    const store = new RecordingStore();
    const l = limiter(store, { tenant: { requests: { limit: 1, windowMs: HOUR } } });
    const a = await l.admit(who('free'), 'chat', chat());
    assert.deepEqual(a.headers, {});
    a.release({ promptTokens: 3, completionTokens: 3 });
    await settle();
    assert.deepEqual(store.calls, []);
  });

  it('asks only for what each policy names, with the scope in each key', async () => {
    const store = new RecordingStore();
    const l = limiter(store, {
      principal: { requests: { limit: 5, windowMs: HOUR } },
      tenant: { concurrent: 2 },
    });
    const a = await l.admit(who('p', 'acme'), 'chat', chat());
    assert.deepEqual(store.calls, ['consume r:p:p 1', 'acquire c:t:acme 2']);
    a.release({ promptTokens: 1, completionTokens: 1 });
    await settle();
    assert.deepEqual(
      store.calls.slice(2),
      ['release c:t:acme'],
      'requests are never settled, leases released',
    );
  });

  it('settles tokens once to prompt plus completion usage; a second release or no usage changes nothing', async () => {
    const store = new RecordingStore();
    const l = limiter(store, { principal: { tokens: { limit: 10_000, windowMs: HOUR } } });
    const a = await l.admit(who('s'), 'chat', chat({ max_tokens: 100 }));
    const reserved = Number(/consume k:p:s (\d+)/.exec(store.calls[0]!)?.[1]);
    assert.ok(reserved > 100, String(reserved));
    a.release({ promptTokens: 7, completionTokens: 3 });
    a.release({ promptTokens: 7, completionTokens: 3 });
    await settle();
    assert.deepEqual(store.calls.slice(1), [`adjust k:p:s ${10 - reserved}`]);
    const b = await l.admit(who('s'), 'chat', chat({ max_tokens: 100 }));
    b.release({ promptTokens: 5 });
    await settle();
    assert.equal(store.calls.at(-1), `adjust k:p:s ${5 - reserved}`, 'prompt tokens alone are usage too');
    const c = await l.admit(who('s'), 'chat', chat({ max_tokens: 100 }));
    const before = store.calls.length;
    c.release(undefined);
    c.release({});
    await settle();
    assert.equal(store.calls.length, before, 'without usage the reservation stands');
  });

  it('bounds max_tokens only for an unbounded completion request', async () => {
    const l = limiter(new MemoryLimitStore(), { principal: { tokens: { limit: 100_000, windowMs: HOUR } } });
    const unbounded = chat();
    await l.admit(who('m'), 'chat', unbounded);
    assert.equal(unbounded.max_tokens, 50);
    const own = chat({ max_completion_tokens: 20 });
    await l.admit(who('m'), 'chat', own);
    assert.equal(own.max_tokens, undefined, 'max_completion_tokens already bounds it');
    const asked = chat({ max_tokens: 7 });
    await l.admit(who('m'), 'chat', asked);
    assert.equal(asked.max_tokens, 7);
    const embed: Record<string, unknown> = { model: 'e', input: 'hello' };
    await l.admit(who('m'), 'embeddings', embed);
    assert.equal(embed.max_tokens, undefined, 'embeddings produce no completion');
  });

  it('reports reset times and windows in readable units, and the principal without its scope prefix', async () => {
    const l = limiter(new MemoryLimitStore(), {
      principal: { requests: { limit: 3, windowMs: 1500 } },
      tenant: { requests: { limit: 1, windowMs: 120_000 } },
    });
    const a = await l.admit(who('u', 'acme'), 'chat', chat());
    assert.equal(a.headers['x-ratelimit-reset-requests'], '500ms');
    const hourly = limiter(new MemoryLimitStore(), { principal: { requests: { limit: 3, windowMs: HOUR } } });
    assert.equal(
      (await hourly.admit(who('h'), 'chat', chat())).headers['x-ratelimit-reset-requests'],
      '1200s',
    );
    const err = await refusal(l.admit(who('v', 'acme'), 'chat', chat()));
    assert.match(err.message, / acme\b/);
    assert.doesNotMatch(err.message, /t:acme/);
    assert.match(err.message, /2m/);
    const retry = Number(err.headers['retry-after']);
    assert.ok(retry > 100 && retry <= 120, `retry-after ${retry}`);
    const seconds = limiter(new MemoryLimitStore(), {
      principal: { requests: { limit: 1, windowMs: 90_000 } },
    });
    await seconds.admit(who('s'), 'chat', chat());
    const late = await refusal(seconds.admit(who('s'), 'chat', chat()));
    assert.match(late.message, /90s/);
    assert.match(late.message, / s\b/, 'the principal id, not p:s');
  });

  it('a cost that can never fit says retry in an hour', async () => {
    const l = limiter(new MemoryLimitStore(), { principal: { tokens: { limit: 100, windowMs: HOUR } } });
    const err = await refusal(l.admit(who('big'), 'chat', chat({ max_tokens: 1000 })));
    assert.equal(err.code, 'WARDEN_TOKEN_QUOTA');
    assert.equal(err.headers['retry-after'], '3600');
  });

  it('a concurrency refusal names the scope and the limit', async () => {
    const l = limiter(new MemoryLimitStore(), { principal: { concurrent: 1 } });
    await l.admit(who('busy'), 'chat', chat());
    const err = await refusal(l.admit(who('busy'), 'chat', chat()));
    assert.equal(err.message, 'Too many concurrent requests for busy (limit 1)');
  });
});

describe('SQLite limit store', () => {
  it('keeps its state in the database: a second store on the same file sees the same counts', async () => {
    const dir = sqliteDir();
    const spec = { limit: 2, windowMs: HOUR };
    const a = sqliteStore(dir);
    const b = sqliteStore(dir);
    assert.equal(a.consume('k', 1, spec).allowed, true);
    assert.equal(b.consume('k', 1, spec).allowed, true);
    assert.equal(a.consume('k', 1, spec).allowed, false);
    b.adjust('k', -1, spec);
    assert.equal(a.consume('k', 1, spec).allowed, true);
    assert.equal(a.acquire('c', 'l1', 1, HOUR), true);
    assert.equal(b.acquire('c', 'l2', 1, HOUR), false);
    b.release('c', 'l1');
    assert.equal(b.acquire('c', 'l2', 1, HOUR), true);
    assert.equal(a.acquire('c', 'l3', 2, HOUR), true);
  });

  it('expired leases no longer count', () => {
    const s = sqliteStore();
    assert.equal(s.acquire('c', 'old', 1, -1), true);
    assert.equal(s.acquire('c', 'new', 1, HOUR), true, 'the expired lease was dropped');
  });
});

describe('limiter failing closed', () => {
  it('a store that throws refuses with 503 WARDEN_LIMITS_UNAVAILABLE and rolls back nothing it did not take', async () => {
    const broken: LimitStore = {
      kind: 'broken',
      consume() {
        throw new Error('disk I/O error');
      },
      adjust() {},
      acquire() {
        return true;
      },
      release() {},
    };
    const err = await refusal(
      limiter(broken, { principal: { requests: { limit: 5, windowMs: HOUR } } }).admit(
        who('p'),
        'chat',
        chat(),
      ),
    );
    assert.equal(err.code, 'WARDEN_LIMITS_UNAVAILABLE');
    assert.equal(err.status, 503);
    assert.ok(!err.message.includes('disk I/O'), 'the store error stays out of the message');
  });
});
