// JWT verification on static keys: the principal a token becomes (scopes, models, tenant), and each refusal:
// signature, algorithm (checked first, 'none' and HMAC refused at start-up), expiry, not-yet-valid, audience,
// issuer, unknown key id, missing subject.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { exportJWK, exportSPKI, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import { WardenError } from '../core/errors.js';
import { type JwtOptions, JwtVerifier } from './jwt.js';

type Pair = Awaited<ReturnType<typeof generateKeyPair>>;
let ed: Pair;
let other: Pair;
let es: Pair;

before(async () => {
  ed = await generateKeyPair('EdDSA', { extractable: true });
  other = await generateKeyPair('EdDSA', { extractable: true });
  es = await generateKeyPair('ES256', { extractable: true });
});

const ISS = 'https://issuer.test';
async function verifier(over: Partial<JwtOptions> = {}): Promise<JwtVerifier> {
  return new JwtVerifier({
    issuer: ISS,
    audience: 'warden',
    keys: [{ kid: 'k1', pem: await exportSPKI(ed.publicKey) }],
    algorithms: ['EdDSA'],
    clockToleranceSec: 0,
    claims: { principal: 'sub', scopes: 'scope', tenant: 'org', models: 'models' },
    models: ['gpt-*'],
    defaultScopes: ['chat'],
    ...over,
  });
}

function sign(
  claims: JWTPayload,
  o: { key?: Pair; alg?: string; kid?: string | null; iss?: string; aud?: string; exp?: string | null } = {},
) {
  const header: { alg: string; kid?: string } = { alg: o.alg ?? 'EdDSA' };
  if (o.kid !== null) header.kid = o.kid ?? 'k1';
  let t = new SignJWT(claims)
    .setProtectedHeader(header)
    .setIssuer(o.iss ?? ISS)
    .setAudience(o.aud ?? 'warden');
  if (o.exp !== null) t = t.setExpirationTime(o.exp ?? '10m');
  return t.sign((o.key ?? ed).privateKey);
}

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof WardenError, String(err));
    return err.code;
  }
  return 'accepted';
}

describe('JwtVerifier principals', () => {
  it('maps subject, space-separated scopes, the models claim and the tenant claim', async () => {
    const v = await verifier();
    const p = await v.verify(
      await sign({ sub: 'alice', scope: 'chat  embeddings', models: ['m1', 7], org: 'acme' }),
    );
    assert.deepEqual(p, {
      id: 'jwt:alice',
      kind: 'jwt',
      scopes: ['chat', 'embeddings'],
      models: ['m1'],
      tenant: 'acme',
    });
  });

  it('takes scopes from an array, else the defaults; models default too; an empty tenant is none', async () => {
    const v = await verifier();
    const arr = await v.verify(await sign({ sub: 'a', scope: ['chat', 3, 'models'], org: '' }));
    assert.deepEqual(arr, { id: 'jwt:a', kind: 'jwt', scopes: ['chat', 'models'], models: ['gpt-*'] });
    const none = await v.verify(await sign({ sub: 'b', models: 'not-a-list', org: 5 }));
    assert.deepEqual(none, { id: 'jwt:b', kind: 'jwt', scopes: ['chat'], models: ['gpt-*'] });
  });

  it('without tenant and models claims configured, the token cannot set them', async () => {
    const v = await verifier({ claims: { principal: 'sub', scopes: 'scope' } });
    const p = await v.verify(await sign({ sub: 'c', org: 'acme', models: ['*'] }));
    assert.deepEqual(p, { id: 'jwt:c', kind: 'jwt', scopes: ['chat'], models: ['gpt-*'] });
  });

  it('a missing or empty subject claim is invalid', async () => {
    const v = await verifier();
    assert.equal(await code(v.verify(await sign({ scope: 'chat' }))), 'WARDEN_JWT_INVALID');
    assert.equal(await code(v.verify(await sign({ sub: '' }))), 'WARDEN_JWT_INVALID');
    const err = await v.verify(await sign({ sub: 42 as unknown as string })).catch((e: WardenError) => e);
    assert.ok(err instanceof WardenError);
    assert.match(err.message, /missing 'sub' claim/);
  });

  it('one key without a kid serves tokens without a kid; several keys need the kid', async () => {
    const single = await verifier({ keys: [{ pem: await exportSPKI(ed.publicKey) }] });
    assert.equal((await single.verify(await sign({ sub: 'a' }, { kid: null }))).id, 'jwt:a');
    const two = await verifier({
      keys: [
        { kid: 'k1', pem: await exportSPKI(ed.publicKey) },
        { kid: 'k2', jwk: { ...(await exportJWK(other.publicKey)) } },
      ],
    });
    assert.equal(await code(two.verify(await sign({ sub: 'a' }, { kid: null }))), 'WARDEN_JWT_UNKNOWN_KEY');
    assert.equal((await two.verify(await sign({ sub: 'b' }, { kid: 'k2', key: other }))).id, 'jwt:b');
    assert.equal(await code(two.verify(await sign({ sub: 'c' }, { kid: 'k3' }))), 'WARDEN_JWT_UNKNOWN_KEY');
  });
});

