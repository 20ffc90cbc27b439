// JWT verification beyond the happy path: keys fetched from a JWKS endpoint (and its failures), several static
// keys in one verifier, how long a verified token stays cached (never past its expiry), and the refusals' words.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { exportJWK, exportSPKI, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import type { LRUCache } from 'lru-cache';
import { WardenError } from '../core/errors.js';
import { type JwtOptions, JwtVerifier } from './jwt.js';

type Pair = Awaited<ReturnType<typeof generateKeyPair>>;
let ed: Pair;
let other: Pair;
let es: Pair;
let server: Server;
let jwksUrl: string;
let jwksStatus = 200;
let jwksHits = 0;

const ISS = 'https://issuer.test';

before(async () => {
  ed = await generateKeyPair('EdDSA', { extractable: true });
  other = await generateKeyPair('EdDSA', { extractable: true });
  es = await generateKeyPair('ES256', { extractable: true });
  const jwk = { ...(await exportJWK(ed.publicKey)), kid: 'k1', alg: 'EdDSA', use: 'sig' };
  server = createServer((_req, res) => {
    jwksHits++;
    res.writeHead(jwksStatus, { 'content-type': 'application/json' });
    res.end(jwksStatus === 200 ? JSON.stringify({ keys: [jwk] }) : '{"error":"down"}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
});
after(() => new Promise<void>((r) => server.close(() => r())));

function options(over: Partial<JwtOptions> = {}): JwtOptions {
  return {
    issuer: ISS,
    audience: 'warden',
    algorithms: ['EdDSA'],
    clockToleranceSec: 0,
    claims: { principal: 'sub', scopes: 'scope' },
    models: [],
    defaultScopes: [],
    ...over,
  };
}

function sign(claims: JWTPayload, o: { key?: Pair; alg?: string; kid?: string; exp?: string | number } = {}) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: o.alg ?? 'EdDSA', kid: o.kid ?? 'k1' })
    .setIssuer(ISS)
    .setAudience('warden')
    .setExpirationTime(o.exp ?? '10m')
    .sign((o.key ?? ed).privateKey);
}

async function refusal(p: Promise<unknown>): Promise<WardenError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof WardenError, String(err));
    return err;
  }
  assert.fail('the token was accepted');
}

/** The verifier's token cache, read structurally (how long an entry may still be served). */
function cacheOf(v: JwtVerifier): LRUCache<string, object> {
  return (v as unknown as { cache: LRUCache<string, object> }).cache;
}
const keyOf = (token: string) => createHash('sha256').update(token).digest('base64url');

describe('JwtVerifier with a JWKS endpoint', () => {
  it('verifies a token with a key from the JWKS and refuses an unknown key id', async () => {
    jwksStatus = 200;
    const v = new JwtVerifier(options({ jwksUrl }));
    assert.equal((await v.verify(await sign({ sub: 'a' }))).id, 'jwt:a');
    assert.ok(jwksHits > 0);
    assert.equal(
      (await refusal(v.verify(await sign({ sub: 'a' }, { kid: 'k9' })))).code,
      'WARDEN_JWT_UNKNOWN_KEY',
    );
  });

  it('refuses tokens, as invalid with the failure named, when the JWKS endpoint fails', async () => {
    jwksStatus = 500;
    try {
      const v = new JwtVerifier(options({ jwksUrl }));
      const err = await refusal(v.verify(await sign({ sub: 'a' })));
      assert.equal(err.code, 'WARDEN_JWT_INVALID');
      assert.match(err.message, /ERR_JOSE_GENERIC|ERR_JWKS/);
    } finally {
      jwksStatus = 200;
    }
  });
});

