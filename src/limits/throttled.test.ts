// A limiter throttle (set by the extraction detector) ends at its instant, on a clock held still.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import type { Principal } from '../core/context.js';
import { WardenError } from '../core/errors.js';
import { Limiter, THROTTLED_POLICY } from './limiter.js';
import { MemoryLimitStore } from './store.js';

const NOW = 1_700_000_000_000;
const realNow = Date.now;
afterEach(() => {
  Date.now = realNow;
});

const who: Principal = { id: 'key:x', kind: 'apiKey', scopes: ['chat'] };
const body = () => ({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });
const limiter = () =>
  new Limiter(new MemoryLimitStore(), {
    principal: {},
    tenant: {},
    overrides: {},
    defaultCompletionTokens: 50,
  });

async function admittedOf(l: Limiter, n: number): Promise<number> {
  let admitted = 0;
  for (let i = 0; i < n; i++) {
    try {
      await l.admit(who, 'chat', body());
      admitted++;
    } catch (err) {
      assert.ok(err instanceof WardenError);
      assert.equal(err.code, 'WARDEN_RATE_LIMITED');
    }
  }
  return admitted;
}

describe('limiter throttles', () => {
  const limit = THROTTLED_POLICY.requests!.limit;

  it('a throttle until a later instant applies the throttled policy', async () => {
    Date.now = () => NOW;
    const l = limiter();
    l.throttle(who.id, new Date(NOW + 1));
    assert.equal(await admittedOf(l, limit + 2), limit);
  });

  it('a throttle until now has ended', async () => {
    Date.now = () => NOW;
    const l = limiter();
    l.throttle(who.id, new Date(NOW));
    assert.equal(await admittedOf(l, limit + 2), limit + 2);
  });
});