describe('JwtVerifier refusals', () => {
  it('a signature by another key is invalid', async () => {
    const v = await verifier();
    assert.equal(await code(v.verify(await sign({ sub: 'a' }, { key: other }))), 'WARDEN_JWT_INVALID');
  });

  it('an algorithm outside the allow-list is refused before any key is looked at', async () => {
    const v = await verifier();
    assert.equal(
      await code(v.verify(await sign({ sub: 'a' }, { key: es, alg: 'ES256' }))),
      'WARDEN_JWT_ALGORITHM',
    );
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"a"}').toString('base64url')}.`;
    assert.equal(await code(v.verify(unsigned)), 'WARDEN_JWT_ALGORITHM');
    const noAlg = `${Buffer.from('{"typ":"JWT"}').toString('base64url')}.e30.sig`;
    assert.equal(await code(v.verify(noAlg)), 'WARDEN_JWT_ALGORITHM');
    assert.equal(await code(v.verify('garbage.token.here')), 'WARDEN_JWT_INVALID');
  });

  it('expired, not yet valid, wrong audience, wrong issuer, no expiry', async () => {
    const v = await verifier();
    assert.equal(await code(v.verify(await sign({ sub: 'a' }, { exp: '-1m' }))), 'WARDEN_JWT_EXPIRED');
    const future = Math.floor(Date.now() / 1000) + 600;
    assert.equal(await code(v.verify(await sign({ sub: 'a', nbf: future }))), 'WARDEN_JWT_NOT_YET_VALID');
    assert.equal(await code(v.verify(await sign({ sub: 'a' }, { aud: 'other' }))), 'WARDEN_JWT_AUDIENCE');
    assert.equal(
      await code(v.verify(await sign({ sub: 'a' }, { iss: 'https://evil.test' }))),
      'WARDEN_JWT_ISSUER',
    );
    assert.equal(await code(v.verify(await sign({ sub: 'a' }, { exp: null }))), 'WARDEN_JWT_INVALID');
  });

  it('clock tolerance admits a token that expired within it', async () => {
    const v = await verifier({ clockToleranceSec: 120 });
    assert.equal((await v.verify(await sign({ sub: 'a' }, { exp: '-1m' }))).id, 'jwt:a');
  });

  it('refuses unsafe configurations at start-up', async () => {
    const pem = await exportSPKI(ed.publicKey);
    assert.throws(() => new JwtVerifier({ ...base(pem), algorithms: [] }), /at least one/);
    assert.throws(() => new JwtVerifier({ ...base(pem), algorithms: ['EdDSA', 'None'] }), /'none'/);
    assert.throws(() => new JwtVerifier({ ...base(pem), algorithms: ['HS256'] }), /HMAC/);
    assert.throws(() => new JwtVerifier({ ...base(pem), keys: [] }), /jwksUrl or keys/);
    assert.throws(() => new JwtVerifier({ ...base(pem), keys: undefined }), /jwksUrl or keys/);
  });
});

function base(pem: string): JwtOptions {
  return {
    issuer: ISS,
    audience: 'warden',
    keys: [{ pem }],
    algorithms: ['EdDSA'],
    clockToleranceSec: 0,
    claims: { principal: 'sub', scopes: 'scope' },
    models: [],
    defaultScopes: [],
  };
}
