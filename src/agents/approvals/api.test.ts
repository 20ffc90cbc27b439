// The approvals HTTP API behind a real route table: the approvers' console endpoints (session realm) and the
// requester's poll endpoint (API keys), with the principals, ids and bodies a deployment sees.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { pino } from 'pino';
import type { Principal } from '../../core/context.js';
import { WardenError } from '../../core/errors.js';
import { type Realm, RouteTable } from '../../http/route-table.js';
import { MemoryApprovalStore } from '../../store/memory/approvals.js';
import type { ApprovalListFilter, ApprovalRecord } from '../../store/types.js';
import { approvalRoutes, approverView } from './api.js';
import { ApprovalQueue, type CallToApprove } from './queue.js';

const agent: Principal = { id: 'key:agent', kind: 'apiKey', scopes: ['chat'], tenant: 'acme' };
const other: Principal = { id: 'key:other', kind: 'apiKey', scopes: ['chat'], tenant: 'acme' };
const alice: Principal = { id: 'user:alice', kind: 'apiKey', scopes: ['approver'], tenant: 'acme' };
const bob: Principal = { id: 'user:bob', kind: 'apiKey', scopes: ['approver'], tenant: 'globex' };
const root: Principal = { id: 'user:root', kind: 'apiKey', scopes: ['admin'] };
const viewer: Principal = { id: 'user:eve', kind: 'apiKey', scopes: ['chat'], tenant: 'acme' };

/** A realm that knows its own tokens only: `prefix:name` names a principal of this realm. */
function realm(prefix: string, principals: Record<string, Principal>): Realm {
  return {
    authenticate(req) {
      const m = /^Bearer (\w+):(\w+)$/.exec(req.headers.authorization ?? '');
      if (!m) throw new WardenError('WARDEN_AUTH_MISSING');
      const principal = m[1] === prefix ? principals[m[2]!] : undefined;
      if (!principal) throw new WardenError('WARDEN_AUTH_INVALID');
      return { principal };
    },
    holds: (p, scope) => p.scopes.includes(scope),
  };
}

const clock = { now: Date.UTC(2026, 11, 4, 12, 0, 0) };
let store: MemoryApprovalStore;
let queue: ApprovalQueue;
let server: Server;
let base: string;
const lists: ApprovalListFilter[] = [];
const gets: string[] = [];

before(async () => {
  const table = new RouteTable(
    approvalRoutes({
      list: (p: Principal, f: ApprovalListFilter) => {
        lists.push(f);
        return queue.list(p, f);
      },
      get: (id: string) => {
        gets.push(id);
        return queue.get(id);
      },
      canReview: (p: Principal, r: ApprovalRecord) => queue.canReview(p, r),
      decide: (...a: Parameters<ApprovalQueue['decide']>) => queue.decide(...a),
    } as unknown as ApprovalQueue),
    {
      maxBodyBytes: 1024 * 1024,
      maxJsonDepth: 8,
      realms: {
        session: realm('session', { alice, bob, root, viewer, agent }),
        key: realm('key', { agent, other, alice }),
      },
    },
  );
  server = createServer((req, res) => void table.dispatch(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  store = new MemoryApprovalStore();
  queue = new ApprovalQueue({
    store,
    log: pino({ level: 'silent' }),
    ttlMs: 60_000,
    redeemMs: 30_000,
    pollMs: 10,
    now: () => clock.now,
  });
  lists.length = 0;
  gets.length = 0;
});

const ask = (over: Partial<CallToApprove> = {}) =>
  queue.request({
    principal: agent,
    route: 'chat',
    model: 'gpt-4o',
    tool: 'delete_user',
    args: { id: '42', hard: true },
    place: { choice: 0, position: 0, count: 1 },
    reason: 'destructive',
    requestId: 'req-1',
    excerpt: 'delete user 42',
    ...over,
  });

interface Answer {
  error?: { code: string; message: string };
  data?: { id: string; status: string }[];
  [field: string]: unknown;
}

async function call(method: string, path: string, token: string, body?: string) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body }),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: JSON.parse(text) as Answer };
}
const code = (r: { json: Answer }) => r.json.error?.code;

