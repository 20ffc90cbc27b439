import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { z } from 'zod';
import type { Principal } from '../core/context.js';
import { WardenError } from '../core/errors.js';
import { sendJson } from './reply.js';
import { type AnyRoute, type Realm, RouteTable, RouteTableError, route } from './route-table.js';

// Callers of this table: bearer tokens naming principals with their scopes.
const principals: Record<string, Principal> = {
  admin: { id: 'key:admin', kind: 'apiKey', scopes: ['admin'] },
  approver: { id: 'key:approver', kind: 'apiKey', scopes: ['approver'] },
  chat: { id: 'key:chat', kind: 'apiKey', scopes: ['chat'] },
};
const bearer: Realm = {
  authenticate(req) {
    const token = /^Bearer (\w+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!token) throw new WardenError('WARDEN_AUTH_MISSING');
    const principal = principals[token];
    if (!principal) throw new WardenError('WARDEN_AUTH_INVALID');
    return { principal };
  },
  holds: (p, scope) => p.scopes.includes(scope),
};
const redirecting: Realm = {
  ...bearer,
  refuse(_req, res, err) {
    if (err.code !== 'WARDEN_AUTH_MISSING') return false;
    res.writeHead(303, { location: '/login' });
    res.end();
    return true;
  },
};

const calls: string[] = [];
const itemBody = z.object({ name: z.string().min(1), count: z.number().int().optional() }).strict();
const entries: AnyRoute[] = [
  route({
    method: 'GET',
    path: '/items',
    scope: 'public',
    name: 'test.items.list',
    handler: ({ res, query }) => {
      calls.push('list');
      sendJson(res, 200, { q: query.get('q') });
    },
  }),
  route({
    method: 'POST',
    path: '/items',
    scope: ['admin'],
    body: { schema: itemBody, limit: 256 },
    name: 'test.items.create',
    handler: ({ res, body, principal }) => {
      calls.push('create');
      sendJson(res, 201, { name: body.name, by: principal.id });
    },
  }),
  route({
    method: 'DELETE',
    path: '/items/:id',
    scope: ['approver', 'admin'],
    name: 'test.items.remove',
    handler: ({ res, params, principal }) => {
      calls.push('remove');
      sendJson(res, 200, { removed: params.id, by: principal.id });
    },
  }),
  route({
    method: 'GET',
    path: '/items/:id',
    scope: 'authenticated',
    name: 'test.items.get',
    handler: ({ res, params }) => sendJson(res, 200, { id: params.id }),
  }),
  route({
    method: 'GET',
    path: '/page',
    scope: ['admin'],
    auth: 'page',
    name: 'test.page',
    handler: ({ res }) => sendJson(res, 200, { page: true }),
  }),
  route({
    method: 'GET',
    path: '/boom',
    scope: 'public',
    name: 'test.boom',
    handler: () => {
      throw new Error('secret-bearing internal detail');
    },
  }),
];

let server: Server;
let base: string;
const answered: { name: string; status: number }[] = [];
const internal: string[] = [];