describe('JwtVerifier static keys', () => {
  it('imports each key apart: tokens of two key ids verify in turn', async () => {
    const v = new JwtVerifier(
      options({
        keys: [
          { kid: 'k1', pem: await exportSPKI(ed.publicKey) },
          { kid: 'k2', jwk: { ...(await exportJWK(other.publicKey)) } },
        ],
      }),
    );
    assert.equal((await v.verify(await sign({ sub: 'b' }, { kid: 'k2', key: other }))).id, 'jwt:b');
    assert.equal((await v.verify(await sign({ sub: 'a' }, { kid: 'k1' }))).id, 'jwt:a');
    assert.equal((await v.verify(await sign({ sub: 'c' }, { kid: 'k2', key: other }))).id, 'jwt:c');
  });

  it('refuses a token whose algorithm does not fit the key, as invalid', async () => {
    const v = new JwtVerifier(
      options({ algorithms: ['EdDSA', 'ES256'], keys: [{ kid: 'k1', pem: await exportSPKI(ed.publicKey) }] }),
    );
    const err = await refusal(v.verify(await sign({ sub: 'a' }, { key: es, alg: 'ES256' })));
    assert.equal(err.code, 'WARDEN_JWT_INVALID');
  });

  it('refuses a configuration that allows an HMAC algorithm beside asymmetric ones', async () => {
    const pem = await exportSPKI(ed.publicKey);
    assert.throws(
      () => new JwtVerifier(options({ keys: [{ pem }], algorithms: ['EdDSA', 'HS512'] })),
      /HMAC/,
    );
    assert.doesNotThrow(() => new JwtVerifier(options({ keys: [{ pem }], algorithms: ['EdDSA', 'RS256'] })));
  });
});

describe('JwtVerifier cache and refusal details', () => {
  async function staticVerifier(over: Partial<JwtOptions> = {}) {
    return new JwtVerifier(options({ keys: [{ kid: 'k1', pem: await exportSPKI(ed.publicKey) }], ...over }));
  }

  it('caches a verified token for a minute at most, and never past its expiry', async () => {
    const v = await staticVerifier();
    const long = await sign({ sub: 'a' }, { exp: '10m' });
    await v.verify(long);
    const longTtl = cacheOf(v).getRemainingTTL(keyOf(long));
    assert.ok(longTtl > 50_000 && longTtl <= 60_000, String(longTtl));
    const short = await sign({ sub: 'b' }, { exp: Math.floor(Date.now() / 1000) + 5 });
    await v.verify(short);
    const shortTtl = cacheOf(v).getRemainingTTL(keyOf(short));
    assert.ok(shortTtl > 0 && shortTtl <= 5_000, String(shortTtl));
  });

  it('does not cache a token accepted within the clock tolerance after its expiry', async () => {
    const v = await staticVerifier({ clockToleranceSec: 120 });
    const late = await sign({ sub: 'a' }, { exp: Math.floor(Date.now() / 1000) - 30 });
    assert.equal((await v.verify(late)).id, 'jwt:a');
    assert.equal(cacheOf(v).has(keyOf(late)), false);
  });

  it('splits space-separated scopes on any run of spaces', async () => {
    const v = await staticVerifier();
    const p = await v.verify(await sign({ sub: 'a', scope: ' chat \t models  embeddings ' }));
    assert.deepEqual(p.scopes, ['chat', 'models', 'embeddings']);
  });

  it('says what is wrong: not a token, the allowed algorithms, a bad signature, a missing claim', async () => {
    const v = await staticVerifier({ algorithms: ['EdDSA'] });
    assert.match((await refusal(v.verify('garbage'))).message, /not a JWS compact token/);
    const alg = await refusal(v.verify(await sign({ sub: 'a' }, { key: es, alg: 'ES256' })));
    assert.equal(alg.code, 'WARDEN_JWT_ALGORITHM');
    assert.match(alg.message, /EdDSA/);
    const forged = await refusal(v.verify(await sign({ sub: 'a' }, { key: other })));
    assert.match(forged.message, /signature verification failed/);
    const noExp = await new SignJWT({ sub: 'a' })
      .setProtectedHeader({ alg: 'EdDSA', kid: 'k1' })
      .setIssuer(ISS)
      .setAudience('warden')
      .sign(ed.privateKey);
    const missing = await refusal(v.verify(noExp));
    assert.equal(missing.code, 'WARDEN_JWT_INVALID');
    assert.match(missing.message, /claim 'exp' is not valid/);
  });
});