describe('approvals API routes', () => {
  it('declares the approvers endpoints on the console session for approver or admin, the poll for any key', () => {
    const entries = approvalRoutes(queue).map((e) => [e.method, e.path, e.scope, e.auth, e.name]);
    assert.deepEqual(entries, [
      ['GET', '/admin/api/approvals', ['approver', 'admin'], 'session', 'approvals.list'],
      ['GET', '/admin/api/approvals/:id', ['approver', 'admin'], 'session', 'approvals.get'],
      ['POST', '/admin/api/approvals/:id/approve', ['approver', 'admin'], 'session', 'approvals.approve'],
      ['POST', '/admin/api/approvals/:id/deny', ['approver', 'admin'], 'session', 'approvals.deny'],
      ['GET', '/v1/approvals/:id', 'authenticated', undefined, 'approvals.poll'],
    ]);
  });

  it('refuses the approvers endpoints to an API key and to a session without the approver scope', async () => {
    const a = await ask();
    assert.equal(code(await call('GET', '/admin/api/approvals', 'key:alice')), 'WARDEN_AUTH_INVALID');
    for (const [m, p] of [
      ['GET', '/admin/api/approvals'],
      ['GET', `/admin/api/approvals/${a.id}`],
      ['POST', `/admin/api/approvals/${a.id}/approve`],
      ['POST', `/admin/api/approvals/${a.id}/deny`],
    ] as const) {
      const r = await call(m, p, 'session:viewer', m === 'POST' ? '{}' : undefined);
      assert.equal(r.status, 403, `${m} ${p}`);
      assert.equal(code(r), 'WARDEN_SCOPE_DENIED');
    }
    assert.equal((await queue.get(a.id))?.status, 'pending');
  });
});

