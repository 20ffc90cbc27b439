// Failed-authentication throttling per address, on an explicit clock: which errors count, when the address is
// refused, the retry-after it is told, refill, and addresses kept apart.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WardenError } from '../core/errors.js';
import { AuthThrottle } from './throttle.js';

const spec = { limit: 3, windowMs: 60_000 };

function throttled(t: AuthThrottle, address: string | undefined, now: number): WardenError | undefined {
  try {
    t.check(address, now);
    return undefined;
  } catch (err) {
    assert.ok(err instanceof WardenError);
    return err;
  }
}

describe('AuthThrottle', () => {
  it('refuses an address with 429 and retry-after once its failures are used up, until they refill', () => {
    const t = new AuthThrottle(spec);
    assert.equal(throttled(t, '10.0.0.1', 0), undefined, 'an unknown address passes');
    for (let i = 0; i < 3; i++) {
      assert.equal(throttled(t, '10.0.0.1', 0), undefined, `before failure ${i + 1}`);
      t.record('10.0.0.1', new WardenError('WARDEN_AUTH_INVALID'), 0);
    }
    const err = throttled(t, '10.0.0.1', 0);
    assert.equal(err?.code, 'WARDEN_AUTH_THROTTLED');
    assert.equal(err?.status, 429);
    assert.deepEqual(err?.params, { retryAfter: 20 });
    assert.deepEqual(err?.headers, { 'retry-after': '20' });
    assert.deepEqual(throttled(t, '10.0.0.1', 19_500)?.headers, { 'retry-after': '1' }, 'rounded up');
    assert.deepEqual(throttled(t, '10.0.0.1', 10_600)?.params, { retryAfter: 10 }, '9.4 s is rounded up');
    assert.equal(throttled(t, '10.0.0.1', 20_000), undefined, 'one failure refilled');
    assert.equal(throttled(t, '10.0.0.2', 0), undefined, 'another address is not affected');
  });

  it('a failure while throttled does not push the refill back', () => {
    const t = new AuthThrottle(spec);
    for (let i = 0; i < 3; i++) t.record('a', new WardenError('WARDEN_AUTH_INVALID'), 0);
    for (let i = 0; i < 5; i++) t.record('a', new WardenError('WARDEN_AUTH_INVALID'), 0);
    assert.equal(throttled(t, 'a', 20_000), undefined);
  });

  it('counts credential failures only: not bans, outages, throttling or other errors', () => {
    const failures = [
      'WARDEN_AUTH_MALFORMED',
      'WARDEN_AUTH_INVALID',
      'WARDEN_KEY_REVOKED',
      'WARDEN_KEY_EXPIRED',
      'WARDEN_JWT_INVALID',
      'WARDEN_JWT_EXPIRED',
      'WARDEN_JWT_NOT_YET_VALID',
      'WARDEN_JWT_AUDIENCE',
      'WARDEN_JWT_ISSUER',
      'WARDEN_JWT_ALGORITHM',
      'WARDEN_JWT_UNKNOWN_KEY',
    ] as const;
    for (const code of failures) {
      const t = new AuthThrottle({ limit: 1, windowMs: 60_000 });
      t.record('a', new WardenError(code), 0);
      assert.equal(throttled(t, 'a', 0)?.code, 'WARDEN_AUTH_THROTTLED', code);
    }
    const t = new AuthThrottle({ limit: 1, windowMs: 60_000 });
    for (const code of ['WARDEN_AUTH_MISSING', 'WARDEN_BANNED', 'WARDEN_IDENTITY_UNAVAILABLE'] as const)
      t.record('a', new WardenError(code), 0);
    t.record('a', new Error('WARDEN_AUTH_INVALID'), 0);
    t.record('a', { code: 'WARDEN_AUTH_INVALID' }, 0);
    assert.equal(throttled(t, 'a', 0), undefined);
  });

  it('an unknown address is never throttled nor counted', () => {
    const t = new AuthThrottle({ limit: 1, windowMs: 60_000 });
    t.record(undefined, new WardenError('WARDEN_AUTH_INVALID'), 0);
    t.record(undefined, new WardenError('WARDEN_AUTH_INVALID'), 0);
    assert.equal(throttled(t, undefined, 0), undefined);
    assert.equal(throttled(t, 'undefined', 0), undefined);
  });

  it('uses the current time when none is given', () => {
    const t = new AuthThrottle({ limit: 1, windowMs: 3_600_000 });
    t.record('a', new WardenError('WARDEN_AUTH_INVALID'));
    assert.equal(throttled(t, 'a', Date.now())?.code, 'WARDEN_AUTH_THROTTLED');
    t.record('b', new WardenError('WARDEN_AUTH_INVALID'), Date.now());
    assert.throws(() => t.check('b'), { code: 'WARDEN_AUTH_THROTTLED' });
  });
});
