// The limiter's admission contract on the memory store: which scope's headers a client sees, how windows and
// resets read, throttles kept per principal, a malformed maximum refused before anything is taken, and settlement.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Principal } from '../core/context.js';
import { WardenError } from '../core/errors.js';
import type { GcraResult, RateSpec } from './gcra.js';
import { Limiter, type LimiterOptions, THROTTLED_POLICY } from './limiter.js';
import { type LimitStore, MemoryLimitStore } from './store.js';

const HOUR = 3_600_000;

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

/** A memory store that records the token settlements it is asked for. */
class SettlementStore extends MemoryLimitStore {
  readonly adjusts: number[] = [];
  readonly costs: number[] = [];
  override consume(key: string, cost: number, spec: RateSpec): GcraResult {
    if (key.startsWith('k:')) this.costs.push(cost);
    return super.consume(key, cost, spec);
  }
  override adjust(key: string, delta: number, spec: RateSpec): void {
    this.adjusts.push(delta);
    super.adjust(key, delta, spec);
  }
}

const settle = () => new Promise((r) => setImmediate(r));

describe('limiter headers and messages', () => {
  it('headers come from the first scope that has a policy: the tenant when the principal has none', async () => {
    const l = limiter(new MemoryLimitStore(), { tenant: { requests: { limit: 4, windowMs: HOUR } } });
    const a = await l.admit(who('p', 'acme'), 'chat', chat());
    assert.equal(a.headers['x-ratelimit-limit-requests'], '4');
    assert.equal(a.headers['x-ratelimit-remaining-requests'], '3');
  });

  it('token headers are the principal quota, not the tenant quota charged after it', async () => {
    const l = limiter(new MemoryLimitStore(), {
      principal: { tokens: { limit: 1_000, windowMs: HOUR } },
      tenant: { tokens: { limit: 5_000, windowMs: HOUR } },
    });
    const a = await l.admit(who('p', 'acme'), 'chat', chat());
    assert.equal(a.headers['x-ratelimit-limit-tokens'], '1000');
    assert.ok(Number(a.headers['x-ratelimit-remaining-tokens']) < 1_000);
  });

  it('a reset of exactly one second reads 1s, just under reads in milliseconds', async () => {
    const second = limiter(new MemoryLimitStore(), {
      principal: { requests: { limit: 3, windowMs: 3_000 } },
    });
    assert.equal((await second.admit(who('a'), 'chat', chat())).headers['x-ratelimit-reset-requests'], '1s');
    const under = limiter(new MemoryLimitStore(), { principal: { requests: { limit: 4, windowMs: 3_996 } } });
    assert.equal(
      (await under.admit(who('b'), 'chat', chat())).headers['x-ratelimit-reset-requests'],
      '999ms',
    );
  });

  it('a store that reports no reset time gives "never", not a number', async () => {
    const endless: LimitStore = {
      kind: 'endless',
      consume: () => ({
        allowed: true,
        retryAfterMs: 0,
        remaining: 0,
        resetMs: Number.POSITIVE_INFINITY,
        tat: 0,
      }),
      adjust() {},
      acquire: () => true,
      release() {},
    };
    const l = limiter(endless, { principal: { requests: { limit: 1, windowMs: HOUR } } });
    assert.equal((await l.admit(who('e'), 'chat', chat())).headers['x-ratelimit-reset-requests'], 'never');
  });

  it('names a window that is not whole minutes in seconds, whole minutes in minutes, whole hours in hours', async () => {
    const windowOf = async (windowMs: number) => {
      const l = limiter(new MemoryLimitStore(), { principal: { requests: { limit: 1, windowMs } } });
      await l.admit(who('w'), 'chat', chat());
      return (await refusal(l.admit(who('w'), 'chat', chat()))).params.window;
    };
    assert.equal(await windowOf(45_000), '45s');
    assert.equal(await windowOf(90_000), '90s');
    assert.equal(await windowOf(180_000), '3m');
    assert.equal(await windowOf(2 * HOUR), '2h');
  });

  it('a store failure keeps the store error as the cause, out of the message', async () => {
    const failure = new Error('connection reset');
    const broken: LimitStore = {
      kind: 'broken',
      consume() {
        throw failure;
      },
      adjust() {},
      acquire: () => true,
      release() {},
    };
    const err = await refusal(
      limiter(broken, { principal: { tokens: { limit: 100, windowMs: HOUR } } }).admit(
        who('p'),
        'chat',
        chat(),
      ),
    );
    assert.equal(err.code, 'WARDEN_LIMITS_UNAVAILABLE');
    assert.equal(err.cause, failure);
  });
});