describe('approvals API: listing and reading', () => {
  it("lists the approvals of the approver's tenant with the call, the requester and the redacted context", async () => {
    const a = await ask();
    await ask({ principal: { ...other, tenant: 'globex' } });
    const r = await call('GET', '/admin/api/approvals', 'session:alice');
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('cache-control'), 'no-store');
    assert.deepEqual(r.json, {
      data: [
        {
          id: a.id,
          status: 'pending',
          tool: 'delete_user',
          arguments: { hard: true, id: '42' },
          requester: 'key:agent',
          tenant: 'acme',
          route: 'chat',
          model: 'gpt-4o',
          reason: 'destructive',
          context: { requestId: 'req-1', excerpt: 'delete user 42' },
          createdAt: '2026-12-04T12:00:00.000Z',
          expiresAt: '2026-12-04T12:01:00.000Z',
        },
      ],
    });
    assert.deepEqual(lists, [{ limit: 100 }], 'no status filter unless asked');
  });

  it('filters by a known status and refuses an unknown one without listing', async () => {
    const a = await ask();
    const b = await ask({ args: { id: '43' } });
    await queue.decide(b.id, alice, 'denied');
    const pending = await call('GET', '/admin/api/approvals?status=pending', 'session:root');
    assert.deepEqual(
      pending.json.data?.map((x) => x.id),
      [a.id],
    );
    const denied = await call('GET', '/admin/api/approvals?status=denied', 'session:root');
    assert.deepEqual(
      denied.json.data?.map((x) => [x.id, x.status]),
      [[b.id, 'denied']],
    );
    for (const s of ['approved', 'expired'])
      assert.equal((await call('GET', `/admin/api/approvals?status=${s}`, 'session:root')).status, 200, s);
    lists.length = 0;
    for (const s of ['used', 'Pending', '', 'pending,denied']) {
      const r = await call('GET', `/admin/api/approvals?status=${encodeURIComponent(s)}`, 'session:root');
      assert.equal(r.status, 400, JSON.stringify(s));
      assert.equal(code(r), 'WARDEN_BAD_REQUEST');
      assert.match(r.json.error?.message ?? '', /status: one of pending, approved, denied, expired/);
    }
    assert.deepEqual(lists, [], 'a bad filter lists nothing');
  });

  it('keeps the page size between 1 and 1000, 100 when missing or unreadable', async () => {
    const cases: [string, number][] = [
      ['', 100],
      ['?limit=1', 1],
      ['?limit=250', 250],
      ['?limit=1000', 1000],
      ['?limit=1001', 1000],
      ['?limit=99999999', 1000],
      ['?limit=0', 100],
      ['?limit=-5', 1],
      ['?limit=abc', 100],
    ];
    for (const [q, want] of cases) {
      lists.length = 0;
      assert.equal((await call('GET', `/admin/api/approvals${q}`, 'session:root')).status, 200, q);
      assert.deepEqual(lists, [{ limit: want }], q);
    }
    await ask();
    await ask({ args: { id: '43' } });
    const one = await call('GET', '/admin/api/approvals?limit=1&status=pending', 'session:root');
    assert.equal(one.json.data?.length, 1);
  });

  it('reads one approval for a reviewer of its tenant; another tenant or an unknown id is not found', async () => {
    const a = await ask();
    const r = await call('GET', `/admin/api/approvals/${a.id}`, 'session:alice');
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('cache-control'), 'no-store');
    assert.equal(r.json.id, a.id);
    assert.deepEqual(r.json.arguments, { hard: true, id: '42' });
    assert.equal((await call('GET', `/admin/api/approvals/${a.id}`, 'session:root')).status, 200);
    const hidden = await call('GET', `/admin/api/approvals/${a.id}`, 'session:bob');
    const missing = await call('GET', '/admin/api/approvals/apr_doesnotexist', 'session:bob');
    assert.equal(hidden.status, 404);
    assert.deepEqual(hidden.json, missing.json, "another tenant's approval looks missing");
    assert.equal(code(missing), 'WARDEN_ADMIN_NOT_FOUND');
    assert.equal(missing.json.error?.message, 'approval not found');
  });

  it('refuses ids that are not approval ids before reading the store', async () => {
    const long = `apr_${'a'.repeat(41)}`;
    for (const id of [
      'apr_',
      'xapr_abc',
      'APR_abc',
      'apr_ab.c',
      'apr_ab%20c',
      'apr_abc%0A',
      'key_abc',
      long,
    ]) {
      gets.length = 0;
      const r = await call('GET', `/admin/api/approvals/${id}`, 'session:root');
      assert.equal(r.status, 404, id);
      assert.equal(code(r), 'WARDEN_ADMIN_NOT_FOUND');
      assert.equal(r.json.error?.message, 'approval not found', 'the id is never echoed');
      assert.deepEqual(gets, [], `${id} never reaches the store`);
      const poll = await call('GET', `/v1/approvals/${id}`, 'key:agent');
      assert.equal(poll.status, 404, id);
      assert.equal(poll.json.error?.message, 'approval not found');
      assert.deepEqual(gets, [], `${id} is not polled`);
    }
    for (const id of ['apr_a', 'apr_Z-9_x', `apr_${'b'.repeat(40)}`]) {
      gets.length = 0;
      assert.equal((await call('GET', `/admin/api/approvals/${id}`, 'session:root')).status, 404);
      assert.deepEqual(gets, [id], `${id} is a well-formed id`);
    }
  });
});

