// The identity gate's answers, unit by unit: the Authorization header, API keys (revoked, expired, rotated),
// JWTs handed to the verifier, bans of a principal and of its tenant, failing stores, scopes and model lists.
import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { describe, it } from 'node:test';
import type { Principal } from '../core/context.js';
import { WardenError } from '../core/errors.js';
import type { Limiter } from '../limits/limiter.js';
import { MemoryBanStore, MemoryKeyStore } from '../store/memory/identity.js';
import type { BanStore, KeyRecord, KeyStore } from '../store/types.js';
import type { Admission } from './access.js';
import { IdentityGate, type IdentityGateOptions, modelAllowed, ROUTE_SCOPE } from './gate.js';
import type { JwtVerifier } from './jwt.js';
import { generateKey, hashSecret } from './keys.js';
import { AuthThrottle } from './throttle.js';

const serverSecret = Buffer.alloc(32, 9);

function setup(opts: Partial<IdentityGateOptions> = {}) {
  const keys = new MemoryKeyStore();
  const bans = new MemoryBanStore();
  const gate = new IdentityGate({ keys, bans, serverSecret, ...opts });
  const add = (rec: Partial<KeyRecord> = {}) => {
    const k = generateKey();
    const record: KeyRecord = {
      id: k.id,
      principal: `key:${k.id}`,
      name: 'a key',
      scopes: ['chat'],
      models: ['gpt-*'],
      labels: { env: 'test' },
      hash: hashSecret(serverSecret, k.secret),
      createdAt: Date.now(),
      ...rec,
    };
    keys.put(record);
    return { ...k, record };
  };
  return { gate, keys, bans, add };
}

const withHeader = (authorization: string | undefined, address = '10.0.0.1'): IncomingMessage =>
  ({
    headers: authorization === undefined ? {} : { authorization },
    socket: { remoteAddress: address },
  }) as IncomingMessage;

async function failure(p: Promise<unknown> | (() => unknown)): Promise<WardenError> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (err) {
    assert.ok(err instanceof WardenError, `a WardenError, not ${String(err)}`);
    return err;
  }
  assert.fail('expected a refusal');
}

const principal = (p: Partial<Principal> = {}): Principal => ({
  id: 'key:p',
  kind: 'apiKey',
  scopes: ['chat'],
  models: ['gpt-*'],
  ...p,
});

describe('identity gate: the Authorization header', () => {
  it('an absent or empty header is missing, anything but Bearer <one token> is malformed', async () => {
    const { gate, add } = setup();
    const k = add();
    assert.equal((await failure(gate.authenticate(withHeader(undefined)))).code, 'WARDEN_AUTH_MISSING');
    assert.equal((await failure(gate.authenticate(withHeader('')))).code, 'WARDEN_AUTH_MISSING');
    for (const bad of [
      `Basic ${k.token}`,
      `xBearer ${k.token}`,
      `Bearer ${k.token} extra`,
      `Bearer ${k.token}\n`,
      'Bearer',
    ]) {
      const err = await failure(gate.authenticate(withHeader(bad)));
      assert.equal(err.code, 'WARDEN_AUTH_MALFORMED', JSON.stringify(bad));
      assert.match(err.message, /Bearer <token>/);
    }
  });

  it('accepts the scheme in any case and several spaces before the token', async () => {
    const { gate, add } = setup();
    const k = add();
    for (const header of [`Bearer ${k.token}`, `bearer ${k.token}`, `BEARER   ${k.token}`]) {
      assert.equal((await gate.authenticate(withHeader(header))).id, k.record.principal, header);
    }
  });

  it('authenticates a raw token with or without a socket', async () => {
    const { gate, add } = setup();
    const k = add();
    assert.equal((await gate.authenticateToken(k.token)).id, k.record.principal);
    const socket = { remoteAddress: '10.0.0.2' } as IncomingMessage['socket'];
    assert.equal((await gate.authenticateToken(k.token, socket)).id, k.record.principal);
    assert.equal((await failure(gate.authenticateToken('wdn_nope'))).code, 'WARDEN_AUTH_MALFORMED');
  });

  it('throttles failures per client address, and counts only failures', async () => {
    const throttle = new AuthThrottle({ limit: 2, windowMs: 60_000 });
    const { gate, add } = setup({ throttle });
    const k = add();
    const bad = `Bearer wdn_${k.id}_${generateKey().secret}`;
    assert.equal((await failure(gate.authenticate(withHeader(bad)))).code, 'WARDEN_AUTH_INVALID');
    assert.equal((await failure(gate.authenticate(withHeader(bad)))).code, 'WARDEN_AUTH_INVALID');
    const throttled = await failure(gate.authenticate(withHeader(`Bearer ${k.token}`)));
    assert.equal(throttled.code, 'WARDEN_AUTH_THROTTLED', 'even the right key waits once throttled');
    assert.equal(
      (await gate.authenticate(withHeader(`Bearer ${k.token}`, '10.0.0.9'))).id,
      k.record.principal,
    );
  });
});

