import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Principal } from '../core/context.js';
import { WardenError } from '../core/errors.js';
import { type Realm, RouteTable } from '../http/route-table.js';
import { MemoryBanStore, MemoryKeyStore } from '../store/memory/identity.js';
import type { KeyRecord } from '../store/types.js';
import { IdentityAdmin } from './admin.js';
import { identityAdminRoutes } from './admin-api.js';
import { parseKey } from './keys.js';

// The admin API's routes on a real route table over loopback; a bearer realm named like the console's.
const principals: Record<string, Principal> = {
  admin: { id: 'admin:alice', kind: 'apiKey', scopes: ['admin'] },
  chat: { id: 'key:chat', kind: 'apiKey', scopes: ['chat'] },
};
const session: Realm = {
  authenticate(req) {
    const p = principals[/^Bearer (\w+)$/.exec(req.headers.authorization ?? '')?.[1] ?? ''];
    if (!p) throw new WardenError('WARDEN_AUTH_MISSING');
    return { principal: p };
  },
  holds: (p, scope) => p.scopes.includes(scope),
};

let keys: MemoryKeyStore;
let bans: MemoryBanStore;
let server: Server;
let base: string;

before(async () => {
  server = createServer((req, res) => {
    const admin = new IdentityAdmin({ keys, bans, serverSecret: Buffer.alloc(32, 1) });
    const table = new RouteTable(identityAdminRoutes(admin), {
      maxBodyBytes: 1 << 20,
      maxJsonDepth: 8,
      realms: { session },
    });
    void table.dispatch(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  keys = new MemoryKeyStore();
  bans = new MemoryBanStore();
});

async function call(method: string, path: string, body?: unknown, who = 'admin') {
  const res = await fetch(base + path, {
    method,
    headers: {
      authorization: `Bearer ${who}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: JSON.parse(text) as Record<string, unknown> };
}

const errorCode = (json: Record<string, unknown>) => (json.error as { code?: string }).code;

describe('identity admin API: keys', () => {
  it('creates a key with what was asked, shows its token once, uncached, and never the hash', async () => {
    const before = Date.now();
    const r = await call('POST', '/admin/api/keys', {
      name: 'ci',
      owner: 'bob',
      tenant: 't1',
      scopes: ['chat'],
      models: ['gpt-*'],
      expires: '1h',
      labels: { env: 'prod' },
    });
    assert.equal(r.status, 201);
    assert.equal(r.headers.get('cache-control'), 'no-store');
    const id = parseKey(String(r.json.key))?.id;
    assert.ok(id);
    assert.equal(r.json.id, id);
    assert.equal('hash' in r.json, false);
    const stored = (await keys.get(id)) as KeyRecord;
    assert.deepEqual(
      [stored.name, stored.owner, stored.tenant, stored.scopes, stored.models, stored.labels],
      ['ci', 'bob', 't1', ['chat'], ['gpt-*'], { env: 'prod' }],
    );
    assert.ok(stored.expiresAt !== undefined && stored.expiresAt >= before + 3_600_000);
    assert.equal(stored.principal, `key:${id}`);
    const list = await call('GET', '/admin/api/keys');
    assert.equal(list.status, 200);
    assert.deepEqual(
      (list.json.data as Record<string, unknown>[]).map((k) => [k.id, k.status, 'hash' in k]),
      [[id, 'active', false]],
    );
  });

  it('creates a key with the defaults when only a name is given', async () => {
    const r = await call('POST', '/admin/api/keys', { name: 'plain' });
    assert.equal(r.status, 201);
    const stored = (await keys.get(String(r.json.id))) as KeyRecord;
    assert.deepEqual(stored.models, ['*']);
    assert.equal(stored.expiresAt, undefined);
    assert.equal('owner' in stored || 'tenant' in stored, false);
  });

  it('refuses unknown fields, bad durations, empty names and unknown scopes, creating nothing', async () => {
    for (const body of [
      { name: 'x', admin: true },
      { name: 'x', expires: 'soon' },
      { name: '' },
      { name: 'x', models: [''] },
      { name: 'x', scopes: ['root'] },
      { name: 'x', owner: 'o'.repeat(201) },
    ]) {
      const r = await call('POST', '/admin/api/keys', body);
      assert.equal(r.status, 400, JSON.stringify(body));
    }
    assert.deepEqual(await keys.list(), []);
  });

  it('answers 403 to a caller without the admin scope, and changes nothing', async () => {
    const r = await call('POST', '/admin/api/keys', { name: 'x' }, 'chat');
    assert.equal(r.status, 403);
    assert.equal((await call('GET', '/admin/api/keys', undefined, 'chat')).status, 403);
    assert.deepEqual(await keys.list(), []);
  });

  it('revokes a key by id, and answers not found for an id that cannot be a key', async () => {
    const created = await call('POST', '/admin/api/keys', { name: 'r' });
    const id = String(created.json.id);
    const r = await call('POST', `/admin/api/keys/${id}/revoke`);
    assert.equal(r.status, 200);
    assert.equal(r.json.status, 'revoked');
    assert.ok((await keys.get(id))?.revokedAt !== undefined);
    // an id that cannot be a key is refused before any lookup, and never echoed back
    for (const bad of ['UPPER', 'a'.repeat(41), 'a.b', `x${'a'.repeat(40)}`, `${'a'.repeat(40)}Z`]) {
      const miss = await call('POST', `/admin/api/keys/${bad}/revoke`);
      assert.equal(miss.status, 404, bad);
      assert.equal(errorCode(miss.json), 'WARDEN_ADMIN_NOT_FOUND');
      assert.equal((miss.json.error as { message: string }).message, 'key not found');
    }
    assert.equal((await call('POST', '/admin/api/keys/abc/revoke')).status, 404);
  });

  it('rotates a key with the given grace, or an hour by default, uncached, naming the previous key', async () => {
    const first = await call('POST', '/admin/api/keys', { name: 'svc' });
    const id = String(first.json.id);
    const before = Date.now();
    const r = await call('POST', `/admin/api/keys/${id}/rotate`, { grace: '10m' });
    assert.equal(r.status, 201);
    assert.equal(r.headers.get('cache-control'), 'no-store');
    assert.equal(parseKey(String(r.json.key))?.id, r.json.id);
    assert.equal((r.json.previous as Record<string, unknown>).id, id);
    const old = (await keys.get(id)) as KeyRecord;
    assert.ok(old.expiresAt !== undefined && old.expiresAt >= before + 600_000);
    assert.ok(old.expiresAt <= Date.now() + 600_000);

    const second = await call('POST', '/admin/api/keys', { name: 'svc2' });
    const id2 = String(second.json.id);
    const start = Date.now();
    assert.equal((await call('POST', `/admin/api/keys/${id2}/rotate`, {})).status, 201);
    const old2 = (await keys.get(id2)) as KeyRecord;
    assert.ok(old2.expiresAt !== undefined && old2.expiresAt >= start + 3_600_000);
    assert.ok(old2.expiresAt <= Date.now() + 3_600_000);
    assert.equal((await call('POST', `/admin/api/keys/${id2}/rotate`, { grace: 'x' })).status, 400);
  });
});

describe('identity admin API: bans', () => {
  it('adds, lists and removes a ban on a principal whose id holds slashes', async () => {
    const who = 'jwt:https://idp.example/users/7';
    const added = await call('POST', '/admin/api/bans', { principal: who, reason: 'abuse', expires: '1d' });
    assert.equal(added.status, 201);
    assert.equal(added.json.by, 'admin:alice');
    assert.equal(added.json.reason, 'abuse');
    assert.ok(typeof added.json.expiresAt === 'number');
    const list = await call('GET', '/admin/api/bans');
    assert.deepEqual(
      (list.json.data as Record<string, unknown>[]).map((b) => b.principal),
      [who],
    );
    const removed = await call('DELETE', `/admin/api/bans/${who}`);
    assert.equal(removed.status, 200);
    assert.deepEqual(removed.json, { removed: who });
    assert.deepEqual(await bans.list(), []);
  });

  it('bans without a reason or expiry, and refuses an empty principal or unknown fields', async () => {
    const r = await call('POST', '/admin/api/bans', { principal: 'key:x' });
    assert.equal(r.status, 201);
    assert.equal(r.json.reason, 'no reason given');
    assert.equal('expiresAt' in r.json, false);
    assert.equal((await call('POST', '/admin/api/bans', { principal: '' })).status, 400);
    assert.equal((await call('POST', '/admin/api/bans', { principal: 'key:y', forever: true })).status, 400);
    assert.equal((await bans.list()).length, 1);
  });

  it('answers not found when removing a ban that does not exist', async () => {
    const r = await call('DELETE', '/admin/api/bans/key:none');
    assert.equal(r.status, 404);
    assert.equal(errorCode(r.json), 'WARDEN_ADMIN_NOT_FOUND');
    assert.equal((r.json.error as { message: string }).message, 'ban not found');
    assert.equal((await call('DELETE', '/admin/api/bans/')).status, 404);
  });
});

describe('identity admin API: the table', () => {
  it('names each entry for metrics and the audit, and puts every one behind the admin scope of the session realm', () => {
    const admin = new IdentityAdmin({ keys, bans, serverSecret: Buffer.alloc(32, 1) });
    const routes = identityAdminRoutes(admin);
    assert.deepEqual(
      routes.map((r) => `${r.method} ${r.path} ${r.name}`),
      [
        'GET /admin/api/keys identity.keys.list',
        'POST /admin/api/keys identity.keys.create',
        'POST /admin/api/keys/:id/revoke identity.keys.revoke',
        'POST /admin/api/keys/:id/rotate identity.keys.rotate',
        'GET /admin/api/bans identity.bans.list',
        'POST /admin/api/bans identity.bans.create',
        'DELETE /admin/api/bans/* identity.bans.remove',
      ],
    );
    for (const r of routes) {
      assert.deepEqual(r.scope, ['admin']);
      assert.equal(r.auth, 'session');
    }
  });

  it('tells what a duration looks like when one is wrong', async () => {
    const r = await call('POST', '/admin/api/keys', { name: 'x', expires: 'forever' });
    assert.equal(r.status, 400);
    assert.match(JSON.stringify(r.json), /a duration such as 90s, 15m, 1h, 7d/);
  });
});
