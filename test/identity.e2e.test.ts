// Identity and limits end to end: every rejection's distinct code, exact limits, token quotas, and no secret leaks.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { pino } from 'pino';
import { IdentityAdmin } from '../src/identity/admin.js';
import { loadServerSecret } from '../src/identity/keys.js';
import { openSqlite } from '../src/store/sqlite/db.js';
import { SqliteBanStore, SqliteKeyStore } from '../src/store/sqlite/identity.js';
import { errorCode, postJson, type Stack, startStack } from './helpers.js';

const chat = (content = 'hello') => ({ model: 'warden-sim-1', messages: [{ role: 'user', content }] });

describe('API keys, scopes, models, bans', () => {
  let stack: Stack;
  let good: string;
  const logs: string[] = [];
  before(async () => {
    const sink = new Writable({
      write(chunk, _enc, cb) {
        logs.push(chunk.toString());
        cb();
      },
    });
    stack = await startStack(
      (cfg, simUrl) => ({
        ...cfg,
        auth: { mode: 'keys' },
        upstreams: [
          {
            name: 'sim',
            baseUrl: simUrl,
            models: ['warden-sim-*'],
            extraParams: ['sim_chunk_size', 'sim_delay_ms'],
          },
          { name: 'other', baseUrl: 'http://127.0.0.1:9/v1', models: ['other-*'] },
        ],
      }),
      { log: pino({ level: 'trace' }, sink) },
    );
    good = (await stack.app.admin.createKey({ name: 'good', models: ['warden-sim-*'] }, 'test')).token;
  });
  after(() => stack.close());

  const call = (auth: string | undefined, body: unknown = chat()) =>
    postJson(`${stack.baseURL}/chat/completions`, body, auth === undefined ? {} : { authorization: auth });

  it('accepts a valid key and sends x-ratelimit headers', async () => {
    const r = await call(`Bearer ${good}`);
    assert.equal(r.status, 200);
    assert.ok(r.headers.get('x-ratelimit-limit-requests'));
  });

  it('rejects each bad credential with its own code', async () => {
    const revoked = await stack.app.admin.createKey({ name: 'revoked' }, 'test');
    await stack.app.admin.revokeKey(revoked.key.id, 'test');
    const expired = await stack.app.admin.createKey({ name: 'expired', expiresInMs: 1 }, 'test');
    const embedOnly = await stack.app.admin.createKey({ name: 'embed', scopes: ['embeddings'] }, 'test');
    await new Promise((r) => setTimeout(r, 5));
    const wrong = `${good.slice(0, -4)}${good.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    const cases: [string | undefined, number, string][] = [
      [undefined, 401, 'WARDEN_AUTH_MISSING'],
      ['Basic abc', 401, 'WARDEN_AUTH_MALFORMED'],
      ['Bearer wdn_short', 401, 'WARDEN_AUTH_MALFORMED'],
      [`Bearer ${wrong}`, 401, 'WARDEN_AUTH_INVALID'],
      [`Bearer wdn_aaaaaaaaaaaa_${'x'.repeat(40)}`, 401, 'WARDEN_AUTH_INVALID'],
      [`Bearer ${revoked.token}`, 401, 'WARDEN_KEY_REVOKED'],
      [`Bearer ${expired.token}`, 401, 'WARDEN_KEY_EXPIRED'],
      [`Bearer ${embedOnly.token}`, 403, 'WARDEN_SCOPE_DENIED'],
    ];
    for (const [auth, status, code] of cases) {
      const r = await call(auth);
      assert.equal(r.status, status, `${code}: ${r.text}`);
      assert.equal(errorCode(r.json), code);
    }
  });

  it('refuses a forbidden model before contacting the upstream', async () => {
    const r = await call(`Bearer ${good}`, { ...chat(), model: 'other-model' });
    assert.equal(r.status, 403, 'not 502: the unreachable upstream was never tried');
    assert.equal(errorCode(r.json), 'WARDEN_MODEL_DENIED');
  });

  it('lists only the models a key may use', async () => {
    const res = await fetch(`${stack.baseURL}/models`, { headers: { authorization: `Bearer ${good}` } });
    const ids = ((await res.json()) as { data: { id: string }[] }).data.map((m) => m.id);
    assert.ok(ids.includes('warden-sim-1'));
    assert.ok(ids.every((id) => id.startsWith('warden-sim-')));
  });

  it('revocation takes effect on the next request; rotation keeps the old key for the grace period', async () => {
    const k = await stack.app.admin.createKey({ name: 'rot' }, 'test');
    assert.equal((await call(`Bearer ${k.token}`)).status, 200);
    const rotated = await stack.app.admin.rotateKey(k.key.id, 60_000, 'test');
    assert.equal((await call(`Bearer ${k.token}`)).status, 200, 'old key valid during grace');
    assert.equal((await call(`Bearer ${rotated.token}`)).status, 200);
    assert.equal(rotated.key.principal, k.key.principal, 'same principal: limits carry over');
    await stack.app.admin.revokeKey(rotated.key.id, 'test');
    assert.equal(errorCode((await call(`Bearer ${rotated.token}`)).json), 'WARDEN_KEY_REVOKED');
  });

  it('sees a revocation made by another process (the CLI) on the next request', async () => {
    const k = await stack.app.admin.createKey({ name: 'cli-revoked' }, 'test');
    assert.equal((await call(`Bearer ${k.token}`)).status, 200);
    const db = openSqlite(stack.dataDir);
    try {
      const other = new IdentityAdmin({
        keys: new SqliteKeyStore(db),
        bans: new SqliteBanStore(db),
        serverSecret: loadServerSecret(stack.dataDir),
      });
      await other.revokeKey(k.key.id, 'cli');
    } finally {
      db.close();
    }
    assert.equal(errorCode((await call(`Bearer ${k.token}`)).json), 'WARDEN_KEY_REVOKED');
  });

  it('bans a principal with a clear 403, and lifts it', async () => {
    const k = await stack.app.admin.createKey({ name: 'banme' }, 'test');
    await stack.app.admin.addBan(k.key.principal, 'extraction suspected', 60_000, 'test');
    const r = await call(`Bearer ${k.token}`);
    assert.equal(r.status, 403);
    assert.equal(errorCode(r.json), 'WARDEN_BANNED');
    await stack.app.admin.removeBan(k.key.principal, 'test');
    assert.equal((await call(`Bearer ${k.token}`)).status, 200);
  });

  it('gives the admin API only to admin keys, and admin keys no bypass of policy', async () => {
    const admin = await stack.app.admin.createKey({ name: 'ops', scopes: ['admin'] }, 'test');
    const list = await fetch(`${stack.url}/admin/api/keys`, {
      headers: { authorization: `Bearer ${admin.token}` },
    });
    assert.equal(list.status, 200);
    const body = (await list.json()) as { data: Record<string, unknown>[] };
    assert.ok(
      body.data.every((k) => k.hash === undefined),
      'hashes never leave the store',
    );
    const denied = await fetch(`${stack.url}/admin/api/keys`, {
      headers: { authorization: `Bearer ${good}` },
    });
    assert.equal(denied.status, 403);
    const r = await call(`Bearer ${admin.token}`);
    assert.equal(errorCode(r.json), 'WARDEN_SCOPE_DENIED', 'an admin key has no chat scope unless granted');
    const created = await postJson(
      `${stack.url}/admin/api/keys`,
      { name: 'via-api', scopes: ['chat'], models: ['warden-sim-1'], expires: '1h' },
      { authorization: `Bearer ${admin.token}` },
    );
    assert.equal(created.status, 201);
    assert.match(String(created.json.key), /^wdn_/);
    assert.equal((await call(`Bearer ${created.json.key}`)).status, 200);
  });

  it('never writes a key secret to logs, audit records, metrics or error bodies', async () => {
    const planted = await stack.app.admin.createKey({ name: 'planted' }, 'test');
    const secret = planted.token.split('_')[2]!;
    const bodies: string[] = [];
    bodies.push((await call(`Bearer ${planted.token}`)).text);
    bodies.push((await call(`Bearer ${planted.token}`, { ...chat(), model: 'other-model' })).text);
    bodies.push((await call(`Bearer ${planted.token}`, '{"broken')).text);
    bodies.push((await call(`Bearer ${planted.token.slice(0, -1)}Z`)).text);
    // A prompt that carries the key: the model may echo it (output guards' job), but logs and audit must not.
    await call(`Bearer ${planted.token}`, chat(`my key is ${planted.token}`));
    const records: unknown[] = [];
    for await (const r of stack.app.audit.export()) records.push(r);
    const audit = records.map((r) => JSON.stringify(r)).join('\n');
    const metrics = await (await fetch(`${stack.url}/metrics`)).text();
    stack.app.log.flush?.();
    const haystacks = { logs: logs.join(''), audit, metrics, errors: bodies.slice(1, 4).join('\n') };
    assert.ok(haystacks.logs.length > 0 && haystacks.audit.length > 0, 'there is something to search');
    for (const [where, text] of Object.entries(haystacks)) {
      assert.ok(!text.includes(secret), `secret found in ${where}`);
    }
  });
});

describe('JWT bearer tokens', () => {
  let stack: Stack;
  let key: CryptoKeyLike;
  let pem: string;
  type CryptoKeyLike = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
  const iss = 'https://idp.example.test';
  const aud = 'warden';

  before(async () => {
    const pair = await generateKeyPair('RS256', { extractable: true });
    key = pair.privateKey;
    pem = await exportSPKI(pair.publicKey);
    stack = await startStack((cfg) => ({
      ...cfg,
      auth: {
        mode: 'keys',
        jwt: {
          issuer: iss,
          audience: aud,
          keys: [{ kid: 'k1', pem }],
          models: ['warden-sim-*'],
          claims: { tenant: 'org' },
        },
      },
    }));
  });
  after(() => stack.close());

  const sign = (
    claims: Record<string, unknown> = {},
    opts: { iss?: string; aud?: string; exp?: number; nbf?: number } = {},
  ) => {
    const now = Math.floor(Date.now() / 1000);
    const jwt = new SignJWT({ sub: 'alice', org: 'acme', ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(opts.iss ?? iss)
      .setAudience(opts.aud ?? aud)
      .setIssuedAt(now)
      .setExpirationTime(opts.exp ?? now + 300);
    if (opts.nbf !== undefined) jwt.setNotBefore(opts.nbf);
    return jwt.sign(key);
  };
  const call = (token: string) =>
    postJson(`${stack.baseURL}/chat/completions`, chat(), { authorization: `Bearer ${token}` });
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

  it('accepts a valid token and maps claims to principal and tenant', async () => {
    const r = await call(await sign());
    assert.equal(r.status, 200, r.text);
  });

  it('rejects each bad token with its own code', async () => {
    const now = Math.floor(Date.now() / 1000);
    const other = await generateKeyPair('RS256');
    const payload = { sub: 'mallory', iss, aud, exp: now + 300 };
    const cases: [string, string][] = [
      [await sign({}, { exp: now - 600 }), 'WARDEN_JWT_EXPIRED'],
      [await sign({}, { nbf: now + 600 }), 'WARDEN_JWT_NOT_YET_VALID'],
      [await sign({}, { aud: 'someone-else' }), 'WARDEN_JWT_AUDIENCE'],
      [await sign({}, { iss: 'https://evil.test' }), 'WARDEN_JWT_ISSUER'],
      [`${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}.`, 'WARDEN_JWT_ALGORITHM'],
      [
        await new SignJWT(payload)
          .setProtectedHeader({ alg: 'HS256', kid: 'k1' })
          .sign(new TextEncoder().encode(pem)),
        'WARDEN_JWT_ALGORITHM',
      ],
      [
        await new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: 'k9' }).sign(other.privateKey),
        'WARDEN_JWT_UNKNOWN_KEY',
      ],
      [
        await new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).sign(other.privateKey),
        'WARDEN_JWT_INVALID',
      ],
      ['not.a.jwt', 'WARDEN_JWT_INVALID'],
    ];
    for (const [token, code] of cases) {
      const r = await call(token);
      assert.equal(r.status, 401, `${code}: ${r.text}`);
      assert.equal(errorCode(r.json), code);
    }
  });
});

describe('rate limits (in-memory store)', () => {
  it('admits exactly 10 of 64 concurrent requests against a limit of 10 per window', async () => {
    const stack = await startStack((cfg) => ({
      ...cfg,
      auth: { mode: 'keys' },
      limits: { store: 'memory', principal: { requests: { limit: 10, window: '1m' } } },
    }));
    try {
      const k = (await stack.app.admin.createKey({ name: 'burst' }, 'test')).token;
      const results = await Promise.all(
        Array.from({ length: 64 }, () =>
          postJson(`${stack.baseURL}/chat/completions`, chat(), { authorization: `Bearer ${k}` }),
        ),
      );
      const ok = results.filter((r) => r.status === 200).length;
      const limited = results.filter((r) => r.status === 429);
      assert.equal(ok, 10);
      assert.equal(limited.length, 54);
      assert.ok(
        limited.every(
          (r) => errorCode(r.json) === 'WARDEN_RATE_LIMITED' && Number(r.headers.get('retry-after')) >= 1,
        ),
      );
    } finally {
      await stack.close();
    }
  });

  it('caps concurrent requests per principal', async () => {
    const stack = await startStack((cfg) => ({
      ...cfg,
      auth: { mode: 'keys' },
      limits: { store: 'memory', principal: { concurrent: 2 } },
    }));
    try {
      const k = (await stack.app.admin.createKey({ name: 'conc' }, 'test')).token;
      const slow = { ...chat(), sim_delay_ms: 300 };
      const results = await Promise.all(
        Array.from({ length: 6 }, () =>
          postJson(`${stack.baseURL}/chat/completions`, slow, { authorization: `Bearer ${k}` }),
        ),
      );
      assert.equal(results.filter((r) => r.status === 200).length, 2);
      assert.ok(
        results
          .filter((r) => r.status === 429)
          .every((r) => errorCode(r.json) === 'WARDEN_CONCURRENCY_LIMIT'),
      );
    } finally {
      await stack.close();
    }
  });

  it('keeps a 1,000-token budget under concurrent streaming requests (reserve, then settle)', async () => {
    const stack = await startStack((cfg) => ({
      ...cfg,
      auth: { mode: 'keys' },
      limits: { store: 'memory', principal: { tokens: { limit: 1000, window: '1h' } } },
    }));
    try {
      const k = (await stack.app.admin.createKey({ name: 'tokens' }, 'test')).token;
      let used = 0;
      let admitted = 0;
      for (let round = 0; round < 6; round++) {
        const results = await Promise.all(
          Array.from({ length: 12 }, () =>
            postJson(
              `${stack.baseURL}/chat/completions`,
              {
                ...chat('tell me something'),
                stream: true,
                stream_options: { include_usage: true },
                max_tokens: 150,
              },
              { authorization: `Bearer ${k}` },
            ),
          ),
        );
        for (const r of results) {
          if (r.status !== 200) {
            assert.equal(errorCode(r.json), 'WARDEN_TOKEN_QUOTA');
            continue;
          }
          admitted++;
          const usage = r.text
            .split('\n\n')
            .filter((e) => e.startsWith('data: {'))
            .map((e) => JSON.parse(e.slice(6)) as { usage?: { total_tokens: number } })
            .find((c) => c.usage)?.usage;
          assert.ok(usage, 'usage chunk forwarded when the client asked for it');
          used += usage.total_tokens;
        }
        if (results.every((r) => r.status !== 200)) break;
      }
      assert.ok(used <= 1000, `used ${used} tokens of a 1000 budget`);
      assert.ok(
        admitted > Math.floor(1000 / 160),
        `settlement refunded unused reservations (admitted ${admitted})`,
      );
    } finally {
      await stack.close();
    }
  });
});