describe('identity gate: API keys', () => {
  it('a key becomes its principal: kind, scopes, models, name, labels, key id, tenant', async () => {
    const { gate, add } = setup();
    const plain = add();
    assert.deepEqual(await gate.authenticate(withHeader(`Bearer ${plain.token}`)), {
      id: plain.record.principal,
      kind: 'apiKey',
      scopes: ['chat'],
      models: ['gpt-*'],
      name: 'a key',
      labels: { env: 'test' },
      keyId: plain.id,
    });
    const tenant = add({ tenant: 'acme' });
    const p = await gate.authenticate(withHeader(`Bearer ${tenant.token}`));
    assert.equal(p.tenant, 'acme');
  });

  it('a token that only starts like a key is malformed; an unknown id or wrong secret is invalid', async () => {
    const { gate, add } = setup();
    const k = add();
    const short = await failure(gate.authenticate(withHeader(`Bearer wdn_${k.id}_short`)));
    assert.equal(short.code, 'WARDEN_AUTH_MALFORMED');
    assert.match(short.message, /well-formed Warden API key/);
    const unknown = generateKey().token;
    assert.equal(
      (await failure(gate.authenticate(withHeader(`Bearer ${unknown}`)))).code,
      'WARDEN_AUTH_INVALID',
    );
    const wrong = `Bearer wdn_${k.id}_${generateKey().secret}`;
    assert.equal((await failure(gate.authenticate(withHeader(wrong)))).code, 'WARDEN_AUTH_INVALID');
  });

  it('a revoked key is refused, and an expired one from the instant it expires', async () => {
    const { gate, add } = setup();
    const revoked = add({ revokedAt: Date.now() - 1 });
    assert.equal(
      (await failure(gate.authenticate(withHeader(`Bearer ${revoked.token}`)))).code,
      'WARDEN_KEY_REVOKED',
    );
    const now = Date.now();
    const expiring = add({ expiresAt: now + 60_000 });
    const later = add({ expiresAt: now + 60_001 });
    const original = Date.now;
    Date.now = () => now + 60_000;
    try {
      const err = await failure(gate.authenticate(withHeader(`Bearer ${expiring.token}`)));
      assert.equal(err.code, 'WARDEN_KEY_EXPIRED');
      assert.equal((await gate.authenticate(withHeader(`Bearer ${later.token}`))).id, later.record.principal);
    } finally {
      Date.now = original;
    }
    assert.equal(
      (await gate.authenticate(withHeader(`Bearer ${expiring.token}`))).id,
      expiring.record.principal,
      'valid before its expiry',
    );
  });

  it('a key or ban store that fails is 503 unavailable, with the cause kept', async () => {
    const boom = new Error('disk gone');
    const keys = {
      get: () => {
        throw boom;
      },
    } as unknown as KeyStore;
    const gate = new IdentityGate({ keys, bans: new MemoryBanStore(), serverSecret });
    const err = await failure(gate.authenticate(withHeader(`Bearer ${generateKey().token}`)));
    assert.equal(err.code, 'WARDEN_IDENTITY_UNAVAILABLE');
    assert.equal(err.status, 503);
    assert.equal(err.cause, boom);

    const { add } = setup();
    const k = add();
    const store = new MemoryKeyStore();
    store.put(k.record);
    const bans = { get: async () => Promise.reject(boom) } as unknown as BanStore;
    const banless = new IdentityGate({ keys: store, bans, serverSecret });
    const banErr = await failure(banless.authenticate(withHeader(`Bearer ${k.token}`)));
    assert.equal(banErr.code, 'WARDEN_IDENTITY_UNAVAILABLE');
    assert.equal(banErr.cause, boom);
  });
});

