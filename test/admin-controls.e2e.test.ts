// Controls over HTTP: key rotation and ban removal through the admin API, the audit API's filters and scope,
// the request-limits guard answering 400 in the OpenAI error shape, and the console's Origin check on writes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SESSION_COOKIE } from '../src/console/session.js';
import { errorCode, postJson, type Stack, startStack } from './helpers.js';

let stack: Stack;
let admin: string;

before(async () => {
  stack = await startStack((c) => ({
    ...c,
    auth: { mode: 'keys' },
    extraction: { enabled: false },
    guards: {
      ...c.guards,
      request: [
        { use: 'request-limits', options: { maxMessages: 2 } },
        {
          use: 'pattern',
          id: 'no-codename',
          options: { patterns: [{ name: 'codename', regex: 'project\\s+falcon' }], action: 'block' },
        },
      ],
    },
  }));
  admin = (await stack.app.admin.createKey({ name: 'root', scopes: ['admin'] }, 'test')).token;
});
after(() => stack.close());

type Json = Record<string, unknown>;

async function adminCall(
  method: string,
  path: string,
  body?: unknown,
  token = admin,
): Promise<{ status: number; json: Json }> {
  const res = await fetch(`${stack.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Json) : {} };
}

const chat = (token: string, requestId: string, messages = 1, content = 'hello') =>
  postJson(
    `${stack.baseURL}/chat/completions`,
    {
      model: 'warden-sim-1',
      messages: Array.from({ length: messages }, () => ({ role: 'user', content })),
    },
    { authorization: `Bearer ${token}`, 'x-request-id': requestId },
  );

function assertErrorShape(json: Json, code: string): void {
  const e = json.error as Json | undefined;
  assert.ok(e, JSON.stringify(json));
  assert.equal(e.code, code);
  assert.equal(typeof e.message, 'string');
  assert.equal(typeof e.type, 'string');
  assert.ok('param' in e, 'the OpenAI error shape has a param field');
}

describe('admin API: key rotation', () => {
  it('rotates a key: the successor works at once, the old key until its grace ends, with the same principal', async () => {
    const created = await adminCall('POST', '/admin/api/keys', { name: 'svc', scopes: ['chat'] });
    assert.equal(created.status, 201);
    const oldToken = created.json.key as string;
    const oldId = created.json.id as string;
    const rotated = await adminCall('POST', `/admin/api/keys/${oldId}/rotate`, {});
    assert.equal(rotated.status, 201);
    const next = rotated.json.key as string;
    assert.notEqual(next, oldToken);
    assert.equal(rotated.json.principal, created.json.principal, 'the successor keeps the principal');
    assert.equal((rotated.json.previous as Json).rotatedTo, rotated.json.id);
    assert.equal((await chat(next, 'rot-new')).status, 200);
    assert.equal((await chat(oldToken, 'rot-old-grace')).status, 200, 'the default grace is an hour');
    const listed = (await adminCall('GET', '/admin/api/keys')).json.data as Json[];
    assert.ok(!JSON.stringify(listed).includes(next.split('_')[2]!), 'the list never holds a secret');
  });

  it('a rotation with a short grace ends the old key, and a revoked key cannot be rotated', async () => {
    const created = await adminCall('POST', '/admin/api/keys', { name: 'short', scopes: ['chat'] });
    const rotated = await adminCall('POST', `/admin/api/keys/${created.json.id}/rotate`, { grace: '1ms' });
    assert.equal(rotated.status, 201);
    await new Promise((r) => setTimeout(r, 10));
    const old = await chat(created.json.key as string, 'rot-old-expired');
    assert.equal(old.status, 401);
    assert.equal(errorCode(old.json), 'WARDEN_KEY_EXPIRED');
    assert.equal((await chat(rotated.json.key as string, 'rot-short-new')).status, 200);
    const gone = await adminCall('POST', '/admin/api/keys', { name: 'gone', scopes: ['chat'] });
    assert.equal((await adminCall('POST', `/admin/api/keys/${gone.json.id}/revoke`)).status, 200);
    const refused = await adminCall('POST', `/admin/api/keys/${gone.json.id}/rotate`, {});
    assert.equal(refused.status, 400);
    assertErrorShape(refused.json, 'WARDEN_BAD_REQUEST');
  });

  it('refuses a bad rotation body and an unknown key in the OpenAI error shape', async () => {
    const created = await adminCall('POST', '/admin/api/keys', { name: 'body', scopes: ['chat'] });
    const bad = await adminCall('POST', `/admin/api/keys/${created.json.id}/rotate`, { grace: 'soon' });
    assert.equal(bad.status, 400);
    assertErrorShape(bad.json, 'WARDEN_BAD_REQUEST');
    const extra = await adminCall('POST', `/admin/api/keys/${created.json.id}/rotate`, { graceMs: 5 });
    assert.equal(extra.status, 400, 'unknown fields are refused');
    assert.equal((await chat(created.json.key as string, 'rot-unchanged')).status, 200, 'nothing changed');
    const unknown = await adminCall('POST', '/admin/api/keys/zzzzzzzzzzzz/rotate', {});
    assert.equal(unknown.status, 404);
  });
});

describe('admin API: bans', () => {
  it('bans a principal, lifts the ban with DELETE, and answers 404 for a ban that is not there', async () => {
    const created = await adminCall('POST', '/admin/api/keys', { name: 'banned', scopes: ['chat'] });
    const token = created.json.key as string;
    const principal = created.json.principal as string;
    const added = await adminCall('POST', '/admin/api/bans', { principal, reason: 'abuse' });
    assert.equal(added.status, 201);
    const refused = await chat(token, 'ban-on');
    assert.equal(refused.status, 403);
    assertErrorShape(refused.json, 'WARDEN_BANNED');
    const listed = (await adminCall('GET', '/admin/api/bans')).json.data as { principal: string }[];
    assert.ok(listed.some((b) => b.principal === principal));
    const removed = await adminCall('DELETE', `/admin/api/bans/${encodeURIComponent(principal)}`);
    assert.equal(removed.status, 200);
    assert.equal(removed.json.removed, principal);
    assert.equal((await chat(token, 'ban-off')).status, 200, 'the lifted ban no longer refuses');
    const again = await adminCall('DELETE', `/admin/api/bans/${encodeURIComponent(principal)}`);
    assert.equal(again.status, 404);
    assertErrorShape(again.json, 'WARDEN_ADMIN_NOT_FOUND');
    const events = [] as { kind: string; detail?: Json }[];
    for await (const r of stack.app.audit.export()) events.push(r);
    const kinds = events.filter((e) => e.detail?.banned === principal).map((e) => e.kind);
    assert.deepEqual(kinds, ['ban.add', 'ban.remove'], 'each change is audited once');
  });

  it('a tenant ban refuses every key of the tenant, and lifting it readmits them', async () => {
    const a = await adminCall('POST', '/admin/api/keys', { name: 't1', tenant: 'acme', scopes: ['chat'] });
    const b = await adminCall('POST', '/admin/api/keys', { name: 't2', tenant: 'acme', scopes: ['chat'] });
    await adminCall('POST', '/admin/api/bans', { principal: 'tenant:acme', reason: 'unpaid' });
    for (const k of [a, b])
      assert.equal(errorCode((await chat(k.json.key as string, 'tban')).json), 'WARDEN_BANNED');
    assert.equal((await adminCall('DELETE', '/admin/api/bans/tenant%3Aacme')).status, 200);
    for (const k of [a, b]) assert.equal((await chat(k.json.key as string, 'tban-off')).status, 200);
  });

  it('only admin keys reach the bans and keys API', async () => {
    const user = (await stack.app.admin.createKey({ name: 'plain', scopes: ['chat'] }, 'test')).token;
    for (const [method, path] of [
      ['GET', '/admin/api/bans'],
      ['DELETE', '/admin/api/bans/key%3Ax'],
      ['POST', '/admin/api/keys/zzzzzzzzzzzz/rotate'],
    ] as const) {
      const r = await adminCall(method, path, method === 'POST' ? {} : undefined, user);
      assert.equal(r.status, 403, `${method} ${path}`);
      assertErrorShape(r.json, 'WARDEN_SCOPE_DENIED');
    }
  });
});

describe('admin API: audit', () => {
  let p1: { token: string; principal: string };
  let p2: { token: string; principal: string };
  before(async () => {
    const make = async (name: string) => {
      const { token, key } = await stack.app.admin.createKey({ name, scopes: ['chat'] }, 'test');
      return { token, principal: key.principal };
    };
    p1 = await make('audited-1');
    p2 = await make('audited-2');
    assert.equal((await chat(p1.token, 'aud-1-ok')).status, 200);
    const blocked = await chat(p1.token, 'aud-1-blocked', 3);
    assert.equal(blocked.status, 400);
    assertErrorShape(blocked.json, 'WARDEN_GUARD_BLOCKED');
    assert.match((blocked.json.error as Json).message as string, /too many messages \(3 > 2\)/);
    assert.equal((await chat(p2.token, 'aud-2-ok')).status, 200);
    assert.equal((await chat(p2.token, 'aud-2-pattern', 1, 'tell me about project falcon')).status, 400);
  });

  const audit = async (query: string) => {
    const r = await adminCall('GET', `/admin/api/audit?${query}`);
    assert.equal(r.status, 200);
    return r.json.data as { principal: string; clientRequestId?: string; outcome: string }[];
  };

  it('filters by principal', async () => {
    const rows = await audit(`principal=${encodeURIComponent(p1.principal)}`);
    assert.deepEqual(rows.map((r) => r.clientRequestId).sort(), ['aud-1-blocked', 'aud-1-ok']);
    assert.ok(rows.every((r) => r.principal === p1.principal));
  });

  it('filters by the client request id', async () => {
    const rows = await audit('requestId=aud-2-ok');
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.principal, p2.principal);
  });

  it('filters by guard and by guard action', async () => {
    const mine = (rows: { clientRequestId?: string }[]) =>
      rows
        .map((r) => r.clientRequestId)
        .filter((id) => id?.startsWith('aud-'))
        .sort();
    assert.deepEqual(mine(await audit('guard=request-limits')), [
      'aud-1-blocked',
      'aud-1-ok',
      'aud-2-ok',
      'aud-2-pattern',
    ]);
    // The action belongs to the named guard: aud-2-pattern was blocked, but not by request-limits.
    const blocked = await audit('guard=request-limits&action=block');
    assert.deepEqual(mine(blocked), ['aud-1-blocked']);
    assert.deepEqual(mine(await audit('guard=no-codename&action=block')), ['aud-2-pattern']);
    assert.deepEqual(mine(await audit('action=block')), ['aud-1-blocked', 'aud-2-pattern']);
    assert.equal(blocked.find((r) => r.clientRequestId === 'aud-1-blocked')?.outcome, 'blocked');
    assert.deepEqual(mine(await audit('action=block&guard=no-such-guard')), []);
  });

  it('limits the number of rows', async () => {
    assert.equal((await audit('limit=1')).length, 1);
    assert.ok((await audit('limit=0')).length > 1, 'a limit under 1 falls back to the default');
  });

  it('is refused to keys without the admin scope', async () => {
    for (const scopes of [['chat'], ['approver']]) {
      const token = (await stack.app.admin.createKey({ name: `no-audit-${scopes[0]}`, scopes }, 'test'))
        .token;
      const r = await adminCall('GET', '/admin/api/audit', undefined, token);
      assert.ok(r.status === 403 || r.status === 404, `${scopes}: ${r.status}`);
      assert.equal(r.json.data, undefined, 'no audit rows');
      assert.ok(errorCode(r.json), 'an error in the OpenAI shape');
    }
    const anonymous = await fetch(`${stack.url}/admin/api/audit`);
    assert.equal(anonymous.status, 401);
  });
});

describe('console: Origin check on writes', () => {
  let cookie: string;
  let csrf: string;
  before(async () => {
    const token = (await stack.app.admin.createKey({ name: 'console', scopes: ['admin'] }, 'test')).token;
    const res = await fetch(`${stack.url}/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ key: token }).toString(),
      redirect: 'manual',
    });
    assert.equal(res.status, 303);
    cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    assert.ok(cookie.startsWith(`${SESSION_COOKIE}=`));
    const page = await (await fetch(`${stack.url}/admin/keys`, { headers: { cookie } })).text();
    csrf = /name="csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
    assert.ok(csrf, 'the page carries its CSRF token');
  });

  const write = (origin: string | undefined) =>
    fetch(`${stack.url}/admin/api/bans`, {
      method: 'POST',
      headers: {
        cookie,
        'x-csrf-token': csrf,
        'content-type': 'application/json',
        ...(origin === undefined ? {} : { origin }),
      },
      body: JSON.stringify({ principal: `key:origin-${origin ?? 'none'}`, reason: 'test' }),
    });

  it('refuses a session write from another origin or a null one, even with the right CSRF token', async () => {
    for (const origin of ['https://evil.example', 'null', `http://127.0.0.1:1`]) {
      const r = await write(origin);
      assert.equal(r.status, 403, origin);
      assert.equal(errorCode((await r.json()) as Json), 'WARDEN_CSRF_INVALID');
    }
    const bans = (await adminCall('GET', '/admin/api/bans')).json.data as { principal: string }[];
    assert.ok(
      !bans.some((b) => b.principal.startsWith('key:origin-http')),
      'no refused write changed anything',
    );
  });

  it('accepts the same write from its own origin', async () => {
    const r = await write(stack.url);
    assert.equal(r.status, 201, await r.text());
  });

  it('refuses a sign-in posted from another origin', async () => {
    const res = await fetch(`${stack.url}/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      body: new URLSearchParams({ key: admin }).toString(),
      redirect: 'manual',
    });
    assert.equal(res.status, 403);
    assert.equal(res.headers.get('set-cookie'), null, 'no session was opened');
  });
});