describe('approvers view', () => {
  const record: ApprovalRecord = {
    id: 'apr_view',
    callHash: 'h',
    tool: 'drop_table',
    arguments: '{"t":"users"}',
    requester: 'key:agent',
    route: 'mcp:db',
    reason: 'r',
    context: { requestId: 'req-9' },
    status: 'pending',
    createdAt: Date.UTC(2026, 0, 1),
    expiresAt: Date.UTC(2026, 0, 2),
  };

  it('leaves out what a pending approval without tenant or model does not have', () => {
    assert.deepEqual(approverView(record), {
      id: 'apr_view',
      status: 'pending',
      tool: 'drop_table',
      arguments: { t: 'users' },
      requester: 'key:agent',
      route: 'mcp:db',
      reason: 'r',
      context: { requestId: 'req-9' },
      createdAt: '2026-01-01T00:00:00.000Z',
      expiresAt: '2026-01-02T00:00:00.000Z',
    });
  });

  it('shows arguments that are not JSON as the stored string, and every decision field once decided', () => {
    const decided: ApprovalRecord = {
      ...record,
      arguments: '{"t":',
      tenant: 'acme',
      model: 'm',
      status: 'approved',
      decidedBy: 'user:alice',
      decidedAt: Date.UTC(2026, 0, 1, 1),
      decisionReason: 'ok once',
      usedAt: Date.UTC(2026, 0, 1, 2),
    };
    assert.deepEqual(approverView(decided), {
      id: 'apr_view',
      status: 'approved',
      tool: 'drop_table',
      arguments: '{"t":',
      requester: 'key:agent',
      tenant: 'acme',
      route: 'mcp:db',
      model: 'm',
      reason: 'r',
      context: { requestId: 'req-9' },
      createdAt: '2026-01-01T00:00:00.000Z',
      expiresAt: '2026-01-02T00:00:00.000Z',
      decidedBy: 'user:alice',
      decidedAt: '2026-01-01T01:00:00.000Z',
      decisionReason: 'ok once',
      usedAt: '2026-01-01T02:00:00.000Z',
    });
  });
});

describe('approvals API: decisions', () => {
  it('an approver of the tenant approves with a reason; the answer shows who decided, when and why', async () => {
    const a = await ask();
    clock.now += 5_000;
    const r = await call(
      'POST',
      `/admin/api/approvals/${a.id}/approve`,
      'session:alice',
      '{"reason":"ok once"}',
    );
    clock.now -= 5_000;
    assert.equal(r.status, 200);
    assert.equal(r.json.status, 'approved');
    assert.equal(r.json.decidedBy, 'user:alice');
    assert.equal(r.json.decidedAt, '2026-12-04T12:00:05.000Z');
    assert.equal(r.json.decisionReason, 'ok once');
    assert.equal(r.json.expiresAt, '2026-12-04T12:00:35.000Z', 'redeemable for redeemMs');
    assert.equal((await queue.get(a.id))?.status, 'approved');
  });

  it('deny denies, also without a body, and a decided approval cannot be decided again', async () => {
    const a = await ask();
    const r = await call('POST', `/admin/api/approvals/${a.id}/deny`, 'session:root');
    assert.equal(r.status, 200);
    assert.equal(r.json.status, 'denied');
    assert.equal('decisionReason' in r.json, false);
    assert.equal((await queue.get(a.id))?.status, 'denied');
    const again = await call('POST', `/admin/api/approvals/${a.id}/approve`, 'session:alice', '{}');
    assert.equal(again.status, 409);
    assert.equal(code(again), 'WARDEN_APPROVAL_CONFLICT');
    assert.equal((await queue.get(a.id))?.status, 'denied');
  });

  it('the requester cannot decide its own call, nor an approver of another tenant', async () => {
    const a = await ask({ principal: { ...alice, scopes: ['chat', 'approver'] } });
    const self = await call('POST', `/admin/api/approvals/${a.id}/approve`, 'session:alice', '{}');
    assert.equal(self.status, 403);
    assert.equal(code(self), 'WARDEN_APPROVAL_SELF');
    const foreign = await call('POST', `/admin/api/approvals/${a.id}/approve`, 'session:bob', '{}');
    assert.equal(foreign.status, 404);
    assert.equal(code(foreign), 'WARDEN_ADMIN_NOT_FOUND');
    const bad = await call('POST', '/admin/api/approvals/apr_no.such/approve', 'session:root', '{}');
    assert.equal(bad.status, 404);
    assert.equal((await queue.get(a.id))?.status, 'pending');
  });

  it('refuses a reason over 500 characters and a body over 16 KiB, leaving the approval pending', async () => {
    const a = await ask();
    const long = await call(
      'POST',
      `/admin/api/approvals/${a.id}/approve`,
      'session:alice',
      JSON.stringify({ reason: 'x'.repeat(501) }),
    );
    assert.equal(long.status, 400);
    assert.equal(code(long), 'WARDEN_BAD_REQUEST');
    const wrongType = await call(
      'POST',
      `/admin/api/approvals/${a.id}/deny`,
      'session:alice',
      '{"reason":5}',
    );
    assert.equal(wrongType.status, 400);
    const big = await call(
      'POST',
      `/admin/api/approvals/${a.id}/approve`,
      'session:alice',
      JSON.stringify({ reason: 'ok', pad: 'p'.repeat(17 * 1024) }),
    );
    assert.equal(big.status, 413);
    assert.equal(code(big), 'WARDEN_BODY_TOO_LARGE');
    assert.equal((await queue.get(a.id))?.status, 'pending');
    const fits = await call(
      'POST',
      `/admin/api/approvals/${a.id}/approve`,
      'session:alice',
      JSON.stringify({ reason: 'y'.repeat(500), pad: 'p'.repeat(15 * 1024) }),
    );
    assert.equal(fits.status, 200);
    assert.equal(fits.json.decisionReason, 'y'.repeat(500));
  });
});

