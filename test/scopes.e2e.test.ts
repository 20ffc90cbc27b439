// Scopes at the edges: /metrics behind metrics.scope, /v1/models behind the models scope and allow-list,
// and admin path parameters that cannot be decoded.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { errorCode, type Stack, startStack } from './helpers.js';

let stack: Stack;
const tokens: Record<string, string> = {};

before(async () => {
  stack = await startStack((c) => ({
    ...c,
    auth: { mode: 'keys' },
    metrics: { scope: 'metrics' },
    extraction: { enabled: false },
  }));
  const make = async (name: string, scopes: string[], models?: string[]) => {
    tokens[name] = (
      await stack.app.admin.createKey({ name, scopes, ...(models ? { models } : {}) }, 'test')
    ).token;
  };
  await make('scraper', ['metrics']);
  await make('chatOnly', ['chat']);
  await make('lister', ['models'], ['warden-sim-1']);
  await make('admin', ['admin']);
});
after(() => stack.close());

const get = (path: string, token?: string, method = 'GET') =>
  fetch(`${stack.url}${path}`, { method, headers: token ? { authorization: `Bearer ${token}` } : {} });

describe('/metrics with metrics.scope', () => {
  it('refuses callers without a credential or without the scope', async () => {
    const anon = await get('/metrics');
    assert.equal(anon.status, 401);
    assert.equal(errorCode((await anon.json()) as Record<string, unknown>), 'WARDEN_AUTH_MISSING');
    const wrong = await get('/metrics', tokens.chatOnly);
    assert.equal(wrong.status, 403);
    assert.equal(errorCode((await wrong.json()) as Record<string, unknown>), 'WARDEN_SCOPE_DENIED');
  });

  it('serves the series to a credential with the scope', async () => {
    const res = await get('/metrics', tokens.scraper);
    assert.equal(res.status, 200);
    assert.match(await res.text(), /warden_requests_total/);
  });
});

describe('GET /v1/models', () => {
  it('needs the models scope', async () => {
    const res = await get('/v1/models', tokens.chatOnly);
    assert.equal(res.status, 403);
    assert.equal(errorCode((await res.json()) as Record<string, unknown>), 'WARDEN_SCOPE_DENIED');
  });

  it("lists only the principal's allowed models", async () => {
    const res = await get('/v1/models', tokens.lister);
    assert.equal(res.status, 200);
    const { data } = (await res.json()) as { data: { id: string }[] };
    assert.deepEqual(
      data.map((m) => m.id),
      ['warden-sim-1'],
    );
  });
});

describe('admin path parameters', () => {
  it('answers a malformed percent-escape with 400 in the OpenAI error shape', async () => {
    const res = await get('/admin/api/bans/%E0%A4%A', tokens.admin, 'DELETE');
    assert.equal(res.status, 400);
    assert.equal(errorCode((await res.json()) as Record<string, unknown>), 'WARDEN_BAD_REQUEST');
  });
});