before(async () => {
  const table = new RouteTable(entries, {
    maxBodyBytes: 1024,
    maxJsonDepth: 4,
    realms: { key: bearer, page: redirecting },
    onAnswered: (e, _req, status) => answered.push({ name: e.name, status }),
    onInternalError: (e) => internal.push(e.name),
  });
  server = createServer((req, res) => void table.dispatch(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((r) => server.close(() => r())));

async function call(
  method: string,
  path: string,
  opts: { token?: string; body?: string; type?: string } = {},
) {
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.type) headers['content-type'] = opts.type;
  const res = await fetch(`${base}${path}`, {
    method,
    headers,
    redirect: 'manual',
    ...(opts.body === undefined ? {} : { body: opts.body }),
  });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    json: (text ? JSON.parse(text) : {}) as Reply,
  };
}

// biome-ignore lint/suspicious/noExplicitAny: replies are read field by field and asserted on.
type Reply = Record<string, any>;

function assertOpenAIError(json: Reply, code: string) {
  assert.deepEqual(Object.keys(json), ['error']);
  assert.deepEqual(Object.keys(json.error).sort(), ['code', 'message', 'param', 'type']);
  assert.equal(json.error.code, code);
  assert.equal(typeof json.error.message, 'string');
}

describe('route table: 404 and 405', () => {
  it('answers an unknown path with 404 in the OpenAI error shape', async () => {
    const r = await call('GET', '/nothing-here?x=1');
    assert.equal(r.status, 404);
    assertOpenAIError(r.json, 'WARDEN_NOT_FOUND');
    assert.match(r.json.error.message, /GET \/nothing-here$/);
  });

  it('names every refusal with a fresh request id of its own', async () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    const ids = [
      (await call('GET', '/nothing-here')).headers.get('x-request-id'),
      (await call('PUT', '/items/7')).headers.get('x-request-id'),
      (await call('DELETE', '/items/%E0%A4%A', { token: 'admin' })).headers.get('x-request-id'),
      (await call('GET', '/items/7')).headers.get('x-request-id'),
    ];
    for (const id of ids) assert.match(id ?? '', uuid);
    assert.equal(new Set(ids).size, ids.length);
  });

  it('answers a known path with another method with 405 and the Allow header', async () => {
    const r = await call('PUT', '/items/7');
    assert.equal(r.status, 405);
    assertOpenAIError(r.json, 'WARDEN_METHOD_NOT_ALLOWED');
    assert.deepEqual(r.headers.get('allow')?.split(', ').sort(), ['DELETE', 'GET']);
    const list = await call('DELETE', '/items');
    assert.equal(list.status, 405);
    assert.deepEqual(list.headers.get('allow')?.split(', ').sort(), ['GET', 'POST']);
  });

  it('answers a malformed percent-escape with 400', async () => {
    const r = await call('DELETE', '/items/%E0%A4%A', { token: 'admin' });
    assert.equal(r.status, 400);
    assertOpenAIError(r.json, 'WARDEN_BAD_REQUEST');
  });

  it('passes decoded path parameters and the query string', async () => {
    assert.deepEqual((await call('GET', '/items/a%20b', { token: 'chat' })).json, { id: 'a b' });
    assert.deepEqual((await call('GET', '/items?q=x%26y')).json, { q: 'x&y' });
  });
});

describe('route table: scopes come from the entry', () => {
  it('admits either listed scope and refuses the others before the handler runs', async () => {
    const before = calls.filter((c) => c === 'remove').length;
    const byAdmin = await call('DELETE', '/items/1', { token: 'admin' });
    assert.equal(byAdmin.status, 200);
    assert.equal(byAdmin.json.by, 'key:admin');
    assert.equal((await call('DELETE', '/items/2', { token: 'approver' })).json.by, 'key:approver');
    const denied = await call('DELETE', '/items/3', { token: 'chat' });
    assert.equal(denied.status, 403);
    assertOpenAIError(denied.json, 'WARDEN_SCOPE_DENIED');
    const anonymous = await call('DELETE', '/items/4');
    assert.equal(anonymous.status, 401);
    assertOpenAIError(anonymous.json, 'WARDEN_AUTH_MISSING');
    assert.equal(calls.filter((c) => c === 'remove').length - before, 2, 'only the two admitted calls ran');
  });

  it("'authenticated' needs a caller but no scope; a realm may answer its refusals itself", async () => {
    assert.equal((await call('GET', '/items/9')).status, 401);
    assert.equal((await call('GET', '/items/9', { token: 'chat' })).status, 200);
    const page = await call('GET', '/page');
    assert.equal(page.status, 303);
    assert.equal(page.headers.get('location'), '/login');
    const wrongScope = await call('GET', '/page', { token: 'chat' });
    assert.equal(wrongScope.status, 403, 'a signed-in caller without the scope is refused, not redirected');
  });

  it('authenticates before it reads the body: an anonymous bad body is a 401', async () => {
    const r = await call('POST', '/items', { body: '{not json' });
    assert.equal(r.status, 401);
  });
});