describe('approvals API: the requester polls', () => {
  it('the requester sees the status, expiry and poll URL of its pending approval, not the arguments', async () => {
    const a = await ask();
    const r = await call('GET', `/v1/approvals/${a.id}`, 'key:agent');
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('cache-control'), 'no-store');
    assert.deepEqual(r.json, {
      id: a.id,
      status: 'pending',
      tool: 'delete_user',
      expires_at: '2026-12-04T12:01:00.000Z',
      poll_url: `/v1/approvals/${a.id}`,
      used: false,
    });
  });

  it('after a decision it sees when and why; once redeemed it is marked used', async () => {
    const a = await ask();
    await queue.decide(a.id, alice, 'approved', 'go ahead');
    const r = await call('GET', `/v1/approvals/${a.id}`, 'key:agent');
    assert.equal(r.json.status, 'approved');
    assert.equal(r.json.decided_at, '2026-12-04T12:00:00.000Z');
    assert.equal(r.json.decision_reason, 'go ahead');
    assert.equal(r.json.used, false);
    assert.equal(await queue.consume(a.id, a.callHash), true);
    assert.equal((await call('GET', `/v1/approvals/${a.id}`, 'key:agent')).json.used, true);
    const b = await ask({ args: { id: '7' } });
    await queue.decide(b.id, alice, 'denied');
    const denied = await call('GET', `/v1/approvals/${b.id}`, 'key:agent');
    assert.equal(denied.json.status, 'denied');
    assert.equal('decision_reason' in denied.json, false);
  });

  it("another principal's approval, even an approver's view of it, is indistinguishable from a missing one", async () => {
    const a = await ask();
    const missing = await call('GET', '/v1/approvals/apr_missing', 'key:other');
    for (const token of ['key:other', 'key:alice']) {
      const r = await call('GET', `/v1/approvals/${a.id}`, token);
      assert.equal(r.status, 404, token);
      assert.deepEqual(r.json, missing.json, token);
    }
    assert.equal(code(missing), 'WARDEN_ADMIN_NOT_FOUND');
    assert.equal((await call('GET', `/v1/approvals/${a.id}`, 'session:agent')).status, 401, 'API keys only');
  });
});