describe('limiter throttles per principal', () => {
  it('two throttled principals each get the throttled budget, not one shared between them', async () => {
    const l = limiter(new MemoryLimitStore());
    const until = new Date(Date.now() + HOUR);
    l.throttle('a', until);
    l.throttle('b', until);
    const limit = THROTTLED_POLICY.requests!.limit;
    for (let i = 0; i < limit; i++) await l.admit(who('a'), 'chat', chat());
    for (let i = 0; i < limit; i++) await l.admit(who('b'), 'chat', chat());
    const err = await refusal(l.admit(who('a'), 'chat', chat()));
    assert.equal(err.code, 'WARDEN_RATE_LIMITED');
    assert.equal(err.params.principal, 'a');
    assert.equal(err.params.limit, limit);
  });
});

describe('limiter refusing a malformed completion maximum', () => {
  it('refuses before any lease or charge is taken, even when a later scope has no token quota', async () => {
    const l = limiter(new MemoryLimitStore(), {
      principal: {
        concurrent: 1,
        requests: { limit: 1, windowMs: HOUR },
        tokens: { limit: 10_000, windowMs: HOUR },
      },
      tenant: { requests: { limit: 10, windowMs: HOUR } },
    });
    const bad = await refusal(l.admit(who('p', 'acme'), 'chat', chat({ max_tokens: 'lots' })));
    assert.equal(bad.code, 'WARDEN_BAD_REQUEST');
    // Neither the concurrency slot nor the one request of the hour was spent on the refused request.
    const ok = await l.admit(who('p', 'acme'), 'chat', chat({ max_tokens: 10 }));
    assert.equal(ok.headers['x-ratelimit-remaining-requests'], '0');
  });

  it('leaves the maxima alone where nothing is reserved for a completion', async () => {
    const requestsOnly = limiter(new MemoryLimitStore(), {
      principal: { requests: { limit: 5, windowMs: HOUR } },
    });
    const body = chat({ max_tokens: null });
    await requestsOnly.admit(who('r'), 'chat', body);
    assert.ok('max_tokens' in body, 'no token quota: the limiter does not touch the maximum');
    const quota = limiter(new MemoryLimitStore(), {
      principal: { tokens: { limit: 10_000, windowMs: HOUR } },
    });
    const embed: Record<string, unknown> = { model: 'e', input: 'hello', max_tokens: 'n/a' };
    const a = await quota.admit(who('e'), 'embeddings', embed);
    assert.ok(
      Number(a.headers['x-ratelimit-remaining-tokens']) < 10_000,
      'embeddings are charged their input',
    );
    assert.equal(embed.max_tokens, 'n/a');
  });
});

describe('limiter settlement', () => {
  const quota = { principal: { tokens: { limit: 100_000, windowMs: HOUR } } };

  it('completion tokens alone are usage', async () => {
    const store = new SettlementStore();
    const a = await limiter(store, quota).admit(who('s'), 'chat', chat({ max_tokens: 100 }));
    a.release({ completionTokens: 4 });
    await settle();
    assert.deepEqual(store.adjusts, [4 - store.costs[0]!]);
  });

  it('usage without any count keeps the reservation', async () => {
    const store = new SettlementStore();
    const a = await limiter(store, quota).admit(who('s'), 'chat', chat({ max_tokens: 100 }));
    a.release({});
    await settle();
    assert.deepEqual(store.adjusts, []);
  });

  it('usage equal to the reservation needs no adjustment', async () => {
    const store = new SettlementStore();
    const a = await limiter(store, quota).admit(who('s'), 'chat', chat({ max_tokens: 100 }));
    const reserved = store.costs[0]!;
    a.release({ promptTokens: reserved - 100, completionTokens: 100 });
    await settle();
    assert.deepEqual(store.adjusts, []);
  });
});