describe('identity gate: bans', () => {
  it('a banned principal is refused with the ban reason and its end', async () => {
    const { gate, bans, add } = setup();
    const k = add();
    const until = Date.now() + 3_600_000;
    bans.add({ principal: k.record.principal, reason: 'abuse', by: 'admin', createdAt: 0, expiresAt: until });
    const err = await failure(gate.authenticate(withHeader(`Bearer ${k.token}`)));
    assert.equal(err.code, 'WARDEN_BANNED');
    assert.deepEqual(err.params, { until: new Date(until).toISOString(), reason: 'abuse' });
  });

  it('a ban without an end lasts until further notice, and its reason is cut to 200 characters', async () => {
    const { gate, bans, add } = setup();
    const k = add();
    bans.add({ principal: k.record.principal, reason: 'r'.repeat(300), by: 'admin', createdAt: 0 });
    const err = await failure(gate.authenticate(withHeader(`Bearer ${k.token}`)));
    assert.deepEqual(err.params, { until: 'further notice', reason: 'r'.repeat(200) });
  });

  it("a tenant ban refuses the tenant's keys and no others", async () => {
    const { gate, bans, add } = setup();
    const acme = add({ tenant: 'acme' });
    const other = add({ tenant: 'other' });
    const none = add();
    bans.add({ principal: 'tenant:acme', reason: 'unpaid', by: 'admin', createdAt: 0 });
    assert.equal(
      (await failure(gate.authenticate(withHeader(`Bearer ${acme.token}`)))).code,
      'WARDEN_BANNED',
    );
    assert.equal((await gate.authenticate(withHeader(`Bearer ${other.token}`))).tenant, 'other');
    assert.equal((await gate.authenticate(withHeader(`Bearer ${none.token}`))).id, none.record.principal);
    // The principal's own ban is found first even when the tenant is banned too.
    bans.add({ principal: acme.record.principal, reason: 'own', by: 'admin', createdAt: 0 });
    assert.equal((await failure(gate.authenticate(withHeader(`Bearer ${acme.token}`)))).params.reason, 'own');
  });
});