describe('route table: the body reader', () => {
  const post = (body: string, type = 'application/json') =>
    call('POST', '/items', { token: 'admin', body, type });

  it('hands the handler the validated body', async () => {
    const r = await post('{"name":"lamp","count":2}');
    assert.equal(r.status, 201);
    assert.deepEqual(r.json, { name: 'lamp', by: 'key:admin' });
  });

  it('answers each bad body with its code and never runs the handler', async () => {
    const before = calls.filter((c) => c === 'create').length;
    const cases: [string, string, number, string][] = [
      ['{not json', 'application/json', 400, 'WARDEN_BAD_JSON'],
      ['{"name":""}', 'application/json', 400, 'WARDEN_BAD_REQUEST'],
      ['{"name":"x","extra":1}', 'application/json', 400, 'WARDEN_BAD_REQUEST'],
      ['{"name":"x"}', 'text/plain', 415, 'WARDEN_UNSUPPORTED_MEDIA_TYPE'],
      [`{"name":"${'x'.repeat(300)}"}`, 'application/json', 413, 'WARDEN_BODY_TOO_LARGE'],
      ['{"name":"x","count":[[[[1]]]]}', 'application/json', 400, 'WARDEN_JSON_TOO_DEEP'],
    ];
    for (const [body, type, status, code] of cases) {
      const r = await post(body, type);
      assert.equal(r.status, status, `${code}: ${JSON.stringify(r.json)}`);
      assertOpenAIError(r.json, code);
    }
    assert.equal(calls.filter((c) => c === 'create').length, before);
  });

  it('names the field at fault without echoing its value', async () => {
    const r = await post('{"name":"secret-value-xyz","count":"many"}');
    assert.equal(r.status, 400);
    assert.match(r.json.error.message, /count/);
    assert.ok(!r.json.error.message.includes('secret-value-xyz'));
  });
});

describe('route table: failures and observation', () => {
  it('answers a handler that throws with WARDEN_INTERNAL, without its message', async () => {
    const r = await call('GET', '/boom');
    assert.equal(r.status, 500);
    assertOpenAIError(r.json, 'WARDEN_INTERNAL');
    assert.ok(!JSON.stringify(r.json).includes('secret-bearing'));
    assert.ok(internal.includes('test.boom'));
  });

  it('reports every answered entry by name and status', async () => {
    await call('GET', '/items/5', { token: 'chat' });
    assert.ok(answered.some((a) => a.name === 'test.items.get' && a.status === 200));
    assert.ok(answered.some((a) => a.name === 'test.items.remove' && a.status === 403));
  });
});

describe('route table: start-up checks', () => {
  const options = { maxBodyBytes: 1024, maxJsonDepth: 4, realms: { key: bearer } };
  const entry = (path: string, name: string, method: 'GET' | 'POST' = 'GET') =>
    route({ method, path, scope: 'public', name, handler: () => {} });

  it('rejects a duplicate registration, naming both entries', () => {
    assert.throws(
      () => new RouteTable([entry('/a', 'first'), entry('/a', 'second')], options),
      (err: unknown) =>
        err instanceof RouteTableError && /first/.test(err.message) && /second/.test(err.message),
    );
    assert.throws(
      () => new RouteTable([entry('/a/:id', 'by-id'), entry('/a/:name', 'by-name')], options),
      RouteTableError,
    );
    assert.doesNotThrow(() => new RouteTable([entry('/a', 'get'), entry('/a', 'post', 'POST')], options));
  });

  it('rejects an entry whose realm is not configured', () => {
    assert.throws(
      () =>
        new RouteTable(
          [
            route({
              method: 'GET',
              path: '/x',
              scope: ['admin'],
              auth: 'nowhere',
              name: 'x',
              handler: () => {},
            }),
          ],
          options,
        ),
      /unknown realm 'nowhere'/,
    );
  });
});
