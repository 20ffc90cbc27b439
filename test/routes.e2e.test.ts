// The route table in a whole gateway: 404/405 in the OpenAI shape, scopes from the entries (approvals once, for
// approver or admin), the one body reader on the admin API and the sandbox, route metrics, duplicate entries.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { route } from '../src/http/route-table.js';
import { errorCode, postJson, type Stack, startStack } from './helpers.js';

let stack: Stack;
const tokens: Record<string, string> = {};

before(async () => {
  stack = await startStack((c) => ({ ...c, auth: { mode: 'keys' }, extraction: { enabled: false } }));
  for (const [name, scopes] of [
    ['admin', ['admin']],
    ['approver', ['approver']],
    ['chat', ['chat']],
  ] as const)
    tokens[name] = (await stack.app.admin.createKey({ name, scopes: [...scopes] }, 'test')).token;
});
after(() => stack.close());

const call = (method: string, path: string, token?: string, body?: string, type = 'application/json') =>
  fetch(`${stack.url}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': type } : {}),
    },
    ...(body ? { body } : {}),
  });

async function errorOf(res: Response): Promise<{ code: string | undefined; keys: string[] }> {
  const json = (await res.json()) as { error?: Record<string, unknown> };
  return { code: errorCode(json as Record<string, unknown>), keys: Object.keys(json.error ?? {}).sort() };
}

describe('route table in the gateway: 404 and 405', () => {
  it('answers unknown paths with 404 and known ones with 405 and Allow, in the OpenAI shape', async () => {
    const missing = await call('GET', '/admin/api/nothing', tokens.admin);
    assert.equal(missing.status, 404);
    assert.deepEqual(await errorOf(missing), {
      code: 'WARDEN_NOT_FOUND',
      keys: ['code', 'message', 'param', 'type'],
    });
    const chat = await call('GET', '/v1/chat/completions', tokens.chat);
    assert.equal(chat.status, 405);
    assert.equal(chat.headers.get('allow'), 'POST');
    assert.equal((await errorOf(chat)).code, 'WARDEN_METHOD_NOT_ALLOWED');
    const keys = await call('DELETE', '/admin/api/keys', tokens.admin);
    assert.equal(keys.status, 405);
    assert.deepEqual(keys.headers.get('allow')?.split(', ').sort(), ['GET', 'POST']);
    await keys.body?.cancel();
  });
});

describe('route table in the gateway: scopes from the entries', () => {
  it('lets an approver and an admin list approvals, and nobody else', async () => {
    for (const who of ['approver', 'admin']) {
      const r = await call('GET', '/admin/api/approvals', tokens[who]);
      assert.equal(r.status, 200, who);
      assert.ok(Array.isArray(((await r.json()) as { data: unknown }).data));
    }
    const chat = await call('GET', '/admin/api/approvals', tokens.chat);
    assert.equal(chat.status, 403);
    assert.equal((await errorOf(chat)).code, 'WARDEN_SCOPE_DENIED');
    const nobody = await call('GET', '/admin/api/approvals');
    assert.equal(nobody.status, 401);
    await nobody.body?.cancel();
  });

  it('keeps the approver out of the admin-only entries (keys, bans, sandbox)', async () => {
    for (const [method, path] of [
      ['GET', '/admin/api/keys'],
      ['GET', '/admin/api/bans'],
      ['POST', '/admin/api/sandbox/run'],
    ] as const) {
      const r = await call(method, path, tokens.approver, method === 'POST' ? '{}' : undefined);
      assert.equal(r.status, 403, `${method} ${path}`);
      assert.equal((await errorOf(r)).code, 'WARDEN_SCOPE_DENIED');
    }
  });
});

describe('route table in the gateway: the body reader', () => {
  it('answers bad admin bodies with the existing codes and creates nothing', async () => {
    const before = (await stack.app.admin.listKeys()).length;
    const url = `${stack.url}/admin/api/keys`;
    const auth = { authorization: `Bearer ${tokens.admin}` };
    const badJson = await postJson(url, '{"name":', auth);
    assert.equal(badJson.status, 400);
    assert.equal(errorCode(badJson.json), 'WARDEN_BAD_JSON');
    const unknownField = await postJson(url, { name: 'x', role: 'root' }, auth);
    assert.equal(unknownField.status, 400);
    assert.equal(errorCode(unknownField.json), 'WARDEN_BAD_REQUEST');
    const wrongType = await call('POST', '/admin/api/keys', tokens.admin, '{"name":"x"}', 'text/plain');
    assert.equal(wrongType.status, 415);
    assert.equal((await errorOf(wrongType)).code, 'WARDEN_UNSUPPORTED_MEDIA_TYPE');
    assert.equal((await stack.app.admin.listKeys()).length, before);
    const good = await postJson(url, { name: 'made-by-api' }, auth);
    assert.equal(good.status, 201, good.text);
  });

  it('validates the sandbox body before any sandbox is needed', async () => {
    const r = await postJson(
      `${stack.url}/admin/api/sandbox/run`,
      { language: 'python', code: 42 },
      { authorization: `Bearer ${tokens.admin}` },
    );
    assert.equal(r.status, 400);
    assert.equal(errorCode(r.json), 'WARDEN_BAD_REQUEST');
    assert.match(String((r.json.error as { message: string }).message), /code/);
  });

  it('reads approval decisions through the same reader', async () => {
    const r = await postJson(`${stack.url}/admin/api/approvals/apr_missing/approve`, '{"reason":', {
      authorization: `Bearer ${tokens.approver}`,
    });
    assert.equal(r.status, 400);
    assert.equal(errorCode(r.json), 'WARDEN_BAD_JSON');
  });
});

describe('route table in the gateway: names and start-up', () => {
  it('counts answered entries by name in warden_route_requests_total', async () => {
    await (await call('GET', '/admin/api/bans', tokens.admin)).body?.cancel();
    const text = await (await call('GET', '/metrics')).text();
    assert.match(text, /warden_route_requests_total\{route="identity\.bans\.list",status="200"\} [1-9]/);
  });

  it('refuses to start with an entry that duplicates another', async () => {
    await assert.rejects(
      startStack((c) => c, {
        routes: [
          route({ method: 'GET', path: '/healthz', scope: 'public', name: 'test.shadow', handler: () => {} }),
        ],
      }),
      /route GET \/healthz \(test\.shadow\) is already declared by gateway\.health/,
    );
  });
});