describe('identity gate: JWTs', () => {
  const jwtPrincipal: Principal = { id: 'jwt:alice', kind: 'jwt', scopes: ['chat'], models: ['*'] };
  const verifier = (seen: string[]) =>
    ({
      verify: async (token: string) => {
        seen.push(token);
        return jwtPrincipal;
      },
    }) as unknown as JwtVerifier;

  it('a token that is not a key goes to the JWT verifier, when there is one', async () => {
    const seen: string[] = [];
    const { gate } = setup({ jwt: verifier(seen) });
    assert.deepEqual(await gate.authenticate(withHeader('Bearer aaa.bbb.ccc')), jwtPrincipal);
    assert.deepEqual(seen, ['aaa.bbb.ccc']);
    for (const bad of ['aaa.bbb', 'aaa.bbb.ccc.ddd', 'aaa']) {
      const err = await failure(gate.authenticate(withHeader(`Bearer ${bad}`)));
      assert.equal(err.code, 'WARDEN_JWT_INVALID', bad);
      assert.match(err.message, /JWS compact/);
    }
    assert.deepEqual(seen, ['aaa.bbb.ccc'], 'a token of the wrong shape never reaches the verifier');
  });

  it('without a verifier a non-key token is malformed, and a JWT principal can be banned', async () => {
    const { gate } = setup();
    const err = await failure(gate.authenticate(withHeader('Bearer aaa.bbb.ccc')));
    assert.equal(err.code, 'WARDEN_AUTH_MALFORMED');
    assert.match(err.message, /Warden API key \(wdn_/);
    const banned = setup({ jwt: verifier([]) });
    banned.bans.add({ principal: 'jwt:alice', reason: 'x', by: 'admin', createdAt: 0 });
    assert.equal((await failure(banned.gate.authenticate(withHeader('Bearer a.b.c')))).code, 'WARDEN_BANNED');
  });
});

describe('identity gate: console sessions', () => {
  it('re-validates the key of a session: unknown, revoked, rotated, expired and banned keys end it', async () => {
    const { gate, bans, add } = setup();
    const ok = add({ tenant: 't1' });
    assert.deepEqual(await gate.sessionPrincipal(ok.id), await gate.authenticateToken(ok.token));
    assert.equal((await failure(gate.sessionPrincipal('zzzzzzzzzzzz'))).code, 'WARDEN_AUTH_INVALID');
    assert.equal(
      (await failure(gate.sessionPrincipal(add({ revokedAt: Date.now() }).id))).code,
      'WARDEN_KEY_REVOKED',
    );
    const rotated = add({ rotatedTo: 'successor00' });
    assert.equal((await failure(gate.sessionPrincipal(rotated.id))).code, 'WARDEN_KEY_REVOKED');
    assert.equal(
      (await gate.authenticateToken(rotated.token)).id,
      rotated.record.principal,
      'an API client keeps the grace period',
    );
    assert.equal(
      (await failure(gate.sessionPrincipal(add({ expiresAt: Date.now() - 1 }).id))).code,
      'WARDEN_KEY_EXPIRED',
    );
    bans.add({ principal: 'tenant:t1', reason: 'x', by: 'admin', createdAt: 0 });
    assert.equal((await failure(gate.sessionPrincipal(ok.id))).code, 'WARDEN_BANNED');
  });
});

describe('identity gate: scopes and models', () => {
  const { gate } = setup();

  it('names the scope each route needs', () => {
    assert.deepEqual(ROUTE_SCOPE, {
      chat: 'chat',
      completions: 'completions',
      embeddings: 'embeddings',
      models: 'models',
    });
  });

  it('refuses a scope the principal lacks on every route', async () => {
    for (const route of ['chat', 'completions', 'embeddings'] as const) {
      gate.authorize(principal({ scopes: [route] }), route, 'gpt-4o');
      const e = await failure(() => gate.authorize(principal({ scopes: ['models'] }), route, 'gpt-4o'));
      assert.equal(e.code, 'WARDEN_SCOPE_DENIED', route);
      assert.deepEqual(e.params, { scope: route });
    }
  });

  it('a model outside the allow-list is refused; no list at all allows no model', async () => {
    const e = await failure(() => gate.authorize(principal(), 'chat', 'claude-3'));
    assert.equal(e.code, 'WARDEN_MODEL_DENIED');
    assert.deepEqual(e.params, { model: 'claude-3' });
    assert.equal(
      (await failure(() => gate.authorize(principal({ models: undefined }), 'chat', 'gpt-4o'))).code,
      'WARDEN_MODEL_DENIED',
    );
    assert.equal(gate.canSeeModel(principal(), 'gpt-4o'), true);
    assert.equal(gate.canSeeModel(principal(), 'claude-3'), false);
    assert.equal(gate.canSeeModel(principal({ models: undefined }), 'gpt-4o'), false);
    assert.equal(modelAllowed(undefined, 'anything'), true, 'no list (anonymous mode) restricts nothing');
    assert.equal(modelAllowed([], 'anything'), false);
    assert.equal(modelAllowed(['a*'], 'abc'), true);
    assert.equal(modelAllowed(['a*'], 'bcd'), false);
  });

  it('requireScope refuses a missing scope by name', async () => {
    gate.requireScope(principal({ scopes: ['admin'] }), 'admin');
    const e = await failure(() => gate.requireScope(principal(), 'admin'));
    assert.equal(e.code, 'WARDEN_SCOPE_DENIED');
    assert.deepEqual(e.params, { scope: 'admin' });
  });

  it('admission goes to the limiter when there is one; without it nothing is limited', async () => {
    const none = await gate.admit(principal(), 'chat', {});
    assert.deepEqual(none.headers, {});
    none.release(undefined);
    const admission: Admission = { headers: { 'x-ratelimit-limit': '1' }, release() {} };
    const calls: unknown[] = [];
    const limiter = {
      admit: (...args: unknown[]) => {
        calls.push(args);
        return admission;
      },
    } as unknown as Limiter;
    const limited = setup({ limiter }).gate;
    const body = { model: 'm' };
    assert.equal(await limited.admit(principal(), 'chat', body), admission);
    assert.deepEqual(calls, [[principal(), 'chat', body]]);
  });
});
